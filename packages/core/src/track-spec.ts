import type { ResourceId } from './resource-id.js';

export type FailMode =
  | 'FailWholeDeployProcessImmediately'
  | 'IgnoreAndContinueDeployProcess'
  | 'HopeUntilEndOfDeployProcess';

export type TrackTerminationMode = 'WaitUntilResourceReady' | 'NonBlocking';

/** What to track and how; every option is per resource (kubedog's MultitrackSpec, completed). */
export interface TrackSpec {
  /** `version` may be left empty: core resolves it from plugins or API discovery. */
  resource: Omit<ResourceId, 'version'> & { version?: string };
  failMode: FailMode;
  /** Distinct failures tolerated before the resource fails (the next one fails it). */
  allowFailuresCount: number;
  /** A failure must persist this long before it counts (0: at once). */
  failureThresholdSeconds: number;
  trackTerminationMode: TrackTerminationMode;
  /** Only log lines matching this regular expression (Go RE2 syntax, linear-time matching) are shown. */
  logRegex?: string;
  logRegexByContainerName?: Readonly<Record<string, string>>;
  skipLogs: boolean;
  skipLogsForContainers: readonly string[];
  /** Pods per controller whose logs stream (default 3); a pod with a restarted or terminated container always streams. */
  logsReplicas?: number | 'all';
  showLogsOnlyForContainers: readonly string[];
  skipEvents: boolean;
  showServiceMessages: boolean;
  /** Per-resource deadline; undefined: only the run's timeout applies. */
  timeoutMs?: number;
  /** Fail when nothing about the resource changes for this long. */
  noActivityTimeoutMs?: number;
  /** Options handed to the plugin as `EvaluateContext.options`. */
  pluginOptions?: Readonly<Record<string, unknown>>;
  /**
   * What to wait for: readiness (the default, judged by the kind's plugin) or deletion, judged
   * by core alone for every kind: done once the object is gone.
   */
  for?: 'ready' | 'delete';
}

/**
 * kubedog's defaults, for `track` and `multitrack` alike: FailWhole, wait until ready, and one
 * allowed failure per resource, as kubedog's per-resource allowance: a container that crashes
 * once while a dependency comes up, then runs, must not fail a rollout that kubectl, kstatus and
 * rollout-status pass. A crash loop still fails at its second crash, and permanent failures
 * (missing image, missing Secret) ignore the allowance.
 */
export const TRACK_DEFAULTS = {
  failMode: 'FailWholeDeployProcessImmediately',
  allowFailuresCount: 1,
  failureThresholdSeconds: 0,
  trackTerminationMode: 'WaitUntilResourceReady',
  skipLogs: false,
  skipLogsForContainers: [],
  showLogsOnlyForContainers: [],
  skipEvents: false,
  showServiceMessages: false,
} as const satisfies Omit<TrackSpec, 'resource'>;

export function trackSpec(
  resource: TrackSpec['resource'],
  options: Partial<Omit<TrackSpec, 'resource'>> = {},
  defaults: Omit<TrackSpec, 'resource'> = TRACK_DEFAULTS,
): TrackSpec {
  return { ...defaults, ...options, resource };
}
