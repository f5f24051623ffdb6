/** Node keeps a timer's delay in a signed 32-bit millisecond count; a longer one fires after 1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface Timer {
  cancel(): void;
}

/**
 * setTimeout for any delay a user or a server can ask for: a delay past Node's 32-bit range
 * is chained (so `--timeout 600h` means 600 hours, not "now"), Infinity never fires, NaN and
 * negative delays fire on the next turn. Every timer in core goes through here.
 */
export function startTimer(callback: () => void, delayMs: number, options: { unref?: boolean } = {}): Timer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = (remaining: number) => {
    if (remaining === Infinity) return;
    const step = timerDelay(remaining);
    handle = setTimeout(() => (remaining > MAX_TIMER_DELAY_MS ? arm(remaining - MAX_TIMER_DELAY_MS) : callback()), step);
    if (options.unref) handle.unref?.();
  };
  arm(delayMs);
  return { cancel: () => clearTimeout(handle) };
}

/** A delay Node's setTimeout and setInterval take as meant, for the few places that need a raw timer. */
export function timerDelay(delayMs: number): number {
  if (!(delayMs > 0)) return 0;
  return Math.min(delayMs, MAX_TIMER_DELAY_MS);
}
