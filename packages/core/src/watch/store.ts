import type { KubeObject } from '../kube-object.js';
import type { InformerEvent } from './informer-event.js';
import { getOrCreate } from '../get-or-create.js';

/** "namespace/name", or "/name" for cluster-scoped objects. */
export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** client-go's IndexFunc: the values an object is filed under in one index (none, one or several). */
export type IndexFunc = (object: KubeObject) => readonly string[];

interface Index {
  fn: IndexFunc;
  /** value -> objects by key */
  entries: Map<string, Map<string, KubeObject>>;
}

/**
 * The informer's cache of one (kind, namespace), client-go's Indexer: objects by
 * namespace/name, each remembering its UID, so a delete-and-recreate under the same name is
 * seen as such even when the watch missed it; plus named indexes (`addIndex`, `byIndex`)
 * kept in step with every change, so "the events of this object" is a lookup, not a scan.
 * Every mutation returns the events handlers should see, possibly none.
 */
export class ObjectStore {
  #objects = new Map<string, KubeObject>();
  readonly #indexes = new Map<string, Index>();

  get size(): number {
    return this.#objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  list(): KubeObject[] {
    return [...this.#objects.values()];
  }

  /**
   * Adds an index, filing the objects already stored. Adding a name twice keeps the first
   * function: index names are constants of their callers, so a second add is the same index.
   */
  addIndex(name: string, fn: IndexFunc): void {
    if (this.#indexes.has(name)) return;
    const index: Index = { fn, entries: new Map() };
    this.#indexes.set(name, index);
    for (const [key, object] of this.#objects) file(index, key, object);
  }

  /** The objects filed under `value` in index `name` (none for an unknown index). */
  byIndex(name: string, value: string): KubeObject[] {
    return [...(this.#indexes.get(name)?.entries.get(value)?.values() ?? [])];
  }

  /** Applies one watch event. A replay of a resourceVersion the store already holds changes nothing. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): InformerEvent[] {
    const key = objectKey(object);
    const existing = this.#objects.get(key);
    if (type === 'DELETED') {
      if (existing === undefined) return [];
      this.#objects.delete(key);
      this.#reindex(key, existing, undefined);
      return [{ type: 'deleted', object }];
    }
    this.#objects.set(key, object);
    this.#reindex(key, existing, object);
    return changeEvents(existing, object);
  }

  /**
   * Replaces the contents with a fresh LIST and returns the difference: objects gone are
   * deleted, a new UID under an old name is deleted + added, a changed resourceVersion is
   * modified, an unchanged object is nothing.
   */
  replace(objects: readonly KubeObject[]): InformerEvent[] {
    const next = new Map<string, KubeObject>();
    for (const object of objects) next.set(objectKey(object), object);
    const events: InformerEvent[] = [];
    for (const [key, previous] of this.#objects) {
      if (!next.has(key)) events.push({ type: 'deleted', object: previous });
    }
    for (const [key, object] of next) events.push(...changeEvents(this.#objects.get(key), object));
    this.#objects = next;
    for (const index of this.#indexes.values()) {
      index.entries.clear();
      for (const [key, object] of next) file(index, key, object);
    }
    return events;
  }

  /** Drops the objects; the indexes stay defined, empty. */
  clear(): void {
    this.#objects.clear();
    for (const index of this.#indexes.values()) index.entries.clear();
  }

  #reindex(key: string, previous: KubeObject | undefined, next: KubeObject | undefined): void {
    for (const index of this.#indexes.values()) {
      if (previous !== undefined) unfile(index, key, previous);
      if (next !== undefined) file(index, key, next);
    }
  }
}

function file(index: Index, key: string, object: KubeObject): void {
  for (const value of index.fn(object)) {
    getOrCreate(index.entries, value, () => new Map()).set(key, object);
  }
}

function unfile(index: Index, key: string, object: KubeObject): void {
  for (const value of index.fn(object)) {
    const objects = index.entries.get(value);
    objects?.delete(key);
    if (objects?.size === 0) index.entries.delete(value);
  }
}

function changeEvents(previous: KubeObject | undefined, object: KubeObject): InformerEvent[] {
  if (previous === undefined) return [{ type: 'added', object }];
  const previousUid = previous.metadata.uid;
  const uid = object.metadata.uid;
  if (previousUid !== undefined && uid !== undefined && previousUid !== uid) {
    return [
      { type: 'deleted', object: previous },
      { type: 'added', object },
    ];
  }
  // Resource versions are opaque: only equality means anything.
  if (previous.metadata.resourceVersion !== undefined && previous.metadata.resourceVersion === object.metadata.resourceVersion) {
    return [];
  }
  return [{ type: 'modified', object, previous }];
}
