import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterKubeconfigPath } from './kube-clients.js';

export interface ProxiedKubeconfig {
  /** a kubeconfig file like `source`, its server at `address` */
  readonly path: string;
  /** the API server `source` names, for the proxy to dial */
  readonly target: { host: string; port: number };
}

/** The admin kubeconfig (or `source`), with every cluster's server pointed at `address` (host:port) instead. */
export function kubeconfigThrough(address: string, source: string = clusterKubeconfigPath()): ProxiedKubeconfig {
  const text = readFileSync(source, 'utf8');
  const server = /server:\s*https:\/\/([\d.]+):(\d+)/.exec(text);
  if (!server) throw new Error(`${source} names no https://IP:PORT server`);
  const path = join(mkdtempSync(join(tmpdir(), 'kubetrack-proxy-')), 'kubeconfig');
  writeFileSync(path, text.replaceAll(`${server[1]}:${server[2]}`, address));
  return { path, target: { host: server[1]!, port: Number(server[2]) } };
}
