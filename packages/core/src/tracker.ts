import type { ProgramError } from './program-error.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { TrackerPlugin } from './plugin.js';
import type { Report } from './report.js';
import type { TrackMessage } from './track-message.js';
import type { TrackSpec } from './track-spec.js';
import type { KubeTransport } from './transport/kube-transport.js';
import type { SharedInformerFactory } from './watch/shared-informer-factory.js';

/** Returned from a Feed callback to end tracking cleanly (kubedog's ErrStopTrack). */
export const StopTrack: unique symbol = Symbol.for('kubetrack.StopTrack');
export type StopTrack = typeof StopTrack;

export interface TrackerOptions {
  transport: KubeTransport;
  plugins: readonly TrackerPlugin[];
  /** Share one informer factory (the list/watch pool) between trackers; by default each tracker makes its own. */
  informers?: SharedInformerFactory;
}

export type LogsSince = 'now' | 'all' | { sinceMs: number };

export interface TrackOptions {
  /** Deadline for the whole run; resources not ready by then end as `timeout`. */
  timeoutMs?: number;
  /** Which log lines to show: from tracking start (default), all, or a window before it. */
  logsSince?: LogsSince;
  /** Period of `status-report` messages; 0 or negative disables them. Default 5s. */
  statusProgressPeriodMs?: number;
  /** How long a pod may stay unschedulable before it fails with `scheduling`. Default 30s. */
  schedulingGracePeriodMs?: number;
  /** tail -f mode: never finish on ready or failed; only `stop()` or the signal ends the run. */
  follow?: boolean;
  /** Lines kept per container for the report's logTail. Default 20. */
  logTailLines?: number;
  signal?: AbortSignal;
}

// `void` so that a handler written to return nothing fits; `undefined` would refuse it.
// biome-ignore lint/suspicious/noConfusingVoidType: see above
type HandlerResult = void | StopTrack | Promise<void | StopTrack>;
type Handler<T extends TrackMessage['type']> = (message: Extract<TrackMessage, { type: T }>) => HandlerResult;

/** kubedog-style callbacks; any may return `StopTrack`. */
export interface Feed {
  onMessage?: (message: TrackMessage) => HandlerResult;
  onAdded?: Handler<'added'>;
  onStatus?: Handler<'status'>;
  onEvent?: Handler<'event'>;
  onLog?: Handler<'log'>;
  onFailure?: Handler<'failure'>;
  onReady?: Handler<'ready'>;
  onFailed?: Handler<'failed'>;
  onStatusReport?: Handler<'status-report'>;
}

/**
 * One tracking run: an ordered stream of messages, ending with `done`. Iterate it, or pass
 * callbacks to `feed`, or just await `result`. Messages are buffered until consumed.
 */
export interface TrackRun extends AsyncIterable<TrackMessage> {
  readonly result: Promise<Report>;
  feed(feed: Feed): Promise<Report>;
  /** Ends tracking now; `result` still resolves with the report of what was seen. */
  stop(): void;
  /** The program error the run ended with (the report's `error` of type program), with its cause for --debug. */
  readonly error: ProgramError | undefined;
}

export interface Tracker {
  readonly registry: PluginRegistry;
  track(specs: readonly TrackSpec[], options?: TrackOptions): TrackRun;
  /** Stops every watch this tracker opened (not a shared factory passed in as `informers`). */
  close(): void;
}
