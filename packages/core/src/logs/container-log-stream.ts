import { ApiError } from '../transport/api-error.js';
import type { KubeStream, KubeTransport } from '../transport/kube-transport.js';
import { parseContainerLogLine, type ContainerLogLine } from './container-log-line.js';
import { LogCursor } from './log-cursor.js';
import { LogLineSplitter } from './log-line-splitter.js';
import { classifyLogRequestError } from './log-request-outcome.js';
import { podLogPath } from './pod-log-path.js';
import { systemClock, type Clock } from '../transport/clock.js';
import { Backoff, CredentialRefresh, IdleWatchdog, type RetryOptions } from '../transport/retry.js';
import { STOPPED } from '../stopped.js';

export interface ContainerLogStreamOptions {
  namespace: string;
  pod: string;
  container: string;
  /** Called once per line, in order. */
  onLine(line: ContainerLogLine): void;
  /** Errors that end the stream and that a user must hear about (401 after a credential refresh, 403). */
  onError?(error: Error): void;
  /** RFC3339(Nano); earlier lines are not shown (logs-since). Ignored when `cursor` is given. */
  sinceTime?: string;
  /** Reading position; one cursor shared by the consecutive streams of a container keeps lines unique across them. */
  cursor?: LogCursor;
  /** Whether the instance has exited (besides `markTerminated`): then end of stream means done rather than a cut. */
  isTerminated?(): boolean;
  signal?: AbortSignal;
  retry?: RetryOptions;
  /** Retry waits and the idle watchdog run on this clock. */
  clock?: Clock;
  /**
   * Reconnect after this long without a byte, to get off half-open connections. A silent
   * container is normal, so this is long, and reconnecting loses and repeats nothing.
   * Default 5 minutes; 0 disables.
   */
  idleTimeoutMs?: number;
  /** Longer lines are truncated. Default 64 KiB. */
  maxLineLength?: number;
  /**
   * After an end of stream while the container seems to run, wait at least this long
   * for the pod update that reports its exit before reconnecting: a reconnect after the
   * kubelet started a new instance would read that instance's log. Default 1 s.
   */
  endOfStreamGraceMs?: number;
}

export type ContainerLogStreamEndReason =
  /** The instance exited and its log was read to the end. */
  | 'terminated'
  /** A newer instance replaced this one before its log was read to the end. */
  | 'superseded'
  | 'pod-gone'
  /** The kubelet has no log to serve for this container. */
  | 'no-logs'
  | 'stopped'
  /** Reported through `onError`. */
  | 'failed';

export interface ContainerLogStreamEnd {
  reason: ContainerLogStreamEndReason;
  /** Everything the instance printed was read (a clean end of stream after it exited). */
  complete: boolean;
  error?: Error;
}

/** Follows the log of one container instance across cuts until it exits. */
export interface ContainerLogStream {
  /** Resolves (never rejects) when following ends. */
  readonly done: Promise<ContainerLogStreamEnd>;
  /** A response is open. */
  readonly connected: boolean;
  /** When the last byte (or the response headers) arrived, in ms since the epoch. */
  readonly lastReceivedAt: number;
  /** Waiting before the next attempt (after a cut, a 400 "waiting to start", an end while running). */
  readonly retrying: boolean;
  /** The instance has exited: the next end of stream completes it. */
  markTerminated(): void;
  /**
   * A newer instance has started: the kubelet now serves that one, so never reconnect; end
   * at the next end of stream (complete) or cut (incomplete).
   */
  markSuperseded(): void;
  /** Ends now and closes the connection. */
  stop(): void;
}

/**
 * `GET pods/{pod}/log?container=C&follow=true&timestamps=true`, resumed with `sinceTime`
 * after every cut (reset, 5xx, idle, end of stream while the container still runs), never
 * showing a line twice. Waits out 400 "waiting to start".
 */
export function followContainerLog(transport: KubeTransport, options: ContainerLogStreamOptions): ContainerLogStream {
  return new ContainerLogFollow(transport, options);
}

const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
/**
 * 400 "waiting to start" for an instance the pod status already calls started: the kubelet
 * catches up within moments and sends no signal when it does, so this is a short poll, kept
 * apart from the cut backoff (which grows to 30 s) so a just-started instance is read live;
 * also for a cut while reading an instance that has exited, whose rest a verdict waits for.
 */
const NOT_STARTED_RETRY = { initialDelayMs: 50, maxDelayMs: 1000 };
const DEFAULT_END_OF_STREAM_GRACE_MS = 1000;
/**
 * A follow that stayed open this long was healthy: its end or cut resets the backoff, as a
 * watch's does (see Reflector). Otherwise every cut of a quiet container's stream behind a flaky
 * load balancer would double the wait, up to 30 s of lines shown late.
 */
const MIN_HEALTHY_STREAM_MS = 1000;

class ContainerLogFollow implements ContainerLogStream {
  readonly done: Promise<ContainerLogStreamEnd>;
  connected = false;
  lastReceivedAt = 0;
  retrying = false;
  private readonly cursor: LogCursor;
  private readonly abort = new AbortController();
  private terminated = false;
  private superseded = false;
  private progressed = false;
  /** When the current attempt's response arrived; undefined until it does. */
  private openedAt: number | undefined;
  private response: KubeStream | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: ContainerLogStreamOptions,
  ) {
    this.cursor = options.cursor ?? new LogCursor(options.sinceTime);
    const onAbort = () => this.stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) this.stop();
    this.done = this.run()
      .catch((error: unknown): ContainerLogStreamEnd => {
        const failure = error instanceof Error ? error : new Error(String(error));
        this.options.onError?.(failure);
        return { reason: 'failed', complete: false, error: failure };
      })
      .finally(() => {
        options.signal?.removeEventListener('abort', onAbort);
        this.connected = false;
      });
  }

  markTerminated(): void {
    this.terminated = true;
    this.wake?.();
  }

  markSuperseded(): void {
    this.superseded = true;
    this.wake?.();
  }

  stop(): void {
    if (this.abort.signal.aborted) return;
    this.abort.abort(STOPPED);
    this.response?.close();
    this.wake?.();
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private hasExited(): boolean {
    return this.terminated || this.superseded || (this.options.isTerminated?.() ?? false);
  }

  private async run(): Promise<ContainerLogStreamEnd> {
    const backoff = new Backoff(this.options.retry);
    const notStartedBackoff = new Backoff(NOT_STARTED_RETRY);
    const credentials = new CredentialRefresh(() => this.transport.refreshCredentials());
    for (;;) {
      if (this.stopped) return { reason: 'stopped', complete: false };
      if (this.superseded) return { reason: 'superseded', complete: false };
      this.progressed = false;
      this.openedAt = undefined;
      try {
        const partial = await this.readOnce();
        credentials.accepted();
        if (this.stopped) return { reason: 'stopped', complete: false };
        if (this.wasHealthy()) backoff.reset();
        // End of stream while the pod still says "running" is usually the exit arriving
        // before the pod update that reports it: give that update a moment before resuming.
        if (!this.hasExited()) await this.sleep(Math.max(this.options.endOfStreamGraceMs ?? DEFAULT_END_OF_STREAM_GRACE_MS, backoff.next()));
        if (this.stopped) return { reason: 'stopped', complete: false };
        if (this.hasExited()) {
          // The container's real last words, printed without a newline. (After a cut a
          // partial line is dropped instead: the resume replays it whole.)
          if (partial !== undefined) this.deliver(partial);
          return { reason: 'terminated', complete: true };
        }
      } catch (error) {
        if (this.stopped) return { reason: 'stopped', complete: false };
        if (this.wasHealthy()) backoff.reset();
        const outcome = classifyLogRequestError(error);
        switch (outcome.kind) {
          case 'pod-gone':
            return { reason: 'pod-gone', complete: false };
          case 'no-logs':
            return { reason: 'no-logs', complete: false };
          case 'unauthorized':
            if (await credentials.afterUnauthorized()) continue;
            return this.fail(error);
          case 'fatal':
            return this.fail(error);
          case 'not-started':
            if (this.terminated) return { reason: 'no-logs', complete: false };
            await this.sleep(notStartedBackoff.next());
            break;
          case 'transient':
            if (this.superseded) return { reason: 'superseded', complete: false };
            // An exited instance has a finite rest that a verdict waits for: retry it soon.
            await this.sleep((this.terminated ? notStartedBackoff : backoff).next(outcome.retryAfterMs));
            break;
        }
      }
    }
  }

  /** One connection, read to its end; returns the unterminated last line, if any. Throws on a cut. */
  private async readOnce(): Promise<string | undefined> {
    const response = await this.transport.stream({
      path: podLogPath(this.options.namespace, this.options.pod),
      query: { container: this.options.container, follow: true, timestamps: true, sinceTime: this.cursor.sinceTime() },
      signal: this.abort.signal,
    });
    this.response = response;
    this.connected = true;
    this.lastReceivedAt = this.clock.now();
    this.openedAt = this.lastReceivedAt;
    this.cursor.beginReplay();
    const splitter = new LogLineSplitter(this.options.maxLineLength);
    const idleTimeoutMs = this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const watchdog = new IdleWatchdog(this.clock, idleTimeoutMs, () => response.close());
    try {
      for await (const chunk of response.body) {
        this.lastReceivedAt = this.clock.now();
        watchdog.touch();
        for (const raw of splitter.push(chunk)) this.deliver(raw);
      }
    } finally {
      watchdog.stop();
      this.connected = false;
      this.response = undefined;
      response.close();
    }
    if (watchdog.fired) throw new ApiError(0, `no log data from ${this.options.pod}/${this.options.container} for ${idleTimeoutMs} ms`);
    return splitter.end();
  }

  private wasHealthy(): boolean {
    return this.progressed || (this.openedAt !== undefined && this.clock.now() - this.openedAt >= MIN_HEALTHY_STREAM_MS);
  }

  private deliver(raw: string): void {
    if (this.stopped) return;
    const line = parseContainerLogLine(raw);
    if (!this.cursor.accept(line.timestamp)) return;
    this.progressed = true;
    this.options.onLine(line);
  }

  private fail(error: unknown): ContainerLogStreamEnd {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.options.onError?.(failure);
    return { reason: 'failed', complete: false, error: failure };
  }

  private sleep(ms: number): Promise<void> {
    this.retrying = true;
    return new Promise((resolve) => {
      const timer = this.clock.setTimer(() => wake(), ms);
      const wake = () => {
        timer.cancel();
        this.wake = undefined;
        this.retrying = false;
        resolve();
      };
      this.wake = wake;
    });
  }
}
