import type { LogTail, Report, ReportError, ReportEvent, ResourceReport } from '../report.js';
import { isBlocking } from './is-blocking.js';
import { apiVersionOf } from '../resource-kind.js';
import { deletedMark, outcomeStatus } from './tracker-outcome.js';
import type { TrackerSnapshot } from './tracker-snapshot.js';

/** Warning events kept per resource in the report: enough to explain, few enough to read. */
const MAX_REPORT_EVENTS = 10;

export interface BuildReportInput {
  trackers: readonly TrackerSnapshot[];
  startedAt: number;
  now: number;
  error: ReportError | undefined;
}

/**
 * The final report. A run succeeds when nothing failed that its fail mode lets fail the run,
 * nothing went wrong with the program, and every blocking resource is ready.
 */
export function buildReport({ trackers, startedAt, now, error }: BuildReportInput): Report {
  const resources = trackers.map((tracker) => resourceReport(tracker, startedAt, now));
  const blockingNotReady = trackers.some(
    (t) =>
      isBlocking(t) &&
      t.outcome?.kind !== 'ready' &&
      !(t.outcome?.kind === 'failed' && t.spec.failMode === 'IgnoreAndContinueDeployProcess'),
  );
  return { success: !error && !blockingNotReady, ...(error ? { error } : {}), resources };
}

function resourceReport(tracker: TrackerSnapshot, startedAt: number, now: number): ResourceReport {
  const { outcome } = tracker;
  const failed = outcome?.kind === 'failed';
  // A ready resource needs no explaining; one that failed or never settled does.
  const explain = outcome?.kind !== 'ready';
  return {
    apiVersion: apiVersionOf(tracker.resource),
    kind: tracker.resource.kind,
    ...(tracker.resource.namespace ? { namespace: tracker.resource.namespace } : {}),
    name: tracker.resource.name,
    status: outcomeStatus(outcome),
    ...deletedMark(outcome, tracker.spec),
    ...(failed ? { code: outcome.code } : {}),
    message: outcome?.message ?? tracker.verdict?.message ?? `${tracker.shortName} has no status yet`,
    ...(failed && outcome.hint ? { hint: outcome.hint } : {}),
    durationMs: (outcome?.at ?? now) - startedAt,
    events: explain ? reportEvents(tracker) : [],
    logTail: explain ? logTails(tracker) : [],
  };
}

function reportEvents(tracker: TrackerSnapshot): ReportEvent[] {
  return tracker.events
    .filter((event) => event.type === 'Warning')
    .slice(-MAX_REPORT_EVENTS)
    .map((event) => ({
      type: event.type,
      reason: event.reason,
      message: event.message,
      object: event.object,
      count: event.count,
      ...(event.lastTime ? { time: event.lastTime } : {}),
    }));
}

function logTails(tracker: TrackerSnapshot): LogTail[] {
  const tails: LogTail[] = [];
  for (const { pod, container, tail } of tracker.logs) {
    if (tail.previous?.length) tails.push({ pod, container, previous: true, lines: tail.previous });
    // While a container waits to restart, the kubelet serves its crashed instance as the current one too.
    const repeatsPrevious = tail.previous !== undefined && tail.current.join('\n') === tail.previous.join('\n');
    if (tail.current.length && !repeatsPrevious) tails.push({ pod, container, previous: false, lines: tail.current });
  }
  return tails;
}
