import { setTimeout as sleep } from 'node:timers/promises';
import type { LogSource } from '../plugin.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { instanceOf, isSameInstance, type ContainerInstance } from './container-instance.js';
import type { ContainerLogHistory } from './container-log-history.js';
import type { ContainerLogLine } from './container-log-line.js';
import { followContainerLog, type ContainerLogStream, type ContainerLogStreamOptions } from './container-log-stream.js';
import { fetchPreviousLogs } from './fetch-previous-logs.js';
import { classifyLogRequestError } from './log-request-outcome.js';
import { mergeLogReads, type TaggedLogLine } from './merge-log-reads.js';
import { TRUNCATION_MARKER } from './log-line-splitter.js';
import type { LogLineSource } from './log-line-source.js';
import type { ExcerptBuffer } from './excerpt-buffer.js';
import { STOPPED } from '../stopped.js';

export interface ContainerLogFollowerOptions
  extends Pick<ContainerLogStreamOptions, StreamTuning> {
  namespace: string;
  source: LogSource;
  history: ContainerLogHistory;
  onLine(source: LogLineSource, line: ContainerLogLine): void;
  onError(error: Error): void;
  /**
   * Look for instances that ran before the first one followed (the pod appeared after
   * tracking started, and may have crashed before we saw it run).
   */
  recoverEarlierInstances: boolean;
  /** At most this many lines of a missed instance are fetched. */
  previousTailLines: number;
  /** How long an exited instance's stream may take to finish once a newer instance runs. */
  drainTimeoutMs: number;
}

type StreamTuning = 'retry' | 'idleTimeoutMs' | 'maxLineLength' | 'endOfStreamGraceMs';

/** Where the lines of one read go. */
interface ReadSink {
  label: LogLineSource;
  tail(): ExcerptBuffer | undefined;
}

/** Tail lines are for reports: a screenful each is plenty. */
const TAIL_LINE_LENGTH = 4096;

/**
 * Follows every instance of one container, one after another: a stream per instance;
 * when a restart supersedes it, the old stream drains to its end first; an instance that
 * was missed, or read only partly, is recovered with `previous=true`. One cursor across
 * all of them keeps each line unique, and the order of lines that of the container.
 */
export class ContainerLogFollower {
  private source: LogSource;
  private stream: { instance: ContainerInstance; stream: ContainerLogStream; ended: boolean } | undefined;
  private stopped = false;
  private readonly abort = new AbortController();
  private version = 0;
  private readonly waiters = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: ContainerLogFollowerOptions,
  ) {
    this.source = options.source;
    this.done = this.run().catch((error: unknown) => {
      this.options.onError(error instanceof Error ? error : new Error(String(error)));
    });
  }

  get history(): ContainerLogHistory {
    return this.options.history;
  }

  get pod(): string {
    return this.source.pod;
  }

  get container(): string {
    return this.source.container;
  }

  get active(): boolean {
    return !this.stopped;
  }

  update(source: LogSource): void {
    this.source = source;
    this.changed();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort(STOPPED);
    const current = this.stream;
    if (current && !current.ended) {
      // Recorded now, not when the stream's end arrives, so a follower taking over this
      // history right away resumes the instance instead of taking it for a new one.
      this.options.history.last = { instance: current.instance, end: { reason: 'stopped', complete: false } };
      current.stream.stop();
    }
    this.changed();
  }

  /**
   * Stops following, then reads with plain (non-follow) requests what the kubelet has that was
   * not shown yet: the instance the last status names and, when a restart may lie between,
   * the last exited one (`previous=true`), shown in timestamp order. A kubelet writes a container's output before its status
   * reports the exit, so after a status was seen one read per instance finds every line it
   * implies; no quiet spell to wait for. The shared cursor drops what a stream already showed.
   */
  async finish(signal: AbortSignal): Promise<void> {
    if (this.stopped) return;
    const source = this.source;
    const history = this.options.history;
    const streaming = this.stream;
    if (streaming && !streaming.ended && !streaming.stream.retrying && source.terminated && isSameInstance(streaming.instance, source)) {
      // A stream connected or connecting (not backing off) to the instance the status says
      // exited: the kubelet ends it after that instance's last line, the event to wait for.
      // Its request went out first, so it is the likeliest to have reached the kubelet before a
      // restart made it serve the next instance.
      streaming.stream.markTerminated();
      await Promise.race([streaming.stream.done, aborted(signal)]);
    }
    const open = this.stream && !this.stream.ended ? this.stream.instance : undefined;
    const followed = open ?? history.last?.instance;
    const sameInstance = followed !== undefined && isSameInstance(followed, source);
    const complete = open === undefined && sameInstance && history.last?.end.complete === true;
    this.stop();
    await Promise.race([this.done, aborted(signal)]);
    if (complete || signal.aborted) return;
    // pods/log names a container, not an instance: the kubelet may serve a newer instance than
    // the status we saw, so the last exited one is read too (see readInstances).
    const withPrevious = (source.restartCount > 0 || source.terminated) && (followed !== undefined || this.options.recoverEarlierInstances);
    const { restartCount: previousCount, ofFollowed: previousIsFollowed } = previousReadOf(source, followed);
    // history.previous, when there is one, is the tail of the instance before the followed one.
    const earlier = this.earlierTail(previousCount, followed === undefined ? undefined : followed.restartCount - 1);
    let rotated = sameInstance;
    await this.readInstances(
      {
        label: labelOf(source, instanceOf(source)),
        tail: () => {
          if (!rotated) history.startInstance();
          rotated = true;
          return history.current;
        },
      },
      withPrevious
        ? {
            label: { pod: source.pod, container: source.container, restartCount: previousCount, previous: true },
            tail: previousIsFollowed ? () => history.current : earlier,
          }
        : undefined,
      signal,
    );
  }

  private changed(): void {
    this.version++;
    for (const wake of this.waiters) wake();
  }

  /** Resolves at the next update (or at once if one came since `seen`), or when `also` settles. */
  private async nextChange(seen: number, also?: Promise<unknown>): Promise<void> {
    if (seen !== this.version) return;
    let wake = () => {};
    const change = new Promise<void>((resolve) => {
      wake = resolve;
      this.waiters.add(wake);
    });
    try {
      await (also ? Promise.race([change, also]) : change);
    } finally {
      this.waiters.delete(wake);
    }
  }

  private async run(): Promise<void> {
    const history = this.options.history;
    while (!this.stopped) {
      const seen = this.version;
      const source = this.source;
      const current = this.stream;
      if (current) {
        if (current.ended) {
          this.stream = undefined;
          const end = history.last?.end;
          if (end?.reason === 'pod-gone' || end?.reason === 'failed') return;
          continue;
        }
        if (isSameInstance(current.instance, source)) {
          if (source.terminated) current.stream.markTerminated();
          await this.nextChange(seen, current.stream.done);
        } else {
          current.stream.markSuperseded();
          const drain = setTimeout(() => current.stream.stop(), this.options.drainTimeoutMs);
          await current.stream.done;
          clearTimeout(drain);
        }
        continue;
      }
      if (!source.started || this.alreadyFollowed(source)) {
        await this.nextChange(seen);
        continue;
      }
      await this.followNewInstance(source);
    }
  }

  private alreadyFollowed(source: LogSource): boolean {
    const last = this.options.history.last;
    // A stream we stopped ourselves (the pod left the sources, then came back) resumes.
    return last !== undefined && isSameInstance(last.instance, source) && last.end.reason !== 'stopped';
  }

  private async followNewInstance(source: LogSource): Promise<void> {
    const history = this.options.history;
    const instance = instanceOf(source);
    const last = history.last;
    const resumingStopped = last !== undefined && isSameInstance(last.instance, instance);
    if (!resumingStopped) {
      history.startInstance();
      const skipped = last
        ? instance.restartCount > last.instance.restartCount + 1
        : this.options.recoverEarlierInstances && instance.restartCount > 0;
      const unfinished = last !== undefined && !last.end.complete;
      // Only while the new instance runs is `previous=true` surely the one before it: a
      // container waiting to restart has the kubelet serve its exited instance either way.
      const previousIsEarlier = !source.terminated;
      if ((skipped || unfinished) && previousIsEarlier) {
        await this.recoverPreviousInstance(instance, skipped ? history.startMissedInstance() : history.previous);
      }
      if (this.stopped) return;
    }
    const withPrevious = !resumingStopped && (last !== undefined || this.options.recoverEarlierInstances);
    if (source.terminated && (await this.readExitedInstance(source, instance, withPrevious))) return;

    const label = labelOf(source, instance);
    const stream = followContainerLog(this.transport, {
      namespace: this.options.namespace,
      pod: source.pod,
      container: source.container,
      cursor: history.cursor,
      isTerminated: () => !isSameInstance(instance, this.source) || this.source.terminated,
      onLine: (line) => {
        history.current.push(clip(line.text));
        this.options.onLine(label, line);
      },
      onError: this.options.onError,
      signal: this.abort.signal,
      ...this.streamTuning(),
    });
    const followed = { instance, stream, ended: false };
    this.stream = followed;
    void stream.done.then((end) => {
      followed.ended = true;
      if (!this.stopped) history.last = { instance, end };
      this.changed();
    });
  }

  /**
   * Where the lines of an instance before the followed one go, never into the followed one's tail:
   * history.previous when it holds that instance (`previousHolds`, its restart count), else one
   * fresh tail for a missed instance.
   */
  private earlierTail(restartCount: number, previousHolds: number | undefined): () => ExcerptBuffer {
    const history = this.options.history;
    let missed: ExcerptBuffer | undefined;
    return () => {
      if (history.previous && previousHolds === restartCount) return history.previous;
      missed ??= history.startMissedInstance();
      return missed;
    };
  }

  /** Reads `previous=true`: the instance before the one now running, whichever the kubelet kept. */
  private async recoverPreviousInstance(next: ContainerInstance, tail: ExcerptBuffer | undefined): Promise<void> {
    const label = { pod: this.source.pod, container: this.source.container, restartCount: Math.max(0, next.restartCount - 1), previous: true };
    // Best effort: the kubelet may have no previous instance (400) or the pod may be gone;
    // a 403 reaches the user through the instance stream that follows.
    await this.readInstances(undefined, { label, tail: () => tail }, this.abort.signal);
  }

  /**
   * An instance that has exited is read in one go, with `previous=true` beside it: by the time
   * the request reaches the kubelet, a restart may have it serve the successor instead.
   * False when the read failed in a way the stream handles (retries, credentials, a 403 to report).
   */
  private async readExitedInstance(source: LogSource, instance: ContainerInstance, withPrevious: boolean): Promise<boolean> {
    const history = this.options.history;
    const tail = () => history.current;
    const previous = previousReadOf(source, instance);
    // startInstance has just made the tail of the instance followed last history.previous.
    const before = this.earlierTail(previous.restartCount, history.last?.instance.restartCount);
    const error = await this.readInstances(
      { label: labelOf(source, instance), tail },
      withPrevious
        ? { label: { pod: source.pod, container: source.container, restartCount: previous.restartCount, previous: true }, tail: previous.ofFollowed ? tail : before }
        : undefined,
      this.abort.signal,
    );
    if (this.stopped) return true;
    if (error === undefined) {
      history.last = { instance, end: { reason: 'terminated', complete: true } };
      return true;
    }
    const outcome = classifyLogRequestError(error);
    if (outcome.kind === 'pod-gone') history.last = { instance, end: { reason: 'pod-gone', complete: false } };
    else if (outcome.kind === 'not-started' || outcome.kind === 'no-logs') history.last = { instance, end: { reason: 'no-logs', complete: false } };
    else return false;
    this.changed();
    return true;
  }

  /**
   * Plain reads from the shared cursor on: the instance the kubelet serves now (`current`), then
   * the last exited one (`previous`); what is new is shown in timestamp order. pods/log names a
   * container, not an instance, and a restart may come before or between the reads: reading the
   * current one first means the second is the same instance or the one just before it, so no
   * instance falls between them. Returns the current read's error, if any (the previous read
   * is best effort: 400 when there is none).
   */
  private async readInstances(current: ReadSink | undefined, previous: ReadSink | undefined, signal: AbortSignal): Promise<unknown> {
    const history = this.options.history;
    const request = {
      namespace: this.options.namespace,
      pod: this.source.pod,
      container: this.source.container,
      sinceTime: history.cursor.sinceTime(),
      signal,
      ...(this.options.maxLineLength === undefined ? {} : { maxLineLength: this.options.maxLineLength }),
    };
    const read = async (sink: ReadSink, isPrevious: boolean): Promise<TaggedLogLine<ReadSink>[]> => {
      for (let attempt = 0; ; attempt++) {
        try {
          // A missed instance is bounded: it may have printed more than a report can use.
          const lines = await fetchPreviousLogs(this.transport, {
            ...request,
            previous: isPrevious,
            ...(isPrevious ? { tailLines: this.options.previousTailLines } : {}),
          });
          return lines.map((line) => ({ line, from: sink }));
        } catch (error) {
          // This read is the last chance for every line the streams did not show: a 429, a 5xx
          // or a cut is waited out until the caller's bound, not taken as "nothing more".
          const outcome = classifyLogRequestError(error);
          if (outcome.kind !== 'transient' || signal.aborted) throw error;
          await sleep(Math.min(outcome.retryAfterMs ?? 100 * 2 ** attempt, 1_000), undefined, { signal }).catch(() => undefined);
          if (signal.aborted) throw error;
        }
      }
    };
    let currentError: unknown;
    const now = current
      ? await read(current, false).catch((error: unknown) => {
          currentError = error;
          return [];
        })
      : [];
    const before = previous && !signal.aborted ? await read(previous, true).catch(() => []) : [];
    history.cursor.beginReplay();
    for (const { line, from } of mergeLogReads(now, before)) {
      if (!history.cursor.accept(line.timestamp)) continue;
      from.tail()?.push(clip(line.text));
      this.options.onLine(from.label, line);
    }
    return currentError;
  }

  private streamTuning(): Pick<ContainerLogStreamOptions, StreamTuning> {
    const { retry, idleTimeoutMs, maxLineLength, endOfStreamGraceMs } = this.options;
    return {
      ...(retry === undefined ? {} : { retry }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      ...(maxLineLength === undefined ? {} : { maxLineLength }),
      ...(endOfStreamGraceMs === undefined ? {} : { endOfStreamGraceMs }),
    };
  }
}

/**
 * Which instance `previous=true` reads, by the status: while the container waits to restart, the
 * one that just exited (`containerId` itself); while it runs or has just exited, the one before.
 * `ofFollowed`: it is the instance `followed`, so its lines may join that instance's tail.
 */
function previousReadOf(source: LogSource, followed: ContainerInstance | undefined): { restartCount: number; ofFollowed: boolean } {
  const ofCurrent =
    source.previousContainerId !== undefined && source.containerId !== undefined ? source.previousContainerId === source.containerId : source.terminated;
  const restartCount = ofCurrent ? source.restartCount : Math.max(0, source.restartCount - 1);
  if (followed === undefined) return { restartCount, ofFollowed: false };
  const ofFollowed =
    source.previousContainerId !== undefined && followed.containerId !== undefined
      ? source.previousContainerId === followed.containerId
      : followed.restartCount === restartCount;
  return { restartCount, ofFollowed };
}

function labelOf(source: LogSource, instance: ContainerInstance): LogLineSource {
  return {
    pod: source.pod,
    container: source.container,
    ...(instance.containerId === undefined ? {} : { containerId: instance.containerId }),
    restartCount: instance.restartCount,
  };
}

/** Resolves when the signal aborts: bounds a wait that only a hung server makes long. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function clip(text: string): string {
  return text.length > TAIL_LINE_LENGTH ? text.slice(0, TAIL_LINE_LENGTH) + TRUNCATION_MARKER : text;
}
