import type { ResourceKind } from '../resource-kind.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { Informer } from './informer.js';
import type { ReflectorTiming } from './reflector.js';
import type { SharedInformer, WatchCache } from './shared-informer.js';

export interface WatchCacheOptions {
  /** How long an informer's watch outlives its last subscriber (default 1000 ms); 0 stops at once. */
  lingerMs?: number;
  /** Reflector timing: page size, watch timeout range, idle watchdog, backoff. Tests shorten these. */
  timing?: Partial<ReflectorTiming>;
  /** Keep metadata.managedFields and the last-applied-configuration annotation on cached objects (dropped by default: large and never read). */
  keepManagedFields?: boolean;
  /**
   * What to do when a subscriber's handler throws. The other handlers still get the event and
   * the watch goes on either way. Default: report the error (as is, not a ProgramError) to the
   * `onFatalError` listeners, since a throwing handler is a bug the run should not hide.
   */
  onHandlerError?: (error: unknown, informer: SharedInformer) => void;
}

/** The extra the default cache offers over the contract: the informers it holds, for diagnostics. */
export interface DefaultWatchCache extends WatchCache {
  readonly informers: readonly SharedInformer[];
}

/**
 * The shared list/watch cache: one informer per (kind, namespace), handed to every caller that
 * asks, so N trackers of one kind in one namespace share one watch connection. Each informer
 * starts on its first subscription and stops after its last (plus `lingerMs`).
 */
export function createWatchCache(transport: KubeTransport, options: WatchCacheOptions = {}): DefaultWatchCache {
  const informers = new Map<string, Informer>();
  const fatalListeners = new Set<(error: Error, informer: SharedInformer) => void>();
  let activeWatches = 0;
  let stopped = false;

  const reportFatal = (error: Error, informer: SharedInformer): void => {
    if (fatalListeners.size === 0) {
      // Nobody listening must not mean nobody hears.
      process.emitWarning(error.message, { code: 'KUBETRACK_WATCH_FATAL' });
      return;
    }
    for (const listener of [...fatalListeners]) listener(error, informer);
  };
  const onHandlerError =
    options.onHandlerError ??
    ((error: unknown, informer: SharedInformer) =>
      reportFatal(error instanceof Error ? error : new Error(String(error)), informer));

  return {
    informer(kind: ResourceKind, namespace: string | undefined): SharedInformer {
      const scope = kind.namespaced ? namespace : undefined;
      const key = `${kind.group}/${kind.version}/${kind.plural}@${scope ?? '*'}`;
      let informer = informers.get(key);
      if (informer === undefined) {
        informer = new Informer({
          transport,
          kind,
          namespace: scope,
          lingerMs: options.lingerMs ?? 1000,
          ...(options.timing === undefined ? {} : { timing: options.timing }),
          ...(options.keepManagedFields === undefined ? {} : { keepManagedFields: options.keepManagedFields }),
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
