import type { LogSource } from '../plugin.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { instanceOf, isSameInstance, type ContainerInstance } from './container-instance.js';
import type { ContainerLogHistory } from './container-log-history.js';
import type { ContainerLogLine } from './container-log-line.js';
import { followContainerLog, type ContainerLogStream, type ContainerLogStreamOptions } from './container-log-stream.js';
import { fetchPreviousLogs } from './fetch-previous-logs.js';
import { TRUNCATION_MARKER } from './log-line-splitter.js';
import type { LogLineSource } from './log-line-source.js';
import type { RingBuffer } from './ring-buffer.js';

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
    this.abort.abort();
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
   * not shown yet: the rest of an instance a restart replaced (`previous=true`), then the
   * instance the last status names. A kubelet writes a container's output before its status
   * reports the exit, so after a status was seen one read per instance finds every line it
   * implies; no quiet spell to wait for. The shared cursor drops what a stream already showed.
   */
  async finish(signal: AbortSignal): Promise<void> {
    if (this.stopped) return;
    const source = this.source;
    const history = this.options.history;
    const open = this.stream && !this.stream.ended ? this.stream.instance : undefined;
    const followed = open ?? history.last?.instance;
    const sameInstance = followed !== undefined && isSameInstance(followed, source);
    const complete = open === undefined && sameInstance && history.last?.end.complete === true;
    this.stop();
    await Promise.race([this.done, aborted(signal)]);
    if (complete || signal.aborted) return;
    try {
      if (source.restartCount > 0 && !sameInstance && (followed !== undefined || this.options.recoverEarlierInstances)) {
        // The kubelet serves the last exited instance: the one before a running instance, or the one a waiting container just ended.
        const restartCount = source.terminated ? source.restartCount : source.restartCount - 1;
        const tail = followed?.restartCount === restartCount ? history.current : history.startMissedInstance();
        await this.readRest(true, { pod: source.pod, container: source.container, restartCount, previous: true }, tail, signal);
      }
      if (!sameInstance) history.startInstance();
      await this.readRest(false, labelOf(source, instanceOf(source)), history.current, signal);
    } catch {
      // Best effort, as the report's tails: 400 (never started), 404 (pod gone), or a hung
      // server cut by the deadline; a 403 was already reported by the stream.
    }
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

  /** Reads `previous=true`: the instance before the one now running, whichever the kubelet kept. */
  private async recoverPreviousInstance(next: ContainerInstance, tail: RingBuffer<string> | undefined): Promise<void> {
    try {
      const label = { pod: this.source.pod, container: this.source.container, restartCount: Math.max(0, next.restartCount - 1), previous: true };
      await this.readRest(true, label, tail, this.abort.signal);
    } catch {
      // Best effort: the kubelet may have no previous instance (400) or the pod may be gone;
      // a 403 reaches the user through the instance stream that follows.
    }
  }

  /** One plain read of an instance from the shared cursor on; throws as the transport does. */
  private async readRest(previous: boolean, label: LogLineSource, tail: RingBuffer<string> | undefined, signal: AbortSignal): Promise<void> {
    const history = this.options.history;
    const lines = await fetchPreviousLogs(this.transport, {
      namespace: this.options.namespace,
      pod: label.pod,
      container: label.container,
      previous,
      tailLines: this.options.previousTailLines,
      sinceTime: history.cursor.sinceTime(),
      signal,
      ...(this.options.maxLineLength === undefined ? {} : { maxLineLength: this.options.maxLineLength }),
    });
    history.cursor.beginReplay();
    for (const line of lines) {
      if (!history.cursor.accept(line.timestamp)) continue;
      tail?.push(clip(line.text));
      this.options.onLine(label, line);
    }
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
