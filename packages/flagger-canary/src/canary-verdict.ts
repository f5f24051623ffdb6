import type { EvaluateContext, KubeEvent, Snapshot, Verdict } from '@kubetrack/core';
import { analysisIntervalMs } from './analysis-interval.js';
import type { Canary } from './canary-types.js';

/**
 * How many analysis intervals Flagger gets to notice a new revision. Flagger checks each
 * Canary once per interval, so after two it has seen whatever was applied before tracking.
 */
const NOTICE_INTERVALS = 2;

/**
 * The Canary's verdict. Flagger keeps the last revision's Succeeded/Failed phase until it
 * notices a new one (flagger#830) and has no observedGeneration, so a final phase counts
 * only when Flagger entered it after tracking started (see `phaseEnteredAt`). A final phase
 * older than that is trusted only once Flagger has had time to notice a new revision and
 * did not: the revision did not change (see `unchangedRevisionAfterMs`).
 */
export function canaryVerdict(snapshot: Snapshot, context: EvaluateContext): Verdict {
  const canary = snapshot.object as Canary | undefined;
  if (!canary) return { state: 'progressing', absent: true, message: 'canary does not exist yet' };

  const name = `canary/${canary.metadata.name ?? ''}`;
  const status = canary.status ?? {};
  const phase = status.phase ?? '';
  const progress = canaryProgress(canary);
  const lastWarning = lastWarningAbout(canary, snapshot.events);

  if (canary.metadata.deletionTimestamp || phase === 'Terminating' || phase === 'Terminated') {
    return { state: 'progressing', message: `${name} is being deleted${phase ? ` (phase ${phase})` : ''}`, progress };
  }
  const waiting = (message: string, waitingFor: string, blocked?: string): Verdict => ({
    state: 'progressing',
    message: `${name} ${message}`,
    waitingFor: [waitingFor],
    ...(blocked ? { blocked } : {}),
    progress,
  });

  switch (phase) {
    case '':
      return waiting('has no status yet: Flagger has not picked it up', 'Flagger to initialize the canary');
    case 'Initializing':
      return waiting('is initializing: Flagger is creating the primary', 'the primary to be initialized');
    case 'Waiting':
      return waiting(
        'is waiting for approval (confirm-rollout webhook)',
        'approval (confirm-rollout webhook)',
        'Flagger waits for the confirm-rollout webhook to approve the rollout',
      );
    case 'WaitingPromotion':
      return waiting(
        'is waiting for approval (confirm-promotion webhook)',
        'approval (confirm-promotion webhook)',
        'Flagger waits for the confirm-promotion webhook to approve the promotion',
      );
    case 'Progressing':
      return waiting(
        `is analysing the new revision: ${analysisSummary(canary)}${lastWarning ? ` (last warning: ${lastWarning})` : ''}`,
        'the canary analysis to finish',
      );
    case 'Promoting':
      return waiting('passed the analysis and is promoting it to the primary', 'the primary rolling update');
    case 'Finalising':
      return waiting('is routing all traffic back to the primary', 'traffic to be routed to the primary');
    case 'Initialized':
    case 'Succeeded':
    case 'Failed':
      return finalPhaseVerdict(canary, name, phase, context, progress, lastWarning);
    default:
      return waiting(`reports an unknown phase ${JSON.stringify(phase)}`, 'Flagger to report a known phase');
  }
}

function finalPhaseVerdict(
  canary: Canary,
  name: string,
  phase: 'Initialized' | 'Succeeded' | 'Failed',
  context: EvaluateContext,
  progress: Verdict['progress'],
  lastWarning: string | undefined,
): Verdict {
  const entered = phaseEnteredAt(canary);
  const enteredAt = Date.parse(entered ?? '');
  const fresh = enteredAt >= secondAfter(context.trackingStartedAt);
  const since = entered ? ` since ${entered}` : '';

  if (fresh) {
    if (phase === 'Failed') return failed(canary, `${name} failed`, progress, lastWarning);
    const done = phase === 'Initialized' ? 'is initialized (first deployment, no analysis)' : 'promoted the new revision';
    return { state: 'ready', message: `${name} ${done}`, progress };
  }

  const windowMs = unchangedRevisionAfterMs(canary, context);
  const elapsedMs = context.now - context.trackingStartedAt;
  if (windowMs !== undefined && elapsedMs >= windowMs) {
    const waited = `Flagger found no new revision within ${formatDuration(windowMs)}`;
    if (phase === 'Failed') return failed(canary, `${name} failed: ${waited}, and its last analysis failed${since}`, progress, lastWarning);
    return { state: 'ready', message: `${name}: ${waited}; it stays ${phase}${since}`, progress };
  }
  return {
    state: 'progressing',
    message: `${name} still reports ${phase}${since} from before tracking started; waiting for Flagger to pick up the new revision`,
    waitingFor: ['Flagger to detect the new revision'],
    progress,
    ...(windowMs === undefined ? {} : { recheckAfterMs: windowMs - elapsedMs }),
  };
}

function failed(canary: Canary, headline: string, progress: Verdict['progress'], lastWarning: string | undefined): Verdict {
  // Flagger's own condition message is generic; its last warning says why, so it goes first.
  const reasons = [lastWarning, ...(canary.status?.conditions ?? []).map((condition) => condition.message)]
    .map((reason) => reason?.trim().replace(/\.$/, ''))
    .filter(Boolean);
  return {
    state: 'failed',
    code: 'canary-failed',
    message: reasons.length ? `${headline}: ${reasons.join('; ')}` : headline,
    progress,
  };
}

/**
 * How long a final phase left over from before tracking may stand before it is believed:
 * `options.unchangedRevisionAfterMs` (a number, or false to wait for a new revision until
 * the timeout), else two analysis intervals.
 */
function unchangedRevisionAfterMs(canary: Canary, context: EvaluateContext): number | undefined {
  const option = context.options['unchangedRevisionAfterMs'];
  if (option === false) return undefined;
  if (typeof option === 'number' && option >= 0) return option;
  return NOTICE_INTERVALS * analysisIntervalMs(canary);
}

/**
 * When Flagger moved the Canary into its current phase. Not `status.lastTransitionTime`:
 * Flagger re-stamps it on every analysis tick of a Failed canary (it re-syncs lastAppliedSpec),
 * so a failure left over from the last revision would look new. The Promoted condition is
 * rewritten only when its status or reason changes, and its reason is the phase.
 */
function phaseEnteredAt(canary: Canary): string | undefined {
  const status = canary.status ?? {};
  const promoted = status.conditions?.find((condition) => condition.type === 'Promoted');
  return promoted && promoted.reason === status.phase ? (promoted.lastUpdateTime ?? promoted.lastTransitionTime) : status.lastTransitionTime;
}

/**
 * The first whole second after `ms`. API times have whole seconds, so a phase stamped in the
 * second tracking started may be older than the start: the last revision's promotion, just
 * before the next `kubectl apply`, looks exactly like that (seen with Flagger v1.44.0). Such a
 * phase is taken as left over, believed after the notice window, rather than as this revision's.
 */
function secondAfter(ms: number): number {
  return Math.floor(ms / 1000) * 1000 + 1000;
}

function canaryProgress(canary: Canary): Record<string, string | number> {
  const status = canary.status ?? {};
  const threshold = canary.spec?.analysis?.threshold ?? canary.spec?.canaryAnalysis?.threshold;
  const failedChecks = status.failedChecks ?? 0;
  return {
    phase: status.phase || 'Unknown',
    canaryWeight: status.canaryWeight ?? 0,
    iterations: status.iterations ?? 0,
    failedChecks: threshold === undefined ? failedChecks : `${failedChecks}/${threshold}`,
  };
}

function analysisSummary(canary: Canary): string {
  const status = canary.status ?? {};
  const analysis = canary.spec?.analysis ?? canary.spec?.canaryAnalysis ?? {};
  const step =
    analysis.iterations !== undefined
      ? // Flagger counts one past the last iteration once the analysis is done
        `iteration ${Math.min(status.iterations ?? 0, analysis.iterations)}/${analysis.iterations}`
      : `canary weight ${status.canaryWeight ?? 0}%${analysis.maxWeight === undefined ? '' : `/${analysis.maxWeight}%`}`;
  const threshold = analysis.threshold === undefined ? '' : `/${analysis.threshold}`;
  return `${step}, ${status.failedChecks ?? 0}${threshold} failed checks`;
}

/**
 * Flagger explains failed checks and rollbacks only in Warning events on the Canary
 * ("Rolling back podinfo.test failed checks threshold reached 5"); its own closing
 * "Canary failed!" event says nothing the phase does not.
 */
function lastWarningAbout(canary: Canary, events: readonly KubeEvent[]): string | undefined {
  const object = `Canary/${canary.metadata.name ?? ''}`;
  const uid = canary.metadata.uid;
  const warnings = events.filter(
    (event) =>
      event.type === 'Warning' &&
      (uid && event.involvedObjectUid ? event.involvedObjectUid === uid : event.object === object) &&
      !event.message.startsWith('Canary failed!'),
  );
  return warnings.at(-1)?.message;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}` : `${seconds}s`;
}
