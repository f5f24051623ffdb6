import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeTransport, type KubeTransportOptions } from '../transport/create-kube-transport.js';
import type { KubeTransport } from '../transport/kube-transport.js';

/**
 * A fake Kubernetes API server for tests: node:http on 127.0.0.1 (random port) whose answers a
 * test scripts request by request, down to single chunks of a watch stream, stalls and resets.
 *
 *   const server = await startScriptedApiServer();
 *   server.on({ path: '/api/v1/namespaces/ns/pods', watch: false }, listResponse([pod], { resourceVersion: '5' }));
 *   server.on({ path: '/api/v1/namespaces/ns/pods', watch: true },
 *     watchResponse(watchEvent('MODIFIED', pod2), '{"type":"ADD', 'ED",...}\n', RESET), stallResponse());
 *   const transport = server.transport();
 *   ...
 *   await server.waitForRequest({ watch: true }, 2);   // the re-watch
 *   await server.close();
 */
export interface ScriptedApiServerOptions {
  /**
   * `h2`: TLS offering HTTP/2 (and HTTP/1.1) over ALPN, like kube-apiserver; `http1`: TLS with
   * HTTP/1.1 only, like a proxy or an old server. Default: plain HTTP. Kubeconfigs from
   * `writeKubeconfig` trust the test certificate.
   */
  tls?: 'h2' | 'http1';
  /** With `tls: 'h2'`: the SETTINGS_MAX_CONCURRENT_STREAMS the server announces. */
  maxConcurrentStreams?: number;
}

export interface ScriptedApiServer {
  /** http://127.0.0.1:PORT (https:// with `tls`) */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Streaming responses (watches, logs) currently open. */
  readonly openStreams: number;
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  readonly connectionsAccepted: number;
  /** TCP connections open now. */
  readonly openConnections: number;
  /** Requests that arrived over HTTP/2. */
  readonly http2Requests: number;
  /**
   * Scripts the answers to matching requests: the n-th matching request gets the n-th responder,
   * and the last responder answers every request after that. Later scripts take precedence over
   * earlier ones, so a test can change what the server says halfway through. A request that no
   * script matches gets a 404 metav1.Status naming it.
   */
  on(matcher: RequestMatcher, ...responders: Responder[]): ScriptedApiServer;
  /** Resolves with the `count`-th request (1-based, counting past ones) that matches. */
  waitForRequest(matcher: RequestMatcher, count?: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** Requests matching `matcher` so far. */
  requestsMatching(matcher: RequestMatcher): RecordedRequest[];
  /** Writes a kubeconfig pointing at this server and returns its path (removed on close). */
  writeKubeconfig(options?: KubeconfigFileOptions): string;
  /** `createKubeTransport` over a kubeconfig from `writeKubeconfig`: the real transport, talking to this server. */
  transport(options?: KubeconfigFileOptions & Omit<KubeTransportOptions, 'kubeconfig'>): KubeTransport;
  /** Ends every open connection and stops listening; closes transports made by `transport()`. */
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
  headers: http.IncomingHttpHeaders;
  /** `watch=1` or `watch=true` was in the query. */
  watch: boolean;
}

export type RequestMatcher =
  | string
  | RegExp
  | ((request: RecordedRequest) => boolean)
  | {
      path?: string | RegExp;
      method?: string;
      watch?: boolean;
      /** Each listed parameter must have this value; `undefined` requires it to be absent. */
      query?: Readonly<Record<string, string | undefined>>;
    };

export type Responder = (exchange: Exchange) => void | Promise<void>;

/** One request being answered. A responder must end the response (or reset / stall). */
export interface Exchange {
  readonly request: RecordedRequest;
  /** Resolves when the client has gone away (closed the connection or aborted). */
  readonly clientGone: Promise<void>;
  json(body: unknown, init?: { status?: number; headers?: Readonly<Record<string, string>> }): void;
  /** Starts a chunked 200 response; then `write`, `event`, `end`, `reset`. */
  beginStream(headers?: Readonly<Record<string, string>>): void;
  /** Writes one chunk and waits until it is on the wire, so the next write is a separate chunk. */
  write(text: string): Promise<void>;
  end(): void;
  /** Destroys the socket mid-response, like a dropped connection. */
  reset(): void;
  /** HTTP/2 only: sends GOAWAY on this request's connection (kube-apiserver's --goaway-chance). */
  goAway(): void;
  /** Sends nothing and waits until the client gives up. */
  stall(): Promise<void>;
}

export interface KubeconfigFileOptions {
  /** Bearer token (default "test-token"); ignored with `execTokens`. */
  token?: string;
  /**
   * Use an exec credential plugin (a node one-liner) whose n-th run returns `${prefix}-${n}`:
   * lets a test see that credentials really are fetched again after a 401.
   */
  execTokenPrefix?: string;
  namespace?: string;
  /** The server address written into the kubeconfig; defaults to this server. */
  server?: string;
  /** Basic-auth credentials as well (kubeconfig `username`/`password`). */
  basicAuth?: { username: string; password: string };
}

/** A metav1.Status body for an error answer, as the API server writes it. */
export function statusBody(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export function jsonResponse(body: unknown, init?: { status?: number; headers?: Readonly<Record<string, string>> }): Responder {
  return (exchange) => exchange.json(body, init);
}

export function statusResponse(
  code: number,
  options: { reason?: string; message?: string; headers?: Readonly<Record<string, string>> } = {},
): Responder {
  const reason = options.reason ?? http.STATUS_CODES[code]?.replace(/\s+/g, '') ?? 'Unknown';
  return jsonResponse(statusBody(code, reason, options.message ?? `scripted ${code}`), {
    status: code,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** A LIST answer: `{ kind: "List", metadata: { resourceVersion, continue }, items }`. */
export function listResponse(
  items: readonly unknown[],
  metadata: { resourceVersion: string; continue?: string },
): Responder {
  return jsonResponse({ kind: 'List', apiVersion: 'v1', metadata, items });
}

/** One NDJSON watch line: `{"type":...,"object":...}\n`. */
export function watchEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR', object: unknown): string {
  return `${JSON.stringify({ type, object })}\n`;
}

/** An ERROR watch event carrying a metav1.Status, e.g. 410 Expired. */
export function watchErrorEvent(code: number, reason: string, message = `scripted ${reason}`): string {
  return watchEvent('ERROR', statusBody(code, reason, message));
}

export const RESET = Symbol('reset');
export const STALL = Symbol('stall');
export interface Pause {
  pauseMs: number;
}
export function pause(ms: number): Pause {
  return { pauseMs: ms };
}
/** A step of a streamed answer: a raw chunk (any text, e.g. half a JSON line), a pause, a reset or a stall. */
export type StreamStep = string | Pause | typeof RESET | typeof STALL;

/** A chunked 200 answer written step by step; ends normally after the last step unless it reset or stalled. */
export function watchResponse(...steps: StreamStep[]): Responder {
  return async (exchange) => {
    exchange.beginStream();
    for (const step of steps) {
      if (step === RESET) return exchange.reset();
      if (step === STALL) return exchange.stall();
      if (typeof step === 'string') await exchange.write(step);
      else await delay(step.pauseMs);
    }
    exchange.end();
  };
}

/** Headers of a stream and then nothing until the client gives up (a dead watch). */
export function stallResponse(): Responder {
  return watchResponse(STALL);
}

/** No response headers at all until the client gives up. */
export function noResponse(): Responder {
  return (exchange) => exchange.stall();
}

const TLS_FIXTURES = new URL('./fixtures/', import.meta.url);

export async function startScriptedApiServer(options: ScriptedApiServerOptions = {}): Promise<ScriptedApiServer> {
  const requests: RecordedRequest[] = [];
  const routes: Array<{ matches: (request: RecordedRequest) => boolean; responders: Responder[]; used: number }> = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const transports: KubeTransport[] = [];
  const tempDir = mkdtempSync(join(tmpdir(), 'kubetrack-scripted-'));
  let openStreams = 0;
  let connectionsAccepted = 0;
  let kubeconfigCount = 0;
  let http2Requests = 0;
  const tls = options.tls === undefined ? undefined : {
    cert: readFileSync(new URL('scripted-tls.crt', TLS_FIXTURES)),
    key: readFileSync(new URL('scripted-tls.key', TLS_FIXTURES)),
  };

  const handle = (incoming: http.IncomingMessage, response: http.ServerResponse): void => {
    if (incoming.httpVersionMajor === 2) http2Requests++;
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query,
      headers: incoming.headers,
      watch: query.watch === '1' || query.watch === 'true',
    };
    requests.push(request);
    for (const wake of [...waiters]) wake();

    const route = routes.findLast((candidate) => candidate.matches(request));
    const responder = route?.responders[Math.min(route.used++, route.responders.length - 1)];
    const exchange = createExchange(incoming, response, request, {
      streamOpened: () => openStreams++,
      streamClosed: () => openStreams--,
    });
    if (responder === undefined) {
      exchange.json(statusBody(404, 'NotFound', `no script for ${request.method} ${incoming.url}`), { status: 404 });
      return;
    }
    Promise.resolve()
      .then(() => responder(exchange))
      .catch((error: unknown) => {
        // A broken script must show up in the test, not hang it.
        if (!response.headersSent) {
          exchange.json(statusBody(500, 'InternalError', `script failed: ${String(error)}`), { status: 500 });
        } else {
          response.destroy();
        }
      });
  };
  const httpServer: http.Server | https.Server | http2.Http2SecureServer =
    tls === undefined
      ? http.createServer(handle)
      : options.tls === 'h2'
        ? http2.createSecureServer(
            {
              ...tls,
              allowHTTP1: true,
              ...(options.maxConcurrentStreams === undefined ? {} : { settings: { maxConcurrentStreams: options.maxConcurrentStreams } }),
            },
            handle as never,
          )
        : https.createServer(tls, handle);
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    connectionsAccepted++;
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const caData = tls === undefined ? undefined : tls.cert.toString('base64');

  const server: ScriptedApiServer = {
    url,
    requests,
    get openStreams() {
      return openStreams;
    },
    get connectionsAccepted() {
      return connectionsAccepted;
    },
    get openConnections() {
      return sockets.size;
    },
    get http2Requests() {
      return http2Requests;
    },
    on(matcher, ...responders) {
      if (responders.length === 0) throw new Error('scripted-api-server: on() needs at least one responder');
      routes.push({ matches: toPredicate(matcher), responders, used: 0 });
      return server;
    },
    requestsMatching(matcher) {
      return requests.filter(toPredicate(matcher));
    },
    waitForRequest(matcher, count = 1, timeoutMs = 2_000) {
      const matches = toPredicate(matcher);
      return new Promise<RecordedRequest>((resolve, reject) => {
        const check = (): boolean => {
          const found = requests.filter(matches)[count - 1];
          if (found === undefined) return false;
          finish();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          const seen = requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query as Record<string, string>)}`);
          reject(new Error(`scripted-api-server: request #${count} never arrived within ${timeoutMs}ms; got:\n  ${seen.join('\n  ')}`));
        }, timeoutMs);
        const wake = (): void => {
          check();
        };
        const finish = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        if (!check()) waiters.add(wake);
      });
    },
    writeKubeconfig(options = {}) {
      const file = join(tempDir, `kubeconfig-${++kubeconfigCount}.yaml`);
      writeFileSync(file, JSON.stringify(kubeconfigFor(options.server ?? url, options, tempDir, kubeconfigCount, caData)));
      return file;
    },
    transport(options = {}) {
      const { token, execTokenPrefix, namespace, server: serverUrl, basicAuth, ...transportOptions } = options;
      const kubeconfig = server.writeKubeconfig({
        ...(token === undefined ? {} : { token }),
        ...(execTokenPrefix === undefined ? {} : { execTokenPrefix }),
        ...(namespace === undefined ? {} : { namespace }),
        ...(serverUrl === undefined ? {} : { server: serverUrl }),
        ...(basicAuth === undefined ? {} : { basicAuth }),
      });
      const transport = createKubeTransport({ ...transportOptions, kubeconfig });
      transports.push(transport);
      return transport;
    },
    async close() {
      for (const transport of transports) transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return server;
}

function createExchange(
  incoming: http.IncomingMessage,
  response: http.ServerResponse,
  request: RecordedRequest,
  hooks: { streamOpened(): void; streamClosed(): void },
): Exchange {
  const clientGone = new Promise<void>((resolve) => {
    response.on('close', () => resolve());
  });
  return {
    request,
    clientGone,
    json(body, init = {}) {
      const text = JSON.stringify(body);
      response.writeHead(init.status ?? 200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...init.headers,
      });
      response.end(text);
    },
    beginStream(headers = {}) {
      // HTTP/2 frames the body itself and forbids the header.
      const chunked = incoming.httpVersionMajor === 2 ? {} : { 'Transfer-Encoding': 'chunked' };
      response.writeHead(200, { 'Content-Type': 'application/json', ...chunked, ...headers });
      response.flushHeaders();
      hooks.streamOpened();
      response.on('close', () => hooks.streamClosed());
    },
    async write(text) {
      if (response.destroyed) return;
      await new Promise<void>((resolve) => response.write(text, () => resolve()));
      // Give the client a turn to read this chunk on its own before the next one is written.
      await delay(2);
    },
    end() {
      response.end();
    },
    reset() {
      // Over HTTP/2 the request's socket is a view of the stream: cut the connection itself.
      const session = (incoming as unknown as Partial<http2.Http2ServerRequest>).stream?.session;
      if (session?.socket) session.socket.destroy();
      else incoming.socket.destroy();
    },
    goAway() {
      const session = (incoming as unknown as Partial<http2.Http2ServerRequest>).stream?.session;
      if (session === undefined) throw new Error('scripted-api-server: goAway() needs an HTTP/2 request');
      session.goaway();
    },
    async stall() {
      await clientGone;
    },
  };
}

function toPredicate(matcher: RequestMatcher): (request: RecordedRequest) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (typeof matcher === 'string') return (request) => request.path === matcher;
  if (matcher instanceof RegExp) return (request) => matcher.test(request.path);
  return (request) =>
    (matcher.path === undefined ||
      (typeof matcher.path === 'string' ? request.path === matcher.path : matcher.path.test(request.path))) &&
    (matcher.method === undefined || request.method === matcher.method) &&
    (matcher.watch === undefined || request.watch === matcher.watch) &&
    Object.entries(matcher.query ?? {}).every(([key, value]) => request.query[key] === value);
}

function kubeconfigFor(server: string, options: KubeconfigFileOptions, tempDir: string, index: number, caData: string | undefined): unknown {
  let user: Record<string, unknown> = {
    token: options.token ?? 'test-token',
    ...(options.basicAuth === undefined ? {} : { username: options.basicAuth.username, password: options.basicAuth.password }),
  };
  if (options.execTokenPrefix !== undefined) {
    const counterFile = join(tempDir, `exec-counter-${index}`);
    const script = [
      `const fs = require('node:fs');`,
      `let n = 0; try { n = Number(fs.readFileSync(${JSON.stringify(counterFile)}, 'utf8')); } catch {}`,
      `n += 1; fs.writeFileSync(${JSON.stringify(counterFile)}, String(n));`,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',`,
      `  status: { token: ${JSON.stringify(options.execTokenPrefix)} + '-' + n } }));`,
    ].join('\n');
    user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: ['-e', script],
        interactiveMode: 'Never',
      },
    };
  }
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'scripted', cluster: { server, ...(caData === undefined ? {} : { 'certificate-authority-data': caData }) } }],
    users: [{ name: 'scripted-user', user }],
    contexts: [
      {
        name: 'scripted',
        context: { cluster: 'scripted', user: 'scripted-user', ...(options.namespace ? { namespace: options.namespace } : {}) },
      },
    ],
    'current-context': 'scripted',
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
