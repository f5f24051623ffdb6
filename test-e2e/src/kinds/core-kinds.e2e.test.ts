import type { KubernetesObject, V1Service } from '@kubernetes/client-node';
import { afterAll, describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, kubeClients } from '../harness/index.js';
import { expectRolloutFailure, sleep, trackJson } from '../error-codes/helpers.js';
import { manifestFile } from './manifest-file.js';

/** Cluster-scoped objects the tests create, named after their namespace, removed at the end. */
const clusterObjects: KubernetesObject[] = [];

afterAll(async () => {
  for (const object of clusterObjects) await kubeClients().objects.delete(object).catch(() => undefined);
});

function service(name: string, type: 'ClusterIP' | 'LoadBalancer', selector: Record<string, string>): V1Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
}

/** Writes status.loadBalancer as a cloud controller would: the local cluster has none. */
async function publishAddress(namespace: string, name: string, ip: string): Promise<void> {
  const { core } = kubeClients();
  const current = await core.readNamespacedServiceStatus({ name, namespace });
  await core.replaceNamespacedServiceStatus({ name, namespace, body: { ...current, status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } } });
}

describe('kinds without pods: Service, PersistentVolumeClaim', () => {
  e2eTest('track -f waits for a LoadBalancer address and a ready endpoint, and still skips the ConfigMap', async ({ namespace }) => {
    const objects = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { mode: 'prod' } },
      deploymentManifest({ name: 'web' }),
      service('web', 'ClusterIP', { app: 'web' }),
      service('web-public', 'LoadBalancer', { app: 'web' }),
    ];
    const file = manifestFile(objects);
    await applyManifests(namespace, objects as KubernetesObject[]);
    const tracking = trackJson(['track', '-f', file, '-n', namespace, '--timeout', '45s']);
    // Long enough for the Deployment's pod to be Ready: only the address is then missing.
    await sleep(4_000);
    await publishAddress(namespace, 'web-public', '203.0.113.10');
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.resources.map((r) => [r.kind, r.name, r.status])).toEqual(
      expect.arrayContaining([
        ['Deployment', 'web', 'ready'],
        ['Service', 'web', 'ready'],
        ['Service', 'web-public', 'ready'],
      ]),
    );
    expect(result.report.resources.find((r) => r.name === 'web-public')!.message).toContain('203.0.113.10');
    expect(result.report.resources.find((r) => r.kind === 'ConfigMap')).toBeUndefined();
    expect(result.stderr).toContain('skipped 1 objects with nothing to wait for: ConfigMap/web-config');
  });

  e2eTest('a LoadBalancer that never gets an address times out saying what it waits for', async ({ namespace }) => {
    await applyManifests(namespace, service('lb', 'LoadBalancer', {}) as KubernetesObject);
    const result = await trackJson(['track', 'svc/lb', '-n', namespace, '--timeout', '3s']);
    expectRolloutFailure(result, 'timeout', `v1/Service/${namespace}/lb`);
    expect(result.resource.message).toContain('load balancer address');
  });

  e2eTest('a Service whose selector matches no pod is not ready', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'web' }), service('web', 'ClusterIP', { app: 'wbe' })] as KubernetesObject[]);
    const result = await trackJson(['track', 'svc/web', '-n', namespace, '--timeout', '5s']);
    expectRolloutFailure(result, 'timeout', `v1/Service/${namespace}/web`);
    expect(result.resource.message).toContain('a ready endpoint (selector app=wbe)');
  });

  e2eTest('claims: WaitForFirstConsumer Pending is ready, a claim bound to a PV is ready', async ({ namespace }) => {
    const lazy = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: `${namespace}-lazy` }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };
    const volume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `${namespace}-pv` },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/kubetrack-e2e' }, storageClassName: '', claimRef: { namespace, name: 'bound' } },
    };
    clusterObjects.push(lazy as KubernetesObject, volume as KubernetesObject);
    const claim = (name: string, storageClassName: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName },
    });
    const objects = [claim('lazy', lazy.metadata.name), claim('bound', '')];
    await applyManifests(namespace, [lazy, volume, ...objects] as KubernetesObject[]);
    const result = await trackJson(['track', '-f', manifestFile(objects), '-n', namespace, '--timeout', '30s']);
    expect(result.code, result.stderr).toBe(0);
    const byName = Object.fromEntries(result.report.resources.map((r) => [r.name, r]));
    expect(byName['lazy']).toMatchObject({ status: 'ready' });
    expect(byName['lazy']!.message).toContain('WaitForFirstConsumer');
    expect(byName['bound']).toMatchObject({ status: 'ready' });
    expect(byName['bound']!.message).toContain(`Bound to ${namespace}-pv`);
  });

  e2eTest('a claim whose provisioning keeps failing fails with the ProvisioningFailed message', async ({ namespace }) => {
    const broken = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: `${namespace}-broken` }, provisioner: 'kubernetes.io/no-such-plugin', volumeBindingMode: 'Immediate' };
    clusterObjects.push(broken as KubernetesObject);
    await applyManifests(namespace, [
      broken,
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: broken.metadata.name } },
    ] as KubernetesObject[]);
    const result = await trackJson(['track', 'pvc/data', '-n', namespace, '--timeout', '30s', '--scheduling-grace', '2s']);
    expectRolloutFailure(result, 'failed', `v1/PersistentVolumeClaim/${namespace}/data`);
    expect(result.resource.message).toContain('pvc/data cannot be provisioned');
    expect(result.resource.message).toContain('kubernetes.io/no-such-plugin');
    expect(result.resource.events?.map((event) => event.reason)).toContain('ProvisioningFailed');
  });
});
