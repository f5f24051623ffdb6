import { ROLLOUT_ERROR_CODES, type RolloutErrorCode } from '../error-code.js';
import { kubeEventFrom } from '../kube-event-from.js';
import { compileLogRegex, type LogRegex } from '../log-regex.js';
import { startTimer, type Timer } from '../timer.js';
import { toProgramError } from '../transport/to-program-error.js';
import type { KubeEvent, KubeObject, LabelSelector } from '../kube-object.js';
import { failureSubject, type ChildQuery, type EvaluateContext, type Failure, type LogSource, type TrackerPlugin, type Verdict } from '../plugin.js';
import type { ResourceId } from '../resource-id.js';
import type { ResourceKind } from '../resource-kind.js';
import type { TrackMessage } from '../track-message.js';
import type { TrackSpec } from '../track-spec.js';
import type { InformerEvent } from '../watch/shared-informer.js';
import { deletionVerdict } from './deletion-verdict.js';
import { FailureLedger } from './failure-ledger.js';
import { sharedCauseSuffix } from './shared-cause.js';
import type { InformerRouter } from './informer-router.js';
import type { ResourceLogs, ResourceLogsFactory } from './resource-logs.js';
import type { RouterPool } from './router-pool.js';

/** What a tracker concluded; the run decides what it means under the spec's fail mode. */
export type TrackerOutcome =
  | { kind: 'ready'; message: string; at: number }
  | { kind: 'failed'; code: RolloutErrorCode; message: string; at: number; failure?: Failure; hint?: string };

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

interface ChildWatch {
  signature: string;
  query: ChildQuery;
  objects: Map<string, KubeObject>;
  /** The first LIST of the children's informer is in: until then, no children means "not loaded yet". */
  synced: boolean;
  unsubscribe: () => void;
}

/** Events kept per resource; older ones are dropped, newest kept (they explain the present). */
const MAX_EVENTS = 200;
/** Events a moment older than the tracking start still belong to this rollout (kubectl apply ran just before). */
const EVENT_LOOKBACK_MS = 2_000;
/** How long a failure decided from a status waits for the Warning event that explains it. */
const EXPLAIN_GRACE_MS = 1_000;

/**
 * Tracks one resource: keeps the latest snapshot of the object, its children and their events
 * from the shared watches, re-evaluates the plugin when any of it changes (coalesced), counts
 * failures, follows logs, and reports a candidate outcome to the run.
 */
export class ResourceTracker {
  readonly spec: TrackSpec;
  readonly resource: ResourceId;
  readonly kind: ResourceKind;
  candidate: TrackerOutcome | undefined;
  verdict: Verdict | undefined;
  seen = false;
  deleted = false;
  /** Set by the run once the outcome is final; the tracker then stops watching. */
  settled: TrackerOutcome | undefined;
  lastActivityAt: number;

  private readonly options: ResourceTrackerOptions;
  private readonly ledger: FailureLedger;
  private readonly logs: ResourceLogs;
  private readonly logRegex: LogRegex | undefined;
  private readonly logRegexByContainer: Map<string, LogRegex>;
  private object: KubeObject | undefined;
  private objectSynced = false;
  private readonly children = new Map<string, ChildWatch>();
  private readonly eventWatches = new Map<string, () => void>();
  private readonly events = new Map<string, KubeEvent>();
  private readonly emittedEventCounts = new Map<string, number>();
  private readonly eventWaiters = new Set<() => unknown>();
  private readonly objectRouter: InformerRouter;
  private readonly eventsRouter: InformerRouter;
  private unsubscribeObject: (() => void) | undefined;
  private evaluationScheduled = false;
  private recheckTimer: Timer | undefined;
  private stopped = false;
  /** Set once the log streams are closed: until then, lines still draining after stop() are shown. */
  private logsClosed = false;
  private stopping: Promise<void> | undefined;
  private logsFinished: Promise<void> | undefined;
  private lastStatusKey = '';
  private lastState: Verdict['state'] | undefined;

  constructor(options: ResourceTrackerOptions) {
    this.options = options;
    this.spec = options.spec;
    this.resource = options.resource;
    this.kind = options.kind;
    this.lastActivityAt = options.startedAt;
    this.ledger = new FailureLedger(options.spec.allowFailuresCount, options.spec.failureThresholdSeconds * 1000);
    this.logRegex = options.spec.logRegex ? compileLogRegex(options.spec.logRegex) : undefined;
    this.logRegexByContainer = new Map(
      Object.entries(options.spec.logRegexByContainerName ?? {}).map(([c, r]) => [c, compileLogRegex(r)]),
    );
    this.logs = options.spec.skipLogs
      ? { update() {}, tail: () => ({ current: [] }), finish: async () => {}, stop() {} }
      : options.logs({
          onLine: (source, line) => this.onLogLine(source.pod, source.container, line.text, line.timestamp),
          tailLines: options.logTailLines,
          onError: (error) =>
            options.onFatalError(toProgramError(error, { verb: 'get', resource: 'pods/log', ...(options.resource.namespace ? { namespace: options.resource.namespace } : {}) }) ?? error),
          ...(options.logsSinceTime ? { sinceTime: options.logsSinceTime } : {}),
        });
    this.objectRouter = options.pool.router(options.kind, options.resource.namespace);
    this.eventsRouter = options.pool.events(options.resource.namespace ?? 'default');
  }

  get failuresCounted(): number {
    return this.ledger.count;
  }

  /** The pods' containers that the counted, current and deciding failures name, once each. */
  failingContainers(): { pod: string; container: string }[] {
    const failures = [
      ...this.ledger.failures(),
      ...(this.verdict?.failures ?? []),
      ...(this.settled?.kind === 'failed' && this.settled.failure ? [this.settled.failure] : []),
    ];
    const containers = new Map<string, { pod: string; container: string }>();
    for (const failure of failures) {
      const { kind, name: pod, container } = failureSubject(failure);
      if (kind !== 'Pod' || !container) continue;
      containers.set(`${pod}/${container}`, { pod, container });
    }
    return [...containers.values()];
  }

  relevantEvents(): KubeEvent[] {
    return sortEvents([...this.events.values()]);
  }

  logTail(pod: string, container: string) {
    return this.logs.tail(pod, container);
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
    this.logsFinished ??= this.logs.finish();
    return this.logsFinished;
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
    // A kubelet writes the pod status a moment before the Warning event that explains it;
    // a failure decided from the status waits briefly for that event so the report has it.
    const explainAt = this.settled?.kind === 'failed' ? this.settled.failure?.object : undefined;
    if (options.finishLogs) {
      const explainingEvent =
        explainAt && !this.hasWarningAbout(explainAt) ? this.waitForWarningAbout(explainAt, EXPLAIN_GRACE_MS) : undefined;
      await Promise.all([explainingEvent, this.finishLogs()]);
    } else {
      this.logs.stop();
    }
    this.unsubscribeObject?.();
    for (const child of this.children.values()) child.unsubscribe();
    this.children.clear();
    for (const unsubscribe of this.eventWatches.values()) unsubscribe();
    this.eventWatches.clear();
    if (options.finishLogs && this.settled?.kind === 'failed') await this.explainLogs();
    this.logsClosed = true;
  }

  /** The failing containers' tails, including what logs-since kept out of the stream. */
  private async explainLogs(): Promise<void> {
    const explain = this.logs.explain?.bind(this.logs);
    if (!explain) return;
    const targets = new Map(this.failingContainers().map((t) => [`${t.pod}/${t.container}`, t]));
    if (targets.size === 0) {
      // A terminal verdict without a container failure (a failed Job): its exited containers explain it.
      for (const source of (this.verdict?.logSources ?? []).filter((s) => s.terminated).slice(-5)) {
        targets.set(`${source.pod}/${source.container}`, { pod: source.pod, container: source.container });
      }
    }
    const namespace = this.resource.namespace ?? 'default';
    const work = Promise.all([...targets.values()].map((t) => explain(namespace, t.pod, t.container)));
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, EXPLAIN_GRACE_MS * 2).unref())]);
  }

  private hasWarningAbout(object: string): boolean {
    return [...this.events.values()].some((event) => event.type === 'Warning' && event.object === object);
  }

  private waitForWarningAbout(object: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const check = () => this.hasWarningAbout(object) && done();
      this.eventWaiters.add(check);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => this.eventWaiters.clear());
  }

  /** Re-evaluates soon; bursts of watch events collapse into one evaluation. */
  schedule(): void {
    if (this.evaluationScheduled || this.stopped) return;
    this.evaluationScheduled = true;
    setImmediate(() => {
      this.evaluationScheduled = false;
      if (!this.stopped) this.evaluate();
    });
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
      if (this.seen) this.deleted = true;
      this.syncChildren();
      this.schedule();
      return;
    }
    if (this.deleted && !this.options.follow) return;
    this.deleted = false;
    this.setObject(event.object);
    this.schedule();
  }

  private setObject(object: KubeObject): void {
    const first = !this.seen;
    this.object = object;
    this.seen = true;
    if (first) this.emit({ type: 'added', ...this.routine() });
    this.watchEventsOf(object);
    this.syncChildren();
  }

  private syncChildren(): void {
    const queries = this.object ? (this.options.plugin.children?.(this.object) ?? []) : [];
    const wanted = new Map(queries.map((q) => [q.key, q]));
    for (const [key, watch] of this.children) {
      const query = wanted.get(key);
      if (!query || childSignature(query) !== watch.signature) {
        watch.unsubscribe();
        this.children.delete(key);
        for (const object of watch.objects.values()) this.unwatchEventsOf(object);
      }
    }
    for (const query of queries) {
      if (this.children.has(query.key)) continue;
      this.watchChildren(query);
    }
  }

  private watchChildren(query: ChildQuery): void {
    const router = this.options.pool.router(query.kind, this.resource.namespace);
    const watch: ChildWatch = {
      signature: childSignature(query),
      query,
      objects: new Map(),
      synced: false,
      unsubscribe: () => {},
    };
    this.children.set(query.key, watch);
    watch.unsubscribe = router.watchSelector(query.selector as LabelSelector | undefined, (event) => {
      if (event.type === 'synced') {
        watch.synced = true;
        return this.schedule();
      }
      this.touch();
      const uid = uidOf(event.object);
      if (event.type === 'deleted') {
        watch.objects.delete(uid);
      } else {
        if (!watch.objects.has(uid)) this.watchEventsOf(event.object);
        watch.objects.set(uid, event.object);
      }
      this.schedule();
    });
    if (router.synced) {
      watch.synced = true;
      for (const object of router.matching(query.selector)) {
        watch.objects.set(uidOf(object), object);
        this.watchEventsOf(object);
      }
    }
  }

  private watchEventsOf(object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid || this.eventWatches.has(uid)) return;
    const since = this.eventsSince(object);
    const accept = (eventObject: KubeObject) => this.onKubeEvent(eventObject, since);
    this.eventWatches.set(
      uid,
      this.eventsRouter.watchKey(uid, (event) => {
        if (event.type === 'added' || event.type === 'modified') accept(event.object);
      }),
    );
    for (const existing of this.eventsRouter.objectsWithKey(uid)) accept(existing);
  }

  private unwatchEventsOf(object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    this.eventWatches.get(uid)?.();
    this.eventWatches.delete(uid);
  }

  /** Events count from the tracking start; for children created just before it (by the apply), from their creation. */
  private eventsSince(object: KubeObject): number {
    const start = this.options.startedAt - EVENT_LOOKBACK_MS;
    if (object === this.object || object.metadata.uid === this.object?.metadata.uid) return start;
    const created = Date.parse(object.metadata.creationTimestamp ?? '');
    return Number.isNaN(created) ? start : Math.min(start, created - EVENT_LOOKBACK_MS);
  }

  private onKubeEvent(object: KubeObject, since: number): void {
    const event = kubeEventFrom(object);
    const last = Date.parse(event.lastTime ?? '');
    if (!Number.isNaN(last) && last < since) return;
    const known = this.events.get(event.uid);
    if (known && known.count === event.count && known.message === event.message) return;
    this.events.set(event.uid, event);
    if (this.events.size > MAX_EVENTS) {
      const oldest = sortEvents([...this.events.values()])[0];
      if (oldest) this.events.delete(oldest.uid);
    }
    this.touch();
    for (const waiter of this.eventWaiters) waiter();
    if (!this.spec.skipEvents && (this.emittedEventCounts.get(event.uid) ?? 0) < event.count) {
      this.emittedEventCounts.set(event.uid, event.count);
      this.emit({ type: 'event', event, ...(event.type === 'Normal' ? this.routine() : {}) });
    }
    this.schedule();
  }

  private onLogLine(pod: string, container: string, text: string, timestamp: string | undefined): void {
    // Not `stopped`: finish() lets open streams deliver what the containers printed before the verdict.
    if (this.logsClosed) return;
    const regex = this.logRegexByContainer.get(container) ?? this.logRegex;
    if (regex && !regex.test(text)) return;
    this.emit({ type: 'log', pod, container, line: text, ...(timestamp ? { timestamp } : {}) });
  }

  private touch(): void {
    this.lastActivityAt = this.options.clock();
  }

  private evaluate(): void {
    // Until the first LIST is in, "absent" would only mean "not loaded yet".
    if (!this.objectSynced) return;
    // Likewise for children: a Deployment already available at the start would otherwise be
    // judged (and its logs finished) before its pods are known.
    for (const watch of this.children.values()) if (!watch.synced) return;
    const now = this.options.clock();
    const context: EvaluateContext = {
      now,
      trackingStartedAt: this.options.startedAt,
      schedulingGracePeriodMs: this.options.schedulingGracePeriodMs,
      options: this.spec.pluginOptions ?? {},
    };
    const children = Object.fromEntries([...this.children].map(([key, watch]) => [key, [...watch.objects.values()]]));
    let verdict: Verdict;
    try {
      verdict =
        this.spec.for === 'delete'
          ? deletionVerdict(this.shortName, this.object, children)
          : this.options.plugin.evaluate({ object: this.object, children, events: this.relevantEvents() }, context);
    } catch (error) {
      const message = `plugin ${this.options.plugin.name} threw while evaluating ${this.shortName}: ${(error as Error)?.message ?? String(error)}`;
      return this.options.onInternalError(new Error(message, { cause: error }));
    }
    const unknownCode = undeclaredCode(verdict, this.options.plugin);
    if (unknownCode !== undefined) {
      const declared = `declare it in the plugin's codes, or use one of ${ROLLOUT_ERROR_CODES.join(', ')}`;
      return this.options.onInternalError(
        new Error(`plugin ${this.options.plugin.name} reported an unknown error code ${JSON.stringify(unknownCode)} for ${this.shortName} (${declared})`),
      );
    }
    if (this.spec.for !== 'delete' && (verdict.absent || !this.object)) {
      // Plugins see no object to name; core knows which one it is waiting for.
      const where = this.resource.namespace ? ` in namespace ${this.resource.namespace}` : '';
      verdict = { ...verdict, absent: true, message: `${this.shortName} does not exist yet${where}` };
    }
    this.verdict = verdict;
    this.emitStatusIfChanged(verdict);
    this.logs.update(this.resource.namespace ?? 'default', this.filterLogSources(verdict.logSources ?? []));

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

    this.setCandidate(this.conclude(verdict, this.withSharedCause(verdict, ledger.decisive), now));
  }

  private withSharedCause(verdict: Verdict, decisive: Failure | undefined): Failure | undefined {
    return decisive && { ...decisive, message: `${decisive.message}${sharedCauseSuffix(decisive, verdict.failures ?? [])}` };
  }

  /** Readiness wins over counted failures: a resource that recovered within its allowance is ready. */
  private conclude(verdict: Verdict, decisive: Failure | undefined, now: number): TrackerOutcome | undefined {
    if (this.deleted && !this.object && this.spec.for !== 'delete') {
      return { kind: 'failed', code: 'deleted', message: `${this.shortName} was deleted while being tracked`, at: now };
    }
    if (verdict.state === 'ready') return { kind: 'ready', message: verdict.message, at: now };
    if (verdict.state === 'failed') {
      return { kind: 'failed', code: verdict.code ?? 'failed', message: verdict.message, at: now, ...(verdict.hint ? { hint: verdict.hint } : {}) };
    }
    if (decisive) {
      const message =
        decisive.permanent || this.ledger.allowed === 0
          ? decisive.message
          : `${decisive.message} (${this.ledger.count} failures, ${this.ledger.allowed} allowed)`;
      return { kind: 'failed', code: decisive.code, message, at: now, failure: decisive, ...(decisive.hint ? { hint: decisive.hint } : {}) };
    }
    return undefined;
  }

  private setCandidate(candidate: TrackerOutcome | undefined): void {
    const before = this.candidate;
    this.candidate = candidate;
    if (before?.kind !== candidate?.kind || (before && candidate && !sameOutcome(before, candidate))) {
      this.options.onCandidate(this);
    }
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
    this.lastState = verdict.state;
  }

  private filterLogSources(sources: readonly LogSource[]): LogSource[] {
    const only = this.spec.showLogsOnlyForContainers;
    const skip = this.spec.skipLogsForContainers;
    return sources.filter((s) => (only.length === 0 || only.includes(s.container)) && !skip.includes(s.container));
  }

  get shortName(): string {
    return `${(this.kind.shortNames?.[0] ?? this.kind.kind).toLowerCase()}/${this.resource.name}`;
  }

  get state(): Verdict['state'] | undefined {
    return this.lastState;
  }

  get everSynced(): boolean {
    return this.objectSynced;
  }

  /** kubedog's showServiceMessages, per resource: routine messages are flagged quiet unless asked for. */
  private routine(): { quiet?: true } {
    return this.spec.showServiceMessages ? {} : { quiet: true };
  }

  private emit(message: DistributiveOmit<TrackMessage, 'time' | 'resource'>): void {
    this.options.emit({ ...message, time: new Date(this.options.clock()).toISOString(), resource: this.resource } as TrackMessage);
  }
}

/** A code the plugin did not declare: each failure gets exactly one known code, or it is a plugin bug. */
function undeclaredCode(verdict: Verdict, plugin: TrackerPlugin): string | undefined {
  const used = [...(verdict.state === 'failed' && verdict.code !== undefined ? [verdict.code] : []), ...(verdict.failures ?? []).map((f) => f.code)];
  return used.find((code) => !(ROLLOUT_ERROR_CODES as readonly string[]).includes(code) && !(plugin.codes ?? []).includes(code));
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function childSignature(query: ChildQuery): string {
  return JSON.stringify([query.kind.group, query.kind.version, query.kind.plural, query.selector ?? null]);
}

function uidOf(object: KubeObject): string {
  return object.metadata.uid ?? `${object.metadata.namespace}/${object.metadata.name}`;
}

function sortEvents(events: KubeEvent[]): KubeEvent[] {
  return events.sort((a, b) => (a.lastTime ?? '').localeCompare(b.lastTime ?? ''));
}

function sameOutcome(a: TrackerOutcome, b: TrackerOutcome): boolean {
  if (a.kind === 'failed' && b.kind === 'failed') return a.code === b.code && a.message === b.message;
  return a.kind === b.kind;
}
