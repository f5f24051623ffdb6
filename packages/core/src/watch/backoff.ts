export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Full-jitter exponential backoff (AWS architecture blog): the n-th delay is uniform in
 * [0, min(max, initial * 2^n)], which spreads reconnects of many clients after an API server
 * restart instead of synchronising them.
 */
export class Backoff {
  #attempt = 0;
  constructor(private readonly options: BackoffOptions) {}

  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.#attempt);
    if (ceiling < this.options.maxMs) this.#attempt++;
    return Math.round((this.options.random ?? Math.random)() * ceiling);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
