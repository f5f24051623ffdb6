import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1BoundObjectReference, V1PolicyRule } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { kubeClients } from './kube-clients.js';

/**
 * A kubeconfig that authenticates as a new ServiceAccount in `namespace`, allowed exactly `rules`
 * there (none by default), so tests can meet real 401/403 answers. Returns the file's path.
 * `boundTo`: the token is bound to that object (a Secret, a Pod) and dies with it.
 */
export async function serviceAccountKubeconfig(
  namespace: string,
  name: string,
  rules: readonly V1PolicyRule[] = [],
  boundTo?: V1BoundObjectReference,
): Promise<string> {
  const { core, rbac, kc } = kubeClients();
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  if (rules.length > 0) {
    await rbac.createNamespacedRole({ namespace, body: { metadata: { name }, rules: [...rules] } });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    });
  }
  const { status } = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: 3600, ...(boundTo ? { boundObjectRef: boundTo } : {}) } },
  });
  const cluster = kc.getCurrentCluster();
  if (!cluster || !status?.token) throw new Error('could not build a ServiceAccount kubeconfig');
  const path = join(tmpdir(), `kubetrack-e2e-${namespace}-${name}.kubeconfig`);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'e2e', cluster: { server: cluster.server, 'certificate-authority': cluster.caFile } }],
      users: [{ name, user: { token: status.token } }],
      contexts: [{ name, context: { cluster: 'e2e', user: name, namespace } }],
      'current-context': name,
    }),
  );
  return path;
}
