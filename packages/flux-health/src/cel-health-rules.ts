import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import { parseApiVersion, ProgramError, type KubeObject, type Verdict } from '@kubetrack/core';
import type { HealthRule, HealthRules } from '@kubetrack/conditions';
import { celInput } from './cel-input.js';
import type { HealthCheckExpr } from './health-check-exprs.js';

type Compiled = (bindings: Record<string, CelInput>) => unknown;

/** Flux's order: the first of inProgress, failed, current that is true decides. */
const ORDER = ['inProgress', 'failed', 'current'] as const;

/**
 * Rules from Flux `healthCheckExprs`. Every expression is parsed now, so a syntax error is a
 * program error (exit 2) naming the expression. Entries match by API group and kind, as Flux's
 * status reader does; for one kind the first entry counts.
 */
export function celHealthRules(name: string, entries: readonly HealthCheckExpr[]): HealthRules {
  const env = celEnv();
  const rules = new Map<string, HealthRule>();
  entries.forEach((entry, index) => {
    const { group } = parseApiVersion(entry.apiVersion);
    const key = `${group}/${entry.kind}`;
    if (rules.has(key)) return;
    const compiled = ORDER.flatMap((field) => {
      const source = entry[field];
      if (source === undefined) return [];
      const where = `${name}: [${index}].${field}`;
      try {
        return [{ field, source, where, run: plan(env, parse(source)) as Compiled }];
      } catch (error) {
        throw new ProgramError('invalid-input', `${where}: ${JSON.stringify(source)}: ${(error as Error).message.split('\n')[0]}`);
      }
    });
    rules.set(key, (object) => judge(object, compiled));
  });
  return {
    name,
    ruleFor: (group, kind) => rules.get(`${group}/${kind}`),
  };
}

function judge(object: KubeObject, expressions: ReadonlyArray<{ field: string; source: string; where: string; run: Compiled }>): Verdict {
  const name = `${(object.kind ?? 'resource').toLowerCase()}/${object.metadata.name ?? ''}`;
  // The generation check every kstatus reader makes first: an answer about the previous spec is no answer.
  const generation = object.metadata.generation;
  const observed = (object.status as { observedGeneration?: unknown } | undefined)?.observedGeneration;
  if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) {
    return { state: 'progressing', message: `${name}: waiting for its controller to observe generation ${generation} (observed ${observed})`, waitingFor: [`the controller to observe generation ${generation}`] };
  }
  const root = celInput(object) as Map<string, CelInput>;
  const bindings = Object.fromEntries(root);
  const current = expressions.find((expression) => expression.field === 'current')!;
  for (const expression of expressions) {
    const result = expression.run(bindings);
    if (isCelError(result) || typeof result !== 'boolean') {
      // Flux waits (until its timeout) when an expression cannot be evaluated, e.g. a field not there yet.
      const problem = isCelError(result) ? result.message : `returned ${typeof result}, not a bool`;
      return { state: 'progressing', message: `${name}: ${expression.where} ${JSON.stringify(expression.source)}: ${problem}`, waitingFor: [`${current.source} to be true`] };
    }
    if (!result) continue;
    const detail = statusMessage(object);
    if (expression.field === 'failed') return { state: 'failed', code: 'failed', message: `${name} failed: ${expression.source}${detail}` };
    if (expression.field === 'current') return { state: 'ready', message: `${name} is ready: ${expression.source}${detail}` };
    return { state: 'progressing', message: `${name} is in progress: ${expression.source}${detail}`, waitingFor: [`${current.source} to be true`] };
  }
  return { state: 'progressing', message: `${name}: waiting for ${current.source}${statusMessage(object)}`, waitingFor: [`${current.source} to be true`] };
}

/** What the object says about itself (its Ready condition, else its first condition with a message). */
function statusMessage(object: KubeObject): string {
  const conditions = (object.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions)) return '';
  const withMessage = conditions.filter((condition): condition is { type?: string; message: string } => typeof condition?.message === 'string' && condition.message !== '');
  const chosen = withMessage.find((condition) => condition.type === 'Ready') ?? withMessage[0];
  return chosen ? ` (${chosen.type ?? 'condition'}: ${chosen.message})` : '';
}
