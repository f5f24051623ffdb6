import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import type { Timer } from '../timer.js';
import { systemClock, type Clock } from '../transport/clock.js';
import type { ListWatch } from './list-watch.js';
import { ProcessorListener } from './processor-listener.js';
import { Reflector, type ReflectorTiming } from './reflector.js';
import type { InformerEvent, InformerHandler, SharedIndexInformer } from './shared-informer.js';
import { ObjectStore, type IndexFunc } from './store.js';
import { STOPPED } from '../stopped.js';

export interface ListWatchInformerOptions {
  /** The collection of (kind, namespace) on the server. */
  listWatch: ListWatch;
  kind: ResourceKind;
  /** Undefined: all namespaces (or a cluster-scoped kind). */
  namespace: string | undefined;
  /** How long the watch outlives its last subscriber, so a quick re-subscribe reuses it. 0: stop at once. */
  lingerMs: number;
  timing?: Partial<ReflectorTiming>;
  keepManagedFields?: boolean;
  clock?: Clock;
  /** A fatal list/watch error (a `ProgramError`); the informer has stopped. */
  onFatalError(error: Error, informer: SharedIndexInformer): void;
  /** A handler threw; the other handlers still got the event and the watch goes on. */
  onHandlerError(error: unknown, informer: SharedIndexInformer): void;
  onWatchConnection?(open: boolean): void;
}

/**
 * The `SharedIndexInformer` of one (kind, namespace): a reflector over a `ListWatch` fills the
 * store, and each change goes to every subscriber's own `ProcessorListener`. Starts with the
 * first subscriber; stops `lingerMs` after the last one leaves, dropping its objects (a later
 * subscriber starts from a fresh LIST); the indexes stay defined.
 */
export class ListWatchInformer implements SharedIndexInformer {
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  readonly #options: ListWatchInformerOptions;
  readonly #store = new ObjectStore();
  readonly #listeners = new Set<ProcessorListener>();
  #synced = false;
  /** Set while a reflector runs; each start gets a new one so a stopped run can never touch the store. */
  #run: AbortController | undefined;
  #lingerTimer: Timer | undefined;
  #failed = false;
  #disposed = false;

  constructor(options: ListWatchInformerOptions) {
    this.#options = options;
    this.kind = options.kind;
    this.namespace = options.kind.namespaced ? options.namespace : undefined;
  }

  get synced(): boolean {
    return this.#synced;
  }

  /** A list/watch loop is running (or lingering) for this informer. */
  get running(): boolean {
    return this.#run !== undefined;
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }

  list(): KubeObject[] {
    return this.#store.list();
  }

  /** By name in this informer's namespace; an all-namespaces informer takes "namespace/name". */
  get(name: string): KubeObject | undefined {
    const key = this.namespace === undefined && name.includes('/') ? name : `${this.namespace ?? ''}/${name}`;
    return this.#store.get(key);
  }

  addIndex(name: string, fn: IndexFunc): void {
    this.#store.addIndex(name, fn);
  }

  byIndex(name: string, value: string): KubeObject[] {
    return this.#store.byIndex(name, value);
  }

  subscribe(handler: InformerHandler): () => void {
    const listener = new ProcessorListener(handler, (error) => this.#options.onHandlerError(error, this));
    this.#listeners.add(listener);
    this.#lingerTimer?.cancel();
    this.#lingerTimer = undefined;
    // The late subscriber's replay is queued ahead of any later change, so its view never goes back in time.
    if (this.#synced) listener.add([...this.#store.list().map((object): InformerEvent => ({ type: 'added', object })), { type: 'synced' }]);
    if (this.#run === undefined && !this.#failed && !this.#disposed) this.#start();
    return () => this.#unsubscribe(listener);
  }

  flush(): void {
    for (const listener of [...this.#listeners]) listener.flush();
  }

  /** Stops the watch now and forgets every subscriber (used by the factory's stop()). */
  dispose(): void {
    this.#disposed = true;
    for (const listener of this.#listeners) listener.stop();
    this.#listeners.clear();
    this.#lingerTimer?.cancel();
    this.#stop();
  }

  #unsubscribe(listener: ProcessorListener): void {
    if (!this.#listeners.delete(listener)) return;
    listener.stop();
    if (this.#listeners.size > 0) return;
    // A fatal error keeps the informer from retrying until everyone has let go of it.
    this.#failed = false;
    if (this.#options.lingerMs <= 0) {
      this.#stop();
      return;
    }
    this.#lingerTimer = (this.#options.clock ?? systemClock).setTimer(() => {
      this.#lingerTimer = undefined;
      if (this.#listeners.size === 0) this.#stop();
    }, this.#options.lingerMs);
  }

  #start(): void {
    const run = new AbortController();
    this.#run = run;
    const isCurrent = (): boolean => this.#run === run && !run.signal.aborted;
    const reflector = new Reflector({
      listWatch: this.#options.listWatch,
      kind: this.kind,
      namespace: this.namespace,
      ...(this.#options.timing === undefined ? {} : { timing: this.#options.timing }),
      ...(this.#options.keepManagedFields === undefined ? {} : { keepManagedFields: this.#options.keepManagedFields }),
      ...(this.#options.onWatchConnection === undefined ? {} : { onWatchConnection: this.#options.onWatchConnection }),
      ...(this.#options.clock === undefined ? {} : { clock: this.#options.clock }),
      sink: {
        replace: (objects) => {
          if (!isCurrent()) return;
          const events = this.#store.replace(objects);
          this.#synced = true;
          events.push({ type: 'synced' });
          this.#emit(events);
        },
        apply: (type, object) => {
          if (isCurrent()) this.#emit(this.#store.apply(type, object));
        },
      },
    });
    reflector.run(run.signal).then(
      () => undefined,
      (error: unknown) => {
        if (!isCurrent()) return;
        this.#failed = true;
        this.#stop();
        this.#options.onFatalError(error instanceof Error ? error : new Error(String(error)), this);
      },
    );
  }

  #stop(): void {
    this.#run?.abort(STOPPED);
    this.#run = undefined;
    this.#store.clear();
    this.#synced = false;
  }

  #emit(events: InformerEvent[]): void {
    for (const listener of this.#listeners) listener.add(events);
  }
}
