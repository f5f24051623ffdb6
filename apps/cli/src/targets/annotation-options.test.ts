import { describe, expect, it } from 'vitest';
import { optionsFromAnnotations } from './annotation-options.js';

describe('optionsFromAnnotations', () => {
  it('reads kubetrack.io annotations', () => {
    const { options, problems } = optionsFromAnnotations(
      {
        'kubetrack.io/fail-mode': 'HopeUntilEndOfDeployProcess',
        'kubetrack.io/allow-failures': '3',
        'kubetrack.io/track-termination-mode': 'NonBlocking',
        'kubetrack.io/log-regex': 'ERROR|WARN',
        'kubetrack.io/skip-logs': 'true',
        'kubetrack.io/skip-events': 'true',
        'kubetrack.io/timeout': '2m',
        'kubetrack.io/failure-threshold': '20s',
      },
      2,
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      failMode: 'HopeUntilEndOfDeployProcess',
      allowFailuresCount: 3,
      trackTerminationMode: 'NonBlocking',
      logRegex: 'ERROR|WARN',
      skipLogs: true,
      skipEvents: true,
      timeoutMs: 120_000,
      failureThresholdSeconds: 20,
    });
  });

  it("reads nelm's werf.io annotations with nelm's meaning: failures allowed per replica times replicas", () => {
    const { options, problems } = optionsFromAnnotations(
      {
        'werf.io/fail-mode': 'IgnoreAndContinueDeployProcess',
        'werf.io/failures-allowed-per-replica': '2',
        'werf.io/track-termination-mode': 'NonBlocking',
        'werf.io/log-regex-for-backend': '.*ERR.*',
        'werf.io/skip-logs-for-containers': 'sidecar, proxy',
        'werf.io/show-logs-only-for-containers': 'backend',
        'werf.io/show-service-messages': 'true',
        'werf.io/no-activity-timeout': '8m30s',
        'werf.io/weight': '10',
      },
      3,
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      failMode: 'IgnoreAndContinueDeployProcess',
      allowFailuresCount: 6,
      trackTerminationMode: 'NonBlocking',
      logRegexByContainerName: { backend: '.*ERR.*' },
      skipLogsForContainers: ['sidecar', 'proxy'],
      showLogsOnlyForContainers: ['backend'],
      showServiceMessages: true,
      noActivityTimeoutMs: 510_000,
    });
  });

  it('prefers kubetrack.io over werf.io when both are set', () => {
    const { options } = optionsFromAnnotations(
      { 'werf.io/fail-mode': 'IgnoreAndContinueDeployProcess', 'kubetrack.io/fail-mode': 'FailWholeDeployProcessImmediately', 'werf.io/failures-allowed-per-replica': '5', 'kubetrack.io/allow-failures': '0' },
      1,
    );
    expect(options).toEqual({ failMode: 'FailWholeDeployProcessImmediately', allowFailuresCount: 0 });
  });

  it('names the annotation and what it expects for a bad value', () => {
    const { problems } = optionsFromAnnotations(
      { 'werf.io/fail-mode': 'Sometimes', 'kubetrack.io/skip-logs': 'yes', 'kubetrack.io/timeout': 'soon', 'werf.io/log-regex': '(unclosed' },
      1,
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe('annotation werf.io/fail-mode: expected FailWholeDeployProcessImmediately | IgnoreAndContinueDeployProcess | HopeUntilEndOfDeployProcess, got "Sometimes"');
    expect(problems.join('\n')).toMatch(/werf\.io\/log-regex: invalid regular expression/);
    expect(problems.join('\n')).toMatch(/kubetrack\.io\/skip-logs: expected true or false, got "yes"/);
    expect(problems.join('\n')).toMatch(/kubetrack\.io\/timeout: expected a duration/);
  });
});
