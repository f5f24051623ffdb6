import { conditionsVerdict } from './conditions-verdict.js';
import type { DeclarativeRule } from './declarative-rule.js';
import type { HealthRules } from './health-rules.js';
import { rulesForKind } from './rules-for-kind.js';

/** Declarative rules as health rules, so they can take their place among Lua and CEL rules. */
export function declarativeHealthRules(name: string, rules: readonly DeclarativeRule[]): HealthRules {
  return {
    name,
    ruleFor(group, kind) {
      if (!rulesForKind([rules], group, kind).length) return undefined;
      return (object, context) => conditionsVerdict({ object, children: {}, events: [] }, context, [rules]);
    },
  };
}
