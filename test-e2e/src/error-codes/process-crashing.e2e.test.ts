import { describe, expect } from 'vitest';
import type { Report } from '@kubetrack/core';
import { applyManifests, deploymentManifest, e2eTest, listPods, runKubetrack, waitFor } from '../harness/index.js';
import { expectRolloutFailure, logTailLines, trackWhileApplying } from './helpers.js';

describe('process-crashing', () => {
  e2eTest('the log excerpt keeps the error-level line that explains the crash, before the last lines', async ({ namespace }) => {
    const error = '{"level":"error","msg":"cannot reach db:5432","attempt":3}';
    const noise = Array.from({ length: 30 }, (_, i) => `{"level":"info","msg":"shutting down worker ${i}"}`);
    const result = await trackWhileApplying(
      ['track', 'deploy/worker', '-n', namespace, '--timeout', '40s'],
      namespace,
      deploymentManifest({ name: 'worker', behavior: 'crashloop', runFor: '1s', logs: ['{"level":"info","msg":"starting"}', error, ...noise] }),
    );
    expectRolloutFailure(result, 'process-crashing', `apps/v1/Deployment/${namespace}/worker`);
    const crashed = result.resource.logTail.find((tail) => tail.lines.includes('panic: simulated crash'));
    // 20 last lines would be shutdown noise only; the error line comes first, then the gap, then the last lines
    expect(crashed?.lines[0]).toBe(error);
    expect(crashed?.lines[1]).toBe('…');
    expect(crashed?.lines.at(-1)).toBe('panic: simulated crash');
    expect(crashed?.lines).not.toContain('{"level":"info","msg":"starting"}');
  });

  e2eTest('CrashLoopBackOff fails with the BackOff event and the crashed instance\'s log tail', async ({ namespace }) => {
    const result = await trackWhileApplying(
      ['track', 'deploy/worker', '-n', namespace, '--timeout', '40s'],
      namespace,
      deploymentManifest({ name: 'worker', behavior: 'crashloop', runFor: '1s', logs: ['worker: connecting to queue', 'worker: queue refused'] }),
    );
    expectRolloutFailure(result, 'process-crashing', `apps/v1/Deployment/${namespace}/worker`);
    const { resource } = result;
    expect(resource.status).toBe('failed');
    expect(resource.message).toMatch(/pod\/worker-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toContain('container "app"');
    expect(resource.message).toMatch(/CrashLoopBackOff|exit(ed)? (code )?1|Error/);
    expect(resource.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Warning', reason: 'BackOff', object: expect.stringMatching(/^Pod\/worker-/) }),
      ]),
    );
    const lines = logTailLines(resource);
    expect(lines).toEqual(expect.arrayContaining(['worker: connecting to queue', 'worker: queue refused', 'panic: simulated crash']));
    // the crashed (previous) instance's lines are there, ending with the panic
    const crashed = resource.logTail.find((tail) => tail.lines.includes('panic: simulated crash'));
    // Every tail in the message: a flake here (session 10's stop, once) must say which instance got which lines.
    const tails = JSON.stringify(resource.logTail);
    expect(crashed?.pod, tails).toMatch(/^worker-/);
    expect(crashed?.container, tails).toBe('app');
    expect(crashed?.lines.at(-1), tails).toBe('panic: simulated crash');
    // the default allowance is one failure: the loop fails at its second crash, not later
    expect(resource.message).toContain('(2 failures, 1 allowed)');
  });

  e2eTest('a container that crashes once and then runs is not a failure: track passes it', async ({ namespace }) => {
    const result = await trackWhileApplying(
      ['track', 'deploy/late-db', '-n', namespace, '--timeout', '40s'],
      namespace,
      deploymentManifest({ name: 'late-db', behavior: 'crashloop', crashTimes: 1, runFor: '1s', logs: ['app: database not up yet'] }),
    );
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(result.report.success).toBe(true);
    expect(result.resource.status).toBe('ready');
    // the crash was seen, counted within the allowance, and its lines kept
    const pods = await listPods(namespace);
    expect(pods.map((pod) => pod.status?.containerStatuses?.[0]?.restartCount)).toEqual([1]);
  });
});

describe('process-crashing, tracked after the crash', () => {
  e2eTest('the report still carries the crashed instance\'s lines that logs-since kept out of the stream', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'early', behavior: 'crashloop', runFor: '1s', logs: ['early: loading', 'early: bad config'] }),
    ]);
    await waitFor(
      async () => (await listPods(namespace)).some((pod) => (pod.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0),
      { timeoutMs: 30_000, description: 'a restart' },
    );
    const result = await runKubetrack(['track', 'deploy/early', '-n', namespace, '--timeout', '40s', '-o', 'json']);
    expect(result.code).toBe(1);
    const resource = (JSON.parse(result.stdout) as Report).resources[0]!;
    expect(resource.code).toBe('process-crashing');
    const crashed = resource.logTail.find((tail) => tail.previous);
    expect(crashed?.lines).toEqual(['early: loading', 'early: bad config', 'panic: simulated crash']);
  });
});
