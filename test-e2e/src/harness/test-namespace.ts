import { randomBytes } from 'node:crypto';
import { kubeClients } from './kube-clients.js';
import { waitFor } from './wait-for.js';

/** label on every namespace the harness creates, to find leftovers: kubectl delete ns -l kubetrack.test/e2e */
export const testNamespaceLabel = 'kubetrack.test/e2e';

/**
 * Creates a uniquely named namespace and waits until kube-controller-manager has created its
 * `default` ServiceAccount (pods are rejected before that).
 */
export async function createTestNamespace(hint = 'test'): Promise<string> {
  const slug = hint.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'test';
  const name = `kt-${slug}-${randomBytes(3).toString('hex')}`.replace(/-+/g, '-');
  const { core } = kubeClients();
  await core.createNamespace({ body: { metadata: { name, labels: { [testNamespaceLabel]: 'true' } } } });
  await waitFor(() => core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(() => true), {
    description: `the default ServiceAccount of namespace ${name}`,
    timeoutMs: 30_000,
    intervalMs: 100,
  });
  return name;
}

/** starts deleting the namespace and everything in it, without waiting for it to be gone */
export async function deleteTestNamespace(name: string): Promise<void> {
  await kubeClients()
    .core.deleteNamespace({ name, propagationPolicy: 'Background' })
    .catch((error: { code?: number }) => {
      if (error.code !== 404) throw error;
    });
}

/** runs `body` in a fresh namespace that is deleted afterwards, whatever the outcome */
export async function withNamespace<T>(body: (namespace: string) => Promise<T>, hint?: string): Promise<T> {
  const namespace = await createTestNamespace(hint);
  try {
    return await body(namespace);
  } finally {
    await deleteTestNamespace(namespace);
  }
}
