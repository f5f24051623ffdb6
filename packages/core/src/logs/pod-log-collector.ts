import type { LogTailSnapshot, ResourceLogs, ResourceLogsFactory, ResourceLogsOptions } from '../multitrack/resource-logs.js';
import type { LogSource } from '../plugin.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { ContainerLogFollower } from './container-log-follower.js';
import { ContainerLogHistory } from './container-log-history.js';
import { fetchPreviousLogs } from './fetch-previous-logs.js';
import { ExcerptBuffer } from './excerpt-buffer.js';
import type { ContainerLogLine } from './container-log-line.js';
import type { LogLineSource } from './log-line-source.js';
import { LogReplicaSelection, type LogsReplicas } from './log-replica-selection.js';
import type { RetryOptions } from '../transport/retry.js';

export interface PodLogCollectorOptions {
  /** Each line, once, in each container's order. */
  onLine(source: LogLineSource, line: ContainerLogLine): void;
  /** The first error that stops log streaming (403 on pods/log, 401 after a credential refresh). */
  onError?(error: Error): void;
  /**
   * RFC3339: hides older lines of containers already running at the first `update` (logs-since).
   * Instances that start later are read from their beginning.
   */
  sinceTime?: string;
  /** Pods per controller whose logs are followed (see LogReplicaSelection). Default 3. */
  replicas?: LogsReplicas;
  /** Lines kept per container instance for `tail`. Default 20. */
  tailLines?: number;
  /** At most this many lines are fetched from an instance that was missed. Default 500. */
  previousTailLines?: number;
  retry?: RetryOptions;
  idleTimeoutMs?: number;
  maxLineLength?: number;
  endOfStreamGraceMs?: number;
  /** How long an exited instance's stream may take to finish once a newer instance runs. Default 2 s. */
  drainTimeoutMs?: number;
  /** Upper bound on `finish()`, for a log server that stops answering. Default 5 s. */
  finishTimeoutMs?: number;
  /** Pods that left the sources keep their tail and read position, up to this many containers. Default 64. */
  retainedContainers?: number;
}

export type PodLogCollectorTuning = Omit<PodLogCollectorOptions, 'onLine' | 'sinceTime' | 'tailLines' | 'replicas'>;

/**
 * The pod logs of one tracked resource. The scheduler passes the resource's current log
 * sources on every verdict; the collector follows each started container (init containers
 * too) of the pods LogReplicaSelection picks through restarts, stops following pods that leave the set, and keeps a bounded tail
 * of each container for failure reports.
 */
export class PodLogCollector implements ResourceLogs {
  /** By pod UID and container: a pod re-created under the same name is a different pod. */
  private readonly followers = new Map<string, ContainerLogFollower>();
  /**
   * Where the log of a retired follower dropped beyond retainedContainers stood, without its
   * tail: a pod can leave the sources and come back (while it is deleted, in a big scale-down),
   * and must not show its lines again. A few hundred bytes each, the oldest dropped past the cap.
   */
  private readonly forgotten = new Map<string, ContainerLogHistory>();
  private updates = 0;
  private errorReported = false;
  private stopped = false;
  private readonly replicas: LogReplicaSelection;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: PodLogCollectorOptions,
  ) {
    this.replicas = new LogReplicaSelection(options.replicas);
  }

  update(namespace: string, sources: readonly LogSource[]): void {
    if (this.stopped) return;
    const atTrackingStart = this.updates++ === 0;
    const listed = new Set<string>();
    for (const source of this.replicas.select(sources)) {
      const key = `${source.podUid || source.pod}/${source.container}`;
      listed.add(key);
      const existing = this.followers.get(key);
      if (existing?.active) {
        existing.update(source);
        continue;
      }
      this.followers.delete(key);
      const history = existing?.history ?? this.forgotten.get(key);
      this.forgotten.delete(key);
      this.followers.set(key, this.follow(namespace, source, history, atTrackingStart));
    }
    for (const [key, follower] of this.followers) {
      if (!listed.has(key)) follower.stop();
    }
    this.forgetOldRetired();
  }

  tail(pod: string, container: string): LogTailSnapshot {
    const found = this.findFollower(pod, container);
    if (!found) return { current: [] };
    const { current, previous } = found.history;
    return { current: current.toArray(), ...(previous ? { previous: previous.toArray() } : {}) };
  }

  async explain(namespace: string, pod: string, container: string): Promise<void> {
    const follower = this.findFollower(pod, container);
    const history = follower?.history;
    if (!follower || !history) return;
    const tailLines = history.tailLines;
    const fetch = async (previous: boolean) => {
      try {
        const lines = await fetchPreviousLogs(this.transport, { namespace, pod, container, tailLines, previous });
        return lines.map((line) => line.text);
      } catch {
        return []; // 400: no such instance; anything else: the report just has less to show
      }
    };
    const [previous, current] = await Promise.all([
      history.previous?.size ? Promise.resolve([]) : fetch(true),
      // A stream still open keeps filling the current tail; replacing it would repeat lines.
      follower.active || history.current.size >= tailLines ? Promise.resolve([]) : fetch(false),
    ]);
    if (previous.length > 0) history.previous = ExcerptBuffer.of(tailLines, previous);
    if (current.length > history.current.size) history.current = ExcerptBuffer.of(tailLines, current);
  }

  /**
   * Shows what the containers printed up to now, then stops: every follower stops its stream
   * and catches up with one plain read per instance (see ContainerLogFollower.finish).
   */
  async finish(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const abort = new AbortController();
    // Each read is one round-trip that a kubelet answers at once; only a hung server needs a bound.
    const deadline = setTimeout(() => abort.abort(), this.options.finishTimeoutMs ?? 5000);
    try {
      await Promise.all([...this.followers.values()].map((follower) => follower.finish(abort.signal)));
    } finally {
      clearTimeout(deadline);
      this.stop();
    }
  }

  stop(): void {
    this.stopped = true;
    for (const follower of this.followers.values()) follower.stop();
  }

  private follow(
    namespace: string,
    source: LogSource,
    history: ContainerLogHistory | undefined,
    atTrackingStart: boolean,
  ): ContainerLogFollower {
    const { retry, idleTimeoutMs, maxLineLength, endOfStreamGraceMs } = this.options;
    const alreadyRunning = atTrackingStart && source.started;
    return new ContainerLogFollower(this.transport, {
      namespace,
      source,
      history:
        history ??
        new ContainerLogHistory(this.options.tailLines ?? 20, alreadyRunning ? this.options.sinceTime : undefined),
      onLine: this.options.onLine,
      onError: (error) => this.reportOnce(error),
      // Earlier instances ran after tracking began when the container had not started at its
      // first sighting (a pod first seen after tracking began may have crashed in between); at
      // tracking start, logs-since (the cursor's notBefore) decides which of them to show.
      recoverEarlierInstances: !alreadyRunning || this.options.sinceTime !== undefined,
      previousTailLines: this.options.previousTailLines ?? 500,
      drainTimeoutMs: this.options.drainTimeoutMs ?? 2000,
      ...(retry === undefined ? {} : { retry }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      ...(maxLineLength === undefined ? {} : { maxLineLength }),
      ...(endOfStreamGraceMs === undefined ? {} : { endOfStreamGraceMs }),
    });
  }

  private findFollower(pod: string, container: string): ContainerLogFollower | undefined {
    let found: ContainerLogFollower | undefined;
    for (const follower of this.followers.values()) {
      if (follower.pod !== pod || follower.container !== container) continue;
      if (!found || follower.active || !found.active) found = follower;
    }
    return found;
  }

  private reportOnce(error: Error): void {
    if (this.errorReported) return;
    this.errorReported = true;
    this.options.onError?.(error);
  }

  /** Map order is insertion order, and a follower is (re)inserted when it starts: oldest first. */
  private forgetOldRetired(): void {
    const retired = [...this.followers.values()].filter((follower) => !follower.active).length;
    let excess = retired - (this.options.retainedContainers ?? 64);
    for (const [key, follower] of this.followers) {
      if (excess <= 0) break;
      if (follower.active) continue;
      this.followers.delete(key);
      const { history } = follower;
      history.current = new ExcerptBuffer(history.tailLines);
      history.previous = undefined;
      this.forgotten.set(key, history);
      excess--;
    }
    for (const key of this.forgotten.keys()) {
      if (this.forgotten.size <= FORGOTTEN_CURSORS) break;
      this.forgotten.delete(key);
    }
  }
}

const FORGOTTEN_CURSORS = 4096;

/** Plugs pod log streaming into the scheduler: one collector per tracked resource. */
export function podLogCollectorFactory(transport: KubeTransport, tuning: PodLogCollectorTuning = {}): ResourceLogsFactory {
  return (options: ResourceLogsOptions) => new PodLogCollector(transport, { ...tuning, ...options });
}
