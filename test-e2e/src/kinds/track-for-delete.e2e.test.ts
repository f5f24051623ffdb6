import type { KubernetesObject } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, kubeClients, waitFor } from '../harness/index.js';
import { expectRolloutFailure, sleep, trackJson } from '../error-codes/helpers.js';
import { manifestFile } from './manifest-file.js';

const held = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, finalizers: ['kubetrack.test/hold'] }, data: { a: '1' } });

async function releaseFinalizer(namespace: string, name: string): Promise<void> {
  const { core } = kubeClients();
  const current = await core.readNamespacedConfigMap({ name, namespace });
  await core.replaceNamespacedConfigMap({ name, namespace, body: { ...current, metadata: { ...current.metadata, finalizers: [] } } });
}

describe('track --for delete', () => {
  e2eTest('a timeout names the finalizer that holds the object; releasing it ends the wait with exit 0', async ({ namespace }) => {
    const { core } = kubeClients();
    await applyManifests(namespace, held('settings') as KubernetesObject);
    await core.deleteNamespacedConfigMap({ name: 'settings', namespace });

    const stuck = await trackJson(['track', '--for', 'delete', 'configmap/settings', '-n', namespace, '--timeout', '3s']);
    expectRolloutFailure(stuck, 'timeout', `v1/ConfigMap/${namespace}/settings`);
    expect(stuck.resource.message).toContain('finalizers kubetrack.test/hold');

    const tracking = trackJson(['track', '--for', 'delete', 'configmap/settings', '-n', namespace, '--timeout', '30s']);
    await sleep(1_500);
    await releaseFinalizer(namespace, 'settings');
    const done = await tracking;
    expect(done.code, done.stderr).toBe(0);
    expect(done.resource).toMatchObject({ kind: 'ConfigMap', name: 'settings', status: 'ready', deleted: true });
  });

  e2eTest('an object nobody deletes times out saying so', async ({ namespace }) => {
    await applyManifests(namespace, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: {} } as KubernetesObject);
    const result = await trackJson(['track', '--for', 'delete', 'configmap/kept', '-n', namespace, '--timeout', '2s']);
    expectRolloutFailure(result, 'timeout', `v1/ConfigMap/${namespace}/kept`);
    expect(result.resource.message).toContain('nobody deleted it yet');
  });

  e2eTest('-f waits for every object, even kinds readiness skips: a foreground-deleted Deployment and a ConfigMap', async ({ namespace }) => {
    const objects = [deploymentManifest({ name: 'web' }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: {} }];
    await applyManifests(namespace, objects as KubernetesObject[]);
    const { apps, core } = kubeClients();
    await waitFor(async () => (await core.listNamespacedPod({ namespace })).items.length > 0, { description: 'the pod of deploy/web' });
    const file = manifestFile(objects);

    const tracking = trackJson(['track', '--for', 'delete', '-f', file, '-n', namespace, '--timeout', '40s']);
    await sleep(1_500);
    await apps.deleteNamespacedDeployment({ name: 'web', namespace, body: { propagationPolicy: 'Foreground' } });
    await core.deleteNamespacedConfigMap({ name: 'web-config', namespace });
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.resources.map((r) => [r.kind, r.name, r.status, r.deleted])).toEqual(
      expect.arrayContaining([
        ['Deployment', 'web', 'ready', true],
        ['ConfigMap', 'web-config', 'ready', true],
      ]),
    );
    expect(result.stderr).not.toContain('nothing to wait for');
    // Done means gone: a foreground deletion keeps the Deployment until its pods are, and kubetrack waited for that.
    await expect(apps.readNamespacedDeployment({ name: 'web', namespace })).rejects.toMatchObject({ code: 404 });
  });
});
