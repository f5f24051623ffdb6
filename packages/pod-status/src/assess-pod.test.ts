import { readdirSync, readFileSync } from 'node:fs';
import type { KubeEvent, KubeObject } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { assessPod, type PodAssessment } from './assess-pod.js';

interface PodFixture {
  description: string;
  pod: KubeObject;
  events: KubeEvent[];
  context: { now: string; trackingStartedAt: string; schedulingGracePeriodMs: number };
  /** A partial PodAssessment; `permanent: false` in a failure means "not permanent". */
  expect: Partial<PodAssessment>;
}

const fixturesDir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(fixturesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, fixturesDir), 'utf8')) as PodFixture) }));

describe('assessPod fixtures', () => {
  it.each(fixtures)('$file: $description', ({ pod, events, context, expect: expected }) => {
    const assessment = assessPod(
      pod,
      {
        now: Date.parse(context.now),
        trackingStartedAt: Date.parse(context.trackingStartedAt),
        schedulingGracePeriodMs: context.schedulingGracePeriodMs,
      },
      events,
    );
    const actual = {
      ...assessment,
      failures: assessment.failures.map((failure) => ({ ...failure, permanent: failure.permanent ?? false })),
    };
    expect(actual).toMatchObject(expected);
    if (expected.recheckAfterMs === undefined) expect(assessment.recheckAfterMs).toBeUndefined();
  });
});

describe('assessPod', () => {
  const context = { now: Date.parse('2025-06-03T10:16:00Z'), trackingStartedAt: Date.parse('2025-06-03T10:15:00Z'), schedulingGracePeriodMs: 30_000 };
  const crashFixture = fixtures.find((fixture) => fixture.file === 'crash-loop-backoff.json')!;

  it('ignores events about other pods', () => {
    const { pod } = fixtures.find((fixture) => fixture.file === 'liveness-probe-restart.json')!;
    const otherPodEvent: KubeEvent = {
      uid: 'x',
      type: 'Normal',
      reason: 'Killing',
      message: 'Container app failed liveness probe, will be restarted',
      object: 'Pod/web-6f7c9d8b5-other',
      involvedObjectUid: 'another-uid',
      fieldPath: 'spec.containers{app}',
      count: 1,
      firstTime: '2025-06-03T10:15:54Z',
      lastTime: '2025-06-03T10:15:54Z',
    };
    expect(assessPod(pod, context, [otherPodEvent]).failures).toEqual([]);
  });

  it('works on a pod that has no status yet', () => {
    const assessment = assessPod({ metadata: { name: 'web-1', uid: 'u1' }, spec: { containers: [{ name: 'app' }] } }, context);
    expect(assessment).toMatchObject({ phase: 'Pending', ready: false, failures: [], summary: { ready: '0/1', status: 'Pending' } });
    expect(assessment.logSources).toEqual([{ pod: 'web-1', podUid: 'u1', container: 'app', restartCount: 0, started: false, terminated: false }]);
  });

  it('names the instance previous=true reads: the one before while a restarted container has just exited, itself while it waits to restart', () => {
    const pod = (state: Record<string, unknown>) => ({
      metadata: { name: 'web-1', uid: 'u1' },
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'app', ready: false, restartCount: 1, containerID: 'containerd://run-1', state, lastState: { terminated: { exitCode: 1, containerID: state.waiting ? 'containerd://run-1' : 'containerd://run-0' } } },
        ],
      },
    });
    const exitedNow = assessPod(pod({ terminated: { exitCode: 1, containerID: 'containerd://run-1' } }), context).logSources[0];
    expect(exitedNow).toMatchObject({ containerId: 'containerd://run-1', previousContainerId: 'containerd://run-0', terminated: true });
    const waiting = assessPod(pod({ waiting: { reason: 'CrashLoopBackOff' } }), context).logSources[0];
    expect(waiting).toMatchObject({ containerId: 'containerd://run-1', previousContainerId: 'containerd://run-1', terminated: true });
  });

  it('puts the first failure in the summary error', () => {
    const assessment = assessPod(crashFixture.pod, context);
    expect(assessment.summary.error).toBe(assessment.failures[0]?.message);
  });
});
