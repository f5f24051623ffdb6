import type { KubeObject } from '../kube-object.js';
import type { InformerEvent } from './shared-informer.js';

/** "namespace/name", or "/name" for cluster-scoped objects. */
export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/**
 * The informer's cache of one (kind, namespace): objects by namespace/name, each remembering
 * its UID, so a delete-and-recreate under the same name is seen as such even when the watch
 * missed it. Every mutation returns the events handlers should see, possibly none.
 */
export class ObjectStore {
  #objects = new Map<string, KubeObject>();

  get size(): number {
    return this.#objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  list(): KubeObject[] {
    return [...this.#objects.values()];
  }

  /** Applies one watch event. A replay of a resourceVersion the store already holds changes nothing. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): InformerEvent[] {
    const key = objectKey(object);
    const existing = this.#objects.get(key);
    if (type === 'DELETED') {
      if (existing === undefined) return [];
      this.#objects.delete(key);
      return [{ type: 'deleted', object }];
    }
    this.#objects.set(key, object);
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
    return events;
  }

  clear(): void {
    this.#objects.clear();
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
