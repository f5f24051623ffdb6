import type { Condition, KubeObject } from '@kubetrack/core';

/** The object's status.conditions, keeping only entries shaped like conditions. */
export function objectConditions(object: KubeObject): Condition[] {
  const status = object.status;
  if (typeof status !== 'object' || status === null) return [];
  const conditions = (status as Record<string, unknown>)['conditions'];
  if (!Array.isArray(conditions)) return [];
  return conditions.filter(
    (condition): condition is Condition =>
      typeof condition === 'object' && condition !== null && typeof condition.type === 'string' && typeof condition.status === 'string',
  );
}

export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((condition) => condition.type === type);
}

/** "Ready=False: Issuing: Issuing certificate as Secret does not exist". */
export function describeCondition(condition: Condition): string {
  const why = [condition.reason, condition.message?.trim()].filter(Boolean).join(': ');
  return `${condition.type}=${condition.status}${why ? `: ${why}` : ''}`;
}
