import http from 'node:http';
import https from 'node:https';
import { ApiError } from './api-error.js';
import { apiErrorFromResponse } from './api-error-from-response.js';
import { connectionError } from './connection-error.js';
import { clientNodeProxyAgent } from './client-node-auth.js';
import type { KubeRequest, KubeStream, KubeTransport } from './kube-transport.js';
import { KubeconfigCredentials } from './kubeconfig-credentials.js';
import { loadKubeConfig, type KubeConfigEnvironment, type KubeConfigOptions } from './load-kube-config.js';

export interface KubeTransportOptions extends KubeConfigOptions {
  /** How long to wait for response headers; a stalled connect or apiserver fails after this. */
  headersTimeoutMs?: number;
  /** For plain requests: how long the socket may stay silent mid-body. Streams have no such limit. */
  bodyIdleTimeoutMs?: number;
  /** Tests only: where kubeconfig discovery looks. */
  environment?: KubeConfigEnvironment;
}

const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
const DEFAULT_BODY_IDLE_TIMEOUT_MS = 30_000;
/** Cap on the error body read for a message; a misbehaving proxy could send megabytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The default transport: kubetrack's own kubeconfig reading (client-node, loaded on first use,
 * only for exec plugins, auth providers and proxy-url), node:http(s) for the wire, with one
 * long-lived keep-alive agent (client-node #2893: per-request agents leak sockets).
 * Throws `ProgramError('invalid-input')` for a missing, malformed or unusable kubeconfig.
 */
export function createKubeTransport(options: KubeTransportOptions = {}): KubeTransport {
  const loaded = loadKubeConfig(options, options.environment);
  const credentials = new KubeconfigCredentials(loaded);
  const base = new URL(loaded.server);
  const secure = base.protocol === 'https:';
  const agentOptions = { keepAlive: true, keepAliveMsecs: 30_000, scheduling: 'lifo' as const };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const bodyIdleTimeoutMs = options.bodyIdleTimeoutMs ?? DEFAULT_BODY_IDLE_TIMEOUT_MS;
  const server = loaded.server;
  // Requests that go through a proxy use client-node's proxy agent (cached per cluster/user in 2.0.1).
  const viaProxy = !!loaded.cluster.proxyUrl;
  let proxyAgent: Promise<http.Agent> | undefined;
  const basePath = base.pathname.replace(/\/$/, '');

  async function send(request: KubeRequest, streaming: boolean): Promise<http.IncomingMessage> {
    request.signal?.throwIfAborted();
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
    if (viaProxy) requestOptions.agent = await (proxyAgent ??= clientNodeProxyAgent(loaded.cluster, loaded.user));
    request.signal?.throwIfAborted();
    const verbAndPath = `${method} ${url.pathname}`;

    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const outgoing = (secure ? https : http).request(url, requestOptions);
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        outgoing.destroy();
        reject(error);
      };
      const onAbort = (): void => fail(request.signal?.reason ?? new Error('aborted'));
      const headersTimer = setTimeout(
        () => fail(new ApiError(0, `${verbAndPath}: no response from ${server} within ${headersTimeoutMs / 1000}s`)),
        headersTimeoutMs,
      );
      const cleanup = (): void => {
        clearTimeout(headersTimer);
        request.signal?.removeEventListener('abort', onAbort);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', (error) => fail(connectionError(server, error)));
      // Dead peers behind NAT or a load balancer are found by TCP keep-alive probes, not by waiting.
      outgoing.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
      outgoing.on('response', (response) => {
        if (settled) {
          response.destroy();
          return;
        }
        settled = true;
        cleanup();
        // Errors reach the reader through iteration; without a listener a reset before the first read would crash the process.
        response.on('error', () => undefined);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          if (!streaming) outgoing.setTimeout(bodyIdleTimeoutMs, () => response.destroy(idleBodyError(verbAndPath)));
          resolve(response);
          return;
        }
        readText(response, MAX_ERROR_BODY_BYTES).then(
          (text) =>
            reject(
              apiErrorFromResponse({
                status,
                ...(response.statusMessage === undefined ? {} : { statusText: response.statusMessage }),
                ...(header(response, 'retry-after') === undefined ? {} : { retryAfter: header(response, 'retry-after') }),
                body: text,
                verb: method,
                path: url.pathname,
              }),
            ),
          (error: unknown) => reject(connectionError(server, error, 'lost the connection to')),
        );
      });
      outgoing.end(body);
    });

    function idleBodyError(what: string): ApiError {
      return new ApiError(0, `${what}: ${server} stopped sending the response for ${bodyIdleTimeoutMs / 1000}s`);
    }
  }

  return {
    server,
    defaultNamespace: loaded.namespace,

    async requestJson<T = unknown>(request: KubeRequest): Promise<T> {
      const response = await send(request, false);
      const onAbort = (): void => {
        response.destroy();
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      let text: string;
      try {
        text = await readText(response, Number.POSITIVE_INFINITY);
      } catch (error) {
        request.signal?.throwIfAborted();
        throw error instanceof ApiError ? error : connectionError(server, error, 'lost the connection to');
      } finally {
        request.signal?.removeEventListener('abort', onAbort);
      }
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(response.statusCode ?? 0, `${request.method ?? 'GET'} ${request.path}: the response is not JSON`);
      }
    },

    async stream(request: KubeRequest): Promise<KubeStream> {
      const response = await send(request, true);
      let closed = false;
      const close = (): void => {
        closed = true;
        request.signal?.removeEventListener('abort', close);
        response.destroy();
      };
      request.signal?.addEventListener('abort', close, { once: true });
      async function* body(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of response) yield chunk as Buffer;
          // http.IncomingMessage ends without an error when the server resets mid-body.
          if (!response.complete && !closed) throw connectionError(server, { code: 'ECONNRESET' }, 'lost the connection to');
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
      agent.destroy();
    },
  };
}

function header(response: http.IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readText(response: http.IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    if (size < maxBytes) chunks.push(buffer);
    size += buffer.length;
  }
  if (!response.complete) throw Object.assign(new Error('response ended early'), { code: 'ECONNRESET' });
  return Buffer.concat(chunks).toString('utf8');
}
