import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clusterKubeconfigPath } from './kube-clients.js';

/** etcd's client URL, as the running API server was told it (`--etcd-servers`) */
function etcdUrl(): string {
  const pid = readFileSync(join(dirname(clusterKubeconfigPath()), 'pids', 'kube-apiserver.pid'), 'utf8').trim();
  const flag = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').find((arg) => arg.startsWith('--etcd-servers='));
  if (!flag) throw new Error('the API server runs without --etcd-servers');
  return flag.slice('--etcd-servers='.length).split(',')[0]!;
}

async function etcd<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${etcdUrl()}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`etcd ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Compacts etcd's history up to its current revision (etcd's gRPC gateway, `POST /v3/kv/compaction`;
 * etcdctl is not built): a watch resuming from any older resourceVersion gets 410 Gone from a
 * watch that etcd serves. Returns the revision compacted at.
 */
export async function compactEtcd(): Promise<number> {
  // any read answers with the store's current revision
  const range = await etcd<{ header: { revision: string } }>('/v3/kv/range', { key: Buffer.from('/registry/none').toString('base64') });
  const revision = Number(range.header.revision);
  await etcd('/v3/kv/compaction', { revision, physical: true });
  return revision;
}
