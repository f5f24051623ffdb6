import { compareText } from '../compare-text.js';
import { kubeEventFrom } from '../kube-event-from.js';
import type { KubeEvent, KubeObject } from '../kube-object.js';
import type { InformerRouter } from './informer-router.js';

/** Events kept per resource; older ones are dropped, newest kept (they explain the present). */
const MAX_EVENTS = 200;
/** Events a moment older than the tracking start still belong to this rollout (kubectl apply ran just before). */
const EVENT_LOOKBACK_MS = 2_000;

/** What the log needs of the namespace's events router (by involvedObject.uid). */
export type EventSource = Pick<InformerRouter, 'watchKey' | 'objectsWithKey'>;

export interface EventLogOptions {
  source: EventSource;
  startedAt: number;
  /**
   * An event was taken in: new, or its count or message changed. `announce` is true once per
   * count it reaches, so a re-delivered event (a relist, an update of its message) is shown once.
   */
  onEvent(event: KubeEvent, announce: boolean): void;
}

/**
 * The events about one tracked object and its children: watched by the objects' UIDs, those
 * older than the rollout left out, re-deliveries collapsed, at most MAX_EVENTS kept.
 */
export class EventLog {
  private readonly watches = new Map<string, () => void>();
  private readonly events = new Map<string, KubeEvent>();
  private readonly announcedCounts = new Map<string, number>();
  private readonly waiters = new Set<() => unknown>();

  constructor(private readonly options: EventLogOptions) {}

  /**
   * Takes in the events about `object` from now on, and those already there. The tracked object's
   * count from the tracking start; a child's from its creation if it was created just before (by the apply).
   */
  watch(object: KubeObject, tracked: boolean): void {
    const uid = object.metadata.uid;
    if (!uid || this.watches.has(uid)) return;
    const since = tracked ? this.windowStart() : childWindowStart(object, this.windowStart());
    const { source } = this.options;
    this.watches.set(
      uid,
      source.watchKey(uid, (event) => {
        if (event.type === 'added' || event.type === 'modified') this.accept(event.object, since);
      }),
    );
    for (const existing of source.objectsWithKey(uid)) this.accept(existing, since);
  }

  unwatch(object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    this.watches.get(uid)?.();
    this.watches.delete(uid);
  }

  /** The events kept, oldest first. */
  list(): KubeEvent[] {
    return sortEvents([...this.events.values()]);
  }

  /**
   * Resolves once a Warning about `object` ("Kind/name") is in, or after `timeoutMs`: a kubelet
   * writes the pod status a moment before the event that explains it.
   */
  waitForWarningAbout(object: string, timeoutMs: number): Promise<void> {
    if (this.hasWarningAbout(object)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const check = () => this.hasWarningAbout(object) && done();
      this.waiters.add(check);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => this.waiters.clear());
  }

  close(): void {
    for (const unsubscribe of this.watches.values()) unsubscribe();
    this.watches.clear();
  }

  private hasWarningAbout(object: string): boolean {
    for (const event of this.events.values()) if (event.type === 'Warning' && event.object === object) return true;
    return false;
  }

  private windowStart(): number {
    return this.options.startedAt - EVENT_LOOKBACK_MS;
  }

  private accept(object: KubeObject, since: number): void {
    const event = kubeEventFrom(object);
    const last = Date.parse(event.lastTime ?? '');
    if (!Number.isNaN(last) && last < since) return;
    const known = this.events.get(event.uid);
    if (known && known.count === event.count && known.message === event.message) return;
    this.events.set(event.uid, event);
    if (this.events.size > MAX_EVENTS) {
      const oldest = this.list()[0];
      if (oldest) this.events.delete(oldest.uid);
    }
    for (const waiter of this.waiters) waiter();
    const announce = (this.announcedCounts.get(event.uid) ?? 0) < event.count;
    if (announce) this.announcedCounts.set(event.uid, event.count);
    this.options.onEvent(event, announce);
  }
}

function childWindowStart(object: KubeObject, start: number): number {
  const created = Date.parse(object.metadata.creationTimestamp ?? '');
  return Number.isNaN(created) ? start : Math.min(start, created - EVENT_LOOKBACK_MS);
}

function sortEvents(events: KubeEvent[]): KubeEvent[] {
  return events.sort((a, b) => compareText(a.lastTime ?? '', b.lastTime ?? ''));
}
