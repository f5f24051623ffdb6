import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryListWatch } from '../testing/memory-list-watch.js';
import { ListWatchInformer } from './list-watch-informer.js';
import type { InformerEvent } from './shared-informer.js';

const PODS: ResourceKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
/** Lets a few turns of the event loop pass: LIST, WATCH and the buffered deliveries run. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}
/** Microtasks only: the reflector reads what was sent, the buffered deliveries (a later turn) do not run. */
async function readOnly(until: () => boolean): Promise<void> {
  for (let step = 0; step < 100 && !until(); step++) await Promise.resolve();
}

function pod(name: string, resourceVersion: string, node = 'n1'): KubeObject {
  return { metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion }, spec: { nodeName: node } } as KubeObject;
}

function story(events: InformerEvent[]): string[] {
  return events.map((event) => (event.type === 'synced' ? 'synced' : `${event.type} ${event.object.metadata.name}@${event.object.metadata.resourceVersion}`));
}

let informers: ListWatchInformer[] = [];
afterEach(() => {
  for (const informer of informers) informer.dispose();
  informers = [];
});

function informerOver(listWatch: MemoryListWatch, options: { clock?: FakeClock; lingerMs?: number; handlerErrors?: unknown[] } = {}) {
  const informer = new ListWatchInformer({
    listWatch,
    kind: PODS,
    namespace: 'ns',
    lingerMs: options.lingerMs ?? 0,
    clock: options.clock ?? new FakeClock(),
    timing: { minHealthyWatchMs: 0 },
    onFatalError: (error) => {
      throw error;
    },
    onHandlerError: (error) => options.handlerErrors?.push(error),
  });
  informers.push(informer);
  return informer;
}

const listed = (...items: KubeObject[]) => new MemoryListWatch({ lists: [{ metadata: { resourceVersion: '10' }, items }], watches: ['open', 'open'] });

describe('ListWatchInformer', () => {
  it('reads a whole burst into the store before any handler runs, then gives each handler every event in order', async () => {
    const listWatch = listed(pod('a', '1'));
    const informer = informerOver(listWatch);
    const events: InformerEvent[] = [];
    const storeSizeSeen: number[] = [];
    informer.subscribe((event) => {
      events.push(event);
      storeSizeSeen.push(informer.list().length);
    });
    await settle();
    const watch = listWatch.watches[0];
    events.length = 0;
    storeSizeSeen.length = 0;

    watch?.send('ADDED', pod('b', '11'));
    watch?.send('ADDED', pod('c', '12'));
    watch?.send('MODIFIED', pod('b', '13'));
    await settle();

    expect(story(events)).toEqual(['added b@11', 'added c@12', 'modified b@13']);
    // The read loop never waited for the handler: the store already had all three when it first ran.
    expect(storeSizeSeen).toEqual([3, 3, 3]);
  });

  it('reports a throwing handler and still gives the others every event; an unsubscribed handler gets nothing it had buffered', async () => {
    const listWatch = listed();
    const handlerErrors: unknown[] = [];
    const informer = informerOver(listWatch, { handlerErrors });
    informer.subscribe((event) => {
      if (event.type === 'added') throw new Error('tracker bug');
    });
    const healthy: InformerEvent[] = [];
    informer.subscribe((event) => healthy.push(event));
    const leaving: InformerEvent[] = [];
    const leave = informer.subscribe((event) => leaving.push(event));
    await settle();

    listWatch.watches[0]?.send('ADDED', pod('a', '11'));
    listWatch.watches[0]?.send('ADDED', pod('b', '12'));
    await readOnly(() => informer.list().length === 2);
    leave();
    await settle();

    expect(story(healthy)).toEqual(['synced', 'added a@11', 'added b@12']);
    expect(story(leaving)).toEqual(['synced']);
    expect(handlerErrors).toEqual([new Error('tracker bug'), new Error('tracker bug')]);
  });

  it('catches up a new consumer with flush(): nothing buffered is delivered after the store it read', async () => {
    const listWatch = listed();
    const informer = informerOver(listWatch);
    const events: InformerEvent[] = [];
    informer.subscribe((event) => events.push(event));
    await settle();
    events.length = 0;

    listWatch.watches[0]?.send('ADDED', pod('a', '11'));
    await readOnly(() => informer.list().length === 1);
    expect(informer.list()).toHaveLength(1);
    expect(events).toEqual([]);
    informer.flush();

    expect(story(events)).toEqual(['added a@11']);
  });

  it('keeps its indexes in step with the watch and across a restart of the watch', async () => {
    const listWatch = new MemoryListWatch({
      lists: [
        { metadata: { resourceVersion: '10' }, items: [pod('a', '1', 'n1')] },
        { metadata: { resourceVersion: '20' }, items: [pod('b', '21', 'n1')] },
      ],
      watches: ['open', 'open'],
    });
    const informer = informerOver(listWatch);
    informer.addIndex('node', (object) => [(object as { spec?: { nodeName?: string } }).spec?.nodeName ?? '']);
    const unsubscribe = informer.subscribe(() => undefined);
    await settle();
    listWatch.watches[0]?.send('MODIFIED', pod('a', '2', 'n2'));
    await settle();
    expect(informer.byIndex('node', 'n1')).toEqual([]);
    expect(informer.byIndex('node', 'n2').map((object) => object.metadata.name)).toEqual(['a']);

    unsubscribe();
    expect(informer.byIndex('node', 'n2')).toEqual([]);
    informer.subscribe(() => undefined);
    await settle();
    expect(informer.byIndex('node', 'n1').map((object) => object.metadata.name)).toEqual(['b']);
  });

  it('lingers after its last subscriber for lingerMs of the injected clock, then closes the watch', async () => {
    const clock = new FakeClock();
    const listWatch = listed();
    const informer = informerOver(listWatch, { clock, lingerMs: 1_000 });
    const unsubscribe = informer.subscribe(() => undefined);
    await settle();

    unsubscribe();
    clock.advance(999);
    expect(listWatch.watches[0]?.closed).toBe(false);
    clock.advance(1);

    expect(listWatch.watches[0]?.closed).toBe(true);
    expect(informer.running).toBe(false);
  });
});
