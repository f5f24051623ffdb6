import type { LogSource } from '../plugin.js';

export interface LogLine {
  text: string;
  timestamp?: string;
}

export interface LogTailSnapshot {
  current: string[];
  previous?: string[];
}

/** The pod logs of one tracked resource, as the scheduler drives them. */
export interface ResourceLogs {
  /** The containers whose logs belong to the resource now; containers no longer listed stop being followed. */
  update(namespace: string, sources: readonly LogSource[]): void;
  /** The last lines of a container (and of its previous instance) for failure reports. */
  tail(pod: string, container: string): LogTailSnapshot;
  /**
   * Makes sure the tail of a failing container can explain the failure even when logs-since
   * hid its lines from the stream (it crashed before tracking started): fetches the last lines
   * of its previous and current instance once.
   */
  explain?(namespace: string, pod: string, container: string): Promise<void>;
  /** Waits briefly for streams already open to deliver what the container printed, then closes them. */
  finish(): Promise<void>;
  /** Closes every stream now. */
  stop(): void;
}

export interface ResourceLogsOptions {
  onLine(source: { pod: string; container: string }, line: LogLine): void;
  /** Lines older than this are not shown for containers that were already running (logs-since). */
  sinceTime?: string;
  tailLines: number;
  /** How many pods per controller stream logs (a pod with a restarted or terminated container always does). */
  replicas?: number | 'all';
  /** The first error that stops log streaming (403 on pods/log, 401 after a credential refresh). */
  onError?(error: Error): void;
}

export type ResourceLogsFactory = (options: ResourceLogsOptions) => ResourceLogs;

/** For runs that show no logs at all. */
export const noLogs: ResourceLogsFactory = () => ({
  update() {},
  tail: () => ({ current: [] }),
  finish: async () => {},
  stop() {},
});
