import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import { ProgramError } from '../program-error.js';
import type { ResourceKind } from '../resource-kind.js';
import {
  listResponse,
  stallResponse,
  startScriptedApiServer,
  statusResponse,
  watchErrorEvent,
  watchEvent,
  watchResponse,
  type ScriptedApiServer,
} from '../testing/scripted-api-server.js';
import type { InformerEvent, SharedIndexInformer } from './shared-informer.js';
import {
  createSharedInformerFactory,
  type DefaultSharedInformerFactory,
  type SharedInformerFactoryOptions,
} from './shared-informer-factory.js';

const PODS: ResourceKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
const NODES: ResourceKind = { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false };
const PATH = '/api/v1/namespaces/ns/pods';
const LIST = { path: PATH, watch: false };
const WATCH = { path: PATH, watch: true };

function pod(name: string, resourceVersion: string, uid = `uid-${name}`): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns', uid, resourceVersion } };
}

function story(events: InformerEvent[]): string[] {
  return events.map((event) =>
    event.type === 'synced' ? 'synced' : `${event.type} ${event.object.metadata.name}@${event.object.metadata.resourceVersion}`,
  );
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let server: ScriptedApiServer;
let cache: DefaultSharedInformerFactory | undefined;
beforeEach(async () => {
  server = await startScriptedApiServer();
});
afterEach(async () => {
  cache?.stop();
  cache = undefined;
  await server.close();
});

function newCache(options: SharedInformerFactoryOptions = {}): DefaultSharedInformerFactory {
  cache = createSharedInformerFactory(server.transport(), {
    lingerMs: 0,
    timing: { backoffInitialMs: 5, backoffMaxMs: 20, minHealthyWatchMs: 0 },
    ...options,
  });
  return cache;
}

function record(informer: SharedIndexInformer): { events: InformerEvent[]; unsubscribe: () => void } {
  const events: InformerEvent[] = [];
  const unsubscribe = informer.subscribe((event) => events.push(event));
  return { events, unsubscribe };
}

describe('createSharedInformerFactory', () => {
  it('hands out one informer per (kind, namespace), ignoring the namespace of cluster-scoped kinds', () => {
    const informers = newCache();
    expect(informers.informer(PODS, 'ns')).toBe(informers.informer(PODS, 'ns'));
    expect(informers.informer(PODS, 'ns')).not.toBe(informers.informer(PODS, 'other'));
    expect(informers.informer(NODES, 'ns')).toBe(informers.informer(NODES, undefined));
    expect(informers.informer(NODES, 'ns').namespace).toBeUndefined();
  });

  it('lets two subscribers share one watch and closes it after the last one leaves', async () => {
    server.on(LIST, listResponse([pod('a', '1')], { resourceVersion: '10' })).on(WATCH, stallResponse());
    const informers = newCache();
    const first = record(informers.informer(PODS, 'ns'));
    const second = record(informers.informer(PODS, 'ns'));

    await server.waitForRequest(WATCH);
    await expect.poll(() => informers.activeWatches).toBe(1);
    first.unsubscribe();
    await tick(20);
    expect(informers.activeWatches).toBe(1);
    second.unsubscribe();

    await expect.poll(() => server.openStreams).toBe(0);
    expect(informers.activeWatches).toBe(0);
    expect(server.requestsMatching(WATCH)).toHaveLength(1);
    expect(server.requestsMatching(LIST)).toHaveLength(1);
    expect(story(first.events)).toEqual(['added a@1', 'synced']);
    expect(story(second.events)).toEqual(['added a@1', 'synced']);
  });

  it('keeps the watch through a quick re-subscribe within the linger time', async () => {
    server.on(LIST, listResponse([pod('a', '1')], { resourceVersion: '10' })).on(WATCH, stallResponse());
    const informers = newCache({ lingerMs: 200 });
    const informer = informers.informer(PODS, 'ns');
    const first = record(informer);
    await server.waitForRequest(WATCH);

    first.unsubscribe();
    const again = record(informer);
    await tick();

    expect(server.requestsMatching(LIST)).toHaveLength(1);
    expect(server.requestsMatching(WATCH)).toHaveLength(1);
    expect(story(again.events)).toEqual(['added a@1', 'synced']);
    again.unsubscribe();
    await expect.poll(() => server.openStreams, { timeout: 1000 }).toBe(0);
  });

  it('gives a late subscriber the cached objects and then synced, after subscribe returns', async () => {
    server
      .on(LIST, listResponse([pod('a', '1'), pod('b', '2')], { resourceVersion: '10' }))
      .on(WATCH, stallResponse());
    const informers = newCache();
    const informer = informers.informer(PODS, 'ns');
    const early = record(informer);
    await expect.poll(() => informer.synced).toBe(true);

    const late = record(informer);
    expect(late.events).toEqual([]);
    await tick();

    expect(story(late.events)).toEqual(['added a@1', 'added b@2', 'synced']);
    expect(story(early.events)).toEqual(['added a@1', 'added b@2', 'synced']);
    expect(informer.get('b')?.metadata.resourceVersion).toBe('2');
  });

  it('turns a 410 relist into deletes, a delete + add for a re-created object, and no duplicates', async () => {
    server
      .on(
        LIST,
        listResponse([pod('kept', '1'), pod('recreated', '2', 'old-uid'), pod('removed', '3')], { resourceVersion: '10' }),
        listResponse([pod('kept', '1'), pod('recreated', '30', 'new-uid'), pod('created', '31')], { resourceVersion: '40' }),
      )
      .on(
        WATCH,
        watchResponse(watchEvent('MODIFIED', pod('kept', '1')), watchErrorEvent(410, 'Expired')),
        stallResponse(),
      );
    const informers = newCache();
    const informer = informers.informer(PODS, 'ns');
    const subscriber = record(informer);

    await server.waitForRequest(WATCH, 2);
    await expect.poll(() => subscriber.events.filter((event) => event.type === 'synced').length).toBe(2);

    expect(story(subscriber.events)).toEqual([
      'added kept@1',
      'added recreated@2',
      'added removed@3',
      'synced',
      'deleted removed@3',
      'deleted recreated@2',
      'added recreated@30',
      'added created@31',
      'synced',
    ]);
    expect(informer.list().map((object) => object.metadata.uid).sort()).toEqual(['new-uid', 'uid-created', 'uid-kept']);
  });

  it('keeps delivering to other handlers when one throws, and reports the error', async () => {
    server
      .on(LIST, listResponse([], { resourceVersion: '10' }))
      .on(WATCH, watchResponse(watchEvent('ADDED', pod('a', '11')), watchEvent('MODIFIED', pod('a', '12'))), stallResponse());
    const handlerErrors: unknown[] = [];
    const informers = newCache({ onHandlerError: (error) => handlerErrors.push(error) });
    const informer = informers.informer(PODS, 'ns');
    informer.subscribe((event) => {
      if (event.type === 'added') throw new Error('tracker bug');
    });
    const healthy = record(informer);

    await server.waitForRequest(WATCH, 2);

    expect(story(healthy.events)).toEqual(['synced', 'added a@11', 'modified a@12']);
    expect(handlerErrors).toEqual([new Error('tracker bug')]);
  });

  it('reports a throwing handler through onFatalError by default', async () => {
    server.on(LIST, listResponse([pod('a', '1')], { resourceVersion: '10' })).on(WATCH, stallResponse());
    const informers = newCache();
    const fatal: Error[] = [];
    informers.onFatalError((error) => fatal.push(error));
    informers.informer(PODS, 'ns').subscribe(() => {
      throw new Error('tracker bug');
    });
    await expect.poll(() => fatal.length).toBeGreaterThan(0);
    expect(fatal[0]?.message).toBe('tracker bug');
  });

  it('reports a 403 once as a forbidden ProgramError and stops that informer', async () => {
    server.on(LIST, statusResponse(403, { reason: 'Forbidden', message: 'pods is forbidden: User "ci" cannot list' }));
    const informers = newCache();
    const fatal: Array<{ error: Error; informer: SharedIndexInformer }> = [];
    informers.onFatalError((error, informer) => fatal.push({ error, informer }));
    const informer = informers.informer(PODS, 'ns');
    record(informer);

    await expect.poll(() => fatal.length).toBe(1);
    await tick(50);

    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.informer).toBe(informer);
    expect(fatal[0]?.error).toBeInstanceOf(ProgramError);
    expect((fatal[0]?.error as ProgramError | undefined)?.code).toBe('forbidden');
    expect(fatal[0]?.error.message).toBe('forbidden: cannot list pods in namespace "ns" (check RBAC: the user needs "list" on pods)');
    expect(server.requests).toHaveLength(1);
  });

  it('stop() closes every watch and later subscriptions start nothing', async () => {
    server.on({ watch: false }, listResponse([], { resourceVersion: '10' })).on({ watch: true }, stallResponse());
    const informers = newCache();
    record(informers.informer(PODS, 'ns'));
    record(informers.informer(NODES, undefined));
    await expect.poll(() => informers.activeWatches).toBe(2);

    informers.stop();
    record(informers.informer(PODS, 'ns'));

    await expect.poll(() => server.openStreams).toBe(0);
    expect(informers.activeWatches).toBe(0);
    expect(server.requestsMatching({ watch: true }).map((request) => request.path).sort()).toEqual([
      '/api/v1/namespaces/ns/pods',
      '/api/v1/nodes',
    ]);
  });
});
