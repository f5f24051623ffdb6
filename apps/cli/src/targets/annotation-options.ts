import { logRegexProblem, type FailMode, type TrackTerminationMode } from '@kubetrack/core';
import { tryParseDuration } from '../options/duration.js';
import { FAIL_MODES } from '../options/run-flags.js';
import type { TrackOptionsOverrides } from './track-request.js';

const TERMINATION_MODES: readonly TrackTerminationMode[] = ['WaitUntilResourceReady', 'NonBlocking'];

/**
 * Per-object tracking options from the object's own annotations, so a chart says how each of
 * its resources is tracked. `kubetrack.io/*` is ours; nelm's `werf.io/*` is read with nelm's
 * meaning so charts written for werf/nelm track the same way; when both are set ours wins.
 * Annotations nelm has and kubetrack does not (log-regex-skip, show-logs-only-for-number-of-replicas,
 * ignore-readiness-probe-fails-for-*) are ignored, as kubectl ignores annotations it does not know.
 */
export function optionsFromAnnotations(
  annotations: Readonly<Record<string, unknown>> | undefined,
  replicas: number,
): { options: TrackOptionsOverrides; problems: string[] } {
  const options: { -readonly [K in keyof TrackOptionsOverrides]: TrackOptionsOverrides[K] } = {};
  const problems: string[] = [];
  if (!annotations) return { options, problems };
  const read = (name: string): { key: string; value: string } | undefined => {
    for (const key of [`kubetrack.io/${name}`, `werf.io/${name}`]) {
      const value = annotations[key];
      if (typeof value === 'string') return { key, value: value.trim() };
    }
    return undefined;
  };
  const bad = (key: string, value: string, expected: string) => problems.push(`annotation ${key}: expected ${expected}, got ${JSON.stringify(value)}`);
  const bool = (name: string): boolean | undefined => {
    const found = read(name);
    if (!found) return undefined;
    if (found.value === 'true' || found.value === 'false') return found.value === 'true';
    bad(found.key, found.value, 'true or false');
    return undefined;
  };
  const list = (name: string): string[] | undefined =>
    read(name)?.value.split(',').map((item) => item.trim()).filter(Boolean);
  const duration = (name: string): number | undefined => {
    const found = read(name);
    if (!found) return undefined;
    const ms = tryParseDuration(found.value);
    if (ms === undefined) bad(found.key, found.value, 'a duration such as 90s or 5m');
    return ms;
  };
  const regex = (key: string, value: string): string | undefined => {
    // Go/RE2 syntax as is, like --log-regex: core matches it with RE2.
    const problem = logRegexProblem(value);
    if (problem === undefined) return value;
    problems.push(`annotation ${key}: invalid regular expression: ${problem}`);
    return undefined;
  };

  const failMode = read('fail-mode');
  if (failMode) {
    const mode = FAIL_MODES.find((candidate) => candidate.toLowerCase() === failMode.value.toLowerCase());
    if (mode) options.failMode = mode as FailMode;
    else bad(failMode.key, failMode.value, FAIL_MODES.join(' | '));
  }
  const allowed = read('allow-failures');
  const perReplica = annotations['werf.io/failures-allowed-per-replica'];
  if (allowed) {
    if (/^\d+$/.test(allowed.value)) options.allowFailuresCount = Number(allowed.value);
    else bad(allowed.key, allowed.value, 'a whole number');
  } else if (typeof perReplica === 'string') {
    // nelm (like werf) multiplies by the replica count: each replica may fail that often.
    if (/^\d+$/.test(perReplica.trim())) options.allowFailuresCount = Number(perReplica.trim()) * Math.max(1, replicas);
    else bad('werf.io/failures-allowed-per-replica', perReplica, 'a whole number');
  }
  const termination = read('track-termination-mode');
  if (termination) {
    const mode = TERMINATION_MODES.find((candidate) => candidate.toLowerCase() === termination.value.toLowerCase());
    if (mode) options.trackTerminationMode = mode;
    else bad(termination.key, termination.value, TERMINATION_MODES.join(' | '));
  }
  const logRegex = read('log-regex');
  if (logRegex) {
    const value = regex(logRegex.key, logRegex.value);
    if (value !== undefined) options.logRegex = value;
  }
  const byContainer: Record<string, string> = {};
  for (const prefix of ['werf.io/log-regex-for-', 'kubetrack.io/log-regex-for-']) {
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(prefix) || typeof value !== 'string') continue;
      const pattern = regex(key, value.trim());
      if (pattern !== undefined) byContainer[key.slice(prefix.length)] = pattern;
    }
  }
  if (Object.keys(byContainer).length > 0) options.logRegexByContainerName = byContainer;
  const skipLogs = bool('skip-logs');
  if (skipLogs !== undefined) options.skipLogs = skipLogs;
  const skipEvents = bool('skip-events');
  if (skipEvents !== undefined) options.skipEvents = skipEvents;
  const serviceMessages = bool('show-service-messages');
  if (serviceMessages !== undefined) options.showServiceMessages = serviceMessages;
  const skipContainers = list('skip-logs-for-containers');
  if (skipContainers) options.skipLogsForContainers = skipContainers;
  const onlyContainers = list('show-logs-only-for-containers');
  if (onlyContainers) options.showLogsOnlyForContainers = onlyContainers;
  const timeout = duration('timeout');
  if (timeout !== undefined) options.timeoutMs = timeout;
  const noActivity = duration('no-activity-timeout');
  if (noActivity !== undefined) options.noActivityTimeoutMs = noActivity;
  const threshold = duration('failure-threshold');
  if (threshold !== undefined) options.failureThresholdSeconds = threshold / 1000;
  return { options, problems };
}
