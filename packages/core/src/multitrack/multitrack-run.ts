import type { PluginRegistry } from '../plugin-registry.js';
import { isBlocking } from './is-blocking.js';
import { isProgramError, ProgramError } from '../program-error.js';
import { isApiError } from '../transport/api-error.js';
import { formatDuration } from '../format-duration.js';
import type { Report, ReportError } from '../report.js';
import { formatResourceId, resourceKey, type ResourceId } from '../resource-id.js';
import type { ResourceKind } from '../resource-kind.js';
import type { FailedMessage, ReadyMessage, StatusReportLine, TrackMessage } from '../track-message.js';
import type { TrackSpec } from '../track-spec.js';
import { StopTrack, type Feed, type TrackOptions, type TrackRun } from '../tracker.js';
import type { SharedInformerFactory } from '../watch/shared-informer-factory.js';
import { buildReport } from './build-report.js';
import { TimelineRecorder } from './timeline-recorder.js';
import { MessageQueue } from './message-queue.js';
import type { ResourceLogsFactory } from './resource-logs.js';
import { ResourceTracker } from './resource-tracker.js';
import { RouterPool } from './router-pool.js';
import { deletedMark, outcomeStatus, type TrackerOutcome } from './tracker-outcome.js';
import { startTimer, timerDelay, type Timer } from '../timer.js';

export interface MultitrackRunDeps {
  registry: PluginRegistry;
  informers: SharedInformerFactory;
  /** Finds the served type of a kind no plugin lists (API discovery). */
  resolveKind(resource: TrackSpec['resource']): Promise<ResourceKind>;
  logs: ResourceLogsFactory;
  clock?: () => number;
}

const DEFAULT_STATUS_PERIOD_MS = 5_000;
const DEFAULT_SCHEDULING_GRACE_MS = 30_000;
const DEFAULT_LOG_TAIL_LINES = 20;
/**
 * "Logs since now" reaches this far back: `kubectl apply && kubetrack track` starts tracking a
 * moment after the new pods started printing, and those first lines belong to this rollout.
 */
const NOW_LOOKBACK_MS = 5_000;

/**
 * One multitrack run: resolves every spec to a plugin, starts a ResourceTracker per resource,
 * applies fail modes and termination modes to their outcomes, and ends with one report.
 * kubedog's semantics where they are sound: FailWholeDeployProcessImmediately ends the run on
 * the first failure; IgnoreAndContinueDeployProcess records it and goes on;
 * HopeUntilEndOfDeployProcess defers a failure while other resources are still in progress;
 * NonBlocking resources never hold the run open.
 */
export class MultitrackRun implements TrackRun {
  readonly result: Promise<Report>;
  private readonly queue = new MessageQueue<TrackMessage>();
  private readonly trackers: ResourceTracker[] = [];
  private readonly clock: () => number;
  private readonly startedAt: number;
  private readonly timeline: TimelineRecorder;
  /** Verdict announcements, in the order the verdicts were reached. */
  private announced: Promise<void> = Promise.resolve();
  private readonly timers: Timer[] = [];
  private resolveResult!: (report: Report) => void;
  private finished = false;
  /** WaitUntilResourceReady trackers without an outcome: kept as a count so a verdict costs O(1), not a pass over N. */
  private openBlocking = 0;
  /**
   * HopeUntilEnd trackers sitting on a deferred failure. They are not "in progress" for one
   * another: two hoping failures would otherwise wait on each other until the timeout.
   */
  private readonly hoping = new Set<ResourceTracker>();
  private hopingBlocking = 0;
  private firstFailure: { tracker: ResourceTracker; outcome: TrackerOutcome & { kind: 'failed' } } | undefined;
  private programError: ProgramError | undefined;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly pool: RouterPool;

  constructor(
    private readonly specs: readonly TrackSpec[],
    private readonly options: TrackOptions,
    private readonly deps: MultitrackRunDeps,
  ) {
    this.clock = deps.clock ?? Date.now;
    this.startedAt = this.clock();
    this.timeline = new TimelineRecorder(this.startedAt);
    this.pool = new RouterPool(deps.informers);
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    void this.start().catch((error: unknown) => this.fail(error));
  }

  [Symbol.asyncIterator](): AsyncIterator<TrackMessage> {
    return this.queue[Symbol.asyncIterator]();
  }

  async feed(feed: Feed): Promise<Report> {
    for await (const message of this.queue) {
      const handler = feedHandler(feed, message);
      const outcomes = await Promise.all([feed.onMessage?.(message), handler?.(message)]);
      if (outcomes.includes(StopTrack)) this.stop();
    }
    return this.result;
  }

  stop(): void {
    void this.finish();
  }

  private async start(): Promise<void> {
    const signal = this.options.signal;
    if (signal?.aborted) return void this.finish();
    signal?.addEventListener('abort', () => this.stop(), { once: true });
    this.unsubscribers.push(this.deps.informers.onFatalError((error) => this.fail(error)));

    const seen = new Set<string>();
    const resolved: { spec: TrackSpec; resource: ResourceId; kind: ResourceKind }[] = [];
    for (const spec of this.specs) {
      const kind = await this.resolveKind(spec);
      if (this.finished) return;
      const resource: ResourceId = {
        group: kind.group,
        version: kind.version,
        kind: kind.kind,
        name: spec.resource.name,
        ...(kind.namespaced ? { namespace: spec.resource.namespace ?? 'default' } : {}),
      };
      const key = resourceKey(resource);
      if (seen.has(key)) continue; // the same resource listed twice is tracked once
      seen.add(key);
      resolved.push({ spec, resource, kind });
    }

    const logsSinceTime = this.logsSinceTime();
    for (const { spec, resource, kind } of resolved) {
      const plugin = this.deps.registry.pluginFor(kind);
      if (!plugin) throw new ProgramError('invalid-input', `no tracker plugin handles ${kind.kind}; load one with --plugin`);
      const tracker = new ResourceTracker({
        spec,
        resource,
        kind,
        plugin,
        pool: this.pool,
        clock: this.clock,
        startedAt: this.startedAt,
        schedulingGracePeriodMs: this.options.schedulingGracePeriodMs ?? DEFAULT_SCHEDULING_GRACE_MS,
        follow: this.options.follow ?? false,
        logs: this.deps.logs,
        logTailLines: this.options.logTailLines ?? DEFAULT_LOG_TAIL_LINES,
        logsSinceTime,
        emit: (message) => this.emit(message),
        onCandidate: (t) => this.onCandidate(t),
        onInternalError: (error) => this.fail(error),
        onFatalError: (error) => this.fail(error),
      });
      this.trackers.push(tracker);
      if (isBlocking(tracker)) this.openBlocking++;
    }
    for (const tracker of this.trackers) tracker.start();
    this.armTimers();
    this.checkCompletion();
  }

  private async resolveKind(spec: TrackSpec): Promise<ResourceKind> {
    const listed = this.deps.registry.kinds.find(
      (k) => k.kind === spec.resource.kind && k.group === spec.resource.group,
    );
    if (listed && (!spec.resource.version || spec.resource.version === listed.version)) return listed;
    return this.deps.resolveKind(spec.resource);
  }

  private logsSinceTime(): string | undefined {
    const since = this.options.logsSince ?? 'now';
    if (since === 'all') return undefined;
    const from = since === 'now' ? this.startedAt - NOW_LOOKBACK_MS : this.startedAt - since.sinceMs;
    return new Date(from).toISOString();
  }

  private armTimers(): void {
    const { timeoutMs, statusProgressPeriodMs = DEFAULT_STATUS_PERIOD_MS } = this.options;
    if (timeoutMs !== undefined && timeoutMs > 0) {
      this.timers.push(startTimer(() => this.runTimedOut(), timeoutMs));
    }
    for (const tracker of this.trackers) {
      const { timeoutMs: own, noActivityTimeoutMs } = tracker.spec;
      if (own !== undefined && own > 0) this.timers.push(startTimer(() => this.timeOut([tracker]), own));
      if (noActivityTimeoutMs !== undefined && noActivityTimeoutMs > 0) this.watchActivity(tracker, noActivityTimeoutMs);
    }
    if (statusProgressPeriodMs > 0) {
      const interval = setInterval(() => this.emitStatusReport(), timerDelay(statusProgressPeriodMs));
      this.timers.push({ cancel: () => clearInterval(interval) });
    }
  }

  private watchActivity(tracker: ResourceTracker, limitMs: number): void {
    const check = () => {
      if (this.finished || tracker.outcome) return;
      const idleFor = this.clock() - tracker.lastActivityAt;
      if (idleFor >= limitMs) {
        this.settle(tracker, {
          kind: 'failed',
          code: 'timeout',
          message: `${tracker.shortName}: no activity for ${formatDuration(limitMs)}`,
          at: this.clock(),
        });
        this.checkCompletion();
        return;
      }
      this.timers.push(startTimer(check, limitMs - idleFor));
    };
    this.timers.push(startTimer(check, limitMs));
  }

  /** The run's own deadline: what is still open times out, and tail -f ends here too. */
  private runTimedOut(): void {
    this.timeOut(this.activeTrackers());
    if (this.options.follow) void this.finish();
  }

  /** A deadline passed for these resources (in tail -f, a resource's own deadline does not end the run). */
  private timeOut(trackers: ResourceTracker[]): void {
    if (this.finished) return;
    for (const tracker of trackers) {
      if (tracker.outcome) continue;
      const message = tracker.spec.for === 'delete'
        ? `${tracker.shortName} was still there at the timeout: ${tracker.verdict?.waitingFor?.join('; ') ?? 'no status yet'}`
        : !tracker.seen
        ? `${tracker.shortName} was not found${this.describeNamespace(tracker)} before the timeout`
        : tracker.verdict?.blocked
          ? `${tracker.shortName} was blocked until the timeout: ${tracker.verdict.blocked}`
          : `${tracker.shortName} was not ready before the timeout: ${tracker.verdict?.waitingFor?.length ? `waiting for ${tracker.verdict.waitingFor.join(', ')}` : (tracker.verdict?.message ?? 'no status yet')}`;
      const code = tracker.seen || tracker.spec.for === 'delete' ? 'timeout' : 'not-found';
      this.settle(tracker, { kind: 'failed', code, message, at: this.clock() });
    }
    this.checkCompletion();
  }

  private describeNamespace(tracker: ResourceTracker): string {
    return tracker.resource.namespace ? ` in namespace ${tracker.resource.namespace}` : '';
  }

  private onCandidate(tracker: ResourceTracker): void {
    if (this.finished) return;
    const candidate = tracker.candidate;
    if (this.options.follow) {
      // tail -f: report transitions, never stop.
      if (candidate) this.announce(tracker, candidate);
      return;
    }
    if (tracker.outcome) return;
    if (candidate?.kind === 'failed' && tracker.spec.failMode === 'HopeUntilEndOfDeployProcess') {
      this.setHoping(tracker, true); // settled in checkCompletion once nothing else is in progress
    } else {
      this.setHoping(tracker, false); // recovered, or never hoped
      if (candidate) this.settle(tracker, candidate);
    }
    this.checkCompletion();
  }

  private settle(tracker: ResourceTracker, outcome: TrackerOutcome): void {
    if (!tracker.settle(outcome)) return;
    this.setHoping(tracker, false);
    if (isBlocking(tracker)) this.openBlocking--;
    if (outcome.kind === 'failed' && tracker.spec.failMode !== 'IgnoreAndContinueDeployProcess') {
      this.firstFailure ??= { tracker, outcome };
    }
    if (this.options.follow) {
      this.announce(tracker, outcome);
      return;
    }
    // The lines the containers printed up to the verdict are shown before it. Each resource's
    // logs finish on their own, but verdicts are announced in the order they were reached: a
    // HopeUntilEnd failure decided after a slow resource became ready must not be printed first
    // because that resource's last lines took one more round-trip. finish() awaits the chain, so
    // every verdict also precedes the report.
    const logs = tracker.finishLogs().catch(() => undefined);
    this.announced = Promise.all([this.announced, logs]).then(() => this.announce(tracker, outcome));
    void tracker.stop({ finishLogs: true });
  }

  private announce(tracker: ResourceTracker, outcome: TrackerOutcome): void {
    if (outcome.kind === 'ready') this.emitFor(tracker, { type: 'ready', message: outcome.message, ...deletedMark(outcome, tracker.spec) });
    else this.emitFor(tracker, { type: 'failed', code: outcome.code, message: outcome.message, ...(outcome.hint ? { hint: outcome.hint } : {}) });
  }

  private setHoping(tracker: ResourceTracker, hoping: boolean): void {
    if (this.hoping.has(tracker) === hoping) return;
    if (hoping) this.hoping.add(tracker);
    else this.hoping.delete(tracker);
    if (isBlocking(tracker)) this.hopingBlocking += hoping ? 1 : -1;
  }

  private activeTrackers(): ResourceTracker[] {
    return this.trackers.filter((t) => !t.outcome);
  }

  private checkCompletion(): void {
    if (this.finished || this.options.follow) return;
    if (this.firstFailure) return void this.finish();
    const inProgress = this.openBlocking - this.hopingBlocking;
    if (inProgress > 0) return;
    // Nothing else is in progress: every deferred failure counts now, in the order the specs
    // were given, so which failure is reported first does not depend on timing.
    if (this.hoping.size > 0) {
      const order = (t: ResourceTracker) => this.trackers.indexOf(t);
      for (const tracker of [...this.hoping].sort((a, b) => order(a) - order(b))) {
        const candidate = tracker.candidate;
        if (candidate?.kind === 'failed') this.settle(tracker, candidate);
      }
    }
    if (this.firstFailure || this.openBlocking === 0) void this.finish();
  }

  /**
   * Ends the run with a program error. Only an API failure is the cluster's; anything else
   * (a throwing handler or plugin) is a bug in kubetrack or a plugin and says so.
   */
  private fail(error: unknown): void {
    this.programError ??= isProgramError(error)
      ? error
      : isApiError(error)
        ? new ProgramError('cluster-unreachable', error.message, { cause: error })
        : new ProgramError('internal', `internal error: ${firstLine((error as Error)?.message ?? String(error))}`, { cause: error });
    void this.finish();
  }

  /** The program error the run ended with, if any; its `cause` keeps a bug's stack for --debug. */
  get error(): ProgramError | undefined {
    return this.programError;
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) timer.cancel();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    await Promise.all(this.trackers.map((t) => t.stop({ finishLogs: t.outcome !== undefined })));
    await this.announced;
    const now = this.clock();
    const report = {
      ...buildReport({ trackers: this.trackers.map((t) => t.snapshot()), now, startedAt: this.startedAt, error: this.reportError() }),
      timeline: this.timeline.build(now),
    };
    this.queue.push({ type: 'done', time: new Date(this.clock()).toISOString(), report });
    this.queue.close();
    this.resolveResult(report);
  }

  private reportError(): ReportError | undefined {
    if (this.programError) {
      return { type: 'program', code: this.programError.code, message: this.programError.message };
    }
    if (this.firstFailure) {
      const { tracker, outcome } = this.firstFailure;
      return { type: 'rollout', code: outcome.code, message: outcome.message, resource: formatResourceId(tracker.resource) };
    }
    return undefined;
  }

  private emitStatusReport(): void {
    if (this.finished || this.trackers.length === 0) return;
    const resources: StatusReportLine[] = this.trackers.map((tracker) => ({
      resource: tracker.resource,
      outcome: outcomeStatus(tracker.outcome),
      ...deletedMark(tracker.outcome, tracker.spec),
      state: tracker.verdict?.absent || !tracker.seen ? 'absent' : (tracker.verdict?.state ?? 'progressing'),
      message: tracker.outcome?.message ?? tracker.verdict?.message ?? 'waiting for the first status',
      waitingFor: tracker.verdict?.waitingFor ?? [],
      progress: tracker.verdict?.progress ?? {},
      pods: tracker.verdict?.pods ?? [],
      ...(tracker.verdict?.blocked ? { blocked: tracker.verdict.blocked } : {}),
    }));
    this.queue.push({ type: 'status-report', time: new Date(this.clock()).toISOString(), resources });
  }

  private emit(message: TrackMessage): void {
    // Once finishing, settled trackers still deliver their last log lines and verdicts (the
    // report comes after them); the queue drops anything after the report.
    if (this.finished && message.type !== 'log' && message.type !== 'ready' && message.type !== 'failed') return;
    this.timeline.observe(message);
    this.queue.push(message);
  }

  private emitFor(
    tracker: ResourceTracker,
    message: Pick<ReadyMessage, 'type' | 'message'> | Pick<FailedMessage, 'type' | 'code' | 'message'>,
  ): void {
    this.emit({ ...message, time: new Date(this.clock()).toISOString(), resource: tracker.resource } as TrackMessage);
  }
}

function feedHandler(feed: Feed, message: TrackMessage): ((message: TrackMessage) => unknown) | undefined {
  const handlers: Record<TrackMessage['type'], ((m: never) => unknown) | undefined> = {
    added: feed.onAdded,
    status: feed.onStatus,
    event: feed.onEvent,
    log: feed.onLog,
    failure: feed.onFailure,
    ready: feed.onReady,
    failed: feed.onFailed,
    'status-report': feed.onStatusReport,
    done: undefined,
  };
  return handlers[message.type] as ((message: TrackMessage) => unknown) | undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
