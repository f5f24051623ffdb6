import type { Failure, Verdict } from '../plugin.js';
import { sharedCauseSuffix } from './shared-cause.js';
import type { TrackerOutcome } from './tracker-outcome.js';

/** What the failure ledger says after its last observation. */
export interface LedgerState {
  /** The failure that used up the allowance (or a permanent one), if any. */
  decisive: Failure | undefined;
  count: number;
  allowed: number;
}

export interface ConcludeFacts {
  /** The tracked object was deleted while tracked, and the spec does not wait for its deletion. */
  deleted: boolean;
  /** "deploy/web", for the messages core writes itself. */
  shortName: string;
  at: number;
}

/**
 * A tracker's conclusion from its latest verdict and failure ledger, or undefined while it is
 * still in progress. Readiness wins over counted failures: a resource that recovered within its
 * allowance is ready.
 */
export function conclude(verdict: Verdict, ledger: LedgerState, facts: ConcludeFacts): TrackerOutcome | undefined {
  const at = facts.at;
  if (facts.deleted) return { kind: 'failed', code: 'deleted', message: `${facts.shortName} was deleted while being tracked`, at };
  if (verdict.state === 'ready') return { kind: 'ready', message: verdict.message, at };
  if (verdict.state === 'failed') {
    return { kind: 'failed', code: verdict.code ?? 'failed', message: verdict.message, at, ...(verdict.hint ? { hint: verdict.hint } : {}) };
  }
  if (!ledger.decisive) return undefined;
  const failure = { ...ledger.decisive, message: `${ledger.decisive.message}${sharedCauseSuffix(ledger.decisive, verdict.failures ?? [])}` };
  const message =
    failure.permanent || ledger.allowed === 0 ? failure.message : `${failure.message} (${ledger.count} failures, ${ledger.allowed} allowed)`;
  return { kind: 'failed', code: failure.code, message, at, failure, ...(failure.hint ? { hint: failure.hint } : {}) };
}
