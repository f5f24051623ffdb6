import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, trackJson } from './helpers.js';

describe('scheduling', () => {
  e2eTest('a pod no node fits fails with scheduling after the grace period', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'picky', nodeSelector: { 'disk': 'nvme-that-no-node-has' } }));
    const result = await trackJson(['track', 'deploy/picky', '-n', namespace, '--timeout', '40s', '--scheduling-grace', '3s']);
    expectRolloutFailure(result, 'scheduling', `apps/v1/Deployment/${namespace}/picky`);
    const { resource } = result;
    expect(resource.message).toMatch(/pod\/picky-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toMatch(/node\(s\) didn't match Pod's node affinity\/selector|unschedulable/i);
    expect(resource.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', object: expect.stringMatching(/^Pod\/picky-/) }),
      ]),
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(3_000);
  });
});
