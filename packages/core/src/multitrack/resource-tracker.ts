import { ROLLOUT_ERROR_CODES } from '../error-code.js';
import { toProgramError } from '../transport/to-program-error.js';
import type { KubeEvent, KubeObject } from '../kube-object.js';
import type { EvaluateContext, TrackerPlugin, Verdict } from '../plugin.js';
import type { ResourceId } from '../resource-id.js';
import { type ResourceKind, shortResourceName } from '../resource-kind.js';
import { startTimer, type Timer } from '../timer.js';
import type { TrackMessage } from '../track-message.js';
import type { TrackSpec } from '../track-spec.js';
import type { InformerEvent } from '../watch/shared-informer.js';
import { ChildSet } from './child-set.js';
import { conclude } from './conclude.js';
import { deletionVerdict } from './deletion-verdict.js';
import { EventLog } from './event-log.js';
import { explainingContainers, type ContainerRef } from './explaining-containers.js';
import { FailureLedger } from './failure-ledger.js';
import type { InformerRouter } from './informer-router.js';
import { LogFilter } from './log-filter.js';
import { noLogs, type ResourceLogs, type ResourceLogsFactory } from './resource-logs.js';
import type { RouterPool } from './router-pool.js';
import { sameOutcome, type TrackerOutcome } from './tracker-outcome.js';
import type { TrackerSnapshot } from './tracker-snapshot.js';
import { undeclaredCode } from './undeclared-code.js';

export interface ResourceTrackerOptions {
  spec: TrackSpec;
  resource: ResourceId;
  kind: ResourceKind;
  plugin: TrackerPlugin;
  pool: RouterPool;
  clock: () => number;
  startedAt: number;
  schedulingGracePeriodMs: number;
  follow: boolean;
  logs: ResourceLogsFactory;
  logTailLines: number;
  logsSinceTime: string | undefined;
  emit(message: TrackMessage): void;
  /** Called whenever `candidate` changes (a new ready/failed conclusion, or none). */
  onCandidate(tracker: ResourceTracker): void;
  /** A bug, not the resource's fault (the plugin threw): ends the run with an internal error. */
  onInternalError(error: unknown): void;
  /** Logs cannot be read (RBAC on pods/log): ends the run with that program error, as a watch's 403 does. */
  onFatalError(error: Error): void;
}

/** How long a failure decided from a status waits for the Warning event that explains it. */
const EXPLAIN_GRACE_MS = 1_000;
/**
 * The longest the end of log streaming waits for children the object's status counts but the
 * cache has not delivered (Verdict.childrenBehind). Each kind has its own watch, and nothing
 * orders one stream against another, so no event says "the pods have caught up" other than the
 * pods themselves arriving; this bounds the wait for a pod watch that is reconnecting.
 */
const CHILDREN_CATCH_UP_MS = 5_000;

/**
 * Tracks one resource: keeps the latest object (its children in a ChildSet, the events about
 * them in an EventLog), re-evaluates the plugin when any of it changes (coalesced), counts
 * failures, follows logs, and reports a candidate outcome to the run. The run decides which
 * candidate becomes the outcome (`settle`); nothing else writes a tracker's state.
 */
export class ResourceTracker {
  readonly spec: TrackSpec;
  readonly resource: ResourceId;
  readonly kind: ResourceKind;

  private readonly options: ResourceTrackerOptions;
  private readonly ledger: FailureLedger;
  private readonly logs: ResourceLogs;
  private readonly logFilter: LogFilter;
  private readonly children: ChildSet;
  private readonly events: EventLog;
  private readonly objectRouter: InformerRouter;
  private object: KubeObject | undefined;
  private objectSynced = false;
  private everSeen = false;
  private deleted = false;
  private lastVerdict: Verdict | undefined;
  private currentCandidate: TrackerOutcome | undefined;
  private finalOutcome: TrackerOutcome | undefined;
  private activityAt: number;
  private unsubscribeObject: (() => void) | undefined;
  private evaluationScheduled = false;
  private recheckTimer: Timer | undefined;
  private stopped = false;
  /** Set once the log streams are closed: until then, lines still draining after stop() are shown. */
  private logsClosed = false;
  private stopping: Promise<void> | undefined;
  private logsFinished: Promise<void> | undefined;
  /** Set while finishing logs waits for children the status counts (see childrenCaughtUp). */
  private catchingUp: (() => void) | undefined;
  private lastStatusKey = '';

  constructor(options: ResourceTrackerOptions) {
    this.options = options;
    this.spec = options.spec;
    this.resource = options.resource;
    this.kind = options.kind;
    this.activityAt = options.startedAt;
    this.ledger = new FailureLedger(options.spec.allowFailuresCount, options.spec.failureThresholdSeconds * 1000);
    this.logFilter = new LogFilter(options.spec);
    const logsOptions = {
      onLine: (source: ContainerRef, line: { text: string; timestamp?: string }) => this.onLogLine(source, line.text, line.timestamp),
      tailLines: options.logTailLines,
      onError: (error: Error) =>
        options.onFatalError(toProgramError(error, { verb: 'get', resource: 'pods/log', ...(options.resource.namespace ? { namespace: options.resource.namespace } : {}) }) ?? error),
      ...(options.logsSinceTime ? { sinceTime: options.logsSinceTime } : {}),
      ...(options.spec.logsReplicas === undefined ? {} : { replicas: options.spec.logsReplicas }),
    };
    this.logs = (options.spec.skipLogs ? noLogs : options.logs)(logsOptions);
    this.objectRouter = options.pool.router(options.kind, options.resource.namespace);
    this.events = new EventLog({
      source: options.pool.events(options.resource.namespace ?? 'default'),
      startedAt: options.startedAt,
      onEvent: (event, announce) => this.onKubeEvent(event, announce),
    });
    this.children = new ChildSet({
      routerFor: (kind) => options.pool.router(kind, options.resource.namespace),
      onChange: (activity) => {
        if (activity) this.touch();
        this.schedule();
      },
      onAppear: (child) => this.events.watch(child, false),
      onDrop: (child) => this.events.unwatch(child),
    });
  }

  /** What the tracker concludes now; the run decides whether it becomes the outcome. */
  get candidate(): TrackerOutcome | undefined {
    return this.currentCandidate;
  }

  /** The final outcome, once the run settled it; the tracker then stops watching. */
  get outcome(): TrackerOutcome | undefined {
    return this.finalOutcome;
  }

  get verdict(): Verdict | undefined {
    return this.lastVerdict;
  }

  /** The object has existed at some point while tracked. */
  get seen(): boolean {
    return this.everSeen;
  }

  /** The last change to the object, its children or their events (for noActivityTimeout). */
  get lastActivityAt(): number {
    return this.activityAt;
  }

  get shortName(): string {
    return shortResourceName(this.kind, this.resource.name);
  }

  /** Makes `outcome` final; false when it already was. */
  settle(outcome: TrackerOutcome): boolean {
    if (this.finalOutcome) return false;
    this.finalOutcome = outcome;
    return true;
  }

  snapshot(): TrackerSnapshot {
    const tracker = this;
    // events and logs are read only for what the report explains (not a ready resource): at
    // N=2000 building them all was ~14 ms of the verdict's latency.
    return {
      spec: this.spec,
      resource: this.resource,
      shortName: this.shortName,
      outcome: this.finalOutcome,
      verdict: this.lastVerdict,
      get events() {
        return tracker.events.list();
      },
      get logs() {
        return tracker.explainingContainers().map((ref) => ({ ...ref, tail: tracker.logs.tail(ref.pod, ref.container) }));
      },
    };
  }

  start(): void {
    this.unsubscribeObject = this.objectRouter.watchName(this.resource.name, (event) => this.onObjectEvent(event));
    if (this.objectRouter.synced) {
      this.objectSynced = true;
      const existing = this.objectRouter.informer.get(this.resource.name);
      if (existing) this.setObject(existing);
    }
    this.schedule();
  }

  /** Shows what the containers printed up to now, then stops following logs; the run announces the verdict after it. */
  finishLogs(): Promise<void> {
    this.logsFinished ??= this.childrenCaughtUp().then(() => this.logs.finish());
    return this.logsFinished;
  }

  /**
   * Resolves once the verdict no longer says children are behind (or after CHILDREN_CATCH_UP_MS):
   * a Deployment's "available" can arrive before its pods do, and the pods the collector has not
   * been told about would otherwise end the run without their lines. Each child change re-judges,
   * for the log sources only: the outcome is settled already.
   */
  private childrenCaughtUp(): Promise<void> {
    if (!this.lastVerdict?.childrenBehind || this.spec.skipLogs) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = startTimer(() => done(), CHILDREN_CATCH_UP_MS, { unref: true });
      const done = (): void => {
        timer.cancel();
        this.catchingUp = undefined;
        resolve();
      };
      this.catchingUp = () => {
        const verdict = this.judge(this.options.clock());
        if (!verdict) return done();
        this.lastVerdict = verdict;
        this.followLogSources(verdict);
        if (!verdict.childrenBehind) done();
      };
    });
  }

  /** Stops watching and following logs; `finish` lets open log streams deliver their last lines first. */
  stop(options: { finishLogs: boolean } = { finishLogs: false }): Promise<void> {
    // Later callers (the run's finish) wait for the first stop, including its grace periods.
    this.stopping ??= this.stopOnce(options);
    return this.stopping;
  }

  private async stopOnce(options: { finishLogs: boolean }): Promise<void> {
    this.stopped = true;
    this.recheckTimer?.cancel();
    const failed = this.finalOutcome?.kind === 'failed';
    if (options.finishLogs) {
      const explainAt = this.finalOutcome?.kind === 'failed' ? this.finalOutcome.failure?.object : undefined;
      await Promise.all([explainAt && this.events.waitForWarningAbout(explainAt, EXPLAIN_GRACE_MS), this.finishLogs()]);
    } else {
      this.logs.stop();
    }
    this.unsubscribeObject?.();
    this.children.close();
    this.events.close();
    if (options.finishLogs && failed) await this.explainLogs();
    this.logsClosed = true;
  }

  /** The failing containers' tails, including what logs-since kept out of the stream. */
  private async explainLogs(): Promise<void> {
    const explain = this.logs.explain?.bind(this.logs);
    if (!explain) return;
    const namespace = this.resource.namespace ?? 'default';
    const work = Promise.all(this.explainingContainers().map((t) => explain(namespace, t.pod, t.container)));
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, EXPLAIN_GRACE_MS * 2).unref())]);
  }

  /** The containers named by the counted, current and deciding failures, else the followed ones. */
  private explainingContainers(): ContainerRef[] {
    const failures = [
      ...this.ledger.failures(),
      ...(this.lastVerdict?.failures ?? []),
      ...(this.finalOutcome?.kind === 'failed' && this.finalOutcome.failure ? [this.finalOutcome.failure] : []),
    ];
    return explainingContainers(failures, this.logFilter.sources(this.lastVerdict?.logSources ?? []));
  }

  /**
   * Re-evaluates soon; bursts of watch events collapse into one evaluation. Once the outcome is
   * settled, only the catch-up of log sources runs, while it waits (see childrenCaughtUp).
   */
  schedule(): void {
    if (this.evaluationScheduled || (this.stopped && !this.catchingUp)) return;
    this.evaluationScheduled = true;
    setImmediate(() => {
      this.evaluationScheduled = false;
      if (this.catchingUp) this.catchingUp();
      else if (!this.stopped) this.evaluate();
    });
  }

  /** The collector follows the pods the verdict names, through the spec's log filter. */
  private followLogSources(verdict: Verdict): void {
    this.logs.update(this.resource.namespace ?? 'default', this.logFilter.sources(verdict.logSources ?? []));
  }

  private onObjectEvent(event: InformerEvent): void {
    if (event.type === 'synced') {
      if (!this.objectSynced) {
        this.objectSynced = true;
        this.schedule();
      }
      return;
    }
    this.touch();
    if (event.type === 'deleted') {
      if (this.object && event.object.metadata.uid !== this.object.metadata.uid) return;
      this.object = undefined;
      if (this.everSeen) this.deleted = true;
      this.children.sync([]);
      this.schedule();
      return;
    }
    if (this.deleted && !this.options.follow) return;
    this.deleted = false;
    this.setObject(event.object);
    this.schedule();
  }

  private setObject(object: KubeObject): void {
    const first = !this.everSeen;
    this.object = object;
    this.everSeen = true;
    if (first) this.emit({ type: 'added', ...this.routine() });
    this.events.watch(object, true);
    this.children.sync(this.options.plugin.children?.(object) ?? []);
  }

  private onKubeEvent(event: KubeEvent, announce: boolean): void {
    this.touch();
    if (announce && !this.spec.skipEvents) this.emit({ type: 'event', event, ...(event.type === 'Normal' ? this.routine() : {}) });
    this.schedule();
  }

  private onLogLine(source: ContainerRef, text: string, timestamp: string | undefined): void {
    // Not `stopped`: finish() lets open streams deliver what the containers printed before the verdict.
    if (this.logsClosed || !this.logFilter.shows(source.container, text)) return;
    this.emit({ type: 'log', pod: source.pod, container: source.container, line: text, ...(timestamp ? { timestamp } : {}) });
  }

  private touch(): void {
    this.activityAt = this.options.clock();
  }

  private evaluate(): void {
    // Until the first LIST is in, "absent" would only mean "not loaded yet". Likewise for
    // children: a Deployment already available at the start would otherwise be judged (and its
    // logs finished) before its pods are known.
    if (!this.objectSynced || !this.children.synced) return;
    const now = this.options.clock();
    const verdict = this.judge(now);
    if (!verdict) return;
    this.lastVerdict = verdict;
    this.emitStatusIfChanged(verdict);
    this.followLogSources(verdict);

    const ledger = this.ledger.observe(verdict.failures ?? [], now);
    for (const failure of ledger.newlyCounted) {
      // A failure that decides the outcome at once is said once, by the `failed` message that follows.
      if (failure.permanent && ledger.decisive) continue;
      this.emit({ type: 'failure', failure, count: this.ledger.count, allowed: this.ledger.allowed });
    }
    const recheckAt = Math.min(
      verdict.recheckAfterMs !== undefined ? now + verdict.recheckAfterMs : Infinity,
      ledger.recheckAt ?? Infinity,
    );
    this.recheckTimer?.cancel();
    if (Number.isFinite(recheckAt)) {
      // A huge failureThresholdSeconds must not become a 1 ms re-evaluation loop.
      this.recheckTimer = startTimer(() => this.schedule(), recheckAt - now, { unref: true });
    }

    const candidate = conclude(
      verdict,
      { decisive: ledger.decisive, count: this.ledger.count, allowed: this.ledger.allowed },
      { deleted: this.deleted && !this.object && this.spec.for !== 'delete', shortName: this.shortName, at: now },
    );
    const before = this.currentCandidate;
    this.currentCandidate = candidate;
    if (!sameOutcome(before, candidate)) this.options.onCandidate(this);
  }

  /** The plugin's verdict (core's own for `for: delete`); undefined when the plugin is at fault. */
  private judge(now: number): Verdict | undefined {
    const context: EvaluateContext = {
      now,
      trackingStartedAt: this.options.startedAt,
      schedulingGracePeriodMs: this.options.schedulingGracePeriodMs,
      options: this.spec.pluginOptions ?? {},
    };
    const children = this.children.snapshot();
    const { plugin } = this.options;
    let verdict: Verdict;
    try {
      verdict =
        this.spec.for === 'delete'
          ? deletionVerdict(this.shortName, this.object, children)
          : plugin.evaluate({ object: this.object, children, events: this.events.list() }, context);
    } catch (error) {
      const message = `plugin ${plugin.name} threw while evaluating ${this.shortName}: ${(error as Error)?.message ?? String(error)}`;
      this.options.onInternalError(new Error(message, { cause: error }));
      return undefined;
    }
    const unknownCode = undeclaredCode(verdict, plugin);
    if (unknownCode !== undefined) {
      const declared = `declare it in the plugin's codes, or use one of ${ROLLOUT_ERROR_CODES.join(', ')}`;
      this.options.onInternalError(
        new Error(`plugin ${plugin.name} reported an unknown error code ${JSON.stringify(unknownCode)} for ${this.shortName} (${declared})`),
      );
      return undefined;
    }
    if (this.spec.for !== 'delete' && (verdict.absent || !this.object)) {
      // Plugins see no object to name; core knows which one it is waiting for.
      const where = this.resource.namespace ? ` in namespace ${this.resource.namespace}` : '';
      verdict = { ...verdict, absent: true, message: `${this.shortName} does not exist yet${where}` };
    }
    return verdict;
  }

  private emitStatusIfChanged(verdict: Verdict): void {
    const status = {
      state: verdict.state,
      message: verdict.message,
      waitingFor: verdict.waitingFor ?? [],
      progress: verdict.progress ?? {},
      pods: verdict.pods ?? [],
      ...(verdict.blocked ? { blocked: verdict.blocked } : {}),
    };
    const key = JSON.stringify(status);
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.emit({ type: 'status', ...status });
  }

  /** kubedog's showServiceMessages, per resource: routine messages are flagged quiet unless asked for. */
  private routine(): { quiet?: true } {
    return this.spec.showServiceMessages ? {} : { quiet: true };
  }

  private emit(message: DistributiveOmit<TrackMessage, 'time' | 'resource'>): void {
    this.options.emit({ ...message, time: new Date(this.options.clock()).toISOString(), resource: this.resource } as TrackMessage);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
