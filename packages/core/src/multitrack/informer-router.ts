import type { KubeObject, LabelSelector } from '../kube-object.js';
import { indexLabelOf, matchesLabelSelector } from '../label-selector.js';
import type { InformerEvent, InformerHandler, SharedIndexInformer } from '../watch/shared-informer.js';
import type { IndexFunc } from '../watch/store.js';
import { getOrCreate } from '../get-or-create.js';

type Listener = InformerHandler;

interface SelectorListener {
  selector: LabelSelector | undefined;
  listener: Listener;
}

/** Listeners keyed by the values of one store index. */
interface IndexListeners {
  fn: IndexFunc;
  byValue: Map<string, Set<Listener>>;
}

/**
 * One subscription to a shared informer, fanned out to many trackers by index, so an event
 * costs work proportional to the trackers it concerns, not to every tracker in the namespace:
 * by object name (the tracked objects), by one label pair of a selector (their children), and by
 * the value of a store index (events by involvedObject.uid). The objects themselves, and their
 * indexes, are the informer's store's: the router only keeps who listens for what.
 */
export class InformerRouter {
  private readonly byName = new Map<string, Set<Listener>>();
  private readonly byLabel = new Map<string, Set<SelectorListener>>();
  private readonly unindexed = new Set<SelectorListener>();
  private readonly byIndex = new Map<string, IndexListeners>();
  /** The index `watchKey` and `objectsWithKey` use, set by `keyBy`. */
  private keyIndex: string | undefined;
  private listeners = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(readonly informer: SharedIndexInformer) {}

  get synced(): boolean {
    return this.informer.synced;
  }

  /** Makes `watchKey`/`objectsWithKey` use the store index `name` (added to the informer if new). */
  keyBy(name: string, fn: IndexFunc): this {
    this.informer.addIndex(name, fn);
    if (!this.byIndex.has(name)) this.byIndex.set(name, { fn, byValue: new Map() });
    this.keyIndex = name;
    return this;
  }

  /** Events about the object with this name. */
  watchName(name: string, listener: Listener): () => void {
    this.catchUp();
    return this.add(this.byName, name, listener);
  }

  /** Events about objects matching the selector; an object whose labels stop matching arrives as `deleted`. */
  watchSelector(selector: LabelSelector | undefined, listener: Listener): () => void {
    this.catchUp();
    const entry: SelectorListener = { selector, listener };
    const index = indexLabelOf(selector);
    let remove: () => void;
    if (index) {
      const key = labelKey(index[0], index[1]);
      const set = getOrCreate(this.byLabel, key, () => new Set());
      set.add(entry);
      remove = () => {
        set.delete(entry);
        if (set.size === 0) this.byLabel.delete(key);
      };
    } else {
      this.unindexed.add(entry);
      remove = () => this.unindexed.delete(entry);
    }
    return this.retain(remove, listener);
  }

  /** Events whose value in the key index (see `keyBy`) is this key. */
  watchKey(key: string, listener: Listener): () => void {
    const index = this.keyIndex === undefined ? undefined : this.byIndex.get(this.keyIndex);
    if (index === undefined) throw new Error('InformerRouter.watchKey needs keyBy() first');
    this.catchUp();
    return this.add(index.byValue, key, listener);
  }

  /** Objects in the store whose key is this key (none unless `keyBy` was called). */
  objectsWithKey(key: string): KubeObject[] {
    return this.keyIndex === undefined ? [] : this.informer.byIndex(this.keyIndex, key);
  }

  /** Objects currently in the store that match, for a listener that joins late or changes selector. */
  matching(selector: LabelSelector | undefined): KubeObject[] {
    return this.informer.list().filter((object) => matchesLabelSelector(selector, object.metadata.labels));
  }

  /**
   * The store is ahead of what this subscription has been told; a joining listener's caller is
   * about to read it (`matching`, `objectsWithKey`, `informer.get`), so deliver the buffer to the
   * listeners already here first: the newcomer's snapshot then starts where its events do.
   */
  private catchUp(): void {
    if (this.unsubscribe) this.informer.flush();
  }

  private add(map: Map<string, Set<Listener>>, key: string, listener: Listener): () => void {
    const set = getOrCreate(map, key, () => new Set<Listener>());
    set.add(listener);
    return this.retain(() => {
      set.delete(listener);
      if (set.size === 0) map.delete(key);
    }, listener);
  }

  private retain(remove: () => void, listener: Listener): () => void {
    this.listeners++;
    if (!this.unsubscribe) {
      this.unsubscribe = this.informer.subscribe((event) => this.dispatch(event));
    } else if (this.informer.synced) {
      // The informer replays its store only to new subscribers; a listener joining a live
      // subscription learns that the store is complete from the caller reading `matching()`.
      queueMicrotask(() => listener({ type: 'synced' }));
    }
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      remove();
      if (--this.listeners === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    };
  }

  private dispatch(event: InformerEvent): void {
    if (event.type === 'synced') {
      for (const set of this.byName.values()) for (const l of set) l(event);
      for (const index of this.byIndex.values()) for (const set of index.byValue.values()) for (const l of set) l(event);
      for (const set of this.byLabel.values()) for (const e of set) e.listener(event);
      for (const e of this.unindexed) e.listener(event);
      return;
    }
    const object = event.object;
    const name = object.metadata.name;
    if (name !== undefined) for (const listener of this.byName.get(name) ?? []) listener(event);
    for (const index of this.byIndex.values()) {
      if (index.byValue.size === 0) continue;
      for (const value of index.fn(object)) for (const listener of index.byValue.get(value) ?? []) listener(event);
    }
    if (this.byLabel.size > 0 || this.unindexed.size > 0) this.dispatchBySelector(event);
  }

  private dispatchBySelector(event: Exclude<InformerEvent, { type: 'synced' }>): void {
    const labels = event.object.metadata.labels ?? {};
    const previousLabels = event.type === 'modified' ? (event.previous.metadata.labels ?? {}) : undefined;
    const candidates = new Set<SelectorListener>(this.unindexed);
    this.addIndexed(candidates, labels);
    if (previousLabels) this.addIndexed(candidates, previousLabels);
    for (const { selector, listener } of candidates) {
      const now = matchesLabelSelector(selector, labels);
      if (event.type !== 'modified') {
        if (now) listener(event);
        continue;
      }
      const before = matchesLabelSelector(selector, previousLabels);
      if (now && before) listener(event);
      else if (now) listener({ type: 'added', object: event.object });
      else if (before) listener({ type: 'deleted', object: event.previous });
    }
  }

  private addIndexed(candidates: Set<SelectorListener>, labels: Readonly<Record<string, string>>): void {
    for (const key in labels) {
      const entries = this.byLabel.get(labelKey(key, labels[key]!));
      if (entries) for (const entry of entries) candidates.add(entry);
    }
  }
}

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}
