import type { Failure, Verdict } from '@kubetrack/core';
import type { PodsReport } from './pods-report.js';

export interface ControllerVerdictInput {
  /** "deploy/web" */
  name: string;
  /** Empty when ready. */
  waitingFor: readonly string[];
  readyMessage: string;
  /** Replaces "waiting for ..." when something more useful can be said (e.g. paused). */
  waitingMessage?: string;
  /** Progress stops until someone acts (paused, old pods to delete by hand): what is needed. */
  blocked?: string;
  progress: Readonly<Record<string, string | number>>;
  pods: PodsReport;
  /** Failures of the controller itself (e.g. it cannot create pods), reported before the pods'. */
  controllerFailures?: readonly Failure[];
  /**
   * How many of the judged pods the controller's status counts as available. A pod is Ready in
   * its own status before the controller counts it, so fewer Ready pods in the cache means the
   * pod watch lags the controller's: said as `childrenBehind`, so their logs are not missed.
   */
  availableInStatus?: number;
}

/** Ready when nothing is awaited; otherwise progressing, with the rollout's failures for core to count. */
export function controllerVerdict(input: ControllerVerdictInput): Verdict {
  const { pods } = input;
  const common = { progress: input.progress, pods: pods.pods, logSources: pods.logSources };
  if (input.waitingFor.length === 0) {
    // A crash that happened on the way does not matter once the rollout is complete.
    const unseen = (input.availableInStatus ?? 0) - pods.readyCount;
    return {
      state: 'ready',
      message: input.readyMessage,
      ...common,
      ...(unseen > 0 ? { childrenBehind: `${unseen} available ${unseen === 1 ? 'pod' : 'pods'} not seen ready yet` } : {}),
    };
  }
  const failures = [...(input.controllerFailures ?? []), ...pods.failures];
  return {
    state: 'progressing',
    message: input.waitingMessage ?? `${input.name}: waiting for ${input.waitingFor.join(', ')}`,
    waitingFor: input.waitingFor,
    ...(input.blocked ? { blocked: input.blocked } : {}),
    ...common,
    ...(failures.length > 0 ? { failures } : {}),
    ...(pods.recheckAfterMs === undefined ? {} : { recheckAfterMs: pods.recheckAfterMs }),
  };
}
