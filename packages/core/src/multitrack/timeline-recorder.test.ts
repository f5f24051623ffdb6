import { describe, expect, it } from 'vitest';
import type { PodStage, PodSummary } from '../plugin.js';
import type { TrackMessage } from '../track-message.js';
import { TimelineRecorder } from './timeline-recorder.js';

const start = Date.parse('2026-12-01T10:00:00.000Z');
const resource = { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const at = (ms: number) => new Date(start + ms).toISOString();
const pod = (name: string, stage: PodStage, ready: string, restarts = 0): PodSummary => ({ name, status: stage, stage, ready, restarts });
const status = (ms: number, state: 'progressing' | 'ready' | 'failed', pods: PodSummary[]): TrackMessage => ({
  type: 'status',
  time: at(ms),
  resource,
  state,
  message: '',
  waitingFor: [],
  progress: {},
  pods,
});

describe('TimelineRecorder', () => {
  it('draws a resource row and a row per pod from what the run emitted, in ms from the start', () => {
    const recorder = new TimelineRecorder(start);
    const messages: TrackMessage[] = [
      status(0, 'progressing', []),
      { type: 'added', time: at(100), resource },
      status(200, 'progressing', [pod('web-1', 'scheduling', '0/1')]),
      status(400, 'progressing', [pod('web-1', 'creating', '0/1')]),
      status(900, 'progressing', [pod('web-1', 'running', '0/1')]),
      {
        type: 'event',
        time: at(1000),
        resource,
        event: { uid: 'e1', type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed', object: 'Pod/web-1', count: 1 },
      },
      status(1500, 'progressing', [pod('web-1', 'failed', '0/1', 1)]),
      status(2500, 'ready', [pod('web-1', 'ready', '1/1', 1)]),
      { type: 'ready', time: at(2500), resource, message: 'deploy/web is ready' },
    ];
    for (const message of messages) recorder.observe(message);
    const timeline = recorder.build(start + 3000);

    expect(timeline).toMatchObject({ startedAt: at(0), durationMs: 3000 });
    const [deployment, webPod] = timeline.rows;
    expect(deployment).toMatchObject({ kind: 'resource', name: 'web', resource: 'apps/v1/Deployment/shop/web' });
    expect(deployment!.segments).toEqual([
      { state: 'absent', startMs: 0, endMs: 100 },
      { state: 'progressing', startMs: 100, endMs: 2500 },
      { state: 'ready', startMs: 2500, endMs: 3000 },
    ]);
    expect(webPod).toMatchObject({ kind: 'pod', name: 'web-1' });
    expect(webPod!.segments.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['scheduling', 200, 400],
      ['creating', 400, 900],
      ['running', 900, 1500],
      ['failed', 1500, 2500],
      ['ready', 2500, 3000],
    ]);
    expect(webPod!.marks).toEqual([
      { atMs: 1000, reason: 'Unhealthy', message: 'Readiness probe failed' },
      { atMs: 1500, reason: 'Restarted', message: 'restarts: 1' },
    ]);
  });

  it('ends a pod that left the resource as deleted, and records the failed verdict', () => {
    const recorder = new TimelineRecorder(start);
    recorder.observe({ type: 'added', time: at(0), resource });
    recorder.observe(status(10, 'progressing', [pod('old', 'ready', '1/1'), pod('new', 'pulling', '0/1')]));
    recorder.observe(status(500, 'progressing', [pod('new', 'pulling', '0/1')]));
    recorder.observe({ type: 'failed', time: at(600), resource, code: 'invalid-config', message: 'cannot pull' });
    const timeline = recorder.build(start + 700);
    const rows = Object.fromEntries(timeline.rows.map((row) => [row.name, row]));
    expect(rows['old']!.segments.at(-1)).toEqual({ state: 'deleted', startMs: 500, endMs: 500 });
    expect(rows['new']!.segments).toEqual([{ state: 'pulling', startMs: 10, endMs: 700 }]);
    expect(rows['web']).toMatchObject({ verdict: 'invalid-config' });
    expect(rows['web']!.segments.at(-1)).toEqual({ state: 'failed', startMs: 600, endMs: 700 });
  });

  it("marks a Warning on the pod row it names, and one about the resource or another child on the resource's row", () => {
    const recorder = new TimelineRecorder(start);
    const warning = (ms: number, object: string) =>
      recorder.observe({ type: 'event', time: at(ms), resource, event: { uid: object, type: 'Warning', reason: 'R', message: object, object, count: 1 } });
    recorder.observe({ type: 'added', time: at(0), resource });
    recorder.observe(status(10, 'progressing', [pod('web-6f7-abcde', 'running', '0/1')]));
    warning(20, 'Pod/web-6f7-abcde');
    warning(30, 'ReplicaSet/web-6f7');
    warning(40, 'Deployment/web');
    const rows = Object.fromEntries(recorder.build(start + 100).rows.map((row) => [row.name, row]));
    expect(rows['web-6f7-abcde']!.marks.map((m) => m.message)).toEqual(['Pod/web-6f7-abcde']);
    expect(rows['web']!.marks.map((m) => m.message)).toEqual(['ReplicaSet/web-6f7', 'Deployment/web']);
  });
});
