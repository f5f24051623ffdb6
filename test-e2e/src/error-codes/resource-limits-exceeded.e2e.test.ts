import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, resourceQuotaManifest, waitFor, kubeClients } from '../harness/index.js';
import { expectRolloutFailure, logTailLines, trackJson, trackWhileApplying } from './helpers.js';

/** waits until the quota controller has computed the quota's usage, so admission judges against it */
async function quotaReady(namespace: string, name: string): Promise<void> {
  await waitFor(async () => (await kubeClients().core.readNamespacedResourceQuota({ namespace, name })).status?.used !== undefined, {
    description: `quota ${name} to have status.used`,
  });
}

describe('resource-limits-exceeded', () => {
  e2eTest('a ResourceQuota of zero pods: the ReplicaSet cannot create pods, fails fast', async ({ namespace }) => {
    await applyManifests(namespace, resourceQuotaManifest('no-pods', { pods: '0' }));
    await quotaReady(namespace, 'no-pods');
    await applyManifests(namespace, deploymentManifest({ name: 'web', replicas: 2 }));
    const result = await trackJson(['track', 'deploy/web', '-n', namespace, '--timeout', '40s']);
    expectRolloutFailure(result, 'resource-limits-exceeded', `apps/v1/Deployment/${namespace}/web`);
    const { resource } = result;
    expect(resource.message).toMatch(/web/);
    expect(resource.message).toMatch(/exceeded quota|forbidden/i);
    expect(resource.message).toContain('no-pods');
    expect(resource.hint).toContain(`kubectl describe quota -n ${namespace}`);
    expect(resource.hint).toMatch(/\(no-pods, requested: pods=1, used: pods=0, limited: pods=0\)/);
    expect(resource.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Warning', reason: 'FailedCreate', object: expect.stringMatching(/^ReplicaSet\/web-/) }),
      ]),
    );
  });

  e2eTest('a CPU quota the pods would exceed fails fast with the quota named', async ({ namespace }) => {
    await applyManifests(namespace, resourceQuotaManifest('cpu', { 'requests.cpu': '100m', 'limits.cpu': '100m' }));
    await quotaReady(namespace, 'cpu');
    await applyManifests(namespace, deploymentManifest({ name: 'big', resources: { cpu: '500m', memory: '64Mi' } }));
    const result = await trackJson(['track', 'deploy/big', '-n', namespace, '--timeout', '40s']);
    expectRolloutFailure(result, 'resource-limits-exceeded', `apps/v1/Deployment/${namespace}/big`);
    expect(result.resource.message).toMatch(/big/);
    expect(result.resource.message).toMatch(/exceeded quota: cpu/);
  });

  e2eTest('an OOMKilled container fails with resource-limits-exceeded and the killed instance\'s log', async ({ namespace }) => {
    const result = await trackWhileApplying(
      ['track', 'deploy/hungry', '-n', namespace, '--timeout', '40s'],
      namespace,
      deploymentManifest({ name: 'hungry', behavior: 'oom-killed', runFor: '1s', logs: ['loading the whole dataset'] }),
    );
    expectRolloutFailure(result, 'resource-limits-exceeded', `apps/v1/Deployment/${namespace}/hungry`);
    const { resource } = result;
    expect(resource.message).toMatch(/pod\/hungry-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toContain('container "app"');
    expect(resource.message).toMatch(/OOMKilled/);
    expect(logTailLines(resource)).toEqual(expect.arrayContaining(['loading the whole dataset', 'panic: simulated crash']));
  });
});
