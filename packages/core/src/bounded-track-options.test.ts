import { describe, expect, it } from 'vitest';
import { boundedTrackOptions, boundedTrackSpec } from './bounded-track-options.js';
import { MAX_TIMER_DELAY_MS } from './timer.js';
import { trackSpec } from './track-spec.js';

const now = Date.UTC(2026, 11, 1);
const hours = (count: number) => count * 3_600_000;

describe('track options a run can honour', () => {
  it('caps deadlines past Node\'s timer range instead of letting them fire at once', () => {
    expect(boundedTrackOptions({ timeoutMs: hours(9_999_999_999) }, now).timeoutMs).toBe(MAX_TIMER_DELAY_MS);
    expect(boundedTrackOptions({ timeoutMs: hours(1) }, now).timeoutMs).toBe(hours(1));
    const spec = boundedTrackSpec({ ...trackSpec({ group: 'apps', kind: 'Deployment', namespace: 'ns', name: 'web' }), timeoutMs: hours(600), noActivityTimeoutMs: Infinity });
    expect([spec.timeoutMs, spec.noActivityTimeoutMs]).toEqual([MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS]);
  });

  it('prints the status table at most once a second, and still not at all when disabled', () => {
    expect(boundedTrackOptions({ statusProgressPeriodMs: 1e-6 }, now).statusProgressPeriodMs).toBe(1000);
    expect(boundedTrackOptions({ statusProgressPeriodMs: hours(9_999_999_999) }, now).statusProgressPeriodMs).toBe(MAX_TIMER_DELAY_MS);
    expect(boundedTrackOptions({ statusProgressPeriodMs: 0 }, now).statusProgressPeriodMs).toBe(0);
  });

  it('reads a log window reaching before 1970 as all logs (a date that far back is invalid)', () => {
    expect(boundedTrackOptions({ logsSince: { sinceMs: hours(9_999_999_999) } }, now).logsSince).toBe('all');
    expect(boundedTrackOptions({ logsSince: { sinceMs: hours(1) } }, now).logsSince).toEqual({ sinceMs: hours(1) });
  });
});
