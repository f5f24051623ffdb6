import type { KubeObject } from '../kube-object.js';
import { ProgramError } from '../program-error.js';
import { apiVersionOf, type ResourceKind } from '../resource-kind.js';
import { ApiError, isApiError } from '../transport/api-error.js';
import { sleep, systemClock, type Clock } from '../transport/clock.js';
import { resourceName } from '../transport/resource-path.js';
import { Backoff, CredentialRefresh, IdleWatchdog } from '../transport/retry.js';
import { toProgramError } from '../transport/to-program-error.js';
import type { ListWatch } from './list-watch.js';
import { LineTooLongError, NdjsonDecoder } from './ndjson-decoder.js';

/** Where a reflector delivers what it learns; the informer's store sits behind it. */
export interface ReflectorSink {
  /** A complete LIST (all pages): the whole truth as of that moment. */
  replace(objects: KubeObject[]): void;
  /** One watch event, in order. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void;
}

export interface ReflectorTiming {
  /** LIST page size. */
  pageSize: number;
  /** The server closes each watch after a random time in this range (seconds); client-go uses 5–10 min. */
  watchTimeoutSeconds: readonly [min: number, max: number];
  /**
   * Abort a watch that received no bytes for this long. Default: 90 s. kube-apiserver's watch
   * cache sends a watch that allows bookmarks one about every minute (cacher's
   * defaultBookmarkFrequency), so a longer silence is a stalled stream; a watch served from etcd
   * (watch cache off) has no bookmarks and just resumes from its resourceVersion after a quiet spell.
   */
  idleTimeoutMs: number | undefined;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** A watch that stayed up this long resets the backoff. */
  backoffResetAfterMs: number;
  /** A watch that ends sooner than this without an event counts as a failure (no tight reconnect loop). */
  minHealthyWatchMs: number;
}

export const DEFAULT_REFLECTOR_TIMING: ReflectorTiming = {
  pageSize: 500,
  watchTimeoutSeconds: [300, 600],
  idleTimeoutMs: undefined,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  backoffResetAfterMs: 60_000,
  minHealthyWatchMs: 1_000,
};

export interface ReflectorOptions {
  /** The server side: LIST and WATCH of one collection (`httpListWatch` for a real cluster). */
  listWatch: ListWatch;
  /** What the collection holds: fills in apiVersion/kind of LIST items, names the resource in fatal errors. */
  kind: ResourceKind;
  /** Undefined: all namespaces, or a cluster-scoped kind. For messages only: `listWatch` is already scoped. */
  namespace: string | undefined;
  sink: ReflectorSink;
  timing?: Partial<ReflectorTiming>;
  /**
   * Keep metadata.managedFields and kubectl's last-applied-configuration annotation (a second
   * copy of the object's spec): large, never read by trackers, dropped by default to bound memory.
   */
  keepManagedFields?: boolean;
  /** Called when a watch connection opens (true) and closes (false). */
  onWatchConnection?: (open: boolean) => void;
  random?: () => number;
  /** Backoff waits, the idle watchdog and watch lifetimes run on this clock. */
  clock?: Clock;
}

interface WatchEvent {
  type?: string;
  object?: KubeObject & { code?: number; reason?: string; message?: string };
}

/** How a watch ended, and so what comes next. */
type WatchEnd =
  | { next: 'rewatch'; productive: boolean }
  | { next: 'relist'; productive: boolean }
  | { next: 'retry'; error: ApiError; relist: boolean };

/** 1.5 x the API server's bookmark period: see ReflectorTiming.idleTimeoutMs. */
const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Continue tokens that keep expiring (410) restart the LIST this many times before backing off. */
const MAX_LIST_RESTARTS = 3;

/**
 * client-go's reflector: LIST (paginated) into the sink, then WATCH from the list's
 * resourceVersion, forever, until the signal aborts.
 *
 * - The resourceVersion advances with every event, bookmarks included, so a re-watch after a
 *   server timeout resumes where it stopped; 410 Gone (HTTP or ERROR event) relists and the
 *   store diffs.
 * - 429 honours Retry-After; 5xx, network errors and stalls back off (`transport/retry.ts`).
 * - 401 refreshes credentials and retries once; a second 401, 403 and 404 are fatal:
 *   `run()` rejects with a one-line `ProgramError`.
 * - An idle watchdog aborts a connection that went silent (a dead peer without a TCP reset).
 */
export class Reflector {
  readonly #options: ReflectorOptions;
  readonly #timing: ReflectorTiming;
  readonly #backoff: Backoff;
  readonly #credentials: CredentialRefresh;
  readonly #path: string;
  readonly #random: () => number;
  readonly #clock: Clock;
  #resourceVersion: string | undefined;

  constructor(options: ReflectorOptions) {
    this.#options = options;
    this.#timing = { ...DEFAULT_REFLECTOR_TIMING, ...options.timing };
    this.#random = options.random ?? Math.random;
    this.#clock = options.clock ?? systemClock;
    this.#backoff = new Backoff({ initialDelayMs: this.#timing.backoffInitialMs, maxDelayMs: this.#timing.backoffMaxMs }, this.#random);
    this.#credentials = new CredentialRefresh(() => options.listWatch.refreshCredentials());
    this.#path = options.listWatch.description;
  }

  /** The resourceVersion the next watch starts from; undefined before the first LIST or after a 410. */
  get resourceVersion(): string | undefined {
    return this.#resourceVersion;
  }

  /** Resolves when `signal` aborts; rejects with a `ProgramError` on a fatal error. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let verb = 'list';
      try {
        if (this.#resourceVersion === undefined) await this.#list(signal);
        verb = 'watch';
        const end = await this.#watch(signal);
        if (end.next === 'retry') {
          if (end.relist) this.#resourceVersion = undefined;
          await this.#pause(this.#backoff.next(end.error.details.retryAfterMs), signal);
          continue;
        }
        if (end.next === 'relist') this.#resourceVersion = undefined;
        // A watch that ended at once, with nothing to show, must not turn into a hot loop.
        if (!end.productive) await this.#pause(this.#backoff.next(), signal);
      } catch (error) {
        if (signal.aborted) return;
        await this.#recover(error, verb, signal);
      }
    }
  }

  async #recover(error: unknown, verb: string, signal: AbortSignal): Promise<void> {
    if (!isApiError(error)) throw error;
    switch (error.status) {
      case 410:
        this.#resourceVersion = undefined;
        await this.#pause(this.#backoff.next(), signal);
        return;
      case 401:
        if (await this.#credentials.afterUnauthorized()) return;
        throw this.#fatal(error, verb);
      case 403:
      case 404:
        throw this.#fatal(error, verb);
      default:
        await this.#pause(this.#backoff.next(error.status === 429 ? error.details.retryAfterMs : undefined), signal);
    }
  }

  #fatal(error: ApiError, verb: string): ProgramError {
    const { kind, namespace } = this.#options;
    return (
      toProgramError(error, {
        verb,
        resource: resourceName(kind),
        namespace: kind.namespaced ? namespace : undefined,
      }) ?? new ProgramError('cluster-unreachable', error.message, { cause: error })
    );
  }

  async #list(signal: AbortSignal): Promise<void> {
    for (let restarts = 0; ; restarts++) {
      const items: KubeObject[] = [];
      let resourceVersion: string | undefined;
      let continueToken: string | undefined;
      try {
        do {
          const page = await this.#options.listWatch.list({ limit: this.#timing.pageSize, continue: continueToken, signal });
          for (const item of page.items ?? []) items.push(this.#normalize(item));
          resourceVersion = page.metadata?.resourceVersion;
          continueToken = page.metadata?.continue || undefined;
        } while (continueToken !== undefined);
      } catch (error) {
        // An expired continue token: the snapshot is gone, start the LIST again.
        if (isApiError(error) && error.status === 410 && continueToken !== undefined && restarts < MAX_LIST_RESTARTS) {
          continue;
        }
        throw error;
      }
      signal.throwIfAborted();
      this.#credentials.accepted();
      this.#options.sink.replace(items);
      // Without a resourceVersion the watch starts "from now" and replays ADDED for everything: still correct.
      this.#resourceVersion = resourceVersion ?? '';
      return;
    }
  }

  async #watch(signal: AbortSignal): Promise<WatchEnd> {
    const [minSeconds, maxSeconds] = this.#timing.watchTimeoutSeconds;
    const timeoutSeconds = Math.floor(minSeconds + this.#random() * (maxSeconds - minSeconds + 1));
    const idleTimeoutMs = this.#timing.idleTimeoutMs ?? Math.min(timeoutSeconds * 1000 + 30_000, DEFAULT_IDLE_TIMEOUT_MS);
    const stream = await this.#options.listWatch.watch({
      resourceVersion: this.#resourceVersion,
      timeoutSeconds,
      allowWatchBookmarks: true,
      signal,
    });
    this.#credentials.accepted();
    const openedAt = this.#clock.now();
    let events = 0;
    const watchdog = new IdleWatchdog(this.#clock, idleTimeoutMs, () => stream.close());
    const productive = (): boolean => events > 0 || this.#clock.now() - openedAt >= this.#timing.minHealthyWatchMs;
    this.#options.onWatchConnection?.(true);
    try {
      const decoder = new NdjsonDecoder();
      try {
        for await (const chunk of stream.body) {
          watchdog.touch();
          for (const line of decodeChunk(decoder, chunk, this.#path)) {
            if (signal.aborted) return { next: 'rewatch', productive: true };
            const end = this.#handle(parseWatchLine(line, this.#path));
            if (end === 'relist') return { next: 'relist', productive: productive() };
            if (end !== undefined) return end;
            events++;
          }
        }
      } catch (error) {
        // A connection lost mid-stream is how a watch usually ends behind a load balancer or NAT:
        // like client-go's reflector, one that had lived (or delivered) resumes at once from its
        // resourceVersion. Backing off here would grow the wait with every cut and leave the
        // cache blind for up to backoffMaxMs while the rollout moves on.
        if (!isApiError(error) || error.status !== 0 || watchdog.fired || signal.aborted || !productive()) throw error;
        return { next: 'rewatch', productive: true };
      }
      if (watchdog.fired) {
        return {
          next: 'retry',
          error: new ApiError(0, `watch ${this.#path}: no data for ${idleTimeoutMs / 1000}s; reconnecting`),
          relist: false,
        };
      }
      return { next: 'rewatch', productive: productive() };
    } finally {
      watchdog.stop();
      stream.close();
      this.#options.onWatchConnection?.(false);
      if (this.#clock.now() - openedAt >= this.#timing.backoffResetAfterMs) this.#backoff.reset();
    }
  }

  /** Applies one event; returns how the watch ends if the event ends it. */
  #handle(event: WatchEvent): 'relist' | Extract<WatchEnd, { next: 'retry' }> | undefined {
    const object = event.object;
    if (event.type === 'ERROR') return this.#errorEvent(object ?? {});
    if (object?.metadata === undefined) {
      throw new ApiError(0, `watch ${this.#path}: ${event.type ?? 'an'} event without an object`);
    }
    const resourceVersion = object.metadata.resourceVersion;
    if (resourceVersion !== undefined && resourceVersion !== '') this.#resourceVersion = resourceVersion;
    switch (event.type) {
      case 'BOOKMARK':
        return undefined;
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED':
        // Outside any try: a handler's exception is its own, never mistaken for a bad line.
        this.#options.sink.apply(event.type, this.#normalize(object));
        return undefined;
      default:
        throw new ApiError(0, `watch ${this.#path}: unknown event type ${JSON.stringify(event.type)}`);
    }
  }

  #errorEvent(status: { code?: number; reason?: string; message?: string }): 'relist' | Extract<WatchEnd, { next: 'retry' }> {
    const code = typeof status.code === 'number' ? status.code : 500;
    if (code === 410 || status.reason === 'Expired' || status.reason === 'Gone') return 'relist';
    const error = new ApiError(code, `watch ${this.#path}: ${status.message ?? status.reason ?? 'error event'}`, {
      ...(status.reason === undefined ? {} : { reason: status.reason }),
      verb: 'watch',
      path: this.#path,
    });
    // Overload and server errors are transient: resume from the same resourceVersion. Anything
    // else leaves the watch in an unknown state: start over from a LIST.
    return { next: 'retry', error, relist: !(code === 429 || code >= 500) };
  }

  #normalize(object: KubeObject): KubeObject {
    // LIST items come without apiVersion/kind; watch events carry them. Make both look alike.
    object.apiVersion ??= apiVersionOf(this.#options.kind);
    object.kind ??= this.#options.kind.kind;
    if (!this.#options.keepManagedFields) {
      delete (object.metadata as { managedFields?: unknown }).managedFields;
      const annotations = object.metadata.annotations;
      if (annotations?.[LAST_APPLIED] !== undefined) delete annotations[LAST_APPLIED];
    }
    return object;
  }

  #pause(ms: number, signal: AbortSignal): Promise<void> {
    return sleep(this.#clock, ms, signal);
  }
}

/** A runaway line is the server's fault: retried like any broken answer, never buffered without end. */
function decodeChunk(decoder: NdjsonDecoder, chunk: Uint8Array, path: string): string[] {
  try {
    return decoder.push(chunk);
  } catch (error) {
    if (error instanceof LineTooLongError) throw new ApiError(0, `watch ${path}: the server sent ${error.message}`);
    throw error;
  }
}

function parseWatchLine(line: string, path: string): WatchEvent {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null) return parsed as WatchEvent;
  } catch {
    // reported below
  }
  throw new ApiError(0, `watch ${path}: the server sent a line that is not a JSON object: ${line.slice(0, 80)}`);
}
