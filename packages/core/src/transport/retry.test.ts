import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { Backoff, CredentialRefresh, IdleWatchdog } from './retry.js';

describe('Backoff', () => {
  it('doubles up to the cap, with jitter within the upper half', () => {
    const low = new Backoff({ initialDelayMs: 100, maxDelayMs: 700 }, () => 0);
    expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([50, 100, 200, 350, 350]);
    const high = new Backoff({ initialDelayMs: 100, maxDelayMs: 700 }, () => 1);
    expect([1, 2, 3, 4].map(() => high.next())).toEqual([100, 200, 400, 700]);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ initialDelayMs: 100 }, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it("uses the server's Retry-After instead of its own delay, shorter or longer, and counts it as a failure", () => {
    const backoff = new Backoff({ initialDelayMs: 10_000 }, () => 1);
    expect(backoff.next(1_000)).toBe(1_000);
    expect(backoff.next(50_000)).toBe(50_000);
    expect(backoff.next()).toBe(30_000);
  });

  it('honours a Retry-After of years for a minute only: the stream neither spins nor gives up for good', () => {
    expect(new Backoff({}, () => 1).next(9_999_999_999_000)).toBe(60_000);
    expect(new Backoff({ maxDelayMs: 120_000 }, () => 0).next(Number.MAX_VALUE)).toBe(120_000);
  });
});

describe('CredentialRefresh', () => {
  it('refreshes once per expiry: a second 401 in a row gives up, a request that got through re-arms it', async () => {
    let refreshes = 0;
    const credentials = new CredentialRefresh(async () => {
      refreshes++;
    });
    expect(await credentials.afterUnauthorized()).toBe(true);
    expect(await credentials.afterUnauthorized()).toBe(false);
    credentials.accepted();
    expect(await credentials.afterUnauthorized()).toBe(true);
    expect(refreshes).toBe(2);
  });
});

describe('IdleWatchdog', () => {
  it('fires after idleMs of silence, counted from the last touch', () => {
    const clock = new FakeClock();
    let cuts = 0;
    const watchdog = new IdleWatchdog(clock, 1_000, () => cuts++);
    clock.advance(900);
    watchdog.touch();
    clock.advance(900);
    expect(cuts).toBe(0);
    clock.advance(100);
    expect([cuts, watchdog.fired]).toEqual([1, true]);
    clock.advance(5_000);
    expect(cuts).toBe(1);
  });

  it('never fires once stopped, nor when disabled with 0', () => {
    const clock = new FakeClock();
    let cuts = 0;
    new IdleWatchdog(clock, 1_000, () => cuts++).stop();
    new IdleWatchdog(clock, 0, () => cuts++);
    clock.advance(10_000);
    expect([cuts, clock.pendingTimers]).toEqual([0, 0]);
  });
});
