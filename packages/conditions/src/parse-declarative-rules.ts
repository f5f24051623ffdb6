import { ProgramError } from '@kubetrack/core';
import type { DeclarativeRule } from './declarative-rule.js';
import { compileJsonPath } from './json-path.js';

const RULE_FIELDS = new Set(['group', 'kind', 'condition', 'jsonPath', 'ready', 'failed', 'progressing']);
/** kubedog's contrib_resource_status_rules.yaml field names, accepted unchanged. */
const KUBEDOG_FIELDS = new Set(['resourceGroup', 'resourceKind', 'jsonPath', 'humanJsonPath', 'conditions']);

/**
 * Validates declarative rules as read from YAML or JSON: a list of rules or `{ rules: [...] }`,
 * in kubetrack's shape or kubedog's. Throws ProgramError('invalid-input', '<source>: <path>: <problem>').
 */
export function parseDeclarativeRules(input: unknown, source = 'declarative rules'): DeclarativeRule[] {
  const fail = (path: string, problem: string): never => {
    throw new ProgramError('invalid-input', `${source}: ${path}: ${problem}`);
  };
  const list = isRecord(input) && 'rules' in input ? input['rules'] : input;
  const listPath = list === input ? '' : 'rules';
  if (isRecord(input) && Object.keys(input).some((key) => key !== 'rules')) {
    fail(Object.keys(input).find((key) => key !== 'rules') ?? '', 'unknown field (expected "rules")');
  }
  if (!Array.isArray(list)) return fail(listPath || '(top level)', 'must be a list of rules');
  return list.map((item, index) => parseRule(item, `${listPath}[${index}]`, fail));
}

type Fail = (path: string, problem: string) => never;

function parseRule(item: unknown, path: string, fail: Fail): DeclarativeRule {
  if (!isRecord(item)) return fail(path, 'must be a mapping');
  const kubedogShape = 'resourceKind' in item || 'resourceGroup' in item || 'conditions' in item;
  const known = kubedogShape ? KUBEDOG_FIELDS : RULE_FIELDS;
  for (const key of Object.keys(item)) {
    if (!known.has(key)) fail(`${path}.${key}`, `unknown field (expected one of ${[...known].join(', ')})`);
  }
  const groupField = kubedogShape ? 'resourceGroup' : 'group';
  const kindField = kubedogShape ? 'resourceKind' : 'kind';
  const group = item[groupField] ?? '';
  if (typeof group !== 'string') fail(`${path}.${groupField}`, 'must be a string ("" for the core group)');
  const kind = item[kindField];
  if (typeof kind !== 'string' || !kind.trim()) return fail(`${path}.${kindField}`, 'must be a non-empty string');

  const condition = kubedogShape ? undefined : parseCondition(item['condition'], `${path}.condition`, fail);
  const jsonPath = item['jsonPath'];
  if (condition && jsonPath !== undefined) fail(path, 'give either condition or jsonPath, not both');
  if (!condition) {
    if (typeof jsonPath !== 'string' || !jsonPath.trim()) return fail(`${path}.jsonPath`, 'must be a non-empty JSONPath (or give condition)');
    try {
      compileJsonPath(jsonPath);
    } catch (error) {
      fail(`${path}.jsonPath`, (error as Error).message);
    }
  }

  const values = kubedogShape ? item['conditions'] : item;
  const valuesPath = kubedogShape ? `${path}.conditions` : path;
  if (!isRecord(values)) return fail(valuesPath, 'must be a mapping with ready, progressing and failed');
  const ready = parseValues(values['ready'], `${valuesPath}.ready`, fail, condition ? ['True'] : undefined);
  if (!ready.length) fail(`${valuesPath}.ready`, 'must list at least one value');
  const failed = parseValues(values['failed'], `${valuesPath}.failed`, fail, []);
  const progressing = values['progressing'] === undefined ? undefined : parseValues(values['progressing'], `${valuesPath}.progressing`, fail);
  const both = ready.find((value) => failed.some((other) => other.toLowerCase() === value.toLowerCase()));
  if (both !== undefined) fail(`${valuesPath}.failed`, `${JSON.stringify(both)} is also listed as ready`);

  return {
    group,
    kind,
    ...(condition ? { condition } : { jsonPath: jsonPath as string }),
    ready,
    failed,
    ...(progressing ? { progressing } : {}),
  };
}

function parseCondition(value: unknown, path: string, fail: Fail): { type: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim()) return { type: value };
  if (!isRecord(value)) return fail(path, 'must be a mapping like { type: Ready }');
  for (const key of Object.keys(value)) if (key !== 'type') fail(`${path}.${key}`, 'unknown field (expected type)');
  const type = value['type'];
  if (typeof type !== 'string' || !type.trim()) return fail(`${path}.type`, 'must be a non-empty string');
  return { type };
}

function parseValues(value: unknown, path: string, fail: Fail, fallback?: string[]): string[] {
  if (value === undefined && fallback) return fallback;
  if (!Array.isArray(value)) return fail(path, 'must be a list of values');
  return value.map((item, index) => {
    // YAML turns True, 3 and null into non-strings; the status fields they stand for are text.
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
    return fail(`${path}[${index}]`, 'must be a string');
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
