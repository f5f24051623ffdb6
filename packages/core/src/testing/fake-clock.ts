import type { Clock } from '../transport/clock.js';
import type { Timer } from '../timer.js';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock that moves only when a test says so; due timers fire in order, each at its own time. */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #pending = new Set<Pending>();

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): Timer {
    const entry: Pending = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback };
    this.#pending.add(entry);
    return { cancel: () => this.#pending.delete(entry) };
  }

  /** Timers waiting to fire. */
  get pendingTimers(): number {
    return this.#pending.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const entry of this.#pending) {
        if (entry.at <= target && (next === undefined || entry.at < next.at || (entry.at === next.at && entry.seq < next.seq))) next = entry;
      }
      if (next === undefined) break;
      this.#pending.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = target;
  }
}
