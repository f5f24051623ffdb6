import type { Condition, KubeObject, VerdictState } from '@kubetrack/core';
import type { DeclarativeRule } from './declarative-rule.js';
import { olderGeneration } from './failure-freshness.js';
import { compileJsonPath, type JsonPath } from './json-path.js';
import { describeCondition, findCondition, objectConditions } from './object-conditions.js';

export interface RuleOutcome {
  state: VerdictState;
  /** What the rule read, e.g. "status.health.status is Degraded" or "Ready=False: Issuing: ...". */
  detail: string;
  /** The condition read, for condition rules that found one. */
  condition?: Condition;
}

const compiledPaths = new WeakMap<DeclarativeRule, JsonPath>();

/** What one rule says about an object. */
export function ruleOutcome(rule: DeclarativeRule, object: KubeObject): RuleOutcome {
  if (rule.condition) {
    const type = rule.condition.type;
    const condition = findCondition(objectConditions(object), type);
    if (!condition) return { state: 'progressing', detail: `waiting for a ${type} condition` };
    const older = olderGeneration(condition, object);
    if (older) return { state: 'progressing', detail: `waiting for the controller: ${older}` };
    return { ...classify(rule, condition.status, describeCondition(condition)), condition };
  }

  const path = pathOf(rule);
  const field = path.source.replace(/^\$\.?/, '');
  const value = path.read(object).find((found) => found !== undefined && found !== null);
  if (value === undefined) return { state: 'progressing', detail: `waiting for ${field}` };
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return classify(rule, text, `${field} is ${text}`);
}

function classify(rule: DeclarativeRule, value: string, detail: string): RuleOutcome {
  const listed = (values: readonly string[] | undefined) => values?.some((known) => known.toLowerCase() === value.toLowerCase()) ?? false;
  if (listed(rule.failed)) return { state: 'failed', detail };
  if (listed(rule.ready)) return { state: 'ready', detail };
  if (listed(rule.progressing)) return { state: 'progressing', detail };
  return { state: 'progressing', detail: `${detail} (a value the rule does not list)` };
}

function pathOf(rule: DeclarativeRule): JsonPath {
  const cached = compiledPaths.get(rule);
  if (cached) return cached;
  const path = compileJsonPath(rule.jsonPath ?? '$');
  compiledPaths.set(rule, path);
  return path;
}
