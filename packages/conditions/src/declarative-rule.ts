/**
 * How to judge objects of one kind from one field, in the spirit of kubedog's
 * contrib_resource_status_rules.yaml. Values compare case-insensitively as strings.
 * Several rules for one kind are checked in order: the first that is not satisfied decides.
 */
export interface DeclarativeRule {
  /** API group without version; "" for the core group. */
  group: string;
  /** Kind, case-insensitive. */
  kind: string;
  /** Read the status of this condition (its reason and message explain the verdict). */
  condition?: { type: string };
  /** Or read this field (first value it reaches). */
  jsonPath?: string;
  ready: readonly string[];
  failed: readonly string[];
  progressing?: readonly string[];
}
