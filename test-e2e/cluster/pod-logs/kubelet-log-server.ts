import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { V1Pod } from '@kubernetes/client-node';
import { type CriLogLine, formatRfc3339Nano } from './cri-log-line.ts';
import { type LogRequest, parseLogRequest } from './log-request.ts';
import type { PodLogStore } from './pod-log-store.ts';
import { parseGoDuration } from './go-duration.ts';
import { resolveLogContainer } from './resolve-log-container.ts';

const followCutAnnotation = 'kubetrack.test/log-follow-cut-after';

export interface KubeletLogServerOptions {
  readonly store: PodLogStore;
  /**
   * The pod as the API server has it now (not an informer's copy), after syncing the store with it:
   * a real kubelet writes a container's output before its status reports the exit, so any log
   * request made after a client saw a status must find the log consistent with it.
   */
  readonly freshPod: (namespace: string, name: string) => Promise<V1Pod | undefined>;
  readonly cert: string;
  readonly key: string;
}

/**
 * The kubelet's /containerLogs/{namespace}/{pod}/{container} endpoint, which kube-apiserver calls
 * for pods/log. It serves the files PodLogStore writes with the kubelet's options and, like the
 * kubelet, ends a follow stream once the container instance it reads has exited.
 */
export function createKubeletLogServer(options: KubeletLogServerOptions): Server {
  return createServer({ cert: options.cert, key: options.key }, (request, response) => {
    serve(options, request.url, request.method, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
}

async function serve(
  options: KubeletLogServerOptions,
  requestUrl: string | undefined,
  method: string | undefined,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(requestUrl ?? '/', 'https://kubelet');
  if (url.pathname === '/healthz') {
    response.end('ok');
    return;
  }
  const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (method !== 'GET' || !match) {
    response.writeHead(404).end('not found');
    return;
  }
  const [namespace, podName, container] = match.slice(1).map(decodeURIComponent) as [string, string, string];
  const pod = await options.freshPod(namespace, podName);
  if (!pod) {
    response.writeHead(404).end(`pod "${podName}" does not exist\n`);
    return;
  }
  const logRequest = parseLogRequest(url.searchParams);
  const resolution = resolveLogContainer(pod, container, logRequest.previous);
  if ('error' in resolution) {
    response.writeHead(400, { 'Content-Type': 'text/plain' }).end(resolution.error);
    return;
  }
  streamLogs(options.store, resolution.containerId, logRequest, response, parseGoDuration(pod.metadata?.annotations?.[followCutAnnotation]));
}

function streamLogs(store: PodLogStore, containerId: string, request: LogRequest, response: ServerResponse, cutAfterMs: number | undefined): void {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  let remainingBytes = request.limitBytes ?? Number.POSITIVE_INFINITY;
  // As cri-client's ReadLogs: the records of a long line are joined (no newline after a P
  // record), the timestamp goes only before a line's first record, and sinceTime filters
  // records, not lines, while the line state still advances on a skipped one; so a since
  // falling between the records of one line serves its rest without a timestamp.
  let atLineStart = true;
  const write = (line: CriLogLine): boolean => {
    const startsLine = atLineStart;
    atLineStart = !line.partial;
    if (request.sinceNs !== undefined && line.timeNs < request.sinceNs) return true;
    let text = `${request.timestamps && startsLine ? `${formatRfc3339Nano(line.timeNs)} ` : ''}${line.text}${line.partial ? '' : '\n'}`;
    let bytes = Buffer.byteLength(text);
    if (bytes > remainingBytes) {
      text = Buffer.from(text).subarray(0, remainingBytes).toString();
      bytes = remainingBytes;
    }
    response.write(text);
    remainingBytes -= bytes;
    return remainingBytes > 0;
  };

  // read and subscribe in one tick: the store appends synchronously, so nothing falls in between
  const lines = store.read(containerId);
  // the kubelet counts tailLines in records (lines of the file), as here
  const tail = request.tailLines === undefined ? lines : lines.slice(Math.max(lines.length - request.tailLines, 0));
  const underLimit = tail.every(write);
  if (!request.follow || !underLimit || store.isEnded(containerId)) {
    response.end();
    return;
  }
  const unsubscribe = store.follow(
    containerId,
    (line) => {
      if (!write(line)) finish();
    },
    () => finish(),
  );
  // a server that ends follows after a while (a real one cuts long streams: the kubelet's
  // streaming idle timeout, a proxy's limit); the end looks like any other end of stream
  const cut = cutAfterMs === undefined ? undefined : setTimeout(() => finish(), cutAfterMs);
  function finish(): void {
    clearTimeout(cut);
    unsubscribe();
    response.end();
  }
  response.on('close', () => {
    clearTimeout(cut);
    unsubscribe();
  });
}
