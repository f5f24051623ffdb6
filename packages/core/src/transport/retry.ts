import type { Timer } from '../timer.js';
import type { Clock } from './clock.js';

/** A server's Retry-After is honoured up to this (or the backoff cap, if longer): a stream that waits days is as good as gone. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface RetryOptions {
  /** First delay; doubles on each consecutive failure. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap on the delay. Default 30 s. */
  maxDelayMs?: number;
}

/**
 * The one reconnect policy of every stream (watches and log follows): exponential backoff with
 * "equal jitter", half the delay fixed and half random, so many streams cut at once (an API
 * server restart) spread their reconnects, yet none retries immediately in a hot loop.
 */
export class Backoff {
  #failures = 0;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;

  constructor(
    options: RetryOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.#initialDelayMs = options.initialDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /**
   * The delay before the next attempt; each call counts one more failure. A server's
   * Retry-After, when given, replaces the jittered delay (capped at a minute, or at the
   * backoff cap if that is longer).
   */
  next(retryAfterMs?: number): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#initialDelayMs * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), Math.max(this.#maxDelayMs, MAX_RETRY_AFTER_MS));
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  /** After progress: the next failure waits the initial delay again. */
  reset(): void {
    this.#failures = 0;
  }
}

/**
 * "Refresh credentials once on 401": an expired exec-plugin or OIDC token gets one refresh;
 * a 401 right after it means the new credentials are rejected too, which is fatal. A request
 * that gets through re-arms the refresh for the next expiry.
 */
export class CredentialRefresh {
  #used = false;

  constructor(private readonly refresh: () => Promise<void>) {}

  /** On a 401: true after refreshing (retry now), false when the refresh was already spent (give up). */
  async afterUnauthorized(): Promise<boolean> {
    if (this.#used) return false;
    this.#used = true;
    await this.refresh();
    return true;
  }

  /** The server accepted a request. */
  accepted(): void {
    this.#used = false;
  }
}

/**
 * Cuts a connection that received nothing for `idleMs` (a dead peer that never sent a TCP
 * reset). `touch()` on every chunk only stores the time, so a busy stream costs no timer churn;
 * the timer re-arms itself for the rest of the window when it finds recent activity.
 * `idleMs` 0 or less: never fires.
 */
export class IdleWatchdog {
  #lastActivity: number;
  #timer: Timer | undefined;
  #fired = false;

  constructor(
    private readonly clock: Clock,
    readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.#lastActivity = clock.now();
    if (idleMs > 0) this.#arm(idleMs);
  }

  /** The watchdog cut the connection. */
  get fired(): boolean {
    return this.#fired;
  }

  touch(): void {
    this.#lastActivity = this.clock.now();
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    this.#timer = this.clock.setTimer(
      () => {
        const silentFor = this.clock.now() - this.#lastActivity;
        if (silentFor < this.idleMs) {
          this.#arm(this.idleMs - silentFor);
          return;
        }
        this.#timer = undefined;
        this.#fired = true;
        this.onIdle();
      },
      delayMs,
      { unref: true },
    );
  }
}
