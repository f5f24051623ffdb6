// The public API of @kubetrack/core: what a library user and a plugin author program against.
// Everything else (watch and log machinery, CLI helpers) is at '@kubetrack/core/internal',
// with no compatibility promise.

// Tracking
export { createTracker } from './create-tracker.js';
export type { Feed, LogsSince, Tracker, TrackerOptions, TrackOptions, TrackRun } from './tracker.js';
export { StopTrack } from './tracker.js';
export type { FailMode, TrackSpec, TrackTerminationMode } from './track-spec.js';
export type { LogsReplicas } from './logs/log-replica-selection.js';
export { TRACK_DEFAULTS, trackSpec } from './track-spec.js';
export type { LogLine, LogTailSnapshot, ResourceLogs, ResourceLogsFactory, ResourceLogsOptions } from './multitrack/resource-logs.js';
export type { SharedInformerFactory, SharedInformerFactoryOptions } from './watch/shared-informer-factory.js';
export { createSharedInformerFactory } from './watch/shared-informer-factory.js';

// What a run says
export type {
  AddedMessage,
  DoneMessage,
  EventMessage,
  FailedMessage,
  FailureMessage,
  LogMessage,
  ReadyMessage,
  StatusMessage,
  StatusReportLine,
  StatusReportMessage,
  TrackMessage,
  TrackMessageType,
} from './track-message.js';
export type {
  LogTail,
  Report,
  ReportError,
  ReportEvent,
  ResourceOutcome,
  ResourceReport,
  Timeline,
  TimelineRow,
  TimelineState,
} from './report.js';
export type { BaseRolloutErrorCode, ProgramErrorCode, RolloutErrorCode } from './error-code.js';
export { PROGRAM_ERROR_CODES, ROLLOUT_ERROR_CODE_FORMAT, ROLLOUT_ERROR_CODES } from './error-code.js';
export { isProgramError, ProgramError } from './program-error.js';

// Writing a plugin
export type {
  ChildQuery,
  EvaluateContext,
  Failure,
  FailureSubject,
  LogSource,
  PodStage,
  PodSummary,
  Snapshot,
  TrackerPlugin,
  Verdict,
  VerdictState,
} from './plugin.js';
export { defineTrackerPlugin, failureSubject, PLUGIN_API_VERSION } from './plugin.js';
export type { PluginRegistry } from './plugin-registry.js';
export { createPluginRegistry } from './plugin-registry.js';
export type {
  Condition,
  KubeEvent,
  KubeObject,
  LabelSelector,
  LabelSelectorRequirement,
  ObjectMeta,
  OwnerReference,
} from './kube-object.js';
export type { ResourceKind } from './resource-kind.js';
export { apiVersionOf, parseApiVersion, qualifiedKindName, shortResourceName } from './resource-kind.js';
export type { ResourceId } from './resource-id.js';
export { formatResourceId, resourceKey } from './resource-id.js';
export type { LogRegex } from './log-regex.js';
export { compileLogRegex, logRegexProblem } from './log-regex.js';
export { compareText } from './compare-text.js';

// Talking to a cluster
export type { KubeTransportOptions } from './transport/create-kube-transport.js';
export { createKubeTransport } from './transport/create-kube-transport.js';
export { traceTransport } from './transport/traced-transport.js';
export type { KubeRequest, KubeStream, KubeTransport } from './transport/kube-transport.js';
export type { KubeConfigEnvironment, KubeConfigOptions, LoadedKubeConfig } from './transport/load-kube-config.js';
export { loadKubeConfig } from './transport/load-kube-config.js';
export type { Kubeconfig, KubeconfigCluster, KubeconfigContext, KubeconfigUser } from './transport/kubeconfig-file.js';
export type { KindQuery } from './transport/discover-kind.js';
export { discoverKind } from './transport/discover-kind.js';
export { resourceName, resourcePath } from './transport/resource-path.js';
export { ApiError, isApiError } from './transport/api-error.js';
export type { ApiCallContext } from './transport/to-program-error.js';
export { toProgramError } from './transport/to-program-error.js';
