import type { Failure, KubeEvent, KubeObject, LogSource, PodSummary } from '@kubetrack/core';
import { containerFailures } from './container-failures.js';
import { findCondition } from './find-condition.js';
import { eventsAboutPod } from './pod-events.js';
import { podLogSources } from './pod-log-sources.js';
import type { Pod } from './pod-types.js';
import { summarizePod } from './summarize-pod.js';
import { volumeMountFailure } from './volume-mount-failure.js';
import { assessScheduling, type SchedulingContext } from './unschedulable.js';

export interface PodAssessment {
  name: string;
  uid: string;
  phase: string;
  /** Condition Ready=True. */
  ready: boolean;
  failures: Failure[];
  /** The kubectl-like row, with the first failure (or the scheduler's complaint) as `error`. */
  summary: PodSummary;
  /** Every init and regular container. */
  logSources: LogSource[];
  /** Re-evaluate after this long even if nothing changes (a scheduling grace period is running). */
  recheckAfterMs?: number;
}

/**
 * Everything a workload rule needs to know about one pod. Pure: `events` are the
 * snapshot's events (any object); only those about this pod are read.
 */
export function assessPod(
  object: KubeObject,
  context: SchedulingContext,
  events: readonly KubeEvent[] = [],
): PodAssessment {
  const pod = object as Pod;
  const status = pod.status ?? {};
  const scheduling = assessScheduling(pod, context);
  const failures = failuresOf(pod, events, context.trackingStartedAt);
  if (scheduling.failure) failures.unshift(scheduling.failure);
  const error = failures[0]?.message ?? scheduling.waitingReason;

  return {
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    phase: status.phase ?? 'Pending',
    ready: findCondition(status.conditions, 'Ready')?.status === 'True',
    failures,
    summary: { ...summarizePod(pod), ...(error ? { error } : {}) },
    logSources: podLogSources(pod),
    ...(scheduling.recheckAfterMs === undefined ? {} : { recheckAfterMs: scheduling.recheckAfterMs }),
  };
}

function failuresOf(pod: Pod, events: readonly KubeEvent[], trackingStartedAt: number): Failure[] {
  // A pod being deleted exits by design, and one the kubelet evicted or lost was not failed by its containers.
  if (pod.metadata.deletionTimestamp) return [];
  if (pod.status?.phase === 'Failed' && pod.status.reason) return [];
  const podEvents = eventsAboutPod(events, pod);
  const failures = containerFailures(pod, podEvents, trackingStartedAt);
  const mount = failures.length === 0 ? volumeMountFailure(pod, podEvents) : undefined;
  return mount ? [mount] : failures;
}
