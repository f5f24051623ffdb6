import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, trackJson } from './helpers.js';

describe('timeout', () => {
  e2eTest('never-ready pods: nothing fails, the timeout runs out, status timeout with what it waited for', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'lazy', behavior: 'never-ready' }));
    const result = await trackJson(['track', 'deploy/lazy', '-n', namespace, '--timeout', '5s']);
    expectRolloutFailure(result, 'timeout', `apps/v1/Deployment/${namespace}/lazy`);
    const { resource } = result;
    expect(resource.status).toBe('timeout');
    expect(resource.message).toMatch(/lazy/);
    expect(resource.message).toMatch(/0\/1|ready|available/i);
    expect(resource.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Warning', reason: 'Unhealthy', object: expect.stringMatching(/^Pod\/lazy-/) })]),
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(5_000);
    expect(result.durationMs).toBeLessThan(12_000);
  });
});
