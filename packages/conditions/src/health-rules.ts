import type { EvaluateContext, KubeObject, Verdict } from '@kubetrack/core';

/** Judges one existing object of the kind it was chosen for. */
export type HealthRule = (object: KubeObject, context: EvaluateContext) => Verdict;

/**
 * A set of user rules in some rule language (Argo CD Lua, Flux CEL, declarative rules) that
 * the conditions plugin consults, in order, before its kstatus fallback.
 */
export interface HealthRules {
  /** Where the rules came from, e.g. "--health-lua ./health". */
  readonly name: string;
  /** The rule for this kind, if these rules have one. */
  ruleFor(group: string, kind: string): HealthRule | undefined;
}

/** The first rule any source has for the kind: sources are in order of precedence. */
export function healthRuleFor(sources: readonly HealthRules[], group: string, kind: string): HealthRule | undefined {
  for (const source of sources) {
    const rule = source.ruleFor(group, kind);
    if (rule) return rule;
  }
  return undefined;
}
