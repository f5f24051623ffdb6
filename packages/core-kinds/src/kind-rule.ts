import type { ChildQuery, EvaluateContext, KubeObject, ResourceKind, Snapshot, Verdict } from '@kubetrack/core';
import { shortResourceName } from '@kubetrack/core';

/** The readiness rule of one kind; the plugin dispatches to it once the object exists. */
export interface KindRule {
  kind: ResourceKind;
  children?(object: KubeObject): readonly ChildQuery[];
  evaluate(object: KubeObject, snapshot: Snapshot, context: EvaluateContext): Verdict;
}

/** "svc/web", as users type it and as core names tracked resources. */
export function nameOf(kind: ResourceKind, object: KubeObject): string {
  return shortResourceName(kind, object.metadata.name);
}
