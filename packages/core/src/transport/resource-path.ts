import type { ResourceKind } from '../resource-kind.js';

/**
 * The collection URL of a kind: "/api/v1/namespaces/ns/pods", "/apis/apps/v1/deployments".
 * Without a namespace (cluster-scoped kinds, or all namespaces) there is no namespaces segment.
 */
export function resourcePath(
  kind: Pick<ResourceKind, 'group' | 'version' | 'plural' | 'namespaced'>,
  namespace: string | undefined,
  name?: string,
): string {
  const groupVersion = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  const scope = kind.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${groupVersion}${scope}/${kind.plural}${object}`;
}

/** "deployments.apps", "pods": how RBAC messages name a resource. */
export function resourceName(kind: Pick<ResourceKind, 'group' | 'plural'>): string {
  return kind.group === '' ? kind.plural : `${kind.plural}.${kind.group}`;
}
