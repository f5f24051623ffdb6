import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, startTimer, timerDelay } from './timer.js';

describe('startTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits 600 hours for a 600-hour delay instead of firing at once', () => {
    const fired = vi.fn();
    startTimer(fired, 600 * 3_600_000);
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600 * 3_600_000 - MAX_TIMER_DELAY_MS - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
  });

  it('never fires for Infinity; fires next for NaN and negative delays; can be cancelled', () => {
    const never = vi.fn();
    const soon = vi.fn();
    const cancelled = vi.fn();
    startTimer(never, Infinity);
    startTimer(soon, Number.NaN);
    startTimer(soon, -5);
    startTimer(cancelled, 10).cancel();
    vi.advanceTimersByTime(10 * MAX_TIMER_DELAY_MS);
    expect(never).not.toHaveBeenCalled();
    expect(soon).toHaveBeenCalledTimes(2);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('a chained timer is still cancellable after its first leg', () => {
    const fired = vi.fn();
    const timer = startTimer(fired, 3 * MAX_TIMER_DELAY_MS);
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS + 5);
    timer.cancel();
    vi.advanceTimersByTime(5 * MAX_TIMER_DELAY_MS);
    expect(fired).not.toHaveBeenCalled();
  });

  it('timerDelay keeps raw delays inside the range Node honours', () => {
    expect([timerDelay(Number.NaN), timerDelay(-1), timerDelay(1.5), timerDelay(1e300)]).toEqual([0, 0, 1.5, MAX_TIMER_DELAY_MS]);
  });
});
