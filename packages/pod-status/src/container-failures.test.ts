import { describe, expect, it } from 'vitest';
import { assessPod } from './assess-pod.js';
import type { ContainerStatus, Pod } from './pod-types.js';

const context = { now: Date.parse('2025-06-03T10:20:00Z'), trackingStartedAt: Date.parse('2025-06-03T10:15:00Z'), schedulingGracePeriodMs: 30_000 };

function podWith(app: ContainerStatus, resourceVersion: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-6f7c9d8b5-x2kqj', namespace: 'shop', uid: 'pod-uid', resourceVersion },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.4.2' }] },
    status: { phase: 'Running', containerStatuses: [app] },
  };
}

const exit1 = (startedAt: string, finishedAt: string) => ({ exitCode: 1, reason: 'Error', startedAt, finishedAt });

/** The states a crash-looping container goes through, as the kubelet reports them. */
const crashLoop: ContainerStatus[] = [
  { name: 'app', restartCount: 0, state: { running: { startedAt: '2025-06-03T10:15:04Z' } } },
  { name: 'app', restartCount: 0, state: { terminated: exit1('2025-06-03T10:15:04Z', '2025-06-03T10:15:06Z') } },
  { name: 'app', restartCount: 1, state: { running: { startedAt: '2025-06-03T10:15:07Z' } }, lastState: { terminated: exit1('2025-06-03T10:15:04Z', '2025-06-03T10:15:06Z') } },
  { name: 'app', restartCount: 1, state: { terminated: exit1('2025-06-03T10:15:07Z', '2025-06-03T10:15:09Z') }, lastState: { terminated: exit1('2025-06-03T10:15:04Z', '2025-06-03T10:15:06Z') } },
  { name: 'app', restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: exit1('2025-06-03T10:15:07Z', '2025-06-03T10:15:09Z') } },
  { name: 'app', restartCount: 2, state: { running: { startedAt: '2025-06-03T10:15:20Z' } }, lastState: { terminated: exit1('2025-06-03T10:15:07Z', '2025-06-03T10:15:09Z') } },
  { name: 'app', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: exit1('2025-06-03T10:15:20Z', '2025-06-03T10:15:22Z') } },
];

describe('crash identity', () => {
  const ids = crashLoop.map((status, index) => assessPod(podWith(status, String(index)), context).failures.map((f) => f.id));

  it('gives each crash of a container its own id', () => {
    expect(new Set(ids.flat())).toEqual(new Set(['pod-uid/app/crash/0', 'pod-uid/app/crash/1', 'pod-uid/app/crash/2']));
  });

  it('keeps the id of a crash while it is re-reported (terminated, back-off, running again)', () => {
    expect(ids).toEqual([
      [],
      ['pod-uid/app/crash/0'],
      ['pod-uid/app/crash/0'],
      ['pod-uid/app/crash/1'],
      ['pod-uid/app/crash/1'],
      ['pod-uid/app/crash/1'],
      ['pod-uid/app/crash/2'],
    ]);
  });

  it('does not turn an unrelated pod update into a new failure', () => {
    const status = crashLoop[4]!;
    const before = assessPod(podWith(status, '100'), context).failures;
    const after = assessPod({ ...podWith(status, '101'), metadata: { ...podWith(status, '101').metadata, labels: { touched: 'yes' } } }, context).failures;
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
  });
});

describe('image pull identity', () => {
  it('keeps one id per pod and container while ErrImagePull and ImagePullBackOff alternate', () => {
    const ids = ['ErrImagePull', 'ImagePullBackOff', 'ErrImagePull'].map(
      (reason, index) =>
        assessPod(podWith({ name: 'app', restartCount: 0, state: { waiting: { reason, message: 'dial tcp 10.0.0.5:443: i/o timeout' } } }, String(index)), context)
          .failures[0]?.id,
    );
    expect(new Set(ids)).toEqual(new Set(['pod-uid/app/image-pull']));
  });
});
