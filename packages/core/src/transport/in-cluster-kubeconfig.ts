import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import type { Kubeconfig } from './kubeconfig-file.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The configuration of a pod's service account, as kubectl builds it: https to
 * KUBERNETES_SERVICE_HOST:PORT, the mounted CA, and the mounted token as a token file, re-read
 * periodically because bound tokens rotate. `prefix` is "" in a real pod.
 */
export function inClusterKubeconfig(host: string, port: string, prefix: string): Kubeconfig {
  const accountDir = `${prefix}${SERVICE_ACCOUNT_DIR}`;
  const namespaceFile = `${accountDir}/namespace`;
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : '';
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  return {
    clusters: [{ name: 'in-cluster', server: `https://${hostPart}:${port}`, caFile: `${accountDir}/ca.crt`, skipTLSVerify: false }],
    users: [{ name: 'in-cluster', tokenFile: `${accountDir}/token` }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', ...(namespace ? { namespace } : {}) }],
    currentContext: 'in-cluster',
  };
}
