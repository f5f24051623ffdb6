import type { Failure } from '@kubetrack/core';
import { failureHint } from './failure-hints.js';
import { findCondition } from './find-condition.js';
import type { Pod } from './pod-types.js';

export interface SchedulingContext {
  now: number;
  trackingStartedAt: number;
  schedulingGracePeriodMs: number;
}

export interface SchedulingAssessment {
  failure?: Failure;
  /** Set while the pod is unschedulable but still within its grace period. */
  recheckAfterMs?: number;
  /** The scheduler's explanation while the pod waits for a node. */
  waitingReason?: string;
}

/**
 * A pod the scheduler cannot place fails once it has stayed unschedulable for the grace
 * period, counted from when it became unschedulable or from the tracking start, whichever
 * is later (a cluster autoscaler may still add a node in the meantime).
 */
export function assessScheduling(pod: Pod, context: SchedulingContext): SchedulingAssessment {
  const scheduled = findCondition(pod.status?.conditions, 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable' || pod.metadata.deletionTimestamp) return {};

  const name = pod.metadata.name ?? '';
  const reason = scheduled.message || 'no node fits the pod';
  const since = Math.max(Date.parse(scheduled.lastTransitionTime ?? '') || 0, context.trackingStartedAt);
  const remainingMs = since + context.schedulingGracePeriodMs - context.now;
  if (remainingMs > 0) return { recheckAfterMs: remainingMs, waitingReason: reason };

  return {
    waitingReason: reason,
    failure: {
      id: `${pod.metadata.uid ?? name}/unschedulable`,
      code: 'scheduling',
      message: `pod/${name} cannot be scheduled for ${formatSeconds(context.now - since)}: ${reason}`,
      object: `Pod/${name}`,
      subject: { kind: 'Pod', name },
      permanent: true,
      hint: failureHint({
        kind: 'unschedulable',
        pod: name,
        namespace: pod.metadata.namespace ?? 'default',
        ...(pod.spec?.nodeSelector ? { nodeSelector: pod.spec.nodeSelector } : {}),
        taints: /taint/i.test(reason),
      }),
    },
  };
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}
