import type { V1Pod } from '@kubernetes/client-node';
import { containerStatusesOf } from './container-instances.ts';

export type LogContainerResolution = { readonly containerId: string } | { readonly error: string };

/**
 * Which container instance a log request reads, with the kubelet's own rules and error texts
 * (pkg/kubelet/kubelet_pods.go validateContainerLogStatus): `previous` reads the last terminated
 * run; otherwise the running one, else the one that just ended, else an error for a container
 * still waiting to start.
 */
export function resolveLogContainer(pod: V1Pod, container: string, previous: boolean): LogContainerResolution {
  const podName = pod.metadata?.name ?? '';
  const status = containerStatusesOf(pod).find((candidate) => candidate.name === container);
  if (!status) return { error: `container "${container}" in pod "${podName}" is not available` };

  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container "${container}" in pod "${podName}" not found` };
    return { containerId: last.containerID };
  }
  if (running && status.containerID) return { containerId: status.containerID };
  if (terminated) {
    const containerId = terminated.containerID || last?.containerID;
    return containerId ? { containerId } : { error: `container "${container}" in pod "${podName}" is terminated` };
  }
  if (last) {
    return last.containerID ? { containerId: last.containerID } : { error: `container "${container}" in pod "${podName}" is terminated` };
  }
  if (waiting) {
    const why =
      waiting.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : waiting.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : waiting.reason;
    return { error: `container "${container}" in pod "${podName}" is waiting to start: ${why}` };
  }
  return { error: `container "${container}" in pod "${podName}" is waiting to start - no logs yet` };
}
