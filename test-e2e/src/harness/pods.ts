import type { V1Pod } from '@kubernetes/client-node';
import { kubeClients } from './kube-clients.js';
import { waitFor } from './wait-for.js';

export async function listPods(namespace: string, labelSelector?: string): Promise<V1Pod[]> {
  const { items } = await kubeClients().core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) });
  return items;
}

/** waits until some pod of the namespace (optionally selected by labels) satisfies `predicate`, and returns it */
export async function waitForPod(
  namespace: string,
  predicate: (pod: V1Pod) => boolean,
  options: { labelSelector?: string; description: string; timeoutMs?: number },
): Promise<V1Pod> {
  return waitFor(async () => (await listPods(namespace, options.labelSelector)).find(predicate), {
    description: `${options.description} in ${namespace}`,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

/** the status of the pod's container `name` (default: its first container) */
export function containerStatus(pod: V1Pod, name?: string) {
  const statuses = pod.status?.containerStatuses ?? [];
  return name === undefined ? statuses[0] : statuses.find((status) => status.name === name);
}

export function podCondition(pod: V1Pod, type: string) {
  return pod.status?.conditions?.find((condition) => condition.type === type);
}
