import type { Condition, EvaluateContext, KubeObject } from '@kubetrack/core';
import { generationOf, observedGenerationOf, toGeneration } from './generation.js';

/** How long a controller that does not report observedGeneration gets to react to an apply. */
export const UNCONFIRMED_FAILURE_GRACE_MS = 10_000;

/** Set when the condition was written for an older generation than the object's spec. */
export function olderGeneration(condition: Condition, object: KubeObject): string | undefined {
  const generation = generationOf(object);
  const observed = toGeneration(condition.observedGeneration);
  if (generation === undefined || observed === undefined || observed >= generation) return undefined;
  return `its ${condition.type} condition describes generation ${observed}, not ${generation}`;
}

/**
 * How long to hold back a failure verdict that may describe the spec before the apply.
 * When the controller reports observedGeneration the generation check has already decided,
 * and a failure that happened after tracking started is this spec's; otherwise a failure
 * that was already there gets a short grace for the controller to react to the change.
 */
export function unconfirmedFailureWaitMs(object: KubeObject, condition: Condition | undefined, context: EvaluateContext): number {
  if (observedGenerationOf(object) !== undefined || toGeneration(condition?.observedGeneration) !== undefined) return 0;
  const startSecond = Math.floor(context.trackingStartedAt / 1000) * 1000;
  const reportedAt = Date.parse(condition?.lastTransitionTime ?? '');
  if (!Number.isNaN(reportedAt) && reportedAt >= startSecond) return 0;
  const createdAt = Date.parse(object.metadata.creationTimestamp ?? '');
  if (!Number.isNaN(createdAt) && createdAt >= startSecond) return 0;
  return Math.max(0, context.trackingStartedAt + UNCONFIRMED_FAILURE_GRACE_MS - context.now);
}
