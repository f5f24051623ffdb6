import type { RolloutErrorCode } from './error-code.js';
import type { KubeEvent } from './kube-object.js';
import type { Failure, PodSummary, VerdictState } from './plugin.js';
import type { Report, ResourceOutcome } from './report.js';
import type { ResourceId } from './resource-id.js';

interface MessageBase {
  /** ISO time the message was produced. */
  time: string;
}

interface ResourceMessage extends MessageBase {
  resource: ResourceId;
}

/**
 * Set on routine messages (added, Normal events) of a resource whose spec leaves
 * `showServiceMessages` off: human output leaves them out, machine output keeps them, flagged.
 */
interface MaybeQuiet {
  quiet?: true;
}

/** The tracked object was seen for the first time. */
export interface AddedMessage extends ResourceMessage, MaybeQuiet {
  type: 'added';
}

/** The verdict changed (state, message, what it waits for, progress). */
export interface StatusMessage extends ResourceMessage {
  type: 'status';
  state: VerdictState;
  message: string;
  waitingFor: readonly string[];
  progress: Readonly<Record<string, string | number>>;
  pods: readonly PodSummary[];
  /** Progress has stopped until someone acts; what is needed. */
  blocked?: string;
}

export interface EventMessage extends ResourceMessage, MaybeQuiet {
  type: 'event';
  event: KubeEvent;
}

export interface LogMessage extends ResourceMessage {
  type: 'log';
  pod: string;
  container: string;
  line: string;
  /** The container runtime's timestamp of the line, when known. */
  timestamp?: string;
}

/** A recoverable failure that core counted against the resource's allowance. */
export interface FailureMessage extends ResourceMessage {
  type: 'failure';
  failure: Failure;
  /** Distinct failures counted so far, and how many are allowed. */
  count: number;
  allowed: number;
}

export interface ReadyMessage extends ResourceMessage {
  type: 'ready';
  message: string;
  /** Tracked `for: delete`: what came true is that the object is gone. */
  deleted?: true;
}

/** Terminal: the resource failed (code "timeout" when its deadline passed). */
export interface FailedMessage extends ResourceMessage {
  type: 'failed';
  code: RolloutErrorCode;
  message: string;
  /** What to do about it, and the command that shows more. */
  hint?: string;
}

export interface StatusReportLine {
  resource: ResourceId;
  outcome: ResourceOutcome;
  /** Tracked `for: delete` and gone: outcome "ready" means deleted. */
  deleted?: true;
  state: VerdictState | 'absent';
  message: string;
  waitingFor: readonly string[];
  progress: Readonly<Record<string, string | number>>;
  pods: readonly PodSummary[];
  blocked?: string;
}

/** Periodic summary of every resource (every `statusProgressPeriod`). */
export interface StatusReportMessage extends MessageBase {
  type: 'status-report';
  resources: readonly StatusReportLine[];
}

/** Always the last message. */
export interface DoneMessage extends MessageBase {
  type: 'done';
  report: Report;
}

export type TrackMessage =
  | AddedMessage
  | StatusMessage
  | EventMessage
  | LogMessage
  | FailureMessage
  | ReadyMessage
  | FailedMessage
  | StatusReportMessage
  | DoneMessage;

export type TrackMessageType = TrackMessage['type'];
