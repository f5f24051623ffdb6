import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles the ceiling up to the cap, drawing uniformly below it', () => {
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000, random: () => 0.999999 });
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('jitters: with random() = 0.25 each delay is a quarter of its ceiling', () => {
    const backoff = new Backoff({ initialMs: 400, maxMs: 30_000, random: () => 0.25 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
  });

  it('starts over after reset()', () => {
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000, random: () => 0.999999 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
