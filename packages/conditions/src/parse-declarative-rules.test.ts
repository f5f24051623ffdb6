import { isProgramError } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { parseDeclarativeRules } from './parse-declarative-rules.js';

function problem(input: unknown): string {
  try {
    parseDeclarativeRules(input, 'rules.yaml');
  } catch (error) {
    expect(isProgramError(error) && error.code).toBe('invalid-input');
    return (error as Error).message;
  }
  throw new Error('expected the rules to be rejected');
}

describe('parseDeclarativeRules', () => {
  it('reads condition and JSONPath rules, filling in what a condition rule implies', () => {
    const rules = parseDeclarativeRules([
      { group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' } },
      { group: 'argoproj.io', kind: 'Application', jsonPath: '$.status.health.status', ready: ['Healthy'], failed: ['Degraded'], progressing: ['Progressing'] },
    ]);
    expect(rules).toEqual([
      { group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' }, ready: ['True'], failed: [] },
      { group: 'argoproj.io', kind: 'Application', jsonPath: '$.status.health.status', ready: ['Healthy'], failed: ['Degraded'], progressing: ['Progressing'] },
    ]);
  });

  it("accepts kubedog's contrib rules file as is", () => {
    const rules = parseDeclarativeRules({
      rules: [
        {
          resourceGroup: 'acid.zalan.do',
          resourceKind: 'postgresql',
          jsonPath: '$.status.PostgresClusterStatus',
          humanJsonPath: 'status.PostgresClusterStatus',
          conditions: { ready: ['Running'], progressing: ['Creating'], failed: ['CreateFailed'] },
        },
      ],
    });
    expect(rules).toEqual([
      { group: 'acid.zalan.do', kind: 'postgresql', jsonPath: '$.status.PostgresClusterStatus', ready: ['Running'], failed: ['CreateFailed'], progressing: ['Creating'] },
    ]);
  });

  it('turns the booleans and numbers YAML makes of unquoted values back into text', () => {
    const [rule] = parseDeclarativeRules([{ group: 'x.io', kind: 'Y', jsonPath: '$.status.ok', ready: [true, 1], failed: [false] }]);
    expect(rule).toMatchObject({ ready: ['true', '1'], failed: ['false'] });
  });

  it('names the source, the path of the bad field and the problem', () => {
    expect(problem({ rule: [] })).toBe('rules.yaml: rule: unknown field (expected "rules")');
    expect(problem('Certificate')).toBe('rules.yaml: (top level): must be a list of rules');
    expect(problem([{ group: 'x.io', jsonPath: '$.status.phase', ready: ['Ok'] }])).toBe('rules.yaml: [0].kind: must be a non-empty string');
    expect(problem({ rules: [{ group: 'x.io', kind: 'Y', jsonPath: '$.status.phase', redy: ['Ok'] }] })).toMatch(
      /^rules\.yaml: rules\[0\]\.redy: unknown field/,
    );
    expect(problem([{ group: 'x.io', kind: 'Y' }])).toBe('rules.yaml: [0].jsonPath: must be a non-empty JSONPath (or give condition)');
    expect(problem([{ group: 'x.io', kind: 'Y', jsonPath: 'status.phase', ready: ['Ok'] }])).toBe('rules.yaml: [0].jsonPath: must start with "$"');
    expect(problem([{ group: 'x.io', kind: 'Y', condition: { type: 'Ready' }, jsonPath: '$.a', ready: ['True'] }])).toBe(
      'rules.yaml: [0]: give either condition or jsonPath, not both',
    );
    expect(problem([{ group: 'x.io', kind: 'Y', jsonPath: '$.status.phase', ready: [] }])).toBe('rules.yaml: [0].ready: must list at least one value');
    expect(problem([{ group: 'x.io', kind: 'Y', jsonPath: '$.status.phase', ready: ['Ok'], failed: [{ value: 'Bad' }] }])).toBe(
      'rules.yaml: [0].failed[0]: must be a string',
    );
    expect(problem([{ group: 'x.io', kind: 'Y', jsonPath: '$.status.phase', ready: ['Ok'], failed: ['ok'] }])).toBe(
      'rules.yaml: [0].failed: "Ok" is also listed as ready',
    );
    expect(problem([{ resourceGroup: 'x.io', resourceKind: 'Y', jsonPath: '$.status.phase' }])).toBe(
      'rules.yaml: [0].conditions: must be a mapping with ready, progressing and failed',
    );
  });
});
