import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  jsonResponse,
  listResponse,
  pause,
  RESET,
  stallResponse,
  startScriptedApiServer,
  watchEvent,
  watchResponse,
  STALL,
  type ScriptedApiServer,
  type ScriptedApiServerOptions,
} from '../testing/scripted-api-server.js';
import { ApiError } from './api-error.js';
import type { KubeStream } from './kube-transport.js';

let server: ScriptedApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ScriptedApiServerOptions): Promise<ScriptedApiServer> {
  server = await startScriptedApiServer(options);
  return server;
}

async function firstChunk(stream: KubeStream): Promise<string> {
  const iterator = stream.body[Symbol.asyncIterator]();
  const next = await iterator.next();
  return next.done ? '' : Buffer.from(next.value).toString('utf8');
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const pod = (name: string) => ({ metadata: { name, namespace: 'ns', resourceVersion: '2' } });

describe('createKubeTransport over HTTP/2', () => {
  it('sends the bearer token, not basic auth, when a kubeconfig user has both, as HTTP/1.1 does', async () => {
    for (const http2 of [true, false]) {
      const api = await start({ tls: 'h2' });
      api.on('/version', jsonResponse({ major: '1', minor: '34' }));
      const transport = api.transport({ http2, token: 'the-token', basicAuth: { username: 'admin', password: 'secret' } });
      await transport.requestJson({ path: '/version' });
      expect(api.requests.at(-1)?.headers.authorization, `http2: ${http2}`).toBe('Bearer the-token');
      await api.close();
      server = undefined;
    }
  });

  it('carries a LIST, several watches and several log follows on one TCP connection', async () => {
    const api = await start({ tls: 'h2' });
    api.on({ path: /\/pods$/, watch: false }, listResponse([pod('a')], { resourceVersion: '1' }));
    api.on({ path: /\/(pods|events|replicasets|deployments)$/, watch: true }, watchResponse(watchEvent('MODIFIED', pod('a')), STALL));
    api.on(/\/log$/, watchResponse('2026-12-01T00:00:00Z hello\n', STALL));
    const transport = api.transport({ http2: true });

    const list = await transport.requestJson<{ items: unknown[] }>({ path: '/api/v1/namespaces/ns/pods' });
    const watches = await Promise.all(
      ['pods', 'events', 'replicasets', 'deployments'].map((resource) =>
        transport.stream({ path: `/api/v1/namespaces/ns/${resource}`, query: { watch: 1 } }),
      ),
    );
    const logs = await Promise.all(
      ['a', 'b', 'c'].map((name) => transport.stream({ path: `/api/v1/namespaces/ns/pods/${name}/log`, query: { follow: true } })),
    );

    expect(list.items).toHaveLength(1);
    for (const watch of watches) expect(await firstChunk(watch)).toContain('"MODIFIED"');
    for (const log of logs) expect(await firstChunk(log)).toContain('hello');
    expect(api.openStreams).toBe(7);
    expect(api.http2Requests).toBe(8);
    expect(api.connectionsAccepted).toBe(1);
    for (const stream of [...watches, ...logs]) stream.close();
  });

  it('ends a stream the server completes without an error (a log fetch, a watch the server times out)', async () => {
    const api = await start({ tls: 'h2' });
    api.on(/\/log$/, watchResponse('2026-12-01T00:00:00Z one\n', '2026-12-01T00:00:01Z two\n'));
    const transport = api.transport({ http2: true });

    const stream = await transport.stream({ path: '/api/v1/namespaces/ns/pods/a/log' });
    let text = '';
    for await (const chunk of stream.body) text += Buffer.from(chunk).toString('utf8');

    expect(text).toBe('2026-12-01T00:00:00Z one\n2026-12-01T00:00:01Z two\n');
  });

  it('opens a second connection only when the first is at the server stream limit', async () => {
    const api = await start({ tls: 'h2', maxConcurrentStreams: 2 });
    api.on({ watch: true }, watchResponse(watchEvent('ADDED', pod('a')), STALL));
    const transport = api.transport({ http2: true });

    const streams = await Promise.all([1, 2, 3].map(() => transport.stream({ path: '/api/v1/pods', query: { watch: 1 } })));
    for (const stream of streams) expect(await firstChunk(stream)).toContain('"ADDED"');

    expect(api.connectionsAccepted).toBe(2);
    for (const stream of streams) stream.close();
  });

  it('ends open streams as a lost connection when the connection drops, and reconnects for the next request', async () => {
    const api = await start({ tls: 'h2' });
    api.on({ watch: true }, watchResponse(watchEvent('ADDED', pod('a')), pause(50), RESET), watchResponse(watchEvent('ADDED', pod('b')), STALL));
    const transport = api.transport({ http2: true });

    const first = await transport.stream({ path: '/api/v1/pods', query: { watch: 1 } });
    let text = '';
    const ended = (async () => {
      for await (const chunk of first.body) text += Buffer.from(chunk).toString('utf8');
    })();
    const lost = await rejection(ended);
    expect(text).toContain('"ADDED"');
    expect(lost.status).toBe(0);
    expect(lost.message).toMatch(/lost the connection/);

    const second = await transport.stream({ path: '/api/v1/pods', query: { watch: 1 } });
    expect(await firstChunk(second)).toContain('"b"');
    expect(api.connectionsAccepted).toBe(2);
    second.close();
  });

  it('moves to a new connection after a GOAWAY, without failing a request', async () => {
    const api = await start({ tls: 'h2' });
    let answered = 0;
    api.on('/version', (exchange) => {
      exchange.json({ answer: ++answered });
      if (answered === 1) exchange.goAway();
    });
    const transport = api.transport({ http2: true });

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await transport.requestJson({ path: '/version' }));

    expect(answers).toEqual([{ answer: 1 }, { answer: 2 }, { answer: 3 }]);
    expect(api.connectionsAccepted).toBe(2);
  });

  it('falls back to HTTP/1.1 when the server does not negotiate h2', async () => {
    const api = await start({ tls: 'http1' });
    api.on('/version', jsonResponse({ gitVersion: 'v1.34.4' }));
    const transport = api.transport({ http2: true });

    expect(await transport.requestJson({ path: '/version' })).toEqual({ gitVersion: 'v1.34.4' });
    expect(await transport.requestJson({ path: '/version' })).toEqual({ gitVersion: 'v1.34.4' });

    expect(api.requests).toHaveLength(2);
    expect(api.http2Requests).toBe(0);
  });

  it('speaks HTTP/2 by default, and HTTP/1.1 with KUBETRACK_HTTP2=0 or when told', async () => {
    const api = await start({ tls: 'h2' });
    api.on('/version', jsonResponse({ gitVersion: 'v1.34.4' }));

    vi.stubEnv('KUBETRACK_HTTP2', undefined);
    await api.transport().requestJson({ path: '/version' });
    expect(api.http2Requests).toBe(1);

    vi.stubEnv('KUBETRACK_HTTP2', '0');
    await api.transport().requestJson({ path: '/version' });
    expect(api.http2Requests).toBe(1);
    vi.unstubAllEnvs();

    await api.transport({ http2: false }).requestJson({ path: '/version' });
    expect(api.http2Requests).toBe(1);
    expect(api.requests).toHaveLength(3);
  });
});

describe('createKubeTransport deadlines and caps', () => {
  it('gives up on an answer that trickles in slower than the request deadline', async () => {
    const api = await start({ tls: 'h2' });
    const trickle = ['{', '"gitVersion"', ':', '"v1"', '}'];
    api.on('/version', async (exchange) => {
      exchange.beginStream();
      for (const piece of trickle) {
        await exchange.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      exchange.end();
    });
    const transport = api.transport({ http2: true, requestTimeoutMs: 300, bodyIdleTimeoutMs: 10_000 });

    const error = await rejection(transport.requestJson({ path: '/version' }));

    expect(error.status).toBe(0);
    expect(error.message).toMatch(/^GET \/version: no complete answer from https:\/\/127\.0\.0\.1:\d+ within 0\.3s$/);
  });

  it('stops every request, connecting included, when the transport signal aborts', async () => {
    const api = await start({ tls: 'http1' });
    api.on('/version', stallResponse());
    const controller = new AbortController();
    const transport = api.transport({ http2: true, signal: controller.signal });

    const pending = transport.requestJson({ path: '/version' });
    await api.waitForRequest('/version');
    controller.abort(new Error('interrupted'));

    await expect(pending).rejects.toThrow('interrupted');
    await expect(transport.requestJson({ path: '/version' })).rejects.toThrow('interrupted');
  });

  it('refuses an answer larger than the cap instead of buffering it', async () => {
    const api = await start({ tls: 'h2' });
    api.on('/api/v1/pods', listResponse(Array.from({ length: 200 }, (_, index) => pod(`pod-${index}`)), { resourceVersion: '1' }));
    const transport = api.transport({ http2: true, maxResponseBytes: 4096 });

    const error = await rejection(transport.requestJson({ path: '/api/v1/pods' }));

    expect(error.message).toMatch(/^GET \/api\/v1\/pods: the answer from \S+ is larger than 0\.00390625 MiB$/);
  });
});
