import { compareText, type EvaluateContext, type Failure, type KubeEvent, type KubeObject, type LogSource, type PodSummary } from '@kubetrack/core';
import { assessPod, isOwnedBy, type Pod } from '@kubetrack/pod-status';

/** What the Job's pods say: only what the Job controller will not retry away counts as a failure. */
export interface JobPods {
  /** Image and configuration errors, and pods the scheduler cannot place. */
  failures: Failure[];
  /** The newest pod failure the Job controller retries (a container exited with an error, OOMKilled). */
  lastRetriedFailure?: string;
  /** Every attempt's pods: each one's logs explain a retry. */
  logSources: LogSource[];
  pods: PodSummary[];
  /** Pods the cache has in phase Succeeded, to compare with the Job status's count. */
  seenSucceeded: number;
  recheckAfterMs?: number;
}

/**
 * Failing fast on a pod that cannot start at all (bad image, missing Secret, unschedulable)
 * beats waiting for activeDeadlineSeconds; a pod that ran and failed is the Job controller's
 * to retry, and its conditions say when it gives up.
 */
const FAIL_FAST_CODES: ReadonlySet<Failure['code']> = new Set(['invalid-config', 'scheduling']);

export function jobPods(job: KubeObject, pods: readonly KubeObject[] | undefined, events: readonly KubeEvent[], context: EvaluateContext): JobPods {
  const uid = job.metadata.uid;
  const owned = uid ? (pods ?? []).filter((pod) => isOwnedBy(pod, uid)) : [];
  const report: JobPods = { failures: [], logSources: [], pods: [], seenSucceeded: 0 };
  for (const pod of [...owned].sort(byCreation)) {
    if ((pod as Pod).status?.phase === 'Succeeded') report.seenSucceeded++;
    const assessment = assessPod(pod, context, events);
    for (const failure of assessment.failures) {
      if (FAIL_FAST_CODES.has(failure.code)) report.failures.push(failure);
      else report.lastRetriedFailure = failure.message;
    }
    report.logSources.push(...assessment.logSources);
    report.pods.push(assessment.summary);
    if (assessment.recheckAfterMs !== undefined) {
      report.recheckAfterMs = Math.min(report.recheckAfterMs ?? Infinity, assessment.recheckAfterMs);
    }
  }
  return report;
}

/** Oldest attempt first, so the last failure seen is the newest pod's. */
function byCreation(a: KubeObject, b: KubeObject): number {
  return (
    compareText(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
    compareText(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}
