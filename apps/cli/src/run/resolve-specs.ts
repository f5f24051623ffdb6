import { checkNamespace } from '../targets/namespace-name.js';
import {
  ProgramError,
  qualifiedKindName,
  resourceKey,
  trackSpec,
  type PluginRegistry,
  type ResourceKind,
  type TrackSpec,
} from '@kubetrack/core';
import type { TrackOptionsOverrides, TrackRequest } from '../targets/track-request.js';
import type { ClusterSession } from './cluster-session.js';

export interface ResolvedSpecs {
  specs: TrackSpec[];
  /** Every kind involved, for short names in output. */
  kinds: ResourceKind[];
  /** Requests dropped because they name a resource already listed. */
  duplicates: string[];
}

/**
 * Turns what the user asked for into TrackSpecs: kinds through the plugins, else API
 * discovery; namespaces from the request, else -n / the context (cluster-scoped kinds get none).
 */
export async function resolveSpecs(options: {
  requests: readonly TrackRequest[];
  registry: PluginRegistry;
  session: Pick<ClusterSession, 'discoverKind'>;
  namespace: string;
  defaults: Omit<TrackSpec, 'resource'>;
  overrides?: TrackOptionsOverrides;
}): Promise<ResolvedSpecs> {
  const kindCache = new Map<string, Promise<ResourceKind>>();
  const resolveKind = (request: TrackRequest): Promise<ResourceKind> => {
    const typed = request.group === undefined || request.group === '' ? request.kind : `${request.kind}.${request.group}`;
    const cacheKey = `${typed}|${request.group ?? '?'}`;
    let pending = kindCache.get(cacheKey);
    if (!pending) {
      const known = request.group === '' ? coreKind(options.registry, request.kind) : options.registry.resolveKind(typed);
      pending = known
        ? Promise.resolve(known)
        : options.session.discoverKind({ kind: request.kind, ...(request.group === undefined ? {} : { group: request.group }) });
      kindCache.set(cacheKey, pending);
    }
    return pending.catch((error: unknown) => {
      if (error instanceof ProgramError && error.code === 'invalid-input') {
        throw new ProgramError(error.code, `${request.origin}: ${error.message}`, { cause: error });
      }
      throw error;
    });
  };

  const kinds = await Promise.all(options.requests.map(resolveKind));
  const specs: TrackSpec[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  options.requests.forEach((request, index) => {
    const kind = kinds[index]!;
    if (kind.namespaced) checkNamespace(request.namespace, request.origin);
    const resource = {
      group: kind.group,
      version: kind.version,
      kind: kind.kind,
      name: request.name,
      ...(kind.namespaced ? { namespace: request.namespace ?? options.namespace } : {}),
    };
    const key = resourceKey(resource);
    if (seen.has(key)) {
      duplicates.push(`${qualifiedKindName(kind)}/${request.name}`);
      return;
    }
    seen.add(key);
    specs.push(trackSpec(resource, { ...request.options, ...options.overrides }, options.defaults));
  });
  return { specs, kinds: [...new Map(kinds.map((kind) => [`${kind.group}|${kind.kind}`, kind])).values()], duplicates };
}

/** A manifest's core-group kind ("v1" Pod): plugins may list it, but a bare name could match another group first. */
function coreKind(registry: PluginRegistry, kind: string): ResourceKind | undefined {
  const match = registry.resolveKind(kind);
  return match?.group === '' ? match : undefined;
}
