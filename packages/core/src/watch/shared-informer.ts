import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';

/**
 * client-go vocabulary: a reflector (LIST + WATCH loop) fills a store; a shared informer
 * fans the store's changes out to every handler; the factory hands out one informer per
 * (kind, namespace) and reference-counts it, so N trackers of one kind in one namespace
 * share a single watch connection.
 */
export type InformerEvent =
  | { type: 'added'; object: KubeObject }
  | { type: 'modified'; object: KubeObject; previous: KubeObject }
  | { type: 'deleted'; object: KubeObject }
  /** The first LIST (or a relist) has been applied; the store is complete. */
  | { type: 'synced' };

export type InformerHandler = (event: InformerEvent) => void;

export interface SharedInformer {
  readonly kind: ResourceKind;
  /** Undefined for all namespaces / cluster-scoped kinds. */
  readonly namespace: string | undefined;
  /**
   * Adds a handler. If the store has synced, the handler first receives an `added` for each
   * object in it and then `synced`, so late subscribers see the same world as early ones.
   * The informer starts with its first handler and stops when the last one is removed.
   */
  subscribe(handler: InformerHandler): () => void;
  /** Current store contents. */
  list(): KubeObject[];
  get(name: string): KubeObject | undefined;
  readonly synced: boolean;
}

export interface WatchCache {
  informer(kind: ResourceKind, namespace: string | undefined): SharedInformer;
  /**
   * Fatal errors (403 Forbidden, 401 after a credential refresh, 404 for a kind that is not
   * served) are reported here as `ProgramError`s; retryable ones are handled inside.
   */
  onFatalError(handler: (error: Error, informer: SharedInformer) => void): () => void;
  /** Open watch connections right now (for tests and benchmarks). */
  readonly activeWatches: number;
  stop(): void;
}
