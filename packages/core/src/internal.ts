// '@kubetrack/core/internal': the machinery behind the public API, for kubetrack's own CLI,
// hook and tests. No compatibility promise: names and shapes change with any release.

export { formatDuration } from './format-duration.js';
export { CappedChunks, MAX_INPUT_BYTES, readCappedFile, readCappedFileSync } from './read-capped-file.js';
export type { Timer } from './timer.js';
export { MAX_TIMER_DELAY_MS, startTimer, timerDelay } from './timer.js';

export type { ContainerLogLine } from './logs/container-log-line.js';
export { parseContainerLogLine } from './logs/container-log-line.js';
export type {
  ContainerLogStream,
  ContainerLogStreamEnd,
  ContainerLogStreamEndReason,
  ContainerLogStreamOptions,
} from './logs/container-log-stream.js';
export { followContainerLog } from './logs/container-log-stream.js';
export type { PreviousLogsRequest } from './logs/fetch-previous-logs.js';
export { fetchPreviousLogs } from './logs/fetch-previous-logs.js';
export { LogCursor } from './logs/log-cursor.js';
export type { LogLineSource } from './logs/log-line-source.js';
export type { PodLogCollectorOptions, PodLogCollectorTuning } from './logs/pod-log-collector.js';
export { PodLogCollector, podLogCollectorFactory } from './logs/pod-log-collector.js';

export type { Clock } from './transport/clock.js';
export { systemClock } from './transport/clock.js';
export type { HttpListWatchOptions } from './watch/http-list-watch.js';
export { httpListWatch } from './watch/http-list-watch.js';
export type { ListOptions, ListPage, ListWatch, WatchOptions } from './watch/list-watch.js';
export type { ListWatchInformerOptions } from './watch/list-watch-informer.js';
export { ListWatchInformer } from './watch/list-watch-informer.js';
export type { ReflectorOptions, ReflectorSink, ReflectorTiming } from './watch/reflector.js';
export { DEFAULT_REFLECTOR_TIMING, Reflector } from './watch/reflector.js';
export type { InformerEvent, InformerHandler, SharedIndexInformer } from './watch/shared-informer.js';
export type { DefaultSharedInformerFactory } from './watch/shared-informer-factory.js';
export { ObjectStore, objectKey } from './watch/store.js';
