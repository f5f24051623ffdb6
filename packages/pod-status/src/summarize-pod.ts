import type { PodSummary } from '@kubetrack/core';
import { findCondition } from './find-condition.js';
import { podStage } from './pod-stage.js';
import type { ContainerSpec, Pod } from './pod-types.js';

/**
 * The row `kubectl get pods` prints (READY, STATUS, RESTARTS), computed the way
 * kubectl's printPod does, so users see the status they already know.
 */
export function summarizePod(pod: Pod): Omit<PodSummary, 'error'> {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = new Map((spec.initContainers ?? []).map((container) => [container.name, container]));
  const sidecarCount = (spec.initContainers ?? []).filter(isSidecar).length;
  const totalContainers = (spec.containers ?? []).length + sidecarCount;

  let reason = status.reason || status.phase || 'Pending';
  if (findCondition(status.conditions, 'PodScheduled')?.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    restarts += container.restartCount ?? 0;
    const sidecar = isSidecar(initSpecs.get(container.name));
    if (sidecar) sidecarRestarts += container.restartCount ?? 0;
    const terminated = container.state?.terminated;
    const waitingReason = container.state?.waiting?.reason;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    initializing = true;
    if (terminated) {
      reason = terminated.reason ? `Init:${terminated.reason}` : `Init:${exitDescription(terminated.exitCode, terminated.signal)}`;
    } else if (waitingReason && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${index}/${(spec.initContainers ?? []).length}`;
    }
    break;
  }

  if (!initializing || findCondition(status.conditions, 'Initialized')?.status === 'True') {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const containerStatuses = status.containerStatuses ?? [];
    // kubectl walks containers last to first, so the first container's problem wins.
    for (const container of [...containerStatuses].reverse()) {
      restarts += container.restartCount ?? 0;
      const terminated = container.state?.terminated;
      const waitingReason = container.state?.waiting?.reason;
      if (waitingReason) reason = waitingReason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = exitDescription(terminated.exitCode, terminated.signal);
      else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = findCondition(status.conditions, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const ready = `${readyContainers}/${totalContainers}`;
  return { name: pod.metadata.name ?? '', ready, restarts, status: reason, stage: podStage(reason, ready) };
}

export function isSidecar(container: ContainerSpec | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function exitDescription(exitCode: number, signal: number | undefined): string {
  return signal ? `Signal:${signal}` : `ExitCode:${exitCode}`;
}

