import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import { ProgramError } from '../program-error.js';
import type { ResourceKind } from '../resource-kind.js';
import {
  listResponse,
  pause,
  RESET,
  STALL,
  stallResponse,
  startScriptedApiServer,
  statusResponse,
  watchErrorEvent,
  watchEvent,
  watchResponse,
  type ScriptedApiServer,
} from '../testing/scripted-api-server.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryListWatch } from '../testing/memory-list-watch.js';
import { ApiError } from '../transport/api-error.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { httpListWatch } from './http-list-watch.js';
import { Reflector, type ReflectorTiming } from './reflector.js';
import { PRELOAD_TIMEOUT_MS, preloadClientNode } from '../testing/preload-client-node.js';

const DEPLOYMENTS: ResourceKind = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true };
const PATH = '/apis/apps/v1/namespaces/ns/deployments';
const LIST = { path: PATH, watch: false };
const WATCH = { path: PATH, watch: true };
const FAST: Partial<ReflectorTiming> = { backoffInitialMs: 5, backoffMaxMs: 20, minHealthyWatchMs: 0 };

function deployment(name: string, resourceVersion: string, uid = `uid-${name}`): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'ns', uid, resourceVersion } };
}
function bookmark(resourceVersion: string): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { resourceVersion } };
}

let server: ScriptedApiServer;
let running: Array<{ stop(): Promise<void> }>;
beforeEach(async () => {
  server = await startScriptedApiServer();
  running = [];
});
afterEach(async () => {
  for (const reflector of running) await reflector.stop();
  await server.close();
});

/** Runs a reflector and records what reaches its sink as short strings: "replace a@1 b@2", "MODIFIED a@3". */
function run(options: { transport?: KubeTransport; timing?: Partial<ReflectorTiming>; throwOnApply?: Error } = {}) {
  const seen: string[] = [];
  const received: KubeObject[] = [];
  const controller = new AbortController();
  const reflector = new Reflector({
    listWatch: httpListWatch(options.transport ?? server.transport(), DEPLOYMENTS, 'ns'),
    kind: DEPLOYMENTS,
    namespace: 'ns',
    timing: { ...FAST, ...options.timing },
    random: () => 0.5,
    sink: {
      replace(objects) {
        received.push(...objects);
        seen.push(['replace', ...objects.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)].join(' '));
      },
      apply(type, object) {
        if (options.throwOnApply) throw options.throwOnApply;
        received.push(object);
        seen.push(`${type} ${object.metadata.name}@${object.metadata.resourceVersion}`);
      },
    },
  });
  const done = reflector.run(controller.signal);
  const handle = {
    seen,
    received,
    done,
    reflector,
    async stop() {
      controller.abort();
      await done.catch(() => undefined);
    },
  };
  running.push(handle);
  return handle;
}


// Exec-plugin and 401-refresh tests load client-node lazily, as production does: load it first.
beforeAll(preloadClientNode, PRELOAD_TIMEOUT_MS);

describe('Reflector', () => {
  it('lists page by page, then watches from the list resourceVersion with bookmarks and a 5–10 min timeout', async () => {
    server
      .on({ ...LIST, query: { continue: undefined } }, listResponse([deployment('a', '1')], { resourceVersion: '10', continue: 'page2' }))
      .on({ ...LIST, query: { continue: 'page2' } }, listResponse([deployment('b', '2')], { resourceVersion: '10' }))
      .on(WATCH, stallResponse());
    const reflector = run();

    const watch = await server.waitForRequest(WATCH);

    const [first, second] = server.requestsMatching(LIST);
    expect(first?.query).toEqual({ limit: '500' });
    expect(second?.query).toEqual({ limit: '500', continue: 'page2' });
    expect(reflector.seen).toEqual(['replace a@1 b@2']);
    expect(watch.query).toMatchObject({ watch: '1', allowWatchBookmarks: 'true', resourceVersion: '10' });
    const timeoutSeconds = Number(watch.query.timeoutSeconds);
    expect(timeoutSeconds).toBeGreaterThanOrEqual(300);
    expect(timeoutSeconds).toBeLessThanOrEqual(600);
  });

  it('restarts the LIST from the first page when a continue token expires', async () => {
    server
      .on({ ...LIST, query: { continue: undefined } }, listResponse([deployment('a', '1')], { resourceVersion: '10', continue: 'old' }), listResponse([deployment('a', '1')], { resourceVersion: '20', continue: 'new' }))
      .on({ ...LIST, query: { continue: 'old' } }, statusResponse(410, { reason: 'Expired', message: 'continue token expired' }))
      .on({ ...LIST, query: { continue: 'new' } }, listResponse([deployment('b', '3')], { resourceVersion: '20' }))
      .on(WATCH, stallResponse());
    const reflector = run();

    const watch = await server.waitForRequest(WATCH);

    expect(server.requestsMatching(LIST).map((request) => request.query.continue)).toEqual([undefined, 'old', undefined, 'new']);
    expect(reflector.seen).toEqual(['replace a@1 b@3']);
    expect(watch.query.resourceVersion).toBe('20');
  });

  it("gives LIST items their apiVersion and kind and drops managedFields and kubectl's last-applied copy", async () => {
    const bare = {
      metadata: {
        name: 'a',
        namespace: 'ns',
        uid: 'u',
        resourceVersion: '1',
        managedFields: [{ manager: 'kubectl' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{}}', 'kubetrack.io/fail-mode': 'HopeUntilEndOfDeployProcess' },
      },
    };
    server.on(LIST, listResponse([bare], { resourceVersion: '1' })).on(WATCH, stallResponse());
    const reflector = run();
    await server.waitForRequest(WATCH);
    expect(reflector.received[0]).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a', namespace: 'ns', uid: 'u', resourceVersion: '1', annotations: { 'kubetrack.io/fail-mode': 'HopeUntilEndOfDeployProcess' } },
    });
  });

  it('reads events split across chunks and several per chunk', async () => {
    const line = watchEvent('MODIFIED', deployment('a', '11'));
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(
        WATCH,
        watchResponse(
          line.slice(0, 7),
          line.slice(7, 30),
          line.slice(30) + watchEvent('ADDED', deployment('b', '12')) + watchEvent('DELETED', deployment('a', '13')).slice(0, 5),
          watchEvent('DELETED', deployment('a', '13')).slice(5),
          pause(50),
        ),
        stallResponse(),
      );
    const reflector = run();

    await server.waitForRequest(WATCH, 2);

    expect(reflector.seen).toEqual(['replace', 'MODIFIED a@11', 'ADDED b@12', 'DELETED a@13']);
    expect(server.requestsMatching(WATCH)[1]?.query.resourceVersion).toBe('13');
  });

  it('re-watches from the last bookmark after the server closes the watch', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', deployment('a', '11')), watchEvent('BOOKMARK', bookmark('25'))), stallResponse());
    const reflector = run();

    const rewatch = await server.waitForRequest(WATCH, 2);

    expect(rewatch.query.resourceVersion).toBe('25');
    expect(server.requestsMatching(LIST)).toHaveLength(1);
    expect(reflector.seen).toEqual(['replace', 'ADDED a@11']);
  });

  it('reconnects from the last resourceVersion after a mid-stream reset', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', deployment('a', '11')), '{"type":"MODIFIED","obj', RESET), stallResponse());
    const reflector = run();

    const rewatch = await server.waitForRequest(WATCH, 2);

    expect(rewatch.query.resourceVersion).toBe('11');
    expect(reflector.seen).toEqual(['replace', 'ADDED a@11']);
    expect(server.requestsMatching(LIST)).toHaveLength(1);
  });

  it('aborts a silent watch after the idle timeout and reconnects', async () => {
    server.on(LIST, listResponse([], { resourceVersion: '10' }));
    server.on(WATCH, (exchange) => {
      exchange.beginStream();
      return exchange.write(watchEvent('ADDED', deployment('a', '11'))).then(() => exchange.stall());
    });
    const started = Date.now();
    run({ timing: { idleTimeoutMs: 150 } });

    const rewatch = await server.waitForRequest(WATCH, 2);

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(rewatch.query.resourceVersion).toBe('11');
    await expect.poll(() => server.openStreams).toBe(1);
  });

  it('keeps a watch that receives data open past the idle timeout', async () => {
    const beats = Array.from({ length: 6 }, (_, i) => [watchEvent('BOOKMARK', bookmark(String(20 + i))), pause(50)]).flat();
    server.on(LIST, listResponse([], { resourceVersion: '10' })).on(WATCH, watchResponse(...beats, STALL));
    run({ timing: { idleTimeoutMs: 150 } });

    await server.waitForRequest(WATCH);
    await new Promise((resolve) => setTimeout(resolve, 320));

    expect(server.requestsMatching(WATCH)).toHaveLength(1);
  });

  it('relists after a 410 ERROR event and watches from the new list', async () => {
    server
      .on(LIST, listResponse([deployment('a', '1')], { resourceVersion: '10' }), listResponse([deployment('b', '30')], { resourceVersion: '30' }))
      .on(WATCH, watchResponse(watchEvent('MODIFIED', deployment('a', '12')), watchErrorEvent(410, 'Expired', 'too old resource version: 12 (20)')), stallResponse());
    const reflector = run();

    const rewatch = await server.waitForRequest(WATCH, 2);

    expect(reflector.seen).toEqual(['replace a@1', 'MODIFIED a@12', 'replace b@30']);
    expect(rewatch.query.resourceVersion).toBe('30');
  });

  it('relists after an HTTP 410 on the watch request', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }), listResponse([], { resourceVersion: '40' }))
      .on(WATCH, statusResponse(410, { reason: 'Expired' }), stallResponse());
    run();
    const rewatch = await server.waitForRequest(WATCH, 2);
    expect(server.requestsMatching(LIST)).toHaveLength(2);
    expect(rewatch.query.resourceVersion).toBe('40');
  });

  it('resumes from the same resourceVersion after a 500 ERROR event', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', deployment('a', '11')), watchErrorEvent(500, 'InternalError')), stallResponse());
    run();
    const rewatch = await server.waitForRequest(WATCH, 2);
    expect(rewatch.query.resourceVersion).toBe('11');
    expect(server.requestsMatching(LIST)).toHaveLength(1);
  });

  it('retries 5xx answers with backoff and carries on', async () => {
    server
      .on(LIST, statusResponse(503), statusResponse(500), listResponse([deployment('a', '1')], { resourceVersion: '10' }))
      .on(WATCH, stallResponse());
    const reflector = run();
    await server.waitForRequest(WATCH);
    expect(server.requestsMatching(LIST)).toHaveLength(3);
    expect(reflector.seen).toEqual(['replace a@1']);
  });

  it('waits as long as Retry-After says on a 429, not its own backoff', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, statusResponse(429, { reason: 'TooManyRequests', headers: { 'Retry-After': '1' } }), stallResponse());
    // A backoff this long would time the test out if it were used instead of Retry-After.
    run({ timing: { backoffInitialMs: 60_000, backoffMaxMs: 60_000 } });

    const first = await server.waitForRequest(WATCH);
    const firstAt = Date.now();
    await server.waitForRequest(WATCH, 2, 3_000);

    expect(first).toBeDefined();
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(950);
  });

  it('refreshes credentials after a 401 and succeeds with the new ones', async () => {
    const transport = server.transport({ execTokenPrefix: 'exec' });
    server
      .on(LIST, (exchange) =>
        exchange.request.headers.authorization === 'Bearer exec-1'
          ? exchange.json({ kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }, { status: 401 })
          : listResponse([deployment('a', '1')], { resourceVersion: '10' })(exchange),
      )
      .on(WATCH, stallResponse());
    const reflector = run({ transport });

    const watch = await server.waitForRequest(WATCH);

    expect(server.requestsMatching(LIST).map((request) => request.headers.authorization)).toEqual(['Bearer exec-1', 'Bearer exec-2']);
    expect(watch.headers.authorization).toBe('Bearer exec-2');
    expect(reflector.seen).toEqual(['replace a@1']);
  });

  it('fails with "unauthorized" when the refreshed credentials are rejected too', async () => {
    const transport = server.transport({ execTokenPrefix: 'exec' });
    server.on(LIST, statusResponse(401, { reason: 'Unauthorized', message: 'Unauthorized' }));
    const reflector = run({ transport });

    const error = await reflector.done.then(() => undefined, (caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('unauthorized');
    expect(server.requestsMatching(LIST).map((request) => request.headers.authorization)).toEqual(['Bearer exec-1', 'Bearer exec-2']);
  });

  it('fails with "forbidden" naming verb, resource and namespace on a 403', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, statusResponse(403, { reason: 'Forbidden', message: 'deployments.apps is forbidden' }));
    const reflector = run();

    const error = await reflector.done.then(() => undefined, (caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('forbidden');
    expect((error as ProgramError).message).toMatch(/^forbidden: cannot watch deployments\.apps in namespace "ns"/);
    expect(server.requestsMatching(WATCH)).toHaveLength(1);
  });

  it('fails clearly when the kind is not served (404)', async () => {
    server.on(LIST, statusResponse(404, { reason: 'NotFound', message: 'the server could not find the requested resource' }));
    const reflector = run();
    const error = await reflector.done.then(() => undefined, (caught: unknown) => caught);
    expect((error as ProgramError).code).toBe('invalid-input');
    expect((error as ProgramError).message).toContain('does not serve deployments.apps');
  });

  it('reconnects from the last good resourceVersion when a line is not JSON', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', deployment('a', '11')), '<html>proxy error</html>\n'), stallResponse());
    const reflector = run();
    const rewatch = await server.waitForRequest(WATCH, 2);
    expect(rewatch.query.resourceVersion).toBe('11');
    expect(reflector.seen).toEqual(['replace', 'ADDED a@11']);
  });

  it('lets an exception from the sink end the run as is, never mistaken for a bad line', async () => {
    const bug = new Error('handler bug');
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', deployment('a', '11'))), stallResponse());
    const reflector = run({ throwOnApply: bug });
    await expect(reflector.done).rejects.toBe(bug);
  });

  it('stops promptly on abort, closing the watch', async () => {
    server.on(LIST, listResponse([], { resourceVersion: '10' })).on(WATCH, stallResponse());
    const reflector = run();
    await server.waitForRequest(WATCH);
    await expect.poll(() => server.openStreams).toBe(1);

    const stoppedAt = Date.now();
    await reflector.stop();

    expect(Date.now() - stoppedAt).toBeLessThan(500);
    await expect(reflector.done).resolves.toBeUndefined();
    await expect.poll(() => server.openStreams).toBe(0);
  });
});

describe('Reflector on an injected clock', () => {
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const thing = (name: string, resourceVersion: string): KubeObject => ({ metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion } });

  function start(listWatch: MemoryListWatch, clock: FakeClock, timing: Partial<ReflectorTiming> = {}) {
    const seen: string[] = [];
    const controller = new AbortController();
    const done = new Reflector({
      listWatch,
      kind: DEPLOYMENTS,
      namespace: 'ns',
      clock,
      random: () => 0.5,
      timing: { backoffInitialMs: 1_000, backoffMaxMs: 30_000, minHealthyWatchMs: 0, ...timing },
      sink: {
        replace: (objects) => seen.push(['replace', ...objects.map((o) => o.metadata.name)].join(' ')),
        apply: (type, object) => seen.push(`${type} ${object.metadata.name}@${object.metadata.resourceVersion}`),
      },
    }).run(controller.signal);
    running.push({
      stop: () => {
        controller.abort();
        return done;
      },
    });
    return seen;
  }

  it('retries a failed LIST only when the clock has moved past the backoff', async () => {
    const clock = new FakeClock();
    const listWatch = new MemoryListWatch({
      lists: [new ApiError(503, 'unavailable'), { metadata: { resourceVersion: '10' }, items: [thing('a', '1')] }],
      watches: ['open'],
    });
    const seen = start(listWatch, clock);
    await settle();
    expect(listWatch.lists).toHaveLength(1);

    // Equal jitter with random 0.5: 750 ms of the first 1 s step.
    clock.advance(749);
    await settle();
    expect(listWatch.lists).toHaveLength(1);
    clock.advance(1);
    await settle();

    expect(listWatch.lists).toHaveLength(2);
    expect(seen).toEqual(['replace a']);
    expect(listWatch.watches[0]?.options.resourceVersion).toBe('10');
  });

  it('cuts a watch silent for idleTimeoutMs of clock time and resumes from the last resourceVersion', async () => {
    const clock = new FakeClock();
    const listWatch = new MemoryListWatch({ lists: [{ metadata: { resourceVersion: '10' }, items: [] }], watches: ['open', 'open'] });
    const seen = start(listWatch, clock, { idleTimeoutMs: 5_000 });
    await settle();
    const first = listWatch.watches[0];
    clock.advance(4_000);
    first?.send('ADDED', thing('a', '11'));
    await settle();
    clock.advance(4_000);
    expect(first?.closed).toBe(false);

    clock.advance(1_000);
    await settle();
    expect(first?.closed).toBe(true);
    clock.advance(750);
    await settle();

    expect(seen).toEqual(['replace', 'ADDED a@11']);
    expect(listWatch.watches.map((watch) => watch.options.resourceVersion)).toEqual(['10', '11']);
    expect(listWatch.lists).toHaveLength(1);
  });

  it('resumes at once after each cut of a watch that had lived, however many (as client-go does)', async () => {
    const clock = new FakeClock();
    const cuts = 8;
    const listWatch = new MemoryListWatch({ lists: [{ metadata: { resourceVersion: '10' }, items: [] }], watches: Array(cuts + 1).fill('open') });
    start(listWatch, clock, { minHealthyWatchMs: 1_000 });
    await settle();
    for (let i = 0; i < cuts; i++) {
      clock.advance(2_000);
      listWatch.watches[i]?.cut(new ApiError(0, 'lost the connection: connection reset'));
      await settle();
      await settle();
    }

    // No clock time passed after the last cut: each rewatch came without a backoff wait.
    expect(listWatch.watches).toHaveLength(cuts + 1);
    expect(listWatch.watches.map((watch) => watch.options.resourceVersion)).toEqual(Array(cuts + 1).fill('10'));
    expect(listWatch.lists).toHaveLength(1);
  });

  it('backs off after a watch cut before it lived minHealthyWatchMs with nothing delivered', async () => {
    const clock = new FakeClock();
    const listWatch = new MemoryListWatch({ lists: [{ metadata: { resourceVersion: '10' }, items: [] }], watches: ['open', 'open'] });
    start(listWatch, clock, { minHealthyWatchMs: 1_000 });
    await settle();
    clock.advance(100);
    listWatch.watches[0]?.cut(new ApiError(0, 'lost the connection: connection reset'));
    await settle();
    await settle();
    expect(listWatch.watches).toHaveLength(1);

    clock.advance(750);
    await settle();
    expect(listWatch.watches).toHaveLength(2);
  });

  it('refreshes credentials once per 401 streak through its ListWatch, then fails', async () => {
    const clock = new FakeClock();
    const unauthorized = () => new ApiError(401, 'Unauthorized');
    const listWatch = new MemoryListWatch({ lists: [unauthorized(), unauthorized()], watches: [] });
    const controller = new AbortController();
    const run = new Reflector({ listWatch, kind: DEPLOYMENTS, namespace: 'ns', clock, sink: { replace() {}, apply() {} } }).run(controller.signal);

    const error = await run.then(() => undefined, (caught: unknown) => caught);

    expect(listWatch.credentialRefreshes).toBe(1);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('unauthorized');
  });
});
