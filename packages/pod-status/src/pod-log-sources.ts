import type { LogSource } from '@kubetrack/core';
import type { ContainerStatus, Pod } from './pod-types.js';

/** Every init and regular container of the pod, in spec order, with what a log follower needs. */
export function podLogSources(pod: Pod): LogSource[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const sources = (init: boolean, names: readonly string[], statuses: readonly ContainerStatus[] | undefined) =>
    names.map((name) => logSource(pod, name, init, statuses?.find((s) => s.name === name)));
  return [
    ...sources(true, (spec.initContainers ?? []).map((c) => c.name), status.initContainerStatuses),
    ...sources(false, (spec.containers ?? []).map((c) => c.name), status.containerStatuses),
  ];
}

function logSource(pod: Pod, container: string, init: boolean, status: ContainerStatus | undefined): LogSource {
  const state = status?.state ?? {};
  // A container waiting to restart still serves the logs of the instance that just ended.
  const waitingAfterExit = state.waiting !== undefined && status?.lastState?.terminated !== undefined;
  const previousContainerId = status?.lastState?.terminated?.containerID;
  const containerId = status?.containerID ?? state.terminated?.containerID ?? previousContainerId;
  return {
    pod: pod.metadata.name ?? '',
    podUid: pod.metadata.uid ?? '',
    container,
    ...(init ? { init } : {}),
    ...(containerId ? { containerId } : {}),
    ...(previousContainerId ? { previousContainerId } : {}),
    restartCount: status?.restartCount ?? 0,
    started: state.running !== undefined || state.terminated !== undefined || waitingAfterExit,
    terminated: state.terminated !== undefined || waitingAfterExit,
  };
}
