import type { ChildQuery, EvaluateContext, KubeObject, ResourceKind, Snapshot, Verdict } from '@kubetrack/core';

/** The readiness rule of one kind; the plugin dispatches to it once the object exists. */
export interface WorkloadRule {
  kind: ResourceKind;
  children(object: KubeObject): readonly ChildQuery[];
  evaluate(object: KubeObject, snapshot: Snapshot, context: EvaluateContext): Verdict;
}
