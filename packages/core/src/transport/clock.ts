import { startTimer, type Timer } from '../timer.js';

/**
 * Time as the watch and log streams see it (client-go injects a clock into its reflector for
 * the same reason): protocol timing (backoff waits, idle watchdogs, "did this watch stay up
 * long enough") can then be tested by moving a fake clock instead of by waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** `callback` after `delayMs`; `unref` lets the process exit while it is pending. */
  setTimer(callback: () => void, delayMs: number, options?: { unref?: boolean }): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs, options) => startTimer(callback, delayMs, options),
};

/** Resolves after `ms` on `clock`, or at once when `signal` aborts (never rejects). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (!(ms > 0) || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimer(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
