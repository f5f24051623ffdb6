import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, kubeClients } from '../harness/index.js';
import { expectRolloutFailure, sleep, trackJson } from './helpers.js';

describe('deleted', () => {
  e2eTest('deleting the tracked Deployment while tracking fails with deleted', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'doomed', behavior: 'never-ready' }));
    const tracking = trackJson(['track', 'deploy/doomed', '-n', namespace, '--timeout', '40s']);
    await sleep(2_500);
    await kubeClients().apps.deleteNamespacedDeployment({ namespace, name: 'doomed', propagationPolicy: 'Background' });
    const result = await tracking;
    expectRolloutFailure(result, 'deleted', `apps/v1/Deployment/${namespace}/doomed`);
    expect(result.resource.message).toMatch(/doomed/);
    expect(result.resource.message).toMatch(/deleted/i);
  });
});
