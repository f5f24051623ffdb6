const MAX_RETRY_AFTER_MS = 60_000;

export interface RetryOptions {
  /** First delay; doubles on each consecutive failure. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap on the delay. Default 30 s. */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so many
 * streams cut at once do not reconnect in lockstep, yet none retries immediately.
 */
export class RetryBackoff {
  private failures = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: RetryOptions = {}, private readonly random: () => number = Math.random) {
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /**
   * The delay before the next attempt; each call counts one more failure. A server's
   * Retry-After (`atLeastMs`) is honoured up to a minute (or the cap, if longer): a log
   * stream that waits days is as good as gone.
   */
  next(atLeastMs = 0): number {
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    const honoured = Math.min(atLeastMs, Math.max(this.maxDelayMs, MAX_RETRY_AFTER_MS));
    return Math.max(honoured, ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** After progress: the next failure waits the initial delay again. */
  reset(): void {
    this.failures = 0;
  }
}
