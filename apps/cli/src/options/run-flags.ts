import { logRegexProblem, ProgramError, type FailMode, type LogsSince, type TrackOptions } from '@kubetrack/core';
import type { RuleSource } from '../plugins/user-health-rules.js';
import type { TrackOptionsOverrides } from '../targets/track-request.js';
import { checkNamespace } from '../targets/namespace-name.js';
import { parseDuration } from './duration.js';

export const OUTPUT_MODES = ['auto', 'tty', 'plain', 'json', 'ndjson'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export const FAIL_MODES: readonly FailMode[] = [
  'FailWholeDeployProcessImmediately',
  'IgnoreAndContinueDeployProcess',
  'HopeUntilEndOfDeployProcess',
];

/** The flags every tracking command shares, as commander hands them over (strings, unparsed). */
export interface CommonFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  timeout?: string;
  output: OutputMode;
  logsSince?: string;
  statusProgressPeriod?: string;
  schedulingGrace?: string;
  color: boolean;
  plugin: string[];
  rules?: string;
  /** `--report FILE`: the JSON report, also written to this file whatever the output mode. */
  report?: string;
  /** `--report-html FILE`: a self-contained HTML page with the timeline, verdicts, events and log tails. */
  reportHtml?: string;
  healthLua?: string[];
  healthCel?: string[];
  argocdCm?: string | true;
  /** --rules, --health-lua, --health-cel and --argocd-cm in the order given (their precedence). */
  ruleSources?: RuleSource[];
  debug?: boolean;
}

/** Per-resource flags of track, follow and rollout track. */
export interface ResourceFlags {
  failMode?: string;
  allowFailures?: string;
  skipLogs?: boolean;
  logsReplicas?: string;
  skipEvents?: boolean;
  logRegex?: string;
  showServiceMessages?: boolean;
}

export function trackOptionsFromFlags(flags: CommonFlags, follow: boolean): TrackOptions {
  checkNamespace(flags.namespace, '--namespace');
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, '--timeout');
  return {
    // 0 means no deadline, as in kubedog.
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(flags.logsSince === undefined ? {} : { logsSince: parseLogsSince(flags.logsSince) }),
    ...(flags.statusProgressPeriod === undefined ? {} : { statusProgressPeriodMs: parseStatusPeriod(flags.statusProgressPeriod) }),
    ...(flags.schedulingGrace === undefined ? {} : { schedulingGracePeriodMs: parseDuration(flags.schedulingGrace, '--scheduling-grace') }),
    follow,
  };
}

export function parseLogsSince(text: string): LogsSince {
  if (text === 'now' || text === 'all') return text;
  return { sinceMs: parseDuration(text, '--logs-since (now, all or a duration)') };
}

/** kubedog disables the periodic table with a negative period; "0" and "off" do too. */
function parseStatusPeriod(text: string): number {
  if (text === 'off' || /^-\d+/.test(text)) return 0;
  return parseDuration(text, '--status-progress-period');
}

export function overridesFromFlags(flags: ResourceFlags): TrackOptionsOverrides {
  const overrides: { -readonly [K in keyof TrackOptionsOverrides]: TrackOptionsOverrides[K] } = {};
  if (flags.failMode !== undefined) {
    const mode = FAIL_MODES.find((candidate) => candidate.toLowerCase() === flags.failMode!.toLowerCase());
    if (!mode) throw new ProgramError('invalid-input', `--fail-mode: expected one of ${FAIL_MODES.join(', ')}, got ${JSON.stringify(flags.failMode)}`);
    overrides.failMode = mode;
  }
  if (flags.allowFailures !== undefined) {
    if (!/^\d+$/.test(flags.allowFailures)) {
      throw new ProgramError('invalid-input', `--allow-failures: expected a whole number, got ${JSON.stringify(flags.allowFailures)}`);
    }
    overrides.allowFailuresCount = Number(flags.allowFailures);
  }
  if (flags.skipLogs) overrides.skipLogs = true;
  if (flags.logsReplicas !== undefined) overrides.logsReplicas = parseLogsReplicas(flags.logsReplicas);
  if (flags.skipEvents) overrides.skipEvents = true;
  if (flags.showServiceMessages) overrides.showServiceMessages = true;
  if (flags.logRegex !== undefined) {
    const problem = logRegexProblem(flags.logRegex);
    if (problem !== undefined) throw new ProgramError('invalid-input', `--log-regex: invalid regular expression: ${problem}`);
    overrides.logRegex = flags.logRegex;
  }
  return overrides;
}

export function parseLogsReplicas(text: string): number | 'all' {
  if (text === 'all') return text;
  // 0 would mean no logs at all: that is --skip-logs, and a typo for 10 should not silently become it.
  if (!/^[1-9]\d{0,5}$/.test(text)) {
    throw new ProgramError('invalid-input', `--logs-replicas: expected a positive whole number or all, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}
