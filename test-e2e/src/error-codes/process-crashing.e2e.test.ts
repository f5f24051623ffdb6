import { describe, expect } from 'vitest';
import { deploymentManifest, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, logTailLines, trackWhileApplying } from './helpers.js';

describe('process-crashing', () => {
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
    expect(crashed?.pod).toMatch(/^worker-/);
    expect(crashed?.container).toBe('app');
    expect(crashed?.lines.at(-1)).toBe('panic: simulated crash');
    expect(result.durationMs).toBeLessThan(30_000);
  });
});
