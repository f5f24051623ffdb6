/** A resource type as the API server serves it: enough to build list/watch paths. */
export interface ResourceKind {
  /** "" for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural used in URLs, e.g. "deployments". */
  plural: string;
  namespaced: boolean;
  /** Names a user may type on the command line, e.g. ["deploy", "deployment"]. */
  shortNames?: string[];
}

export function apiVersionOf(kind: Pick<ResourceKind, 'group' | 'version'>): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** "Deployment.apps", "Pod": how kubectl names a kind unambiguously. */
export function qualifiedKindName(kind: Pick<ResourceKind, 'group' | 'kind'>): string {
  return kind.group === '' ? kind.kind : `${kind.kind}.${kind.group}`;
}

/** "deploy/web": how human output names an object, kubectl's first short name or the kind. */
export function shortResourceName(kind: Pick<ResourceKind, 'kind' | 'shortNames'>, name: string | undefined): string {
  return `${(kind.shortNames?.[0] ?? kind.kind).toLowerCase()}/${name ?? ''}`;
}
