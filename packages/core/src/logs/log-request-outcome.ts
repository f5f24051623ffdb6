import { isApiError } from '../transport/api-error.js';

/** What a failed pods/log request means for the follower. */
export type LogRequestOutcome =
  /** The container has not started (or the pod is not scheduled): try again later. */
  | { kind: 'not-started' }
  /** The pod no longer exists. */
  | { kind: 'pod-gone' }
  /** The container is terminated and the kubelet has nothing to serve. */
  | { kind: 'no-logs' }
  /** Credentials expired or were rejected. */
  | { kind: 'unauthorized' }
  /** Not allowed, or a request the server will never accept: report once and give up. */
  | { kind: 'fatal' }
  /** A cut, a 5xx, a 429: reconnect after a backoff (at least `retryAfterMs`). */
  | { kind: 'transient'; retryAfterMs?: number };

// Kubelet and API server wording (pkg/kubelet/kubelet_pods.go validateContainerLogStatus,
// pkg/registry/core/pod/strategy.go LogLocation).
const NOT_STARTED = /is waiting to start|ContainerCreating|PodInitializing|does not have a host assigned|is not available/i;
const NO_LOGS = /previous terminated container .* not found|is terminated\b/i;

export function classifyLogRequestError(error: unknown): LogRequestOutcome {
  if (!isApiError(error)) return { kind: 'transient' };
  switch (error.status) {
    case 400:
      if (NOT_STARTED.test(error.message)) return { kind: 'not-started' };
      if (NO_LOGS.test(error.message)) return { kind: 'no-logs' };
      return { kind: 'fatal' };
    case 401:
      return { kind: 'unauthorized' };
    case 403:
      return { kind: 'fatal' };
    case 404:
      return { kind: 'pod-gone' };
    default:
      if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        return { kind: 'fatal' };
      }
      return {
        kind: 'transient',
        ...(error.details.retryAfterMs === undefined ? {} : { retryAfterMs: error.details.retryAfterMs }),
      };
  }
}
