import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { clusterKubeconfigPath } from './kube-clients.js';

/** What one request the proxy saw looked like. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly watch: boolean;
  /** what the client got: the API server's status, or the injected one */
  status?: number;
  readonly injected: boolean;
  /** ms since the proxy started */
  readonly at: number;
}

/** A fault for one request, chosen by `FaultPlan.decide`. */
export type RequestFault =
  | { readonly delayMs: number }
  | { readonly status: 429 | 500 | 502 | 503 | 504; readonly retryAfterSeconds?: number };

export interface FaultInjectingApiProxy {
  /** host:port to dial instead of the API server (https, the cluster's own serving certificate) */
  readonly address: string;
  /** every request, in arrival order */
  readonly requests: readonly ProxiedRequest[];
  /** watch ERROR events the API server sent through the proxy: the path and the Status code */
  readonly watchErrors: readonly { path: string; code: number | undefined; at: number }[];
  /** chooses a fault per request (undefined: pass it through); replace it at any time */
  decide: (request: { method: string; path: string; watch: boolean }) => RequestFault | undefined;
  /** Stops forwarding the bytes of every open watch; the sockets stay open. Returns how many stalled. */
  stallOpenWatches(): number;
  /** Drops every open watch connection mid-stream (a TLS socket cannot be reset). Returns how many it cut. */
  cutOpenWatches(): number;
  /** While held, new watch requests wait before they reach the API server (open ones go on). */
  holdNewWatches(hold: boolean): void;
  close(): Promise<void>;
}

/**
 * A TLS-terminating HTTP proxy in front of the real API server, for faults a TCP proxy cannot
 * make: added latency, 429 with Retry-After and 5xx answers to chosen requests, watches that
 * stall without closing, and a view of the traffic (which paths were listed and watched, which
 * watch ERROR events passed). It serves the cluster's own certificate (valid for 127.0.0.1, signed
 * by the cluster CA), so a client keeps verifying TLS with an unchanged kubeconfig; it reaches the
 * API server with the admin client certificate, like `kubectl proxy`.
 */
export async function startFaultInjectingApiProxy(options: {
  target: { host: string; port: number };
  /** the cluster's pki directory (ca.crt, admin.crt, admin.key); default: the e2e cluster's */
  pki?: string;
}): Promise<FaultInjectingApiProxy> {
  const pki = options.pki ?? join(dirname(clusterKubeconfigPath()), 'pki');
  const ca = readFileSync(join(pki, 'ca.crt'));
  const cert = readFileSync(join(pki, 'admin.crt'));
  const key = readFileSync(join(pki, 'admin.key'));
  const upstreamAgent = new https.Agent({ keepAlive: true, ca, cert, key });
  const startedAt = performance.now();
  const requests: ProxiedRequest[] = [];
  const watchErrors: { path: string; code: number | undefined; at: number }[] = [];
  const openWatches = new Set<{ response: ServerResponse; upstream: IncomingMessage | undefined; stalled: boolean }>();
  let holding = false;
  const heldWatches: (() => void)[] = [];

  const proxy: FaultInjectingApiProxy = {
    address: '',
    requests,
    watchErrors,
    decide: () => undefined,
    stallOpenWatches() {
      let count = 0;
      for (const watch of openWatches) {
        if (watch.stalled) continue;
        watch.stalled = true;
        watch.upstream?.pause();
        count++;
      }
      return count;
    },
    cutOpenWatches() {
      const count = openWatches.size;
      for (const watch of openWatches) {
        watch.upstream?.destroy();
        watch.response.socket?.destroy();
      }
      openWatches.clear();
      return count;
    },
    holdNewWatches(hold) {
      holding = hold;
      if (!hold) for (const release of heldWatches.splice(0)) release();
    },
    close: async () => {
      proxy.holdNewWatches(false);
      proxy.cutOpenWatches();
      upstreamAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'https://proxy');
    const watch = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    const method = request.method ?? 'GET';
    const fault = proxy.decide({ method, path: url.pathname, watch });
    const record: ProxiedRequest = { method, path: url.pathname, watch, injected: fault !== undefined && 'status' in fault, at: performance.now() - startedAt };
    requests.push(record);
    if (fault !== undefined && 'status' in fault) {
      record.status = fault.status;
      const body = JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: fault.status === 429 ? 'the server has received too many requests and has asked us to try again later' : 'the server is currently unable to handle the request',
        reason: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
        code: fault.status,
      });
      response.writeHead(fault.status, {
        'Content-Type': 'application/json',
        ...(fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }),
      });
      response.end(body);
      return;
    }
    if (fault !== undefined && fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (watch && holding) await new Promise<void>((resolve) => heldWatches.push(resolve));
    if (response.destroyed) return;
    const entry = { response, upstream: undefined as IncomingMessage | undefined, stalled: false };
    if (watch) openWatches.add(entry);
    const headers = { ...request.headers, host: `${options.target.host}:${options.target.port}` };
    const outgoing = https.request({ host: options.target.host, port: options.target.port, method, path: request.url, headers, agent: upstreamAgent });
    const drop = (): void => {
      openWatches.delete(entry);
      outgoing.destroy();
    };
    response.on('close', drop);
    outgoing.on('error', () => {
      openWatches.delete(entry);
      response.socket?.destroy();
    });
    outgoing.on('response', (upstream) => {
      entry.upstream = upstream;
      record.status = upstream.statusCode;
      if (entry.stalled) upstream.pause();
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      let partial = '';
      upstream.on('data', (chunk: Buffer) => {
        if (watch) {
          // watch events are one JSON object per line: note the ERROR ones (e.g. 410 Gone)
          const lines = (partial + chunk.toString('utf8')).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.includes('"ERROR"')) continue;
            try {
              const event = JSON.parse(line) as { type?: string; object?: { code?: number } };
              if (event.type === 'ERROR') watchErrors.push({ path: url.pathname, code: event.object?.code, at: performance.now() - startedAt });
            } catch {
              // not a whole event: the client sees it as it is
            }
          }
        }
        response.write(chunk);
      });
      upstream.on('end', () => response.end());
      upstream.on('error', () => response.socket?.destroy());
    });
    request.pipe(outgoing);
  };

  const server = https.createServer({ cert, key }, (request, response) => {
    handle(request, response).catch(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  (proxy as { address: string }).address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return proxy;
}
