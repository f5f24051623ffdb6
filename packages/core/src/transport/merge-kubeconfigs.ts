import type { Kubeconfig } from './kubeconfig-file.js';

/**
 * Merges the files of KUBECONFIG the way kubectl does: the first file that defines a cluster,
 * user or context name wins, and the first non-empty current-context wins. (client-node's
 * loadFromDefault lets the last current-context win and throws on duplicate names.)
 */
export function mergeKubeconfigs(configs: readonly Kubeconfig[]): Kubeconfig {
  const currentContext = configs.map((config) => config.currentContext).find((name) => !!name);
  return {
    clusters: firstByName(configs.map((config) => config.clusters)),
    users: firstByName(configs.map((config) => config.users)),
    contexts: firstByName(configs.map((config) => config.contexts)),
    ...(currentContext ? { currentContext } : {}),
  };
}

function firstByName<T extends { name: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
  return [...seen.values()];
}
