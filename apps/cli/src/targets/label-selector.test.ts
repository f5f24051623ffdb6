import { describe, expect, it } from 'vitest';
import { validateLabelSelector } from './label-selector.js';

describe('validateLabelSelector', () => {
  it.each([
    ['app=web', 'app=web'],
    ['app = web, tier!=db', 'app=web,tier!=db'],
    ['app.kubernetes.io/instance==my-release', 'app.kubernetes.io/instance==my-release'],
    ['env in (prod, staging),!canary', 'env in (prod,staging),!canary'],
    ['tier notin (db),exists', 'tier notin (db),exists'],
    ['app=', 'app='],
    ['replicas>2', 'replicas>2'],
  ])('accepts %j', (selector, normalised) => {
    expect(validateLabelSelector(selector)).toBe(normalised);
  });

  it.each([
    ['', 'it is empty'],
    ['app=web,', 'empty requirement'],
    ['app in (a,b', 'unbalanced parentheses'],
    ['app=web app2=x', 'cannot read'],
    ['-app=web', 'not a valid label key'],
    ['app=we b', 'cannot read'],
    ['app=web!', 'cannot read'],
    ['Example.COM/app=web', 'the prefix must be a DNS subdomain'],
    ['replicas>two', '> needs an integer'],
    [`app=${'x'.repeat(64)}`, 'is not a valid label value'],
  ])('refuses %j', (selector, problem) => {
    expect(() => validateLabelSelector(selector)).toThrow(problem);
  });

  it('names the whole selector in the error', () => {
    expect(() => validateLabelSelector('app==')).not.toThrow();
    expect(() => validateLabelSelector('a b')).toThrow(/^invalid label selector "a b": /);
  });
});
