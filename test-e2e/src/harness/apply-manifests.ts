import { type KubernetesObject, PatchStrategy } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { kubeClients } from './kube-clients.js';

const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
]);

const fieldManager = 'kubetrack-e2e';

/**
 * Server-side applies manifests (a YAML stream, or objects) into `namespace`, like
 * `kubectl apply --server-side -n namespace`: objects without a namespace get it, and applying
 * again updates them. Returns the objects as the API server stored them, in order.
 */
export async function applyManifests(
  namespace: string,
  manifests: string | KubernetesObject | readonly KubernetesObject[],
): Promise<KubernetesObject[]> {
  const { objects } = kubeClients();
  const applied: KubernetesObject[] = [];
  for (const manifest of toObjects(manifests)) {
    const object: KubernetesObject = clusterScopedKinds.has(manifest.kind ?? '')
      ? manifest
      : { ...manifest, metadata: { ...manifest.metadata, namespace: manifest.metadata?.namespace ?? namespace } };
    applied.push(await objects.patch(object, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply));
  }
  return applied;
}

function toObjects(manifests: string | KubernetesObject | readonly KubernetesObject[]): KubernetesObject[] {
  if (typeof manifests !== 'string') return Array.isArray(manifests) ? [...manifests] : [manifests as KubernetesObject];
  return parseAllDocuments(manifests)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`invalid manifest YAML: ${document.errors[0]?.message}`);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object !== null);
}
