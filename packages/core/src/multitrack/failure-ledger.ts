import type { Failure } from '../plugin.js';

export interface LedgerUpdate {
  /** Failures that counted for the first time in this observation, in the order seen. */
  newlyCounted: Failure[];
  /** Set when the allowance is used up (or a permanent failure counted): the failure that decided it. */
  decisive?: Failure;
  /** When a failure still inside failureThreshold would count, if it persists. */
  recheckAt?: number;
}

/**
 * Counts distinct failures of one resource. A failure is identified by the plugin's id, so the
 * same crash re-reported on every pod update counts once, and every new crash counts again.
 * A failure counts only after it has persisted for `failureThresholdMs` (kubedog declared this
 * option but never read it).
 */
export class FailureLedger {
  private readonly firstSeen = new Map<string, number>();
  private readonly counted = new Map<string, Failure>();

  constructor(
    private readonly allowFailuresCount: number,
    private readonly failureThresholdMs: number,
  ) {}

  get count(): number {
    return this.counted.size;
  }

  get allowed(): number {
    return this.allowFailuresCount;
  }

  observe(failures: readonly Failure[], now: number): LedgerUpdate {
    const present = new Set<string>();
    const update: LedgerUpdate = { newlyCounted: [] };
    for (const failure of failures) {
      present.add(failure.id);
      if (this.counted.has(failure.id)) {
        if (failure.permanent) update.decisive ??= failure;
        continue;
      }
      const since = this.firstSeen.get(failure.id) ?? now;
      this.firstSeen.set(failure.id, since);
      const countsAt = since + this.failureThresholdMs;
      if (now < countsAt) {
        update.recheckAt = Math.min(update.recheckAt ?? Infinity, countsAt);
        continue;
      }
      this.counted.set(failure.id, failure);
      update.newlyCounted.push(failure);
      if (failure.permanent) update.decisive ??= failure;
      else if (this.counted.size > this.allowFailuresCount) update.decisive ??= failure;
    }
    // A failure that went away before its threshold did not persist: forget when it started.
    for (const id of this.firstSeen.keys()) {
      if (!present.has(id) && !this.counted.has(id)) this.firstSeen.delete(id);
    }
    if (!update.decisive && this.counted.size > this.allowFailuresCount) {
      update.decisive = [...this.counted.values()].at(-1);
    }
    return update;
  }

  /** The counted failures, oldest first. */
  failures(): Failure[] {
    return [...this.counted.values()];
  }
}
