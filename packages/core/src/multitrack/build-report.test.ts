import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../kube-object.js';
import { TRACK_DEFAULTS, trackSpec, type TrackSpec } from '../track-spec.js';
import { buildReport } from './build-report.js';
import type { TrackerOutcome } from './tracker-outcome.js';
import type { TrackerSnapshot } from './tracker-snapshot.js';

const startedAt = 1_000;
const warning = (n: number, type = 'Warning'): KubeEvent => ({ uid: `e${n}`, type, reason: 'BackOff', message: `event ${n}`, object: 'Pod/web-1', count: 1 });

function snapshot(name: string, outcome: TrackerOutcome | undefined, options: Partial<TrackSpec> = {}, over: Partial<TrackerSnapshot> = {}): TrackerSnapshot {
  return {
    spec: trackSpec({ group: 'apps', kind: 'Deployment', name, namespace: 'ns' }, options, TRACK_DEFAULTS),
    resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'ns', name },
    shortName: `deploy/${name}`,
    outcome,
    verdict: { state: 'progressing', message: `deploy/${name}: 1/3 available` },
    events: [],
    logs: [],
    ...over,
  };
}

const ready = (at = 3_000): TrackerOutcome => ({ kind: 'ready', message: 'ready', at });
const failed: TrackerOutcome = { kind: 'failed', code: 'process-crashing', message: 'crashed', hint: 'kubectl logs', at: 2_000 };

describe('buildReport', () => {
  it('succeeds when every blocking resource is ready, a NonBlocking one may still be in progress', () => {
    const report = buildReport({ trackers: [snapshot('a', ready()), snapshot('b', undefined, { trackTerminationMode: 'NonBlocking' })], startedAt, now: 5_000, error: undefined });
    expect(report.success).toBe(true);
    expect(report.resources.map((r) => [r.status, r.message, r.durationMs])).toEqual([
      ['ready', 'ready', 2_000],
      ['progressing', 'deploy/b: 1/3 available', 4_000],
    ]);
  });

  it('fails for a blocking resource not ready, unless its failure is ignored', () => {
    expect(buildReport({ trackers: [snapshot('a', undefined)], startedAt, now: 5_000, error: undefined }).success).toBe(false);
    const ignored = snapshot('a', failed, { failMode: 'IgnoreAndContinueDeployProcess' });
    const report = buildReport({ trackers: [ignored], startedAt, now: 5_000, error: undefined });
    expect(report.success).toBe(true);
    expect(report.resources[0]).toMatchObject({ status: 'failed', code: 'process-crashing', hint: 'kubectl logs' });
  });

  it('explains a resource that failed or never settled with its last Warnings and log tails, not a ready one', () => {
    const events = [warning(0, 'Normal'), ...Array.from({ length: 12 }, (_, i) => warning(i + 1))];
    const logs = [
      { pod: 'web-1', container: 'app', tail: { current: ['panic'], previous: ['panic'] } },
      { pod: 'web-2', container: 'app', tail: { current: ['starting'], previous: ['panic'] } },
      { pod: 'web-3', container: 'app', tail: { current: [] } },
    ];
    const [broken, done] = buildReport({
      trackers: [snapshot('a', failed, {}, { events, logs }), snapshot('b', ready(), {}, { events, logs })],
      startedAt,
      now: 5_000,
      error: undefined,
    }).resources;
    expect(broken!.events.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `event ${i + 3}`));
    // The crashed instance a restarting container still serves as current is shown once.
    expect(broken!.logTail).toEqual([
      { pod: 'web-1', container: 'app', previous: true, lines: ['panic'] },
      { pod: 'web-2', container: 'app', previous: true, lines: ['panic'] },
      { pod: 'web-2', container: 'app', previous: false, lines: ['starting'] },
    ]);
    expect(done).toMatchObject({ events: [], logTail: [] });
  });

  it('carries the run error and says a resource without a status has none', () => {
    const error = { type: 'program', code: 'forbidden', message: 'no' } as const;
    const report = buildReport({ trackers: [snapshot('a', undefined, {}, { verdict: undefined })], startedAt, now: 5_000, error });
    expect(report).toMatchObject({ success: false, error });
    expect(report.resources[0]?.message).toBe('deploy/a has no status yet');
  });
});
