import { ProgramError } from '@kubetrack/core';

/** One entry of Flux's `healthCheckExprs`. */
export interface HealthCheckExpr {
  apiVersion: string;
  kind: string;
  /** True when the object is ready. Required. */
  current: string;
  /** True while it is still being reconciled. */
  inProgress?: string;
  /** True when it failed. */
  failed?: string;
}

const FIELDS = new Set(['apiVersion', 'kind', 'current', 'inProgress', 'failed']);

/**
 * Validates `healthCheckExprs` as read from YAML or JSON: a list of entries, or a mapping
 * with a `healthCheckExprs` list (a Kustomization's spec pasted as is also works: its
 * `spec.healthCheckExprs`). Throws ProgramError('invalid-input', '<source>: <path>: <problem>').
 */
export function parseHealthCheckExprs(input: unknown, source: string): HealthCheckExpr[] {
  const fail = (path: string, problem: string): never => {
    throw new ProgramError('invalid-input', `${source}: ${path}: ${problem}`);
  };
  let list = input;
  let listPath = '';
  for (const wrapper of ['spec', 'healthCheckExprs']) {
    if (isRecord(list) && wrapper in list) {
      list = list[wrapper];
      listPath = listPath ? `${listPath}.${wrapper}` : wrapper;
    }
  }
  if (!Array.isArray(list)) return fail(listPath || '(top level)', 'must be a list of {apiVersion, kind, current, inProgress, failed}');
  return list.map((item, index) => {
    const path = `${listPath}[${index}]`;
    if (!isRecord(item)) return fail(path, 'must be a mapping');
    for (const key of Object.keys(item)) if (!FIELDS.has(key)) fail(`${path}.${key}`, `unknown field (expected one of ${[...FIELDS].join(', ')})`);
    const text = (key: string, required: boolean): string | undefined => {
      const value = item[key];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || !value.trim()) return fail(`${path}.${key}`, required ? 'must be a non-empty string' : 'must be a non-empty string when given');
      return value;
    };
    const apiVersion = text('apiVersion', true)!;
    const inProgress = text('inProgress', false);
    const failed = text('failed', false);
    return {
      apiVersion,
      kind: text('kind', true)!,
      current: text('current', true)!,
      ...(inProgress === undefined ? {} : { inProgress }),
      ...(failed === undefined ? {} : { failed }),
    };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
