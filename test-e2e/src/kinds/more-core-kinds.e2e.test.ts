import { NetworkingV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, kubeClients } from '../harness/index.js';
import { expectRolloutFailure, sleep, trackJson } from '../error-codes/helpers.js';

const crds: KubernetesObject[] = [];

afterAll(async () => {
  for (const crd of crds) await kubeClients().objects.delete(crd).catch(() => undefined);
});

function crd(group: string, plural: string, kind: string): KubernetesObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: plural.replace(/s$/, ''), kind, listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  } as KubernetesObject;
}

describe('kinds without pods: Ingress, HPA, PDB, CRD, APIService', () => {
  e2eTest('an Ingress is ready once its controller publishes an address', async ({ namespace }) => {
    await applyManifests(namespace, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    } as KubernetesObject);
    const tracking = trackJson(['track', 'ing/web', '-n', namespace, '--timeout', '30s']);
    await sleep(1_500);
    // The local cluster has no ingress controller: write the status as one would.
    const networking = kubeClients().kc.makeApiClient(NetworkingV1Api);
    const current = await networking.readNamespacedIngressStatus({ name: 'web', namespace });
    await networking.replaceNamespacedIngressStatus({ name: 'web', namespace, body: { ...current, status: { loadBalancer: { ingress: [{ ip: '203.0.113.20' }] } } } });
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource).toMatchObject({ kind: 'Ingress', status: 'ready' });
    expect(result.resource.message).toContain('203.0.113.20');
  });

  e2eTest('a PodDisruptionBudget is ready once the disruption controller observed it', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web' }),
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
    ] as KubernetesObject[]);
    const result = await trackJson(['track', 'pdb/web', '-n', namespace, '--timeout', '30s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource).toMatchObject({ kind: 'PodDisruptionBudget', status: 'ready' });
  });

  e2eTest('an HPA without metrics is not ready and says what the autoscaler reports', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web' }),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
      },
    ] as KubernetesObject[]);
    // The local cluster has no metrics server: the controller can never compute a replica count.
    const result = await trackJson(['track', 'hpa/web', '-n', namespace, '--timeout', '5s']);
    expectRolloutFailure(result, 'timeout', `autoscaling/v2/HorizontalPodAutoscaler/${namespace}/web`);
    expect(result.resource.message).toMatch(/ScalingActive/);
  });

  e2eTest('a CRD is ready once Established; one whose kind clashes fails with NamesAccepted=False', async ({ namespace }) => {
    const group = `${namespace}.e2e.kubetrack.test`;
    const first = crd(group, 'gadgets', 'Gadget');
    const clash = crd(group, 'gizmos', 'Gadget');
    crds.push(first, clash);
    await applyManifests(namespace, first);
    const ready = await trackJson(['track', `crd/gadgets.${group}`, '--timeout', '30s']);
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.resource.message).toContain('established');

    await applyManifests(namespace, clash);
    const failed = await trackJson(['track', `crd/gizmos.${group}`, '--timeout', '30s']);
    expectRolloutFailure(failed, 'failed', `apiextensions.k8s.io/v1/CustomResourceDefinition/gizmos.${group}`);
    expect(failed.resource.message).toContain('NamesAccepted=False');
  });

  e2eTest('a built-in APIService is Available', async () => {
    const result = await trackJson(['track', 'apiservice/v1.apps', '--timeout', '30s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource).toMatchObject({ kind: 'APIService', status: 'ready' });
  });
});
