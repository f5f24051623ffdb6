import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, kubeClients } from '../harness/index.js';
import { expectRolloutFailure, trackJsonActingOn } from './helpers.js';

describe('deleted', () => {
  e2eTest('deleting the tracked Deployment while tracking fails with deleted', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'doomed', behavior: 'never-ready' }));
    // Deleted once kubetrack has seen it (its first status), as when someone deletes it mid-rollout.
    const result = await trackJsonActingOn(['track', 'deploy/doomed', '-n', namespace, '--timeout', '40s'], /"type":"status"/, () =>
      kubeClients().apps.deleteNamespacedDeployment({ namespace, name: 'doomed', propagationPolicy: 'Background' }),
    );
    expectRolloutFailure(result, 'deleted', `apps/v1/Deployment/${namespace}/doomed`);
    expect(result.resource.message).toMatch(/doomed/);
    expect(result.resource.message).toMatch(/deleted/i);
  });
});
