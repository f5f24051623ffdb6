import { timerDelay } from './timer.js';
import type { TrackSpec } from './track-spec.js';
import type { TrackOptions } from './tracker.js';

/** A status table more often than this is noise, and at `1ns` a busy loop. */
export const MIN_STATUS_PERIOD_MS = 1000;

/**
 * Options as the run can honour them, whatever a caller passed: deadlines fit Node's timers
 * (beyond ~24.8 days they are capped there instead of firing at once), the status period is
 * at least a second, and a log window reaching before 1970 means all logs.
 */
export function boundedTrackOptions(options: TrackOptions, now: number = Date.now()): TrackOptions {
  const { timeoutMs, statusProgressPeriodMs, logsSince } = options;
  return {
    ...options,
    ...(timeoutMs === undefined ? {} : { timeoutMs: timerDelay(timeoutMs) }),
    ...(statusProgressPeriodMs === undefined || !(statusProgressPeriodMs > 0)
      ? {}
      : { statusProgressPeriodMs: Math.max(MIN_STATUS_PERIOD_MS, timerDelay(statusProgressPeriodMs)) }),
    ...(typeof logsSince === 'object' && !(logsSince.sinceMs < now) ? { logsSince: 'all' as const } : {}),
  };
}

export function boundedTrackSpec(spec: TrackSpec): TrackSpec {
  return {
    ...spec,
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: timerDelay(spec.timeoutMs) }),
    ...(spec.noActivityTimeoutMs === undefined ? {} : { noActivityTimeoutMs: timerDelay(spec.noActivityTimeoutMs) }),
  };
}
