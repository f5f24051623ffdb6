import type { RolloutErrorCode } from '../error-code.js';
import type { Failure } from '../plugin.js';
import type { ResourceOutcome } from '../report.js';

/** What a tracker concluded; the run decides what it means under the spec's fail mode. */
export type TrackerOutcome =
  | { kind: 'ready'; message: string; at: number }
  | { kind: 'failed'; code: RolloutErrorCode; message: string; at: number; failure?: Failure; hint?: string };

/**
 * The one mapping from a resource's final outcome to its status in the report and the status
 * reports: no outcome yet is progressing, a deadline that passed is `timeout`.
 */
export function outcomeStatus(outcome: TrackerOutcome | undefined): ResourceOutcome {
  if (!outcome) return 'progressing';
  if (outcome.kind === 'ready') return 'ready';
  return outcome.code === 'timeout' ? 'timeout' : 'failed';
}

/**
 * `{ deleted: true }` for a resource tracked `for: delete` that is gone ("ready" means deleted
 * there), for the report, the ready message and the status reports alike; else nothing.
 */
export function deletedMark(outcome: TrackerOutcome | undefined, spec: { for?: string }): { deleted?: true } {
  return outcome?.kind === 'ready' && spec.for === 'delete' ? { deleted: true } : {};
}

/** Two conclusions the run need not hear about twice. */
export function sameOutcome(a: TrackerOutcome | undefined, b: TrackerOutcome | undefined): boolean {
  if (a?.kind === 'failed' && b?.kind === 'failed') return a.code === b.code && a.message === b.message;
  return a?.kind === b?.kind;
}
