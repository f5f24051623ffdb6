import { defineTrackerPlugin, PLUGIN_API_VERSION, type TrackerPlugin } from '@kubetrack/core';
import { BUILT_IN_RULES } from './built-in-rules.js';
import { conditionsVerdict } from './conditions-verdict.js';
import type { DeclarativeRule } from './declarative-rule.js';
import { parseDeclarativeRules } from './parse-declarative-rules.js';

export interface ConditionsOptions {
  /** Rules that replace the built-in ones for the kinds they name. */
  rules?: readonly DeclarativeRule[];
}

/**
 * The fallback plugin for every kind no other plugin lists: kstatus conditions plus
 * declarative rules. Rules in a resource's plugin options (`{ rules: [...] }`) come first,
 * then `options.rules`, then the built-in rules.
 */
export function conditions(options: ConditionsOptions = {}): TrackerPlugin {
  const rules = parseDeclarativeRules(options.rules ?? [], 'conditions() rules');
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/conditions',
    kinds: [],
    fallback: true,
    evaluate: (snapshot, context) =>
      conditionsVerdict(snapshot, context, [resourceRules(context.options['rules']), rules, BUILT_IN_RULES]),
  });
}

const parsedResourceRules = new WeakMap<object, DeclarativeRule[]>();

/** Per-resource rules from the spec; parsed once per options object. */
function resourceRules(input: unknown): readonly DeclarativeRule[] {
  if (input === undefined) return [];
  if (typeof input !== 'object' || input === null) return parseDeclarativeRules(input, 'plugin options rules');
  let rules = parsedResourceRules.get(input);
  if (!rules) parsedResourceRules.set(input, (rules = parseDeclarativeRules(input, 'plugin options rules')));
  return rules;
}
