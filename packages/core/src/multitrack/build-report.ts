import type { LogTail, Report, ReportError, ReportEvent, ResourceOutcome, ResourceReport } from '../report.js';
import { apiVersionOf } from '../resource-kind.js';
import type { ResourceTracker } from './resource-tracker.js';

/** Warning events kept per resource in the report: enough to explain, few enough to read. */
const MAX_REPORT_EVENTS = 10;

export interface BuildReportInput {
  trackers: readonly ResourceTracker[];
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
      t.spec.trackTerminationMode === 'WaitUntilResourceReady' &&
      t.settled?.kind !== 'ready' &&
      !(t.settled?.kind === 'failed' && t.spec.failMode === 'IgnoreAndContinueDeployProcess'),
  );
  return { success: !error && !blockingNotReady, ...(error ? { error } : {}), resources };
}

function resourceReport(tracker: ResourceTracker, startedAt: number, now: number): ResourceReport {
  const settled = tracker.settled;
  const status: ResourceOutcome = !settled
    ? 'progressing'
    : settled.kind === 'ready'
      ? 'ready'
      : settled.code === 'timeout'
        ? 'timeout'
        : 'failed';
  const failed = settled?.kind === 'failed';
  return {
    apiVersion: apiVersionOf(tracker.resource),
    kind: tracker.resource.kind,
    ...(tracker.resource.namespace ? { namespace: tracker.resource.namespace } : {}),
    name: tracker.resource.name,
    status,
    ...(failed ? { code: settled.code } : {}),
    message: settled?.message ?? tracker.verdict?.message ?? `${tracker.shortName} has no status yet`,
    ...(failed && settled.hint ? { hint: settled.hint } : {}),
    durationMs: (settled?.at ?? now) - startedAt,
    events: reportEvents(tracker, failed || !settled),
    logTail: failed || !settled ? logTails(tracker) : [],
  };
}

function reportEvents(tracker: ResourceTracker, includeWarnings: boolean): ReportEvent[] {
  if (!includeWarnings) return [];
  return tracker
    .relevantEvents()
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

/** The containers that explain the outcome: those named by counted failures, else every followed one. */
function logTails(tracker: ResourceTracker): LogTail[] {
  const failing = tracker.failingContainers();
  const candidates = failing.length
    ? failing
    : (tracker.verdict?.logSources ?? []).filter((s) => s.started).map((s) => ({ pod: s.pod, container: s.container }));
  const seen = new Set<string>();
  const tails: LogTail[] = [];
  for (const { pod, container } of candidates) {
    const key = `${pod}/${container}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const tail = tracker.logTail(pod, container);
    if (tail.previous?.length) tails.push({ pod, container, previous: true, lines: tail.previous });
    // While a container waits to restart, the kubelet serves its crashed instance as the current one too.
    const repeatsPrevious = tail.previous !== undefined && tail.current.join('\n') === tail.previous.join('\n');
    if (tail.current.length && !repeatsPrevious) tails.push({ pod, container, previous: false, lines: tail.current });
  }
  return tails;
}
