import { parseApiVersion, shortResourceName, type ResourceId, type ResourceKind, type ResourceReport } from '@kubetrack/core';

export type ResourceRef = Pick<ResourceId, 'group' | 'kind' | 'name' | 'namespace'>;

/** How human output names resources: "deploy/web", or "prod/deploy/web" when a run spans namespaces. */
export interface ResourceNamer {
  name(resource: ResourceRef): string;
  /** Table heading for a kind: "DEPLOYMENT". */
  heading(resource: Pick<ResourceId, 'kind'>): string;
}

export function createResourceNamer(options: {
  kinds: readonly ResourceKind[];
  /** Show namespaces when the run tracks more than one. */
  showNamespace: boolean;
}): ResourceNamer {
  const kinds = new Map(options.kinds.map((kind) => [`${kind.group}|${kind.kind}`, kind]));
  return {
    name(resource) {
      const base = shortResourceName(kinds.get(`${resource.group}|${resource.kind}`) ?? resource, resource.name);
      return options.showNamespace && resource.namespace ? `${resource.namespace}/${base}` : base;
    },
    heading(resource) {
      return resource.kind.toUpperCase();
    },
  };
}

export function refOfReport(resource: ResourceReport): ResourceRef {
  return {
    group: parseApiVersion(resource.apiVersion).group,
    kind: resource.kind,
    name: resource.name,
    ...(resource.namespace === undefined ? {} : { namespace: resource.namespace }),
  };
}

/** "Pod/web-6f7c9" as events carry it → "pod/web-6f7c9". */
export function lowerKindObject(object: string): string {
  const slash = object.indexOf('/');
  return slash < 0 ? object : `${object.slice(0, slash).toLowerCase()}${object.slice(slash)}`;
}
