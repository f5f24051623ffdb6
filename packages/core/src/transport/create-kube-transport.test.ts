import { createServer } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  jsonResponse,
  noResponse,
  RESET,
  startScriptedApiServer,
  statusResponse,
  watchResponse,
  type ScriptedApiServer,
} from '../testing/scripted-api-server.js';
import { ApiError } from './api-error.js';
import { PRELOAD_TIMEOUT_MS, preloadClientNode } from '../testing/preload-client-node.js';

let server: ScriptedApiServer;
beforeEach(async () => {
  server = await startScriptedApiServer();
});
afterEach(async () => {
  await server.close();
});

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString('utf8');
  return text;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}


// Exec-plugin tests load client-node lazily, as production does: load it first.
beforeAll(preloadClientNode, PRELOAD_TIMEOUT_MS);

describe('createKubeTransport', () => {
  it('sends the kubeconfig token and query, and parses JSON', async () => {
    server.on('/api/v1/namespaces/ns/pods', jsonResponse({ items: [1, 2] }));
    const transport = server.transport({ token: 'secret', namespace: 'team-a' });

    const body = await transport.requestJson<{ items: number[] }>({
      path: '/api/v1/namespaces/ns/pods',
      query: { limit: 500, labelSelector: 'app=web', continue: undefined },
    });

    expect(body.items).toEqual([1, 2]);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe('Bearer secret');
    expect(request?.query).toEqual({ limit: '500', labelSelector: 'app=web' });
    expect(transport.defaultNamespace).toBe('team-a');
    expect(transport.server).toBe(server.url);
  });

  it('turns a metav1.Status answer into an ApiError with reason and message', async () => {
    server.on(
      '/apis/apps/v1/deployments',
      statusResponse(403, { reason: 'Forbidden', message: 'deployments.apps is forbidden: User "u" cannot list' }),
    );
    const transport = server.transport();

    const error = await rejection(transport.requestJson({ path: '/apis/apps/v1/deployments' }));

    expect(error.status).toBe(403);
    expect(error.details.reason).toBe('Forbidden');
    expect(error.message).toContain('deployments.apps is forbidden: User "u" cannot list');
    expect(error.message).not.toContain('\n');
  });

  it('reads Retry-After on a 429', async () => {
    server.on('/api/v1/pods', statusResponse(429, { reason: 'TooManyRequests', headers: { 'Retry-After': '3' } }));
    const error = await rejection(server.transport().requestJson({ path: '/api/v1/pods' }));
    expect(error.status).toBe(429);
    expect(error.details.retryAfterMs).toBe(3000);
  });

  it('describes a non-Status error body by its status line', async () => {
    server.on('/api/v1/pods', (exchange) => exchange.json('upstream connect error', { status: 502 }));
    const error = await rejection(server.transport().requestJson({ path: '/api/v1/pods' }));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/502 Bad Gateway/);
  });

  it('reports a refused connection as status 0 naming the server', async () => {
    const closedPort = await unusedPort();
    const transport = server.transport({ server: `http://127.0.0.1:${closedPort}` });

    const error = await rejection(transport.requestJson({ path: '/api/v1/pods' }));

    expect(error.status).toBe(0);
    expect(error.message).toBe(`cannot reach http://127.0.0.1:${closedPort}: connection refused`);
  });

  it('gives up waiting for response headers after headersTimeoutMs', async () => {
    server.on('/api/v1/pods', noResponse());
    const transport = server.transport({ headersTimeoutMs: 100 });
    const error = await rejection(transport.requestJson({ path: '/api/v1/pods' }));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/no response .* within 0.1s/);
  });

  it('streams chunks as they arrive and ends on a normal close', async () => {
    server.on('/w', watchResponse('{"a":', '1}\n', '{"b":2}\n'));
    const stream = await server.transport().stream({ path: '/w' });
    expect(await collect(stream.body)).toBe('{"a":1}\n{"b":2}\n');
  });

  it('fails a stream that the server resets mid-body with status 0', async () => {
    server.on('/w', watchResponse('{"a":1}\n', RESET));
    const stream = await server.transport().stream({ path: '/w' });
    const error = await rejection(collect(stream.body));
    expect(error.status).toBe(0);
    expect(error.message).toContain('lost the connection to');
  });

  it('ends a stream quietly when the caller closes or aborts it', async () => {
    const transport = server.transport();
    const controller = new AbortController();
    server.on('/w', (exchange) => {
      exchange.beginStream();
      return exchange.write('first\n').then(() => exchange.stall());
    });
    const stream = await transport.stream({ path: '/w', signal: controller.signal });
    const chunks: string[] = [];
    for await (const chunk of stream.body) {
      chunks.push(Buffer.from(chunk).toString());
      controller.abort();
    }
    expect(chunks).toEqual(['first\n']);
    await expect.poll(() => server.openStreams).toBe(0);
  });

  it('rejects with the abort reason when aborted before headers', async () => {
    server.on('/w', noResponse());
    const controller = new AbortController();
    const pending = server.transport().stream({ path: '/w', signal: controller.signal });
    await server.waitForRequest('/w');
    controller.abort(new Error('stopped'));
    await expect(pending).rejects.toThrow('stopped');
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    server.on('/a', jsonResponse({}));
    const transport = server.transport();
    for (let i = 0; i < 5; i++) await transport.requestJson({ path: '/a' });
    expect(server.requests).toHaveLength(5);
    expect(server.connectionsAccepted).toBe(1);
  });

  it('does not carry the plain-request idle timeout over to a stream on a reused socket', async () => {
    server.on('/a', jsonResponse({})).on('/w', (exchange) => {
      exchange.beginStream();
      return new Promise<void>((resolve) => setTimeout(resolve, 250)).then(() => exchange.write('late\n')).then(() => exchange.end());
    });
    const transport = server.transport({ bodyIdleTimeoutMs: 50 });
    await transport.requestJson({ path: '/a' });

    const stream = await transport.stream({ path: '/w' });

    expect(await collect(stream.body)).toBe('late\n');
    expect(server.connectionsAccepted).toBe(1);
  });

  it('fails a plain request whose body stalls longer than bodyIdleTimeoutMs', async () => {
    server.on('/slow', (exchange) => {
      exchange.beginStream();
      return exchange.write('{"items":[').then(() => exchange.stall());
    });
    const error = await rejection(server.transport({ bodyIdleTimeoutMs: 50 }).requestJson({ path: '/slow' }));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/stopped sending the response for 0.05s/);
  });

  it('re-runs the exec credential plugin after refreshCredentials()', async () => {
    server.on('/a', jsonResponse({}));
    const transport = server.transport({ execTokenPrefix: 'exec' });

    await transport.requestJson({ path: '/a' });
    await transport.requestJson({ path: '/a' });
    await transport.refreshCredentials();
    await transport.requestJson({ path: '/a' });

    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer exec-1',
      'Bearer exec-1',
      'Bearer exec-2',
    ]);
  });

  it('runs the exec plugin once for concurrent first requests', async () => {
    server.on('/a', jsonResponse({}));
    const transport = server.transport({ execTokenPrefix: 'exec' });
    await Promise.all([1, 2, 3, 4].map(() => transport.requestJson({ path: '/a' })));
    expect(new Set(server.requests.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer exec-1']));
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
