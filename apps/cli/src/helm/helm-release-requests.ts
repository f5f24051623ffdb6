import { ProgramError, type KubeObject } from '@kubetrack/core';
import { describeSkipped, loadManifests, type SkippedObject } from '../targets/manifest-loader.js';
import type { TrackRequest } from '../targets/track-request.js';
import type { ClusterSession } from '../run/cluster-session.js';
import { decodeHelmRelease, type HelmRelease } from './helm-release-record.js';
import { helmRecordSecretName, type HelmReleaseRef } from './helm-release-ref.js';
import { pickHelmRecord } from './pick-helm-record.js';

const SECRETS = { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true } as const;

export interface HelmReleaseTargets {
  release: HelmRelease;
  requests: TrackRequest[];
  notices: string[];
}

/**
 * Reads the release record and turns its manifest into track requests: exactly the release's
 * objects, each in its own namespace (none given: the release namespace; resolveSpecs drops it
 * for cluster-scoped kinds). Hooks are Helm's to run, so they are listed, and tracked only when asked.
 */
export async function helmReleaseRequests(
  ref: HelmReleaseRef,
  namespace: string,
  options: { hooks: boolean },
  session: Pick<ClusterSession, 'getObject' | 'listObjects'>,
): Promise<HelmReleaseTargets> {
  const release = decodeRecord(await readRecord(ref, namespace, session));
  const origin = `Helm release ${release.name} revision ${release.version}`;
  const sources = [{ name: `${origin} manifest`, text: release.manifest }];
  const hookSources = release.hooks.map((hook) => ({ name: `${origin} hook ${hook.kind}/${hook.name}`, text: hook.manifest }));
  const requests: TrackRequest[] = [];
  const skipped: SkippedObject[] = [];
  for (const source of [...sources, ...hookSources]) {
    if (source.text.trim() === '') continue;
    const loaded = loadManifests([source], { includeHooks: options.hooks });
    requests.push(...loaded.requests.map((request) => ({ ...request, namespace: request.namespace ?? release.namespace })));
    skipped.push(...loaded.skipped);
  }
  const notices = describeSkipped(skipped);
  if (requests.length === 0 && skipped.length === 0) notices.push(`${origin} has no objects`);
  return { release, requests, notices };
}

async function readRecord(ref: HelmReleaseRef, namespace: string, session: Pick<ClusterSession, 'getObject' | 'listObjects'>): Promise<KubeObject> {
  try {
    if (ref.revision !== undefined) {
      const secret = await session.getObject(SECRETS, namespace, helmRecordSecretName(ref.name, ref.revision));
      return pickHelmRecord(secret ? [secret] : [], ref, namespace);
    }
    return pickHelmRecord(await session.listObjects(SECRETS, namespace, `owner=helm,name=${ref.name}`), ref, namespace);
  } catch (error) {
    if (!(error instanceof ProgramError) || error.code !== 'forbidden') throw error;
    const why =
      ref.revision === undefined
        ? `to find the record of Helm release ${ref.name}; or name the revision, ${ref.name}@N, which needs only "get" on Secret ${helmRecordSecretName(ref.name, 'N')}`
        : `the record of Helm release ${ref.name} revision ${ref.revision}`;
    throw new ProgramError('forbidden', `${error.message}, ${why}`, { cause: error });
  }
}

function decodeRecord(secret: KubeObject): HelmRelease {
  const data = (secret as KubeObject & { data?: Record<string, unknown> }).data?.release;
  if (typeof data !== 'string') {
    throw new ProgramError('invalid-input', `Secret ${secret.metadata.name}: not a Helm release record (no data.release)`);
  }
  return decodeHelmRelease(data, secret.metadata.name ?? '');
}
