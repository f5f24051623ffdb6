import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/** one run of a container, identified by its containerID, as a pod status reports it */
export interface ContainerInstance {
  readonly container: string;
  readonly containerId: string;
  readonly restartCount: number;
  readonly running: boolean;
  /** set once the instance has exited */
  readonly exitCode?: number;
}

export function containerStatusesOf(pod: V1Pod): V1ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

/** every container instance the pod status names: the current one and the last terminated one */
export function containerInstancesOf(pod: V1Pod): ContainerInstance[] {
  const instances: ContainerInstance[] = [];
  for (const status of containerStatusesOf(pod)) {
    const { state, lastState, restartCount, name } = status;
    if (state?.running && status.containerID) {
      instances.push({ container: name, containerId: status.containerID, restartCount, running: true });
    }
    const terminated = state?.terminated;
    if (terminated?.containerID) {
      instances.push({ container: name, containerId: terminated.containerID, restartCount, running: false, exitCode: terminated.exitCode });
    }
    const last = lastState?.terminated;
    if (last?.containerID) {
      // the previous run: one restart ago when a new run has started, else the run that just ended
      const previousRestartCount = state?.running ? Math.max(restartCount - 1, 0) : restartCount;
      instances.push({ container: name, containerId: last.containerID, restartCount: previousRestartCount, running: false, exitCode: last.exitCode });
    }
  }
  return instances;
}
