import { apiVersionOf } from './resource-kind.js';

/** One tracked object: its type, namespace and name. Keys are namespace+kind+name, never name alone. */
export interface ResourceId {
  group: string;
  version: string;
  kind: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}

/** "apps/v1/Deployment/ns/web": the form the JSON report uses in `error.resource`. */
export function formatResourceId(id: ResourceId): string {
  const apiVersion = apiVersionOf(id);
  return id.namespace ? `${apiVersion}/${id.kind}/${id.namespace}/${id.name}` : `${apiVersion}/${id.kind}/${id.name}`;
}

/** Stable map key; group rather than version so a resource is one entry whatever version is used. */
export function resourceKey(id: ResourceId): string {
  return `${id.group}|${id.kind}|${id.namespace ?? ''}|${id.name}`;
}
