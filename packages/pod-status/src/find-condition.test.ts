import { describe, expect, it } from 'vitest';
import { conditionChangedAt, findCondition } from './find-condition.js';

describe('findCondition', () => {
  it('finds by type, undefined when absent', () => {
    const conditions = [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'False' }];
    expect(findCondition(conditions, 'Progressing')?.status).toBe('False');
    expect(findCondition(conditions, 'ReplicaFailure')).toBeUndefined();
    expect(findCondition(undefined, 'Ready')).toBeUndefined();
  });
});

describe('conditionChangedAt', () => {
  it('takes the later of lastUpdateTime and lastTransitionTime', () => {
    expect(
      conditionChangedAt({ type: 'Progressing', status: 'False', lastUpdateTime: '2025-06-03T10:20:00Z', lastTransitionTime: '2025-06-03T10:10:00Z' }),
    ).toBe(Date.parse('2025-06-03T10:20:00Z'));
    expect(conditionChangedAt({ type: 'Ready', status: 'True', lastTransitionTime: '2025-06-03T10:10:00Z' })).toBe(Date.parse('2025-06-03T10:10:00Z'));
  });
  it('is undefined without timestamps', () => {
    expect(conditionChangedAt({ type: 'Ready', status: 'True' })).toBeUndefined();
  });
});
