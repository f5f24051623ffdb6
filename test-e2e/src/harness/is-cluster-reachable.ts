import { KubeConfig, VersionApi } from '@kubernetes/client-node';

/** whether the kubeconfig's current cluster answers /version within a few seconds */
export async function isClusterReachable(kubeconfigPath: string): Promise<boolean> {
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const version = kc.makeApiClient(VersionApi).getCode();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000).unref());
    await Promise.race([version, timeout]);
    return true;
  } catch {
    return false;
  }
}
