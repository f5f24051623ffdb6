import { describe, expect, it } from 'vitest';
import { RetryBackoff } from './retry-backoff.js';

describe('RetryBackoff', () => {
  it('doubles up to the cap, with jitter within the upper half', () => {
    const low = new RetryBackoff({ initialDelayMs: 100, maxDelayMs: 700 }, () => 0);
    expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([50, 100, 200, 350, 350]);
    const high = new RetryBackoff({ initialDelayMs: 100, maxDelayMs: 700 }, () => 1);
    expect([1, 2, 3, 4].map(() => high.next())).toEqual([100, 200, 400, 700]);
  });

  it('starts over after reset', () => {
    const backoff = new RetryBackoff({ initialDelayMs: 100 }, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('honours a server-requested minimum (Retry-After)', () => {
    expect(new RetryBackoff({ initialDelayMs: 100 }, () => 1).next(5_000)).toBe(5_000);
  });

  it('honours a Retry-After of years for a minute only: the stream neither spins nor gives up for good', () => {
    expect(new RetryBackoff({}, () => 1).next(9_999_999_999_000)).toBe(60_000);
    expect(new RetryBackoff({ maxDelayMs: 120_000 }, () => 0).next(Number.MAX_VALUE)).toBe(120_000);
  });
});
