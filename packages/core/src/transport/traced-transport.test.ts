import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import type { KubeStream, KubeTransport } from './kube-transport.js';
import { traceTransport } from './traced-transport.js';

function streamOf(chunks: string[], cut?: Error): KubeStream {
  return {
    body: (async function* () {
      for (const chunk of chunks) yield new TextEncoder().encode(chunk);
      if (cut) throw cut;
    })(),
    close: () => {},
  };
}

function transportWith(overrides: Partial<KubeTransport>): KubeTransport {
  return {
    server: 'https://127.0.0.1:6443',
    defaultNamespace: 'default',
    requestJson: async () => ({}) as never,
    stream: async () => streamOf([]),
    refreshCredentials: async () => {},
    close: () => {},
    ...overrides,
  };
}

async function drain(stream: KubeStream): Promise<void> {
  for await (const _ of stream.body) {
    // reading is the point
  }
}

describe('traceTransport', () => {
  it('writes one line per request with its status, and passes results and errors through', async () => {
    const lines: string[] = [];
    let calls = 0;
    const traced = traceTransport(
      transportWith({
        requestJson: async () => {
          if (calls++ === 0) return { kind: 'PodList' } as never;
          throw new ApiError(429, 'too many requests');
        },
      }),
      (line) => lines.push(line),
      () => 0,
    );
    await expect(traced.requestJson({ path: '/api/v1/pods', query: { labelSelector: 'app=web', limit: undefined } })).resolves.toEqual({ kind: 'PodList' });
    await expect(traced.requestJson({ path: '/version' })).rejects.toThrow('too many requests');
    expect(lines).toEqual(['GET /api/v1/pods?labelSelector=app%3Dweb 200 in 0 ms', 'GET /version 429: too many requests in 0 ms']);
  });

  it('tells a stream the server ended from one that was cut or closed by us', async () => {
    const lines: string[] = [];
    const bodies = [streamOf(['ab', 'c']), streamOf(['x'], new ApiError(0, 'lost the connection'))];
    const traced = traceTransport(transportWith({ stream: async () => bodies.shift()! }), (line) => lines.push(line), () => 0);
    await drain(await traced.stream({ path: '/api/v1/namespaces/a/pods/p/log', query: { follow: true } }));
    await expect(drain(await traced.stream({ path: '/api/v1/pods', query: { watch: 1 } }))).rejects.toThrow('lost the connection');
    expect(lines).toEqual([
      'GET /api/v1/namespaces/a/pods/p/log?follow=true 200 in 0 ms, streaming',
      'GET /api/v1/namespaces/a/pods/p/log?follow=true stream ended by the server after 0 ms, 3 bytes',
      'GET /api/v1/pods?watch=1 200 in 0 ms, streaming',
      'GET /api/v1/pods?watch=1 stream failed: lost the connection after 0 ms, 1 bytes',
    ]);
  });

  it('a stream we closed is said to be closed by us', async () => {
    const lines: string[] = [];
    const traced = traceTransport(transportWith({ stream: async () => streamOf([]) }), (line) => lines.push(line), () => 0);
    const stream = await traced.stream({ path: '/w' });
    stream.close();
    await drain(stream);
    expect(lines.at(-1)).toBe('GET /w stream closed by kubetrack after 0 ms, 0 bytes');
  });
});
