import { ProgramError } from '@kubetrack/core';

/** The fields of Helm's release record kubetrack reads (helm.sh/helm/v{3,4} pkg/release/v1 Release). */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  status: string;
  /** The rendered templates, a multi-document YAML stream. */
  manifest: string;
  hooks: Array<{ name: string; kind: string; manifest: string; events: string[] }>;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes the `release` field of a `sh.helm.release.v1.NAME.vN` Secret as the API serves it.
 * Helm 3 and Helm 4 store the same thing (storage/driver/util.go encodeRelease): JSON, gzipped,
 * base64-encoded, put into Secret data, which the API base64-encodes once more. Records written
 * before Helm compressed them are plain JSON under the inner base64, as decodeRelease accepts.
 * The record is cluster data: anything malformed is one invalid-input line naming the Secret.
 */
export function decodeHelmRelease(secretData: string, secretName: string): HelmRelease {
  const fail = (why: string): never => {
    throw new ProgramError('invalid-input', `Secret ${secretName}: not a readable Helm release record (${why})`);
  };
  const inner = Buffer.from(secretData, 'base64').toString('latin1');
  let bytes = Buffer.from(inner, 'base64');
  if (bytes.length === 0) fail('empty');
  if (GZIP_MAGIC.every((byte, index) => bytes[index] === byte)) {
    try {
      // node:zlib on first use: only `--helm-release` runs decode a release.
      bytes = process.getBuiltinModule('node:zlib').gunzipSync(bytes);
    } catch {
      fail('bad gzip data');
    }
  }
  let record: unknown;
  try {
    record = JSON.parse(bytes.toString('utf8'));
  } catch {
    fail('not JSON after base64 and gzip');
  }
  if (typeof record !== 'object' || record === null) return fail('not a JSON object');
  const value = record as Record<string, unknown>;
  const info = (typeof value.info === 'object' && value.info !== null ? value.info : {}) as Record<string, unknown>;
  if (typeof value.name !== 'string') fail('no name');
  return {
    name: value.name as string,
    namespace: typeof value.namespace === 'string' ? value.namespace : '',
    version: typeof value.version === 'number' ? value.version : 0,
    status: typeof info.status === 'string' ? info.status : 'unknown',
    manifest: typeof value.manifest === 'string' ? value.manifest : '',
    hooks: (Array.isArray(value.hooks) ? value.hooks : []).flatMap((hook: unknown) => {
      if (typeof hook !== 'object' || hook === null) return [];
      const h = hook as Record<string, unknown>;
      return [{
        name: typeof h.name === 'string' ? h.name : '',
        kind: typeof h.kind === 'string' ? h.kind : '',
        manifest: typeof h.manifest === 'string' ? h.manifest : '',
        events: Array.isArray(h.events) ? h.events.filter((event): event is string => typeof event === 'string') : [],
      }];
    }),
  };
}
