import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { kubeClients } from './kube-clients.js';
import { deleteTestNamespace, testNamespaceLabel } from './test-namespace.js';
import { waitFor } from './wait-for.js';

export type ClusterComponent = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'pod-logs' | 'kwok';

const clusterDir = fileURLToPath(new URL('../../cluster/', import.meta.url));
const run = promisify(execFile);

/**
 * Stops one process of the local cluster, e.g. the API server to cut every connection. Other test
 * files running at the same time see the outage too: keep such tests in a file of their own and
 * run it alone (vitest --project e2e --no-file-parallelism <file>).
 */
export async function stopClusterComponent(component: ClusterComponent): Promise<void> {
  await run('bash', [`${clusterDir}stop-component.sh`, component]);
}

/**
 * starts every stopped component again on the existing state (cluster:up), and waits until the
 * cluster is healthy; `env` adds up.sh's knobs (e.g. KUBETRACK_APISERVER_WATCH_CACHE_SIZES)
 */
export async function startStoppedClusterComponents(env: Record<string, string> = {}): Promise<void> {
  await run('bash', [`${clusterDir}up.sh`], { timeout: 120_000, env: { ...process.env, ...env } });
}

/** stops a component and starts it again, e.g. an API server restart under a running tracker */
export async function restartClusterComponent(component: ClusterComponent, env: Record<string, string> = {}): Promise<void> {
  await stopClusterComponent(component);
  await startStoppedClusterComponents(env);
}

/**
 * Waits until kube-controller-manager acts on new objects again (a new namespace gets its default
 * ServiceAccount): after API server restarts its informers may sit in client-go's back-off for
 * tens of seconds, and the next test's namespace would wait for them.
 */
export async function waitForControllersToCatchUp(timeoutMs = 120_000): Promise<void> {
  const { core } = kubeClients();
  const name = `kt-catch-up-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name, labels: { [testNamespaceLabel]: 'true' } } } });
  try {
    await waitFor(() => core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(() => true), {
      description: `kube-controller-manager to create the default ServiceAccount of ${name}`,
      timeoutMs,
      intervalMs: 200,
    });
  } finally {
    await deleteTestNamespace(name);
  }
}
