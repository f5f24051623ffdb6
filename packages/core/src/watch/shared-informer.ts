import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import type { InformerEvent } from './informer-event.js';
import type { IndexFunc } from './store.js';

/**
 * client-go vocabulary (tools/cache): a `Reflector` runs LIST + WATCH through a `ListWatch`
 * into an `ObjectStore` (the Indexer); a `SharedIndexInformer` fans the store's changes out to
 * every handler, each through its own buffer; the `SharedInformerFactory` hands out one informer
 * per (kind, namespace) and reference-counts it, so N trackers of one kind in one namespace
 * share a single watch connection.
 */
export type { InformerEvent };

/**
 * Runs outside the watch read loop, after the store has the change, with this handler's events
 * in order. Must return promptly: while it runs, no other handler of the process gets events.
 */
export type InformerHandler = (event: InformerEvent) => void;

export interface SharedIndexInformer {
  readonly kind: ResourceKind;
  /** Undefined for all namespaces / cluster-scoped kinds. */
  readonly namespace: string | undefined;
  /**
   * Adds a handler. If the store has synced, the handler first receives an `added` for each
   * object in it and then `synced`, so late subscribers see the same world as early ones.
   * Delivery is never synchronous: the handler may call its own unsubscribe from the start.
   * The informer starts with its first handler and stops when the last one is removed.
   */
  subscribe(handler: InformerHandler): () => void;
  /**
   * Delivers every buffered event now (except to a handler that is running). Call it before
   * reading the store to catch up a new consumer, so its snapshot is not ahead of the events
   * its siblings still have to receive.
   */
  flush(): void;
  /** Current store contents. */
  list(): KubeObject[];
  get(name: string): KubeObject | undefined;
  /** An index over the store (see `ObjectStore.addIndex`); kept across restarts of the watch. */
  addIndex(name: string, fn: IndexFunc): void;
  byIndex(name: string, value: string): KubeObject[];
  readonly synced: boolean;
}

