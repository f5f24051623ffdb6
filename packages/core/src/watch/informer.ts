import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { Reflector, type ReflectorTiming } from './reflector.js';
import type { InformerEvent, InformerHandler, SharedInformer } from './shared-informer.js';
import { ObjectStore } from './store.js';

export interface InformerOptions {
  transport: KubeTransport;
  kind: ResourceKind;
  /** Undefined: all namespaces (or a cluster-scoped kind). */
  namespace: string | undefined;
  /** How long the watch outlives its last subscriber, so a quick re-subscribe reuses it. 0: stop at once. */
  lingerMs: number;
  timing?: Partial<ReflectorTiming>;
  keepManagedFields?: boolean;
  /** A fatal list/watch error (a `ProgramError`); the informer has stopped. */
  onFatalError(error: Error, informer: SharedInformer): void;
  /** A handler threw; the other handlers still got the event and the watch goes on. */
  onHandlerError(error: unknown, informer: SharedInformer): void;
  onWatchConnection?(open: boolean): void;
}

interface Subscription {
  handler: InformerHandler;
  /** False until a late subscriber's replay of the store has run. */
  live: boolean;
}

/**
 * One (kind, namespace) list/watch shared by every subscriber: a reflector fills the store and
 * each change is fanned out to all handlers, in order, synchronously. Starts with the first
 * subscriber; stops `lingerMs` after the last one leaves, dropping its store (a later subscriber
 * starts from a fresh LIST).
 *
 * A late subscriber's replay (`added` for each cached object, then `synced`) runs in a microtask
 * after `subscribe` returns, so a handler may call its own unsubscribe function from the start.
 */
export class Informer implements SharedInformer {
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  readonly #options: InformerOptions;
  readonly #store = new ObjectStore();
  readonly #subscriptions = new Set<Subscription>();
  #synced = false;
  /** Set while a reflector runs; each start gets a new one so a stopped run can never touch the store. */
  #run: AbortController | undefined;
  #lingerTimer: NodeJS.Timeout | undefined;
  #failed = false;
  #disposed = false;

  constructor(options: InformerOptions) {
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
    return this.#subscriptions.size;
  }

  list(): KubeObject[] {
    return this.#store.list();
  }

  /** By name in this informer's namespace; an all-namespaces informer takes "namespace/name". */
  get(name: string): KubeObject | undefined {
    const key = this.namespace === undefined && name.includes('/') ? name : `${this.namespace ?? ''}/${name}`;
    return this.#store.get(key);
  }

  subscribe(handler: InformerHandler): () => void {
    const subscription: Subscription = { handler, live: !this.#synced };
    this.#subscriptions.add(subscription);
    clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
    if (!subscription.live) queueMicrotask(() => this.#replay(subscription));
    if (this.#run === undefined && !this.#failed && !this.#disposed) this.#start();
    return () => this.#unsubscribe(subscription);
  }

  /** Stops the watch now and forgets every subscriber (used by the cache's stop()). */
  dispose(): void {
    this.#disposed = true;
    this.#subscriptions.clear();
    clearTimeout(this.#lingerTimer);
    this.#stop();
  }

  #unsubscribe(subscription: Subscription): void {
    if (!this.#subscriptions.delete(subscription)) return;
    if (this.#subscriptions.size > 0) return;
    // A fatal error keeps the informer from retrying until everyone has let go of it.
    this.#failed = false;
    if (this.#options.lingerMs <= 0) {
      this.#stop();
      return;
    }
    this.#lingerTimer = setTimeout(() => {
      this.#lingerTimer = undefined;
      if (this.#subscriptions.size === 0) this.#stop();
    }, this.#options.lingerMs);
  }

  #replay(subscription: Subscription): void {
    if (subscription.live || !this.#subscriptions.has(subscription)) return;
    subscription.live = true;
    if (!this.#synced) return;
    const events: InformerEvent[] = this.#store.list().map((object) => ({ type: 'added', object }));
    events.push({ type: 'synced' });
    this.#deliver([subscription], events);
  }

  #start(): void {
    const run = new AbortController();
    this.#run = run;
    const isCurrent = (): boolean => this.#run === run && !run.signal.aborted;
    const reflector = new Reflector({
      transport: this.#options.transport,
      kind: this.kind,
      namespace: this.namespace,
      ...(this.#options.timing === undefined ? {} : { timing: this.#options.timing }),
      ...(this.#options.keepManagedFields === undefined ? {} : { keepManagedFields: this.#options.keepManagedFields }),
      ...(this.#options.onWatchConnection === undefined ? {} : { onWatchConnection: this.#options.onWatchConnection }),
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
    this.#run?.abort();
    this.#run = undefined;
    this.#store.clear();
    this.#synced = false;
  }

  #emit(events: InformerEvent[]): void {
    if (events.length === 0) return;
    this.#deliver(
      [...this.#subscriptions].filter((subscription) => subscription.live),
      events,
    );
  }

  /** Event by event, every handler in turn; a throwing handler is reported and skipped, never fatal to the loop. */
  #deliver(subscriptions: readonly Subscription[], events: readonly InformerEvent[]): void {
    for (const event of events) {
      for (const subscription of subscriptions) {
        // A handler may have unsubscribed (itself or another) while this batch was being delivered.
        if (!this.#subscriptions.has(subscription)) continue;
        try {
          subscription.handler(event);
        } catch (error) {
          this.#options.onHandlerError(error, this);
        }
      }
    }
  }
}
