import type { RolloutErrorCode } from './error-code.js';
import type { KubeEvent, KubeObject, LabelSelector } from './kube-object.js';
import type { ResourceKind } from './resource-kind.js';

/** Bumped on any breaking change to the plugin contract; core refuses other versions. */
export const PLUGIN_API_VERSION = 1;

/**
 * A tracker plugin: a plain object that teaches core how to judge one or more kinds.
 * Plugins do no I/O. Core watches what `children` asks for and calls `evaluate` with
 * the latest snapshot whenever any of it changes (level-triggered).
 */
export interface TrackerPlugin {
  apiVersion: typeof PLUGIN_API_VERSION;
  /** Package-style name, e.g. "@kubetrack/workloads". */
  name: string;
  kinds: readonly ResourceKind[];
  /** Set to replace another plugin's rules for the same kind instead of being a conflict. */
  overrides?: boolean;
  /**
   * Handles kinds it does not list (a generic fallback). Consulted only when no plugin
   * lists the kind; `kinds` may be empty.
   */
  fallback?: boolean;
  /**
   * Error codes this plugin's verdicts and failures use beyond core's base set (e.g. "job-failed").
   * Any other code is a plugin bug: the run ends with an internal error naming it.
   */
  codes?: readonly string[];
  /** Related objects to watch, derived from the tracked object (e.g. a Deployment's ReplicaSets and Pods). */
  children?(object: KubeObject): readonly ChildQuery[];
  evaluate(snapshot: Snapshot, context: EvaluateContext): Verdict;
}

/** "Watch objects of this kind in the tracked object's namespace that match this selector." */
export interface ChildQuery {
  /** Name under which matches appear in `Snapshot.children`. */
  key: string;
  kind: ResourceKind;
  /** Client-side filter over the shared namespace watch; undefined means every object. */
  selector?: LabelSelector;
}

export interface Snapshot {
  /** The tracked object; undefined while it does not exist (not created yet, or deleted). */
  object: KubeObject | undefined;
  /** Children by `ChildQuery.key`, filtered by selector only; ownership checks are the plugin's. */
  children: Readonly<Record<string, readonly KubeObject[]>>;
  /** Events about the object and its children seen since tracking started, oldest first. */
  events: readonly KubeEvent[];
}

export interface EvaluateContext {
  /** Milliseconds since the epoch; plugins use it instead of reading the clock. */
  now: number;
  /** When tracking of this resource started; conditions older than this are stale. */
  trackingStartedAt: number;
  /** How long a pod may stay unschedulable before it counts as a `scheduling` failure. */
  schedulingGracePeriodMs: number;
  /** Plugin-specific options from the spec (e.g. declarative rules), unvalidated. */
  options: Readonly<Record<string, unknown>>;
}

export type VerdictState = 'progressing' | 'ready' | 'failed';

export interface Verdict {
  state: VerdictState;
  /** Set with state "failed": a terminal, resource-level failure (e.g. Job Failed=True). */
  code?: RolloutErrorCode;
  /** One plain-English line naming the object and what it is doing or why it failed. */
  message: string;
  /** With state "failed": what to do about it (see Failure.hint). */
  hint?: string;
  /**
   * Set when progress has stopped until someone acts (an approval webhook, a paused rollout,
   * old pods to delete by hand): says what is needed. Reported as "blocked", not as slow.
   */
  blocked?: string;
  /** What readiness still waits for, e.g. ["2/3 replicas available"]. */
  waitingFor?: readonly string[];
  /** Indicators for status tables, e.g. { replicas: "2/3", upToDate: "3/3" }. */
  progress?: Readonly<Record<string, string | number>>;
  /**
   * Recoverable failures seen now (a crashing container, an image that cannot be pulled).
   * Core counts them against the spec's allowFailuresCount and failureThresholdSeconds.
   */
  failures?: readonly Failure[];
  /** Pods whose logs belong to this resource (e.g. the new ReplicaSet's pods). */
  logSources?: readonly LogSource[];
  /** Per-pod summaries for status tables. */
  pods?: readonly PodSummary[];
  /**
   * The object's status counts children the watch cache has not delivered yet (e.g. "2 available
   * pods not seen ready yet"): each watch is its own stream, so a Deployment's status can arrive
   * before its pods' updates. Core holds the end of log streaming for it, briefly, so the lines
   * of pods it has not seen yet are not lost.
   */
  childrenBehind?: string;
  /** Ask to be evaluated again after this many ms even if nothing changes (time-based rules). */
  recheckAfterMs?: number;
  /** True when the tracked object does not exist yet. */
  absent?: boolean;
}

export interface Failure {
  /**
   * Identity of this failure occurrence. The same id on later evaluations is the same
   * failure; a new crash of the same container carries a new id (e.g. includes restartCount).
   */
  id: string;
  code: RolloutErrorCode;
  message: string;
  /** "Pod/web-6f7c9": kept for compatibility (messages, the report's events use this form); core reads `subject`. */
  object: string;
  /** What failed, as data: core picks the log tails and the explaining events by it. */
  subject?: FailureSubject;
  container?: string;
  /** Will not go away by itself (a missing image, a missing Secret): fails without allowance. */
  permanent?: boolean;
  /** What to do about it, and the command that shows more (kubectl ... -n NS). */
  hint?: string;
}

export interface FailureSubject {
  kind: string;
  name: string;
  /** Only for a pod's container: core then shows the log tail of `container` in pod `name`. */
  container?: string;
}

/** A failure's subject: the structured one, or (older plugins) parsed from `object` "Kind/name". */
export function failureSubject(failure: Pick<Failure, 'object' | 'subject' | 'container'>): FailureSubject {
  if (failure.subject) return failure.subject;
  const slash = failure.object.indexOf('/');
  return {
    kind: slash < 0 ? failure.object : failure.object.slice(0, slash),
    name: slash < 0 ? '' : failure.object.slice(slash + 1),
    ...(failure.container ? { container: failure.container } : {}),
  };
}

export interface LogSource {
  pod: string;
  podUid: string;
  container: string;
  init?: boolean;
  /** The container's current instance; a new id means a restart to follow again. */
  containerId?: string;
  /**
   * The instance `previous=true` reads (the status's last termination): the one before
   * `containerId`, or, while the container waits to restart, `containerId` itself.
   */
  previousContainerId?: string;
  restartCount: number;
  /** Running or terminated: only then does pods/log answer. */
  started: boolean;
  terminated: boolean;
}

/** Where a pod is in its life, for the timeline: the plugin that knows pods decides it. */
export type PodStage = 'scheduling' | 'creating' | 'pulling' | 'running' | 'ready' | 'failed' | 'completed' | 'terminating';

export interface PodSummary {
  name: string;
  ready: string;
  restarts: number;
  status: string;
  /** Drawn as `running` when a plugin does not say. */
  stage?: PodStage;
  error?: string;
}

/** Identity helper so plugin objects are checked against the contract where they are written. */
export function defineTrackerPlugin<P extends TrackerPlugin>(plugin: P): P {
  return plugin;
}
