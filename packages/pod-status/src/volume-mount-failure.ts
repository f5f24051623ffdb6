import type { Failure, KubeEvent } from '@kubetrack/core';
import { failureHint, missingObjectIn } from './failure-hints.js';
import { eventTime } from './pod-events.js';
import type { Pod } from './pod-types.js';

/** Volume sources that will not appear by themselves: a missing Secret, ConfigMap or claim. */
const PERMANENT_MOUNT_PROBLEM = /\bnot found\b|does not exist|not exist|no such/i;
const MOUNT_REASONS = new Set(['FailedMount', 'FailedAttachVolume']);

/**
 * A pod stuck in ContainerCreating because a volume cannot be mounted. The kubelet says so only
 * in Warning events (FailedMount), never in a container state, so kubedog and kubectl wait for
 * the timeout. `events` are this pod's own.
 */
export function volumeMountFailure(pod: Pod, events: readonly KubeEvent[]): Failure | undefined {
  if ((pod.status?.phase ?? 'Pending') !== 'Pending') return undefined;
  const started = [...(pod.status?.containerStatuses ?? [])].some((s) => s.state?.running || s.state?.terminated);
  if (started) return undefined;
  const latest = events
    .filter((event) => event.type === 'Warning' && MOUNT_REASONS.has(event.reason))
    .sort((a, b) => (eventTime(a) ?? 0) - (eventTime(b) ?? 0))
    .at(-1);
  if (!latest) return undefined;
  const permanent = PERMANENT_MOUNT_PROBLEM.test(latest.message);
  return {
    id: `${pod.metadata.uid ?? pod.metadata.name}/volumes/${latest.reason}${permanent ? '/permanent' : ''}`,
    code: 'invalid-config',
    message: `pod/${pod.metadata.name ?? ''}: cannot mount its volumes: ${latest.reason}: ${latest.message}`,
    object: `Pod/${pod.metadata.name ?? ''}`,
    subject: { kind: 'Pod', name: pod.metadata.name ?? '' },
    ...(permanent ? { permanent: true } : {}),
    hint: volumeHint(pod, latest.message),
  };
}

function volumeHint(pod: Pod, message: string): string {
  const namespace = pod.metadata.namespace ?? 'default';
  const missing = missingObjectIn(message);
  return missing
    ? failureHint({ kind: 'missing-object', ...missing, namespace })
    : failureHint({ kind: 'volume-mount', pod: pod.metadata.name ?? '', namespace });
}
