import type { KubeObject, LabelSelector } from '../kube-object.js';
import type { ChildQuery } from '../plugin.js';
import type { ResourceKind } from '../resource-kind.js';
import type { InformerRouter } from './informer-router.js';

/** What the set needs of a kind's router in the tracked object's namespace. */
export type ChildSource = Pick<InformerRouter, 'watchSelector' | 'matching' | 'synced'>;

export interface ChildSetOptions {
  routerFor(kind: ResourceKind): ChildSource;
  /** A child was added, changed or removed (`activity`), or a children informer's first LIST is in. */
  onChange(activity: boolean): void;
  /** A child is seen for the first time: its events belong to the tracked resource from now on. */
  onAppear(child: KubeObject): void;
  /** A child left because the query that found it is gone or changed. */
  onDrop(child: KubeObject): void;
}

interface ChildWatch {
  signature: string;
  objects: Map<string, KubeObject>;
  /** The first LIST of the children's informer is in: until then, no children means "not loaded yet". */
  synced: boolean;
  unsubscribe: () => void;
}

/**
 * The children of one tracked object, as the plugin's `children(object)` queries find them on the
 * shared watches: one selector watch per query key, replaced when the query changes.
 */
export class ChildSet {
  private readonly watches = new Map<string, ChildWatch>();

  constructor(private readonly options: ChildSetOptions) {}

  /** Watches exactly these queries (none once the object is gone). */
  sync(queries: readonly ChildQuery[]): void {
    const wanted = new Map(queries.map((q) => [q.key, q]));
    for (const [key, watch] of this.watches) {
      const query = wanted.get(key);
      if (!query || childSignature(query) !== watch.signature) {
        watch.unsubscribe();
        this.watches.delete(key);
        for (const object of watch.objects.values()) this.options.onDrop(object);
      }
    }
    for (const query of queries) if (!this.watches.has(query.key)) this.watch(query);
  }

  /** Every query's first LIST is in: judging before would take "not loaded yet" for "none". */
  get synced(): boolean {
    for (const watch of this.watches.values()) if (!watch.synced) return false;
    return true;
  }

  /** The children by query key, as a plugin's Snapshot has them. */
  snapshot(): Record<string, KubeObject[]> {
    return Object.fromEntries([...this.watches].map(([key, watch]) => [key, [...watch.objects.values()]]));
  }

  close(): void {
    for (const watch of this.watches.values()) watch.unsubscribe();
    this.watches.clear();
  }

  private watch(query: ChildQuery): void {
    const router = this.options.routerFor(query.kind);
    const watch: ChildWatch = { signature: childSignature(query), objects: new Map(), synced: false, unsubscribe: () => {} };
    this.watches.set(query.key, watch);
    watch.unsubscribe = router.watchSelector(query.selector as LabelSelector | undefined, (event) => {
      if (event.type === 'synced') {
        watch.synced = true;
        return this.options.onChange(false);
      }
      const uid = uidOf(event.object);
      if (event.type === 'deleted') {
        watch.objects.delete(uid);
      } else {
        if (!watch.objects.has(uid)) this.options.onAppear(event.object);
        watch.objects.set(uid, event.object);
      }
      this.options.onChange(true);
    });
    if (router.synced) {
      watch.synced = true;
      // A first subscriber has just had the store replayed; a later one reads it here.
      for (const object of router.matching(query.selector)) {
        const uid = uidOf(object);
        if (!watch.objects.has(uid)) this.options.onAppear(object);
        watch.objects.set(uid, object);
      }
    }
  }
}

function childSignature(query: ChildQuery): string {
  return JSON.stringify([query.kind.group, query.kind.version, query.kind.plural, query.selector ?? null]);
}

function uidOf(object: KubeObject): string {
  return object.metadata.uid ?? `${object.metadata.namespace}/${object.metadata.name}`;
}
