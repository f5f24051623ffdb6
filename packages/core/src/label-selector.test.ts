import { describe, expect, it } from 'vitest';
import { indexLabelOf, matchesLabelSelector } from './label-selector.js';

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches everything when there is no selector or it is empty', () => {
    expect(matchesLabelSelector(undefined, labels)).toBe(true);
    expect(matchesLabelSelector({}, labels)).toBe(true);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    expect(matchesLabelSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(
      matchesLabelSelector(
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
        labels,
      ),
    ).toBe(false);
  });

  it('implements In, NotIn, Exists and DoesNotExist', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'x'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });

  it('matches nothing for an unknown operator', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, labels)).toBe(false);
  });
});

describe('indexLabelOf', () => {
  it('picks a label pair every match must carry', () => {
    expect(indexLabelOf({ matchLabels: { app: 'web' } })).toEqual(['app', 'web']);
    expect(indexLabelOf({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] })).toEqual(['app', 'web']);
    expect(indexLabelOf({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toBeUndefined();
  });
});
