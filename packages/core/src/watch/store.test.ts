import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import type { InformerEvent } from './shared-informer.js';
import { ObjectStore } from './store.js';

function pod(name: string, resourceVersion: string, uid = `uid-${name}`, namespace = 'ns'): KubeObject {
  return { metadata: { name, namespace, uid, resourceVersion } };
}

/** "added a@1(uid-a)" etc., so expectations read like the story they tell. */
function describeEvents(events: InformerEvent[]): string[] {
  return events.map((event) =>
    event.type === 'synced'
      ? 'synced'
      : `${event.type} ${event.object.metadata.name}@${event.object.metadata.resourceVersion}(${event.object.metadata.uid})`,
  );
}

describe('ObjectStore', () => {
  it('reports a first sighting as added, a new resourceVersion as modified with the previous object', () => {
    const store = new ObjectStore();
    expect(describeEvents(store.apply('ADDED', pod('a', '1')))).toEqual(['added a@1(uid-a)']);
    const [modified] = store.apply('MODIFIED', pod('a', '2'));
    expect(modified?.type).toBe('modified');
    expect(modified?.type === 'modified' && modified.previous.metadata.resourceVersion).toBe('1');
    expect(store.get('ns/a')?.metadata.resourceVersion).toBe('2');
  });

  it('ignores an event for a resourceVersion it already holds', () => {
    const store = new ObjectStore();
    store.replace([pod('a', '5')]);
    expect(store.apply('ADDED', pod('a', '5'))).toEqual([]);
    expect(store.apply('MODIFIED', pod('a', '5'))).toEqual([]);
  });

  it('ignores the deletion of an object it never had', () => {
    expect(new ObjectStore().apply('DELETED', pod('ghost', '3'))).toEqual([]);
  });

  it('reports the deleted object in its final state', () => {
    const store = new ObjectStore();
    store.apply('ADDED', pod('a', '1'));
    expect(describeEvents(store.apply('DELETED', pod('a', '7')))).toEqual(['deleted a@7(uid-a)']);
    expect(store.size).toBe(0);
  });

  it('sees a same-name object with a new UID as deleted + added, even from a watch event', () => {
    const store = new ObjectStore();
    store.apply('ADDED', pod('a', '1', 'first'));
    expect(describeEvents(store.apply('MODIFIED', pod('a', '9', 'second')))).toEqual([
      'deleted a@1(first)',
      'added a@9(second)',
    ]);
  });

  it('diffs a relist: gone → deleted, new UID → deleted + added, new RV → modified, unchanged → nothing', () => {
    const store = new ObjectStore();
    store.replace([pod('gone', '1'), pod('recreated', '2', 'old'), pod('changed', '3'), pod('same', '4')]);

    const events = store.replace([pod('recreated', '8', 'new'), pod('changed', '9'), pod('same', '4'), pod('fresh', '10')]);

    expect(describeEvents(events)).toEqual([
      'deleted gone@1(uid-gone)',
      'deleted recreated@2(old)',
      'added recreated@8(new)',
      'modified changed@9(uid-changed)',
      'added fresh@10(uid-fresh)',
    ]);
    expect(store.list().map((object) => object.metadata.name).sort()).toEqual(['changed', 'fresh', 'recreated', 'same']);
  });

  it('keys by namespace and name, so equal names in two namespaces are two objects', () => {
    const store = new ObjectStore();
    store.apply('ADDED', pod('a', '1', 'u1', 'x'));
    store.apply('ADDED', pod('a', '2', 'u2', 'y'));
    expect(store.size).toBe(2);
    expect(store.get('y/a')?.metadata.uid).toBe('u2');
  });

  describe('indexes', () => {
    const byNode = (object: KubeObject): string[] => {
      const node = (object as { spec?: { nodeName?: string } }).spec?.nodeName;
      return node === undefined ? [] : [node];
    };
    const scheduled = (name: string, resourceVersion: string, node: string | undefined): KubeObject => ({
      ...pod(name, resourceVersion),
      ...(node === undefined ? {} : { spec: { nodeName: node } }),
    });
    const names = (objects: KubeObject[]): string[] => objects.map((object) => object.metadata.name ?? '').sort();

    it('files what is already stored when added, and follows each add, move and delete', () => {
      const store = new ObjectStore();
      store.apply('ADDED', scheduled('a', '1', 'n1'));
      store.addIndex('node', byNode);
      store.apply('ADDED', scheduled('b', '2', 'n1'));
      store.apply('ADDED', scheduled('c', '3', undefined));
      expect(names(store.byIndex('node', 'n1'))).toEqual(['a', 'b']);

      store.apply('MODIFIED', scheduled('a', '4', 'n2'));
      store.apply('DELETED', scheduled('b', '5', 'n1'));

      expect(store.byIndex('node', 'n1')).toEqual([]);
      expect(names(store.byIndex('node', 'n2'))).toEqual(['a']);
      expect(store.byIndex('unknown', 'n2')).toEqual([]);
    });

    it('files an object under each value its function returns, and rebuilds on a relist', () => {
      const store = new ObjectStore();
      store.addIndex('label', (object) => Object.entries(object.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`));
      store.apply('ADDED', { metadata: { ...pod('a', '1').metadata, labels: { app: 'web', tier: 'front' } } });
      expect(names(store.byIndex('label', 'app=web'))).toEqual(['a']);
      expect(names(store.byIndex('label', 'tier=front'))).toEqual(['a']);

      store.replace([{ metadata: { ...pod('b', '2').metadata, labels: { app: 'web' } } }]);

      expect(names(store.byIndex('label', 'app=web'))).toEqual(['b']);
      expect(store.byIndex('label', 'tier=front')).toEqual([]);
      store.clear();
      expect(store.byIndex('label', 'app=web')).toEqual([]);
    });
  });
});
