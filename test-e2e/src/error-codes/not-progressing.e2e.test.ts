import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, trackJson } from './helpers.js';

describe('not-progressing', () => {
  e2eTest('a Deployment past its progressDeadlineSeconds with never-ready pods fails with ProgressDeadlineExceeded', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'slow', behavior: 'never-ready', progressDeadlineSeconds: 3 }));
    const result = await trackJson(['track', 'deploy/slow', '-n', namespace, '--timeout', '40s']);
    expectRolloutFailure(result, 'not-progressing', `apps/v1/Deployment/${namespace}/slow`);
    const { resource } = result;
    expect(resource.message).toMatch(/slow/);
    expect(resource.message).toMatch(/ProgressDeadlineExceeded|progress deadline/i);
    expect(resource.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Warning', reason: 'Unhealthy', object: expect.stringMatching(/^Pod\/slow-/) })]),
    );
  });
});
