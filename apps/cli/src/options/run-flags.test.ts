import { describe, expect, it } from 'vitest';
import { overridesFromFlags, trackOptionsFromFlags } from './run-flags.js';

const base = { output: 'auto' as const, color: true, plugin: [] };

describe('run flags', () => {
  it('takes --logs-replicas as a count or all', () => {
    expect(overridesFromFlags({ logsReplicas: '1' })).toEqual({ logsReplicas: 1 });
    expect(overridesFromFlags({ logsReplicas: 'all' })).toEqual({ logsReplicas: 'all' });
  });

  it('turns durations and modes into track options', () => {
    expect(
      trackOptionsFromFlags({ ...base, timeout: '5m', logsSince: '10m', statusProgressPeriod: '-1', schedulingGrace: '45s' }, false),
    ).toEqual({ timeoutMs: 300_000, logsSince: { sinceMs: 600_000 }, statusProgressPeriodMs: 0, schedulingGracePeriodMs: 45_000, follow: false });
    expect(trackOptionsFromFlags({ ...base, timeout: '0', logsSince: 'all' }, true)).toEqual({ logsSince: 'all', follow: true });
  });

  it('names the flag when a value is bad', () => {
    expect(() => trackOptionsFromFlags({ ...base, timeout: '5 minutes' }, false)).toThrow('--timeout: invalid duration "5 minutes"');
    expect(() => trackOptionsFromFlags({ ...base, logsSince: 'yesterday' }, false)).toThrow('--logs-since (now, all or a duration): invalid duration');
    expect(() => overridesFromFlags({ allowFailures: 'two' })).toThrow('--allow-failures: expected a whole number, got "two"');
    for (const bad of ['0', '-1', '1.5', 'some', '']) {
      expect(() => overridesFromFlags({ logsReplicas: bad })).toThrow(`--logs-replicas: expected a positive whole number or all, got ${JSON.stringify(bad)}`);
    }
    expect(() => overridesFromFlags({ failMode: 'fast' })).toThrow('--fail-mode: expected one of FailWholeDeployProcessImmediately');
    expect(() => overridesFromFlags({ logRegex: '(?=x)' })).toThrow('--log-regex: invalid regular expression: invalid or unsupported Perl syntax');
  });

  it('sets only the per-resource options that were given', () => {
    expect(overridesFromFlags({ failMode: 'ignoreandcontinuedeployprocess', allowFailures: '2', skipLogs: true, logRegex: '(?i)err' })).toEqual({
      failMode: 'IgnoreAndContinueDeployProcess',
      allowFailuresCount: 2,
      skipLogs: true,
      logRegex: '(?i)err',
    });
  });
});

describe('--namespace', () => {
  it('refuses a name the API server would reject, in one line', () => {
    expect(() => trackOptionsFromFlags({ ...base, namespace: 'BAD NS' }, false)).toThrow(
      '--namespace: "BAD NS" is not a valid namespace (lower case letters, digits and \'-\', at most 63)',
    );
    expect(() => trackOptionsFromFlags({ ...base, namespace: 'team-a' }, false)).not.toThrow();
  });
});
