import { setTimeout as sleep } from 'node:timers/promises';
import { ProgramError } from '../program-error.js';
import type { ResourceKind } from '../resource-kind.js';
import { isApiError } from './api-error.js';
import type { KubeTransport } from './kube-transport.js';

export interface KindQuery {
  /** What the user typed: "Certificate", "certificates", "certificate", "cert", or "certificates.cert-manager.io". */
  kind: string;
  /** Restricts the search to one API group ("" for core). */
  group?: string;
}

interface APIResourceList {
  groupVersion?: string;
  resources?: Array<{ name: string; singularName?: string; namespaced: boolean; kind: string; shortNames?: string[] }>;
}

interface APIGroupList {
  groups?: Array<{ name: string; preferredVersion?: { version: string }; versions?: Array<{ version: string }> }>;
}

const discoveryCache = new WeakMap<KubeTransport, Map<string, Promise<unknown>>>();

/**
 * Resolves a kind no plugin lists through API discovery (/api/v1, /apis, /apis/{group}/{preferred
 * version}), matching kind, plural, singular and short names case-insensitively; core first, then
 * groups in the server's priority order, as kubectl does. Discovery documents are cached per
 * transport. Unknown → `ProgramError('invalid-input')`.
 */
export async function discoverKind(transport: KubeTransport, query: KindQuery): Promise<ResourceKind> {
  const { name, group } = splitQualifiedName(query);
  const wanted = name.toLowerCase();
  const matches = (list: APIResourceList | undefined) =>
    list?.resources?.find(
      (resource) =>
        !resource.name.includes('/') &&
        [resource.kind, resource.name, resource.singularName, ...(resource.shortNames ?? [])].some(
          (alias) => alias?.toLowerCase() === wanted,
        ),
    );
  const candidates = await candidateGroupVersions(transport, group);
  // Core alone first: most lookups end there without fetching every group.
  const [core] = candidates;
  const lists =
    core !== undefined && core.group === ''
      ? [await fetchGroupVersion(transport, core, true)]
      : [];
  for (let index = 0; index < candidates.length; index++) {
    if (index >= lists.length) {
      lists.push(...(await Promise.all(candidates.slice(index).map((c) => fetchGroupVersion(transport, c, group !== undefined)))));
    }
    const candidate = candidates[index];
    const match = matches(lists[index]);
    if (candidate !== undefined && match !== undefined) {
      return {
        group: candidate.group,
        version: candidate.version,
        kind: match.kind,
        plural: match.name,
        namespaced: match.namespaced,
        ...(match.shortNames === undefined ? {} : { shortNames: match.shortNames }),
      };
    }
  }
  const inGroup = group === undefined ? '' : ` in API group ${JSON.stringify(group)}`;
  throw new ProgramError(
    'invalid-input',
    `unknown resource type ${JSON.stringify(query.kind)}${inGroup}: the cluster does not serve it (is its CRD installed?)`,
  );
}

/** "certificates.cert-manager.io" → kind "certificates", group "cert-manager.io", as kubectl reads it. */
function splitQualifiedName(query: KindQuery): { name: string; group: string | undefined } {
  if (query.group !== undefined) return { name: query.kind, group: query.group };
  const dot = query.kind.indexOf('.');
  return dot < 0 ? { name: query.kind, group: undefined } : { name: query.kind.slice(0, dot), group: query.kind.slice(dot + 1) };
}

async function candidateGroupVersions(
  transport: KubeTransport,
  group: string | undefined,
): Promise<Array<{ group: string; version: string }>> {
  const candidates: Array<{ group: string; version: string }> = [];
  if (group === undefined || group === '' || group === 'core') candidates.push({ group: '', version: 'v1' });
  if (group === '' || group === 'core') return candidates;
  const groups = (await cachedGet<APIGroupList>(transport, '/apis', true))?.groups ?? [];
  for (const entry of groups) {
    if (group !== undefined && entry.name !== group) continue;
    const version = entry.preferredVersion?.version ?? entry.versions?.[0]?.version;
    if (version !== undefined) candidates.push({ group: entry.name, version });
  }
  return candidates;
}

async function fetchGroupVersion(
  transport: KubeTransport,
  { group, version }: { group: string; version: string },
  required: boolean,
): Promise<APIResourceList | undefined> {
  const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return cachedGet<APIResourceList>(transport, path, required);
}

/**
 * One request per discovery document per transport. While searching every group, a group whose
 * aggregated API is down (metrics.k8s.io answering 503 is common) is skipped rather than fatal.
 */
async function cachedGet<T>(transport: KubeTransport, path: string, required: boolean): Promise<T | undefined> {
  let cache = discoveryCache.get(transport);
  if (cache === undefined) {
    cache = new Map();
    discoveryCache.set(transport, cache);
  }
  let pending = cache.get(path) as Promise<T> | undefined;
  if (pending === undefined) {
    pending = getPatiently<T>(transport, path, required);
    cache.set(path, pending);
    pending.catch(() => cache.delete(path));
  }
  try {
    return await pending;
  } catch (error) {
    if (!required && isApiError(error) && error.status !== 401 && error.status !== 403 && error.status !== 0) return undefined;
    throw error;
  }
}

const DISCOVERY_ATTEMPTS = 4;

/**
 * A 429, or a 5xx for a document the lookup needs, is an overloaded or restarting API server
 * asking for patience (client-go's REST client retries them too): a few tries, Retry-After
 * honoured up to 2 s, before the run ends with exit 3 on a transient answer.
 */
async function getPatiently<T>(transport: KubeTransport, path: string, required: boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transport.requestJson<T>({ path });
    } catch (error) {
      const transient = isApiError(error) && (error.status === 429 || (required && error.status >= 500));
      if (!transient || attempt >= DISCOVERY_ATTEMPTS) throw error;
      await sleep(Math.min(error.details.retryAfterMs ?? 250 * 2 ** attempt, 2_000));
    }
  }
}
