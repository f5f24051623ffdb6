import type { ChildQuery, EvaluateContext, KubeObject, LabelSelector, ResourceKind, Snapshot, Verdict } from '@kubetrack/core';
import { POD } from './workload-kinds.js';

/** The readiness rule of one kind; the plugin dispatches to it once the object exists. */
export interface WorkloadRule {
  kind: ResourceKind;
  children(object: KubeObject): readonly ChildQuery[];
  evaluate(object: KubeObject, snapshot: Snapshot, context: EvaluateContext): Verdict;
}

/**
 * The pods a controller's `spec.selector` matches (ownership is checked in the rule). No
 * selector means no query: never ask for every pod in the namespace.
 */
export function podsBySelector(object: KubeObject): readonly ChildQuery[] {
  const selector = (object.spec as { selector?: LabelSelector } | undefined)?.selector;
  return selector ? [{ key: 'pods', kind: POD, selector }] : [];
}
