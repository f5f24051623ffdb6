import { assessPod, findCondition, type Pod } from '@kubetrack/pod-status';
import { POD } from '../workload-kinds.js';
import { shortResourceName } from '@kubetrack/core';
import type { WorkloadRule } from '../workload-rule.js';

/**
 * A standalone pod: ready when its Ready condition is True, done when it Succeeded, failed
 * (terminal) when it Failed. While it progresses, container problems are failures for core to count.
 */
export const podRule: WorkloadRule = {
  kind: POD,

  children() {
    return [];
  },

  evaluate(object, snapshot, context) {
    const pod = object as Pod;
    const name = shortResourceName(POD, pod.metadata.name);
    const assessment = assessPod(pod, context, snapshot.events);
    const { summary } = assessment;
    const common = {
      progress: { ready: summary.ready, restarts: summary.restarts, status: summary.status },
      pods: [summary],
      logSources: assessment.logSources,
    };

    if (assessment.phase === 'Succeeded') {
      return { state: 'ready', message: `${name} completed`, ...common };
    }
    if (assessment.phase === 'Failed') {
      const [failure] = assessment.failures;
      const status = pod.status ?? {};
      const cause = failure?.message ?? (status.reason ? `${status.reason}${status.message ? `: ${status.message}` : ''}` : 'its containers failed');
      return {
        state: 'failed',
        code: failure?.code ?? 'process-crashing',
        message: failure ? `${name} failed: ${cause.replace(`${name}: `, '')}` : `${name} failed: ${cause}`,
        ...common,
      };
    }
    if (assessment.ready && !pod.metadata.deletionTimestamp) {
      return { state: 'ready', message: `${name} is ready (${summary.ready} containers ready)`, ...common };
    }

    const readyCondition = findCondition(pod.status?.conditions, 'Ready');
    const waitingFor = pod.metadata.deletionTimestamp
      ? ['pod to finish terminating']
      : [`ready containers ${summary.ready}${readyCondition?.message ? ` (${readyCondition.message})` : ''}`];
    return {
      state: 'progressing',
      message: `${name} is ${summary.status}, ${summary.ready} containers ready`,
      waitingFor,
      ...common,
      ...(assessment.failures.length > 0 ? { failures: assessment.failures } : {}),
      ...(assessment.recheckAfterMs === undefined ? {} : { recheckAfterMs: assessment.recheckAfterMs }),
    };
  },
};
