import { Agent, get, type RequestOptions } from 'node:https';
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';

/**
 * GETs one pod over kept-alive connections. client-node's API clients open a TLS connection per
 * request (~3.5 ms of this single thread each), which made every log request wait on the ones
 * before it: 200 at once took a second at the end of a large rollout, far from a kubelet.
 */
export async function createPodReader(kc: KubeConfig): Promise<(namespace: string, name: string) => Promise<V1Pod | undefined>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const tls: RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: tls.ca, cert: tls.cert, key: tls.key });
  const server = new URL(cluster.server);
  return (namespace, name) =>
    new Promise((resolve, reject) => {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
      const request = get({ host: server.hostname, port: server.port, path, agent, headers: { ...tls.headers, accept: 'application/json' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode === 404) resolve(undefined);
          else if (response.statusCode === 200) resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as V1Pod);
          else reject(new Error(`GET ${path}: HTTP ${response.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
        });
      });
      request.on('error', reject);
    });
}
