import type { ProgramErrorCode, RolloutErrorCode } from './error-code.js';

export type ResourceOutcome = 'ready' | 'failed' | 'progressing' | 'timeout' | 'skipped';

export interface ReportEvent {
  type: string;
  reason: string;
  message: string;
  /** "Pod/web-6f7c9" */
  object: string;
  count?: number;
  time?: string;
}

export interface LogTail {
  pod: string;
  container: string;
  /** True when these lines come from the container's previous (crashed) instance. */
  previous: boolean;
  lines: string[];
}

export interface ResourceReport {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  status: ResourceOutcome;
  /** Tracked `for: delete` and gone: "ready" means deleted. */
  deleted?: true;
  code?: RolloutErrorCode;
  message: string;
  /** For a failed resource: the likely fix and the command that shows more. */
  hint?: string;
  durationMs: number;
  events: ReportEvent[];
  logTail: LogTail[];
}

export interface ReportError {
  type: 'rollout' | 'program';
  code: RolloutErrorCode | ProgramErrorCode;
  message: string;
  /** "apps/v1/Deployment/ns/web" for rollout errors. */
  resource?: string;
}

/** The final JSON document of `--output json` (and the last line of ndjson). */
export interface Report {
  success: boolean;
  error?: ReportError;
  resources: ResourceReport[];
  /** What happened when, as kubetrack saw it: for the step summary's chart and --report-html. */
  timeline?: Timeline;
}

export type TimelineState =
  | 'absent'
  | 'progressing'
  | 'ready'
  | 'failed'
  | 'scheduling'
  | 'creating'
  | 'pulling'
  | 'running'
  | 'completed'
  | 'terminating'
  | 'deleted';

export interface TimelineRow {
  kind: 'resource' | 'pod';
  name: string;
  /** The resource the row belongs to, as in ReportError.resource ("apps/v1/Deployment/ns/web"). */
  resource: string;
  /** Consecutive states, in ms from the start of the run. */
  segments: { state: TimelineState; startMs: number; endMs: number }[];
  /** Warning events and restarts. */
  marks: { atMs: number; reason: string; message: string }[];
  /** On a resource row that failed: its error code. */
  verdict?: string;
}

export interface Timeline {
  startedAt: string;
  durationMs: number;
  rows: TimelineRow[];
}
