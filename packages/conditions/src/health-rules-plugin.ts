import { defineTrackerPlugin, parseApiVersion, PLUGIN_API_VERSION, type ResourceKind, type TrackerPlugin } from '@kubetrack/core';
import type { HealthRules } from './health-rules.js';

/** A plugin that judges the kinds it lists by health rules (a rule pack shipped as a package). */
export function healthRulesPlugin(options: { name: string; kinds: readonly ResourceKind[]; rules: HealthRules; overrides?: boolean }): TrackerPlugin {
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: options.name,
    kinds: options.kinds,
    ...(options.overrides ? { overrides: true } : {}),
    evaluate({ object }, context) {
      if (!object) return { state: 'progressing', absent: true, message: 'resource does not exist yet' };
      const rule = options.rules.ruleFor(parseApiVersion(object.apiVersion ?? '').group, object.kind ?? '');
      return rule ? rule(object, context) : { state: 'progressing', message: `${options.name} has no rule for ${object.kind}` };
    },
  });
}
