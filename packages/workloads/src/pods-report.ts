import { compareText, type EvaluateContext, type Failure, type KubeEvent, type KubeObject, type LogSource, type PodSummary } from '@kubetrack/core';
import { assessPod, isOwnedBy } from '@kubetrack/pod-status';

/** What a controller's verdict says about the pods that belong to its rollout. */
export interface PodsReport {
  failures: Failure[];
  logSources: LogSource[];
  pods: PodSummary[];
  readyCount: number;
  recheckAfterMs?: number;
}

export function reportPods(pods: readonly KubeObject[], events: readonly KubeEvent[], context: EvaluateContext): PodsReport {
  const report: PodsReport = { failures: [], logSources: [], pods: [], readyCount: 0 };
  for (const pod of [...pods].sort(byName)) {
    const assessment = assessPod(pod, context, events);
    report.failures.push(...assessment.failures);
    report.logSources.push(...assessment.logSources);
    report.pods.push(assessment.summary);
    if (assessment.ready) report.readyCount++;
    if (assessment.recheckAfterMs !== undefined) {
      report.recheckAfterMs = Math.min(report.recheckAfterMs ?? Infinity, assessment.recheckAfterMs);
    }
  }
  return report;
}

/** Children matched by label selector only; a label overlap must not adopt someone else's objects. */
export function ownedBy(objects: readonly KubeObject[] | undefined, owner: KubeObject): KubeObject[] {
  const uid = owner.metadata.uid;
  return uid ? (objects ?? []).filter((object) => isOwnedBy(object, uid)) : [];
}

function byName(a: KubeObject, b: KubeObject): number {
  return compareText(a.metadata.name ?? '', b.metadata.name ?? '');
}
