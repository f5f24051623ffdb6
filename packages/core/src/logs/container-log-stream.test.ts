import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerLogLine } from './container-log-line.js';
import { followContainerLog, type ContainerLogStreamOptions } from './container-log-stream.js';
import { eventually } from './eventually.test-helper.js';
import { FakeLogServer } from './fake-log-server.test-helper.js';
import { fetchPreviousLogs } from './fetch-previous-logs.js';
import { HttpTestTransport } from './http-test-transport.test-helper.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryWatchStream } from '../testing/memory-list-watch.js';
import { ApiError } from '../transport/api-error.js';

let server: FakeLogServer;
let transport: HttpTestTransport;

beforeEach(async () => {
  server = await FakeLogServer.start();
  transport = new HttpTestTransport(server.url);
  server.addPod('web-1', ['app']);
});

afterEach(async () => {
  transport.close();
  await server.close();
});

function follow(options: Partial<ContainerLogStreamOptions> = {}) {
  const lines: ContainerLogLine[] = [];
  const errors: Error[] = [];
  const stream = followContainerLog(transport, {
    namespace: 'ns',
    pod: 'web-1',
    container: 'app',
    onLine: (line) => lines.push(line),
    onError: (error) => errors.push(error),
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
  const texts = () => lines.map((line) => line.text);
  return { stream, lines, texts, errors };
}

describe('followContainerLog', () => {
  it('reads lines split across tiny chunks and ends once the container exits', async () => {
    server.chunkSize = 3;
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'starting ✓');
    const { stream, texts, lines } = follow();
    await eventually(() => expect(texts()).toEqual(['starting ✓']));
    server.print('web-1', 'app', 'listening on :8080');
    await eventually(() => expect(texts()).toEqual(['starting ✓', 'listening on :8080']));
    stream.markTerminated();
    server.terminate('web-1', 'app');
    expect(await stream.done).toEqual({ reason: 'terminated', complete: true });
    expect(lines[0]?.timestamp).toMatch(/^2025-03-01T10:00:00\.\d{9}Z$/);
    const query = server.requests[0]?.query;
    expect(query?.get('follow')).toBe('true');
    expect(query?.get('timestamps')).toBe('true');
    expect(query?.get('container')).toBe('app');
  });

  it('keeps an unterminated last line when the container exits', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'panic: boom');
    server.print('web-1', 'app', 'exit without newline', { newline: false });
    const { stream, texts } = follow({ isTerminated: () => true });
    server.terminate('web-1', 'app');
    expect((await stream.done).complete).toBe(true);
    expect(texts()).toEqual(['panic: boom', 'exit without newline']);
  });

  it('resumes after a reset with sinceTime and shows every line exactly once, even lines sharing a timestamp', async () => {
    server.startContainer('web-1', 'app');
    const shared = '2025-03-01T10:00:01.500000000Z';
    server.print('web-1', 'app', 'before', { timestamp: '2025-03-01T10:00:01.100000000Z' });
    server.print('web-1', 'app', 'same', { timestamp: shared });
    server.print('web-1', 'app', 'same', { timestamp: shared });
    const { stream, texts } = follow();
    await eventually(() => expect(texts()).toEqual(['before', 'same', 'same']));

    server.cutConnections();
    server.print('web-1', 'app', 'same', { timestamp: shared }); // printed while disconnected
    server.print('web-1', 'app', 'after', { timestamp: '2025-03-01T10:00:01.600000000Z' });
    await eventually(() => expect(texts()).toEqual(['before', 'same', 'same', 'same', 'after']));
    expect(server.requests[1]?.query.get('sinceTime')).toBe('2025-03-01T10:00:01Z');

    server.print('web-1', 'app', 'live again');
    await eventually(() => expect(texts()).toEqual(['before', 'same', 'same', 'same', 'after', 'live again']));
    stream.stop();
  });

  it('shows every line exactly once, in order, through many resets at random points', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    server.chunkSize = 7;
    server.startContainer('web-1', 'app');
    const { stream, texts } = follow({ retry: { initialDelayMs: 1, maxDelayMs: 4 } });
    const printed: string[] = [];
    let second = 0;
    let nanos = 0;
    for (let batch = 0; batch < 40; batch++) {
      for (let i = 0; i < 10; i++) {
        // Runs of lines share a timestamp; the second changes now and then, as sinceTime only has seconds.
        if (random() < 0.6) nanos += 1 + Math.floor(random() * 1000);
        if (random() < 0.1) second++;
        const text = `line ${printed.length}`;
        const wholeSecond = new Date(Date.UTC(2025, 2, 1, 10, 0, second)).toISOString().slice(0, 19);
        server.print('web-1', 'app', text, { timestamp: `${wholeSecond}.${String(nanos).padStart(9, '0')}Z` });
        printed.push(text);
      }
      if (random() < 0.3) server.cutConnections();
      if (random() < 0.2) server.fail({ cutAfterBytes: Math.floor(random() * 300) });
      await new Promise((resolve) => setTimeout(resolve, random() * 5));
    }
    server.terminate('web-1', 'app');
    stream.markTerminated();
    expect((await stream.done).complete).toBe(true);
    expect(texts()).toEqual(printed);
    expect(server.requests.length).toBeGreaterThan(5);
  });

  it('does not emit a half line cut by a reset; the resume brings it whole', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'first');
    server.print('web-1', 'app', 'second line that gets cut');
    const firstLineBytes = Buffer.byteLength(`2025-03-01T10:00:00.001123456Z first\n`);
    server.fail({ cutAfterBytes: firstLineBytes + 20 });
    const { stream, texts } = follow();
    await eventually(() => expect(texts()).toEqual(['first', 'second line that gets cut']));
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    stream.stop();
  });

  it('resumes when the stream ends while the container still runs', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'one');
    const { stream, texts } = follow({ isTerminated: () => false, endOfStreamGraceMs: 10 });
    await eventually(() => expect(texts()).toEqual(['one']));
    server.endConnections();
    server.print('web-1', 'app', 'two');
    await eventually(() => expect(texts()).toEqual(['one', 'two']));
    stream.stop();
  });

  it('ends without reconnecting when the exit is reported within the grace after end of stream', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'last words', { newline: false });
    const { stream, texts } = follow(); // the default grace: 1 s
    await eventually(() => expect(server.followers()).toBe(1));
    server.terminate('web-1', 'app');
    // The kubelet starts the next instance; a reconnect now would read its log.
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'next instance');
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.markTerminated();
    expect(await stream.done).toEqual({ reason: 'terminated', complete: true });
    expect(texts()).toEqual(['last words']);
    expect(server.requests).toHaveLength(1);
  });

  it('waits while the container is waiting to start, then streams', async () => {
    const { stream, texts, errors } = follow();
    await eventually(() => expect(server.requests.length).toBeGreaterThanOrEqual(2));
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'hello');
    await eventually(() => expect(texts()).toEqual(['hello']));
    expect(errors).toEqual([]);
    stream.stop();
    expect((await stream.done).reason).toBe('stopped');
  });

  it('retries a 503 and honours the stream after it', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'hello');
    server.fail({ status: 503, message: 'apiserver is shutting down' });
    const { stream, texts, errors } = follow();
    await eventually(() => expect(texts()).toEqual(['hello']));
    expect(errors).toEqual([]);
    stream.stop();
  });

  it('ends quietly when the pod is gone', async () => {
    const { stream, errors } = follow({ pod: 'deleted-pod' });
    expect(await stream.done).toEqual({ reason: 'pod-gone', complete: false });
    expect(errors).toEqual([]);
  });

  it('reports 403 once and stops', async () => {
    server.fail({ status: 403, reason: 'Forbidden', message: 'pods "web-1" is forbidden: cannot get resource "pods/log"' });
    const { stream, errors } = follow();
    const end = await stream.done;
    expect(end.reason).toBe('failed');
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('forbidden')]);
    expect(server.requests).toHaveLength(1);
  });

  it('refreshes credentials after a 401 and carries on', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'hello');
    server.fail({ status: 401, message: 'Unauthorized' });
    const { stream, texts, errors } = follow();
    await eventually(() => expect(texts()).toEqual(['hello']));
    expect(transport.credentialRefreshes).toBe(1);
    expect(errors).toEqual([]);
    stream.stop();
  });

  it('reports a 401 that survives a credential refresh', async () => {
    server.fail({ status: 401, message: 'Unauthorized' }, { status: 401, message: 'Unauthorized' });
    const { stream, errors } = follow();
    expect((await stream.done).reason).toBe('failed');
    expect(errors).toHaveLength(1);
  });

  it('hides lines older than sinceTime at full precision', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'old', { timestamp: '2025-03-01T10:00:05.100000000Z' });
    server.print('web-1', 'app', 'new', { timestamp: '2025-03-01T10:00:05.700000000Z' });
    const { stream, texts } = follow({ sinceTime: '2025-03-01T10:00:05.5Z' });
    await eventually(() => expect(texts()).toEqual(['new']));
    expect(server.requests[0]?.query.get('sinceTime')).toBe('2025-03-01T10:00:05Z');
    stream.stop();
  });

  it('reconnects after a silent stretch longer than idleTimeoutMs without repeating lines', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'one');
    const { stream, texts } = follow({ idleTimeoutMs: 40 });
    await eventually(() => expect(server.requests.length).toBeGreaterThanOrEqual(3));
    server.print('web-1', 'app', 'two');
    await eventually(() => expect(texts()).toEqual(['one', 'two']));
    stream.stop();
  });

  it('stop() and an aborted signal close the connection promptly', async () => {
    server.startContainer('web-1', 'app');
    const { stream } = follow();
    await eventually(() => expect(server.followers()).toBe(1));
    stream.stop();
    expect((await stream.done).reason).toBe('stopped');
    await eventually(() => expect(server.openConnections).toBe(0));

    const controller = new AbortController();
    const second = follow({ signal: controller.signal });
    await eventually(() => expect(server.followers()).toBe(1));
    controller.abort();
    expect((await second.stream.done).reason).toBe('stopped');
    await eventually(() => expect(server.openConnections).toBe(0));
  });

  it('does not reconnect to a superseded instance after a cut', async () => {
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'one');
    const { stream, texts } = follow();
    await eventually(() => expect(texts()).toEqual(['one']));
    stream.markSuperseded();
    server.cutConnections();
    expect(await stream.done).toEqual({ reason: 'superseded', complete: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('fetchPreviousLogs', () => {
  it('reads the previous instance with its timestamps, tail-limited', async () => {
    server.startContainer('web-1', 'app');
    for (const text of ['a', 'b', 'c']) server.print('web-1', 'app', text);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'current');
    const lines = await fetchPreviousLogs(transport, { namespace: 'ns', pod: 'web-1', container: 'app', tailLines: 2 });
    expect(lines.map((line) => line.text)).toEqual(['b', 'c']);
    expect(lines.every((line) => line.timestamp !== undefined)).toBe(true);
    expect(server.requests[0]?.query.get('previous')).toBe('true');
  });

  it('throws the API error when there is no previous instance', async () => {
    server.startContainer('web-1', 'app');
    await expect(fetchPreviousLogs(transport, { namespace: 'ns', pod: 'web-1', container: 'app' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('followContainerLog backoff, on an injected clock', () => {
  it('reconnects a quiet container at once after each cut of a stream that had lived, however many', async () => {
    const clock = new FakeClock();
    const opened: MemoryWatchStream[] = [];
    const fake = {
      server: 'https://127.0.0.1:1',
      defaultNamespace: 'ns',
      requestJson: async () => ({}) as never,
      stream: async () => {
        const stream = new MemoryWatchStream({ resourceVersion: '', timeoutSeconds: 0, allowWatchBookmarks: false, signal: new AbortController().signal });
        opened.push(stream);
        return stream;
      },
      refreshCredentials: async () => {},
      close: () => {},
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const stream = followContainerLog(fake, { namespace: 'ns', pod: 'web-1', container: 'app', onLine: () => {}, clock, retry: { initialDelayMs: 500, maxDelayMs: 30_000 } });
    await settle();
    const cuts = 8;
    for (let i = 0; i < cuts; i++) {
      clock.advance(2_000);
      opened[i]?.cut(new ApiError(0, 'lost the connection: connection reset'));
      await settle();
      // the first step of the backoff (at most initialDelayMs), never a grown one
      clock.advance(500);
      await settle();
      await settle();
    }
    expect(opened).toHaveLength(cuts + 1);
    stream.stop();
    await stream.done;
  });
});
