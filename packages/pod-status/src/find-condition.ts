import type { Condition } from '@kubetrack/core';

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** When the condition last changed, in ms since the epoch; the later of update and transition times. */
export function conditionChangedAt(condition: Condition): number | undefined {
  const times = [condition.lastUpdateTime, condition.lastTransitionTime]
    .map((time) => (time === undefined ? Number.NaN : Date.parse(time)))
    .filter((time) => !Number.isNaN(time));
  return times.length === 0 ? undefined : Math.max(...times);
}
