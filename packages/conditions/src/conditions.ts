import { defineTrackerPlugin, parseApiVersion, PLUGIN_API_VERSION, type TrackerPlugin } from '@kubetrack/core';
import { BUILT_IN_RULES } from './built-in-rules.js';
import { conditionsVerdict } from './conditions-verdict.js';
import type { DeclarativeRule } from './declarative-rule.js';
import { healthRuleFor, type HealthRules } from './health-rules.js';
import { parseDeclarativeRules } from './parse-declarative-rules.js';

export interface ConditionsOptions {
  /** Rules that replace the built-in ones for the kinds they name. */
  rules?: readonly DeclarativeRule[];
  /**
   * User rules in other languages (Argo CD Lua, Flux CEL), in order of precedence, consulted
   * before any declarative rule. Read at evaluation time: the CLI fills in rules that come from
   * the cluster (a live argocd-cm) after it has connected, which needs the plugins first.
   */
  healthRules?: readonly HealthRules[];
}

/**
 * The fallback plugin for every kind no other plugin lists: kstatus conditions plus
 * declarative rules. Health rules in a resource's plugin options (`{ healthRules: [...] }`)
 * come first, then `options.healthRules`; then declarative rules: the resource's
 * (`{ rules: [...] }`), then `options.rules`, then the built-in rules.
 */
export function conditions(options: ConditionsOptions = {}): TrackerPlugin {
  const rules = parseDeclarativeRules(options.rules ?? [], 'conditions() rules');
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/conditions',
    kinds: [],
    fallback: true,
    evaluate(snapshot, context) {
      const object = snapshot.object;
      if (object) {
        const sources = [...resourceHealthRules(context.options['healthRules']), ...(options.healthRules ?? [])];
        const rule = sources.length ? healthRuleFor(sources, parseApiVersion(object.apiVersion ?? '').group, object.kind ?? '') : undefined;
        if (rule) return rule(object, context);
      }
      return conditionsVerdict(snapshot, context, [resourceRules(context.options['rules']), rules, BUILT_IN_RULES]);
    },
  });
}

const parsedResourceRules = new WeakMap<object, DeclarativeRule[]>();

/** Per-resource rules from the spec; parsed once per options object. */
function resourceRules(input: unknown): readonly DeclarativeRule[] {
  if (input === undefined) return [];
  if (typeof input !== 'object' || input === null) return parseDeclarativeRules(input, 'plugin options rules');
  const cached = parsedResourceRules.get(input);
  if (cached) return cached;
  const rules = parseDeclarativeRules(input, 'plugin options rules');
  parsedResourceRules.set(input, rules);
  return rules;
}

/** Health rules the CLI compiled from a resource's spec options (a Lua script, CEL expressions). */
function resourceHealthRules(input: unknown): readonly HealthRules[] {
  if (!Array.isArray(input)) return [];
  return input.filter((item): item is HealthRules => typeof (item as HealthRules | undefined)?.ruleFor === 'function');
}
