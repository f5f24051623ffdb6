import type { PodStage } from '@kubetrack/core';

/**
 * What a pod's `kubectl get pods` STATUS means on a timeline. Unknown reasons (a new kubelet
 * reason) count as running: the pod got past creation.
 */
export function podStage(status: string, ready: string): PodStage {
  const [readyCount, total] = ready.split('/').map(Number);
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (/ImagePull|ErrImage|InvalidImageName/.test(status)) return 'pulling';
  if (/CrashLoopBackOff|Error|OOMKilled|Failed|ContainerCannotRun|RunContainerError|Config/.test(status)) return 'failed';
  if (status === 'Pending' || status === 'SchedulingGated') return 'scheduling';
  if (status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:')) return 'creating';
  if ((status === 'Running' || status === 'NotReady') && total !== undefined && total > 0 && readyCount === total) return 'ready';
  return 'running';
}
