import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryListWatch } from '../testing/memory-list-watch.js';
import { ListWatchInformer } from '../watch/list-watch-informer.js';
import type { InformerEvent } from '../watch/shared-informer.js';
import { EVENT_KIND, INVOLVED_OBJECT_UID_INDEX } from './router-pool.js';
import { InformerRouter } from './informer-router.js';

async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function kubeEvent(name: string, resourceVersion: string, involvedUid: string): KubeObject {
  return { metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion }, involvedObject: { uid: involvedUid } } as KubeObject;
}
const byInvolvedUid = (object: KubeObject): string[] => {
  const uid = (object as { involvedObject?: { uid?: string } }).involvedObject?.uid;
  return uid === undefined ? [] : [uid];
};
const names = (events: InformerEvent[]) => events.map((event) => (event.type === 'synced' ? 'synced' : `${event.type} ${event.object.metadata.name}`));

let informer: ListWatchInformer | undefined;
afterEach(() => informer?.dispose());

function eventsRouter(listWatch: MemoryListWatch): InformerRouter {
  informer = new ListWatchInformer({
    listWatch,
    kind: EVENT_KIND,
    namespace: 'ns',
    lingerMs: 0,
    clock: new FakeClock(),
    onFatalError: (error) => {
      throw error;
    },
    onHandlerError: (error) => {
      throw error;
    },
  });
  return new InformerRouter(informer).keyBy(INVOLVED_OBJECT_UID_INDEX, byInvolvedUid);
}

describe('InformerRouter', () => {
  it("finds a key's objects in the store's index and routes only that key's events", async () => {
    const listWatch = new MemoryListWatch({
      lists: [{ metadata: { resourceVersion: '10' }, items: [kubeEvent('e1', '1', 'pod-a'), kubeEvent('e2', '2', 'pod-b')] }],
      watches: ['open'],
    });
    const router = eventsRouter(listWatch);
    const forA: InformerEvent[] = [];
    router.watchKey('pod-a', (event) => forA.push(event));
    await settle();

    listWatch.watches[0]?.send('ADDED', kubeEvent('e3', '11', 'pod-b'));
    listWatch.watches[0]?.send('ADDED', kubeEvent('e4', '12', 'pod-a'));
    listWatch.watches[0]?.send('DELETED', kubeEvent('e1', '13', 'pod-a'));
    await settle();

    expect(names(forA)).toEqual(['added e1', 'synced', 'added e4', 'deleted e1']);
    expect(router.objectsWithKey('pod-a').map((object) => object.metadata.name)).toEqual(['e4']);
    expect(router.objectsWithKey('pod-b').map((object) => object.metadata.name).sort()).toEqual(['e2', 'e3']);
  });

  it('a listener joining while events are buffered reads a store no newer than what it is then sent', async () => {
    const listWatch = new MemoryListWatch({ lists: [{ metadata: { resourceVersion: '10' }, items: [] }], watches: ['open'] });
    const router = eventsRouter(listWatch);
    const first: InformerEvent[] = [];
    router.watchKey('pod-a', (event) => first.push(event));
    await settle();

    listWatch.watches[0]?.send('ADDED', kubeEvent('e1', '11', 'pod-a'));
    for (let step = 0; step < 100 && router.objectsWithKey('pod-a').length === 0; step++) await Promise.resolve();
    expect(names(first)).toEqual(['synced']);
    const late: InformerEvent[] = [];
    router.watchKey('pod-a', (event) => late.push(event));

    // Joining delivered the buffered event to the listener already there; the newcomer reads it from the store.
    expect(names(first)).toEqual(['synced', 'added e1']);
    expect(router.objectsWithKey('pod-a').map((object) => object.metadata.name)).toEqual(['e1']);
    await settle();
    expect(names(late)).toEqual(['synced']);
  });
});
