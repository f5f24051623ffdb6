import { describe, expect, it } from 'vitest';
import { involvedObjectUidOf } from '../kube-event-from.js';
import type { KubeEvent, KubeObject } from '../kube-object.js';
import type { InformerHandler } from '../watch/shared-informer.js';
import { EventLog, type EventSource } from './event-log.js';

const startedAt = Date.parse('2026-12-01T10:00:00.000Z');
const iso = (ms: number) => new Date(startedAt + ms).toISOString();

/** Events by involvedObject.uid, as the namespace's events router hands them out. */
class FakeEvents implements EventSource {
  readonly stored = new Map<string, KubeObject[]>();
  readonly listeners = new Map<string, Set<InformerHandler>>();
  watchKey(key: string, listener: InformerHandler): () => void {
    const set = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, set.add(listener));
    return () => set.delete(listener);
  }
  objectsWithKey(key: string): KubeObject[] {
    return this.stored.get(key) ?? [];
  }
  put(event: KubeObject): void {
    const key = involvedObjectUidOf(event) ?? '';
    this.stored.set(key, [...(this.stored.get(key) ?? []), event]);
    for (const listener of this.listeners.get(key) ?? []) listener({ type: 'added', object: event });
  }
}

const event = (uid: string, about: string, atMs: number, over: { type?: string; count?: number; message?: string } = {}): KubeObject => ({
  metadata: { name: uid, namespace: 'ns', uid },
  type: over.type ?? 'Warning',
  reason: 'BackOff',
  message: over.message ?? `${uid} happened`,
  involvedObject: { kind: 'Pod', name: `pod-${about}`, uid: about },
  count: over.count ?? 1,
  lastTimestamp: iso(atMs),
});
const object = (uid: string, createdMs = -60_000): KubeObject => ({ metadata: { name: uid, namespace: 'ns', uid, creationTimestamp: iso(createdMs) } });

function setup() {
  const source = new FakeEvents();
  const taken: [string, boolean][] = [];
  const log = new EventLog({ source, startedAt, onEvent: (e: KubeEvent, announce) => taken.push([e.message, announce]) });
  return { source, taken, log };
}

describe('EventLog', () => {
  it("takes in the events already there and later ones, leaving out those from before the rollout", () => {
    const { source, taken, log } = setup();
    source.put(event('stale', 'a', -60_000));
    source.put(event('fresh', 'a', -1_000));
    log.watch(object('a'), true);
    source.put(event('later', 'a', 500));
    source.put(event('elsewhere', 'b', 500));
    expect(taken.map(([m]) => m)).toEqual(['fresh happened', 'later happened']);
    expect(log.list().map((e) => e.message)).toEqual(['fresh happened', 'later happened']);
  });

  it('dates the window of a child created just before tracking from its creation', () => {
    const { source, log } = setup();
    source.put(event('at-creation', 'child', -9_000));
    log.watch(object('child', -10_000), false);
    expect(log.list().map((e) => e.message)).toEqual(['at-creation happened']);
  });

  it('collapses re-deliveries and announces each count once', () => {
    const { source, taken, log } = setup();
    log.watch(object('a'), true);
    source.put(event('e', 'a', 0));
    source.put(event('e', 'a', 0));
    source.put(event('e', 'a', 100, { count: 2 }));
    source.put(event('e', 'a', 100, { count: 2, message: 'reworded' }));
    expect(taken).toEqual([
      ['e happened', true],
      ['e happened', true],
      ['reworded', false],
    ]);
    expect(log.list()).toHaveLength(1);
  });

  it('keeps the newest 200 events', () => {
    const { source, log } = setup();
    log.watch(object('a'), true);
    for (let i = 0; i < 205; i++) source.put(event(`e${i}`, 'a', i));
    const kept = log.list();
    expect(kept).toHaveLength(200);
    expect(kept[0]?.message).toBe('e5 happened');
  });

  it('stops taking in events of an object it no longer watches, and of all at close', () => {
    const { source, log } = setup();
    log.watch(object('a'), true);
    log.watch(object('b'), false);
    log.unwatch(object('a'));
    source.put(event('e1', 'a', 0));
    log.close();
    source.put(event('e2', 'b', 0));
    expect(log.list()).toEqual([]);
  });

  it('waits for the Warning about an object, at most the given time', async () => {
    const { source, log } = setup();
    log.watch(object('a'), true);
    const waiting = log.waitForWarningAbout('Pod/pod-a', 60_000);
    source.put(event('normal', 'a', 0, { type: 'Normal' }));
    let done = false;
    void waiting.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    source.put(event('warning', 'a', 0));
    await waiting;
    await expect(log.waitForWarningAbout('Pod/pod-b', 1)).resolves.toBeUndefined();
  });
});
