import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import type { InformerEvent, InformerHandler, SharedIndexInformer } from '../watch/shared-informer.js';
import { informerKey, type SharedInformerFactory } from '../watch/shared-informer-factory.js';
import type { IndexFunc } from '../watch/store.js';
import { getOrCreate } from '../get-or-create.js';

/**
 * An in-memory SharedInformerFactory for scheduler tests: tests put objects in and the
 * informers notify subscribers as the real shared informer does (replay, then synced), but
 * synchronously, so a test sees the effect of `put` at once.
 */
export class FakeWatchCache implements SharedInformerFactory {
  private readonly informers = new Map<string, FakeInformer>();
  private readonly fatalHandlers = new Set<(error: Error, informer: SharedIndexInformer) => void>();

  informer(kind: ResourceKind, namespace: string | undefined): FakeInformer {
    const key = informerKey(kind, namespace);
    return getOrCreate(this.informers, key, () => new FakeInformer(kind, namespace));
  }

  onFatalError(handler: (error: Error, informer: SharedIndexInformer) => void): () => void {
    this.fatalHandlers.add(handler);
    return () => this.fatalHandlers.delete(handler);
  }

  get activeWatches(): number {
    return [...this.informers.values()].filter((i) => i.subscribers > 0).length;
  }

  fatal(error: Error, informer: SharedIndexInformer): void {
    for (const handler of this.fatalHandlers) handler(error, informer);
  }

  stop(): void {}
}

export class FakeInformer implements SharedIndexInformer {
  private readonly objects = new Map<string, KubeObject>();
  private readonly indexes = new Map<string, IndexFunc>();
  private readonly handlers = new Set<InformerHandler>();
  synced = false;

  constructor(
    readonly kind: ResourceKind,
    readonly namespace: string | undefined,
  ) {}

  get subscribers(): number {
    return this.handlers.size;
  }

  subscribe(handler: InformerHandler): () => void {
    this.handlers.add(handler);
    if (this.synced) {
      for (const object of this.objects.values()) handler({ type: 'added', object });
      handler({ type: 'synced' });
    }
    return () => this.handlers.delete(handler);
  }

  list(): KubeObject[] {
    return [...this.objects.values()];
  }

  get(name: string): KubeObject | undefined {
    return this.objects.get(name);
  }

  /** Delivery is synchronous: nothing is ever buffered. */
  flush(): void {}

  addIndex(name: string, fn: IndexFunc): void {
    if (!this.indexes.has(name)) this.indexes.set(name, fn);
  }

  byIndex(name: string, value: string): KubeObject[] {
    const fn = this.indexes.get(name);
    return fn === undefined ? [] : this.list().filter((object) => fn(object).includes(value));
  }

  /** Completes the initial LIST. */
  sync(): void {
    this.synced = true;
    this.broadcast({ type: 'synced' });
  }

  put(object: KubeObject): void {
    const name = object.metadata.name as string;
    const previous = this.objects.get(name);
    this.objects.set(name, object);
    if (!this.synced) return;
    if (previous && previous.metadata.uid === object.metadata.uid) this.broadcast({ type: 'modified', object, previous });
    else {
      if (previous) this.broadcast({ type: 'deleted', object: previous });
      this.broadcast({ type: 'added', object });
    }
  }

  remove(name: string): void {
    const previous = this.objects.get(name);
    if (!previous) return;
    this.objects.delete(name);
    if (this.synced) this.broadcast({ type: 'deleted', object: previous });
  }

  private broadcast(event: InformerEvent): void {
    for (const handler of [...this.handlers]) handler(event);
  }
}
