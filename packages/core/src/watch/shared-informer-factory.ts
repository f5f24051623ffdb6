import type { ResourceKind } from '../resource-kind.js';
import type { Clock } from '../transport/clock.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { httpListWatch } from './http-list-watch.js';
import { ListWatchInformer } from './list-watch-informer.js';
import type { ReflectorTiming } from './reflector.js';
import type { SharedIndexInformer } from './shared-informer.js';

/** client-go's SharedInformerFactory: the one pool of informers, one per (kind, namespace). */
export interface SharedInformerFactory {
  informer(kind: ResourceKind, namespace: string | undefined): SharedIndexInformer;
  /**
   * Fatal errors (403 Forbidden, 401 after a credential refresh, 404 for a kind that is not
   * served) are reported here as `ProgramError`s; retryable ones are handled inside.
   */
  onFatalError(handler: (error: Error, informer: SharedIndexInformer) => void): () => void;
  /** Open watch connections right now (for tests and benchmarks). */
  readonly activeWatches: number;
  stop(): void;
}

export interface SharedInformerFactoryOptions {
  /** How long an informer's watch outlives its last subscriber (default 1000 ms); 0 stops at once. */
  lingerMs?: number;
  /** Reflector timing: page size, watch timeout range, idle watchdog, backoff. Tests shorten these. */
  timing?: Partial<ReflectorTiming>;
  /** Keep metadata.managedFields and the last-applied-configuration annotation on cached objects (dropped by default: large and never read). */
  keepManagedFields?: boolean;
  clock?: Clock;
  /**
   * What to do when a subscriber's handler throws. The other handlers still get the event and
   * the watch goes on either way. Default: report the error (as is, not a ProgramError) to the
   * `onFatalError` listeners, since a throwing handler is a bug the run should not hide.
   */
  onHandlerError?: (error: unknown, informer: SharedIndexInformer) => void;
}

/** The extra the default factory offers over the contract: the informers it holds, for diagnostics. */
export interface DefaultSharedInformerFactory extends SharedInformerFactory {
  readonly informers: readonly SharedIndexInformer[];
}

/**
 * The key of an informer in the pool: "group/version/plural@namespace", "@*" for all
 * namespaces and for cluster-scoped kinds (whose namespace is ignored).
 */
export function informerKey(kind: ResourceKind, namespace: string | undefined): string {
  return `${kind.group}/${kind.version}/${kind.plural}@${(kind.namespaced ? namespace : undefined) ?? '*'}`;
}

/**
 * The shared list/watch pool: one informer per (kind, namespace), handed to every caller that
 * asks, so N trackers of one kind in one namespace share one watch connection. Each informer
 * starts on its first subscription and stops after its last (plus `lingerMs`).
 */
export function createSharedInformerFactory(
  transport: KubeTransport,
  options: SharedInformerFactoryOptions = {},
): DefaultSharedInformerFactory {
  const informers = new Map<string, ListWatchInformer>();
  const fatalListeners = new Set<(error: Error, informer: SharedIndexInformer) => void>();
  let activeWatches = 0;
  let stopped = false;

  const reportFatal = (error: Error, informer: SharedIndexInformer): void => {
    if (fatalListeners.size === 0) {
      // Nobody listening must not mean nobody hears.
      process.emitWarning(error.message, { code: 'KUBETRACK_WATCH_FATAL' });
      return;
    }
    for (const listener of [...fatalListeners]) listener(error, informer);
  };
  const onHandlerError =
    options.onHandlerError ??
    ((error: unknown, informer: SharedIndexInformer) =>
      reportFatal(error instanceof Error ? error : new Error(String(error)), informer));

  return {
    informer(kind: ResourceKind, namespace: string | undefined): SharedIndexInformer {
      const key = informerKey(kind, namespace);
      let informer = informers.get(key);
      if (informer === undefined) {
        const scope = kind.namespaced ? namespace : undefined;
        informer = new ListWatchInformer({
          listWatch: httpListWatch(transport, kind, scope),
          kind,
          namespace: scope,
          lingerMs: options.lingerMs ?? 1000,
          ...(options.timing === undefined ? {} : { timing: options.timing }),
          ...(options.keepManagedFields === undefined ? {} : { keepManagedFields: options.keepManagedFields }),
          ...(options.clock === undefined ? {} : { clock: options.clock }),
          onFatalError: reportFatal,
          onHandlerError,
          onWatchConnection: (open) => {
            activeWatches += open ? 1 : -1;
          },
        });
        if (stopped) informer.dispose();
        informers.set(key, informer);
      }
      return informer;
    },

    onFatalError(handler) {
      fatalListeners.add(handler);
      return () => {
        fatalListeners.delete(handler);
      };
    },

    get activeWatches() {
      return activeWatches;
    },

    get informers() {
      return [...informers.values()];
    },

    stop() {
      stopped = true;
      for (const informer of informers.values()) informer.dispose();
    },
  };
}

