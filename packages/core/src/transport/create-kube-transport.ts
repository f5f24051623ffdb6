import type http from 'node:http';
import type http2 from 'node:http2';
import type https from 'node:https';
import { ApiError } from './api-error.js';
import { apiErrorFromResponse } from './api-error-from-response.js';
import { connectionError } from './connection-error.js';
import { clientNodeProxyAgent } from './client-node-auth.js';
import { Http2SessionPool, type TlsIdentity } from './http2-session-pool.js';
import type { KubeRequest, KubeStream, KubeTransport } from './kube-transport.js';
import { KubeconfigCredentials } from './kubeconfig-credentials.js';
import { loadKubeConfig, type KubeConfigEnvironment, type KubeConfigOptions } from './load-kube-config.js';

export interface KubeTransportOptions extends KubeConfigOptions {
  /** How long to wait for response headers; a stalled connect or apiserver fails after this. */
  headersTimeoutMs?: number;
  /** For plain requests: how long the socket may stay silent mid-body. Streams have no such limit. */
  bodyIdleTimeoutMs?: number;
  /** For plain requests: the whole exchange, connect to last byte (a server trickling one byte a second). */
  requestTimeoutMs?: number;
  /** For plain requests: a larger answer fails instead of being buffered whole. */
  maxResponseBytes?: number;
  /** Aborts every request of this transport (the run's Ctrl-C or deadline, before tracking starts too). */
  signal?: AbortSignal;
  /**
   * One HTTP/2 connection (ALPN h2) for every request to an https server without proxy-url;
   * HTTP/1.1 when the server does not negotiate h2. Default: on; KUBETRACK_HTTP2=0 turns it off
   * (a proxy that mangles h2, or to compare). Session 3 turned it off after outage/connection-cuts
   * lost every pod's lines; HTTP/1.1 then lost them too: the cause was the reflector's backoff
   * growing with every cut, not h2 (see docs/reliability.md).
   */
  http2?: boolean;
  /** Tests and benchmarks: called for each TCP connection opened for HTTP/2. */
  onHttp2Connection?: () => void;
  /** Tests only: where kubeconfig discovery looks. */
  environment?: KubeConfigEnvironment;
}

// Not `import http from 'node:http'`: an ES module namespace reads every export, and node:http's
// lazy WebSocket/CloseEvent/MessageEvent getters then load Node's bundled undici, ~11 MB of RSS
// (measured, docs/benchmarks.md) for a process that never speaks HTTP/1.1 over plain http.
const plainHttp = (): typeof http => process.getBuiltinModule('node:http');
// Loaded on first request, not with the module: node:http2 and node:https (with node:tls) are
// ~12 MB of RSS and ~60 ms of CPU to load, which `kubetrack version`, `schema` and a spec that
// fails validation never need (docs/benchmarks.md, session 10).
const secureHttp = (): typeof https => process.getBuiltinModule('node:https');
const http2Constants = (): typeof http2.constants => process.getBuiltinModule('node:http2').constants;

const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
const DEFAULT_BODY_IDLE_TIMEOUT_MS = 30_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** LIST pages are 500 objects; even at kube-apiserver's ~3 MB object limit a sane page is far below this. */
const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** Cap on the error body read for a message; a misbehaving proxy could send megabytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** A response, whichever protocol carried it. */
interface WireResponse {
  status: number;
  statusText: string | undefined;
  header(name: string): string | undefined;
  body: AsyncIterable<Buffer>;
  /** The whole body arrived (a reset mid-body ends the iteration quietly on HTTP/1.1). */
  complete(): boolean;
  /** Fails the body with `error` after `ms` without data. */
  idleTimeout(ms: number, error: () => Error): void;
  destroy(): void;
}

/**
 * The default transport: kubetrack's own kubeconfig reading (client-node, loaded on first use,
 * only for exec plugins, auth providers and proxy-url). The wire is one HTTP/2 session per API
 * server when ALPN offers h2 (`Http2SessionPool`), else node:http(s) with one long-lived
 * keep-alive agent (client-node #2893: per-request agents leak sockets). Plain requests have a
 * total deadline and a size cap; every request follows `options.signal`.
 * Throws `ProgramError('invalid-input')` for a missing, malformed or unusable kubeconfig.
 */
export function createKubeTransport(options: KubeTransportOptions = {}): KubeTransport {
  const loaded = loadKubeConfig(options, options.environment);
  const credentials = new KubeconfigCredentials(loaded);
  const base = new URL(loaded.server);
  const secure = base.protocol === 'https:';
  const agentOptions = { keepAlive: true, keepAliveMsecs: 30_000, scheduling: 'lifo' as const };
  const agent = secure ? new (secureHttp().Agent)(agentOptions) : new (plainHttp().Agent)(agentOptions);
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const bodyIdleTimeoutMs = options.bodyIdleTimeoutMs ?? DEFAULT_BODY_IDLE_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const server = loaded.server;
  // Requests that go through a proxy use client-node's proxy agent (cached per cluster/user in 2.0.1).
  const viaProxy = !!loaded.cluster.proxyUrl;
  let proxyAgent: Promise<http.Agent> | undefined;
  const basePath = base.pathname.replace(/\/$/, '');
  const useHttp2 = secure && !viaProxy && (options.http2 ?? process.env.KUBETRACK_HTTP2 !== '0');
  const pool = useHttp2
    ? new Http2SessionPool(base, options.onHttp2Connection === undefined ? {} : { onConnection: options.onHttp2Connection })
    : undefined;

  async function send(request: KubeRequest, signal: AbortSignal | undefined, streaming: boolean): Promise<WireResponse> {
    signal?.throwIfAborted();
    const method = request.method ?? 'GET';
    const url = new URL(base);
    // The server URL may carry a path prefix (e.g. behind a proxy): keep it.
    url.pathname = `${basePath}${request.path.startsWith('/') ? '' : '/'}${request.path}`;
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const requestOptions: https.RequestOptions = {
      method,
      agent,
      headers: {
        Accept: 'application/json',
        'User-Agent': 'kubetrack',
        ...(body === undefined
          ? {}
          : {
              'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
              'Content-Length': Buffer.byteLength(body),
            }),
      },
    };
    await credentials.apply(requestOptions);
    if (viaProxy) {
      proxyAgent ??= clientNodeProxyAgent(loaded.cluster, loaded.user);
      requestOptions.agent = await proxyAgent;
    }
    signal?.throwIfAborted();
    const verbAndPath = `${method} ${url.pathname}`;

    return new Promise<WireResponse>((resolve, reject) => {
      let settled = false;
      let cancel = (): void => {};
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        cancel();
        reject(error);
      };
      const onAbort = (): void => fail(signal?.reason ?? new Error('aborted'));
      const headersTimer = setTimeout(
        () => fail(new ApiError(0, `${verbAndPath}: no response from ${server} within ${headersTimeoutMs / 1000}s`)),
        headersTimeoutMs,
      );
      const cleanup = (): void => {
        clearTimeout(headersTimer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const onResponse = (response: WireResponse): void => {
        if (settled) {
          response.destroy();
          return;
        }
        settled = true;
        cleanup();
        if (response.status >= 200 && response.status < 300) {
          if (!streaming) response.idleTimeout(bodyIdleTimeoutMs, () => idleBodyError(verbAndPath));
          resolve(response);
          return;
        }
        readText(response, MAX_ERROR_BODY_BYTES, false).then(
          (text) =>
            reject(
              apiErrorFromResponse({
                status: response.status,
                ...(response.statusText === undefined ? {} : { statusText: response.statusText }),
                ...(response.header('retry-after') === undefined ? {} : { retryAfter: response.header('retry-after') }),
                body: text,
                verb: method,
                path: url.pathname,
              }),
            ),
          (error: unknown) => reject(connectionError(server, error, 'lost the connection to')),
        );
      };
      const http1 = (): void => {
        const outgoing = (secure ? secureHttp() : plainHttp()).request(url, requestOptions);
        cancel = () => outgoing.destroy();
        outgoing.on('error', (error) => fail(connectionError(server, error)));
        // Dead peers behind NAT or a load balancer are found by TCP keep-alive probes, not by waiting.
        outgoing.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
        outgoing.on('response', (response) => onResponse(http1Response(outgoing, response)));
        outgoing.end(body);
      };
      if (pool === undefined) {
        http1();
        return;
      }
      pool.request(tlsIdentity(requestOptions), http2Headers(method, url, requestOptions), body === undefined).then(
        (stream) => {
          if (stream === undefined) {
            if (!settled) http1();
            return;
          }
          if (settled) {
            stream.close();
            return;
          }
          cancel = () => stream.close();
          stream.on('error', (error) => fail(connectionError(server, error)));
          stream.once('response', (headers) => onResponse(http2Response(stream, headers)));
          if (body !== undefined) stream.end(body);
        },
        (error: unknown) => fail(connectionError(server, error)),
      );
    });

    function idleBodyError(what: string): ApiError {
      return new ApiError(0, `${what}: ${server} stopped sending the response for ${bodyIdleTimeoutMs / 1000}s`);
    }
  }

  return {
    server,
    defaultNamespace: loaded.namespace,

    async requestJson<T = unknown>(request: KubeRequest): Promise<T> {
      const verbAndPath = `${request.method ?? 'GET'} ${request.path}`;
      const deadline = AbortSignal.timeout(requestTimeoutMs);
      const signal = anySignal(request.signal, options.signal, deadline);
      const late = (): ApiError => new ApiError(0, `${verbAndPath}: no complete answer from ${server} within ${requestTimeoutMs / 1000}s`);
      let response: WireResponse;
      try {
        response = await send(request, signal, false);
      } catch (error) {
        throw deadline.aborted && signal.reason === deadline.reason ? late() : error;
      }
      const onAbort = (): void => {
        response.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      let text: string;
      try {
        text = await readText(response, maxResponseBytes, true);
      } catch (error) {
        if (signal.aborted) throw deadline.aborted && signal.reason === deadline.reason ? late() : signal.reason;
        if (error instanceof ResponseTooLargeError) throw new ApiError(0, `${verbAndPath}: the answer from ${server} is larger than ${maxResponseBytes / (1024 * 1024)} MiB`);
        throw error instanceof ApiError ? error : connectionError(server, error, 'lost the connection to');
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(response.status, `${verbAndPath}: the response is not JSON`);
      }
    },

    async stream(request: KubeRequest): Promise<KubeStream> {
      const signal = anySignal(request.signal, options.signal);
      const response = await send(request, signal, true);
      let closed = false;
      const close = (): void => {
        closed = true;
        signal.removeEventListener('abort', close);
        response.destroy();
      };
      signal.addEventListener('abort', close, { once: true });
      async function* body(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of response.body) yield chunk;
          if (!response.complete() && !closed) throw connectionError(server, { code: 'ECONNRESET' }, 'lost the connection to');
        } catch (error) {
          // Closing our own stream ends it quietly; anything else is a lost connection.
          if (closed) return;
          throw error instanceof ApiError ? error : connectionError(server, error, 'lost the connection to');
        } finally {
          close();
        }
      }
      return { body: body(), close };
    },

    async refreshCredentials(): Promise<void> {
      credentials.refresh();
    },

    close(): void {
      pool?.close();
      agent.destroy();
    },
  };
}

/** The signals that are set, as one; a never-aborting one when none is. */
function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal {
  const set = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return set.length === 1 ? set[0]! : AbortSignal.any(set);
}

function http1Response(outgoing: http.ClientRequest, response: http.IncomingMessage): WireResponse {
  // Errors reach the reader through iteration; without a listener a reset before the first read would crash the process.
  response.on('error', () => undefined);
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage,
    header(name) {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body: response as AsyncIterable<Buffer>,
    complete: () => response.complete,
    idleTimeout(ms, error) {
      outgoing.setTimeout(ms, () => response.destroy(error()));
    },
    destroy: () => response.destroy(),
  };
}

function http2Response(stream: http2.ClientHttp2Stream, headers: http2.IncomingHttpHeaders): WireResponse {
  stream.on('error', () => undefined);
  let ended = false;
  let cancelled = false;
  stream.once('end', () => {
    ended = true;
  });
  return {
    status: Number(headers[':status'] ?? 0),
    statusText: undefined,
    header(name) {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body: stream as AsyncIterable<Buffer>,
    // A stream cut by RST_STREAM, GOAWAY or a lost session ends its iteration without an error.
    complete: () => ended && !cancelled && (stream.rstCode === undefined || stream.rstCode === 0),
    idleTimeout(ms, error) {
      stream.setTimeout(ms, () => stream.destroy(error()));
    },
    destroy: () => {
      cancelled = true;
      if (!stream.destroyed) stream.close(http2Constants().NGHTTP2_CANCEL);
    },
  };
}

function tlsIdentity(options: https.RequestOptions): TlsIdentity {
  return {
    ca: options.ca as string | Buffer | undefined,
    cert: options.cert as string | Buffer | undefined,
    key: options.key as string | Buffer | undefined,
    rejectUnauthorized: options.rejectUnauthorized,
    servername: options.servername,
  };
}

function http2Headers(method: string, url: URL, options: https.RequestOptions): http2.OutgoingHttpHeaders {
  const headers: http2.OutgoingHttpHeaders = { ':method': method, ':path': `${url.pathname}${url.search}` };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value as string | string[] | number;
  }
  // As node:https does for HTTP/1.1: a bearer token, when there is one, wins over basic auth.
  if (options.auth && headers.authorization === undefined) headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  return headers;
}

class ResponseTooLargeError extends Error {}

/** The body as text; past `maxBytes` it throws `ResponseTooLargeError` (`refuseLarger`) or keeps only the start. */
async function readText(response: WireResponse, maxBytes: number, refuseLarger: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes && refuseLarger) {
      response.destroy();
      throw new ResponseTooLargeError();
    }
    if (size - chunk.length < maxBytes) chunks.push(chunk);
  }
  if (!response.complete()) throw Object.assign(new Error('response ended early'), { code: 'ECONNRESET' });
  return Buffer.concat(chunks).toString('utf8');
}
