import type { KubeObject, LabelSelector } from '../kube-object.js';
import { indexLabelOf, matchesLabelSelector } from '../label-selector.js';
import type { InformerEvent, InformerHandler, SharedInformer } from '../watch/shared-informer.js';

type Listener = InformerHandler;

interface SelectorListener {
  selector: LabelSelector | undefined;
  listener: Listener;
}

/**
 * One subscription to a shared informer, fanned out to many trackers by index, so an event
 * costs work proportional to the trackers it concerns, not to every tracker in the namespace:
 * by object name (the tracked objects), by one label pair of a selector (their children), and by
 * a key the caller derives (events by involvedObject.uid).
 */
export class InformerRouter {
  private readonly byName = new Map<string, Set<Listener>>();
  private readonly byLabel = new Map<string, Set<SelectorListener>>();
  private readonly unindexed = new Set<SelectorListener>();
  private readonly byKey = new Map<string, Set<Listener>>();
  /** Objects by key, so a listener for a key that appears late finds what arrived before it. */
  private readonly storeByKey = new Map<string, Map<string, KubeObject>>();
  private listeners = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly informer: SharedInformer,
    private readonly keyOf?: (object: KubeObject) => string | undefined,
    private readonly onIdle?: () => void,
  ) {}

  get synced(): boolean {
    return this.informer.synced;
  }

  /** Events about the object with this name. */
  watchName(name: string, listener: Listener): () => void {
    return this.add(this.byName, name, listener);
  }

  /** Events about objects matching the selector; an object whose labels stop matching arrives as `deleted`. */
  watchSelector(selector: LabelSelector | undefined, listener: Listener): () => void {
    const entry: SelectorListener = { selector, listener };
    const index = indexLabelOf(selector);
    let remove: () => void;
    if (index) {
      const key = labelKey(index[0], index[1]);
      let set = this.byLabel.get(key);
      if (!set) this.byLabel.set(key, (set = new Set()));
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

  /** Events whose `keyOf(object)` is this key. */
  watchKey(key: string, listener: Listener): () => void {
    return this.add(this.byKey, key, listener);
  }

  /** Objects in the store whose key is this key (only for routers built with `keyOf`). */
  objectsWithKey(key: string): KubeObject[] {
    return [...(this.storeByKey.get(key)?.values() ?? [])];
  }

  /** Objects currently in the store that match, for a listener that joins late or changes selector. */
  matching(selector: LabelSelector | undefined): KubeObject[] {
    return this.informer.list().filter((object) => matchesLabelSelector(selector, object.metadata.labels));
  }

  private add(map: Map<string, Set<Listener>>, key: string, listener: Listener): () => void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
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
        this.storeByKey.clear();
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        this.onIdle?.();
      }
    };
  }

  private dispatch(event: InformerEvent): void {
    if (event.type === 'synced') {
      for (const set of [...this.byName.values(), ...this.byKey.values()]) for (const l of set) l(event);
      for (const set of this.byLabel.values()) for (const e of set) e.listener(event);
      for (const e of this.unindexed) e.listener(event);
      return;
    }
    const object = event.object;
    const name = object.metadata.name;
    if (name !== undefined) for (const listener of this.byName.get(name) ?? []) listener(event);
    if (this.keyOf) {
      const key = this.keyOf(object);
      if (key !== undefined) {
        this.index(key, event);
        for (const listener of this.byKey.get(key) ?? []) listener(event);
      }
    }
    if (this.byLabel.size > 0 || this.unindexed.size > 0) this.dispatchBySelector(event);
  }

  private index(key: string, event: Exclude<InformerEvent, { type: 'synced' }>): void {
    const id = event.object.metadata.uid ?? `${event.object.metadata.namespace}/${event.object.metadata.name}`;
    let objects = this.storeByKey.get(key);
    if (event.type === 'deleted') {
      objects?.delete(id);
      if (objects?.size === 0) this.storeByKey.delete(key);
      return;
    }
    if (!objects) this.storeByKey.set(key, (objects = new Map()));
    objects.set(id, event.object);
  }

  private dispatchBySelector(event: Exclude<InformerEvent, { type: 'synced' }>): void {
    const labels = event.object.metadata.labels ?? {};
    const previousLabels = event.type === 'modified' ? (event.previous.metadata.labels ?? {}) : undefined;
    const candidates = new Set<SelectorListener>(this.unindexed);
    for (const source of previousLabels ? [labels, previousLabels] : [labels]) {
      for (const [key, value] of Object.entries(source)) {
        for (const entry of this.byLabel.get(labelKey(key, value)) ?? []) candidates.add(entry);
      }
    }
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
}

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}
