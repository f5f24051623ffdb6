import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { inject } from 'vitest';

export interface KubeClients {
  readonly kubeconfigPath: string;
  readonly kc: KubeConfig;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly rbac: RbacAuthorizationV1Api;
  readonly objects: KubernetesObjectApi;
}

let clients: KubeClients | undefined;

/** the kubeconfig global-setup provided: the local cluster's admin (system:masters) */
export function clusterKubeconfigPath(): string {
  return inject('kubeconfig');
}

/** API clients for the test cluster, made once per test worker */
export function kubeClients(): KubeClients {
  if (clients) return clients;
  const kubeconfigPath = clusterKubeconfigPath();
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  clients = {
    kubeconfigPath,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
  return clients;
}
