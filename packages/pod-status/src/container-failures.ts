import type { Failure, KubeEvent } from '@kubetrack/core';
import { eventContainer, eventTime } from './pod-events.js';
import { failureHint, missingObjectIn } from './failure-hints.js';
import { classifyImagePullError, IMAGE_PULL_REASONS, imagePullRootCause } from './image-pull-error.js';
import type { ContainerSpec, ContainerStatus, Pod, TerminatedState } from './pod-types.js';

/** Waiting reasons for a container that cannot start because of how it is configured. */
const CONFIG_REASONS: ReadonlySet<string> = new Set([
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

/** CreateContainerError messages the runtime recovers from by itself. */
const TRANSIENT_CREATE_ERROR = /failed to reserve container name|context deadline exceeded/i;

/** Terminations that are not the process's fault (node lost, pod deleted). */
const NOT_A_CRASH: ReadonlySet<string> = new Set(['Completed', 'ContainerStatusUnknown']);

const PROBE_RESTART = /failed (liveness|startup) probe, will be restarted/i;
const PROBE_FAILED = /^(Liveness|Startup) probe (failed|errored)/i;

interface ContainerInPod {
  pod: Pod;
  status: ContainerStatus;
  spec: ContainerSpec | undefined;
  init: boolean;
  /** Events about this container, oldest first. */
  events: readonly KubeEvent[];
  trackingStartedAt: number;
}

/**
 * Failures of every init and regular container of a pod. Identities follow the brief:
 * a crash is one failure per container instance (restartCount), image and config
 * problems one per pod and container.
 */
export function containerFailures(pod: Pod, podEvents: readonly KubeEvent[], trackingStartedAt: number): Failure[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const failures: Failure[] = [];
  const visit = (statuses: readonly ContainerStatus[] | undefined, specs: readonly ContainerSpec[] | undefined, init: boolean) => {
    for (const containerStatus of statuses ?? []) {
      const failure = containerFailure({
        pod,
        status: containerStatus,
        spec: specs?.find((candidate) => candidate.name === containerStatus.name),
        init,
        events: podEvents.filter((event) => isAboutContainer(event, pod, containerStatus)),
        trackingStartedAt,
      });
      if (failure) failures.push(failure);
    }
  };
  visit(status.initContainerStatuses, spec.initContainers, true);
  visit(status.containerStatuses, spec.containers, false);
  return failures;
}

function containerFailure(container: ContainerInPod): Failure | undefined {
  const { status } = container;
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const running = status.state?.running;
  const previous = status.lastState?.terminated;
  const restartCount = status.restartCount ?? 0;

  if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) return imagePullFailure(container, waiting.reason, waiting.message ?? '');
  if (waiting?.reason && CONFIG_REASONS.has(waiting.reason)) return configFailure(container, waiting.reason, waiting.message ?? '');
  if (waiting?.reason === 'CrashLoopBackOff') return crashFailure(container, restartCount, previous, 'crash-looping');
  if (waiting?.reason === 'RunContainerError') {
    return {
      ...identify(container, `crash/${restartCount}`),
      code: 'process-crashing',
      message: `${describe(container)} cannot start: RunContainerError: ${oneLine(waiting.message)}`,
      hint: failureHint({ kind: 'container-config', reason: 'RunContainerError', ...where(container) }),
    };
  }
  if (terminated && isCrash(terminated)) return crashFailure(container, restartCount, terminated, 'exited');

  if (running) {
    // A probe kill announced during the current instance: it is about to be restarted.
    if (probeRestartBetween(container, Date.parse(running.startedAt ?? ''), Number.POSITIVE_INFINITY)) {
      return crashFailure(container, restartCount, undefined, 'probe');
    }
    // A crash between two observations still shows as the previous instance's termination.
    const finishedAt = Date.parse(previous?.finishedAt ?? '');
    if (previous && finishedAt >= container.trackingStartedAt) {
      const killedByProbe = probeRestartBetween(container, Date.parse(previous.startedAt ?? ''), finishedAt);
      if (killedByProbe || isCrash(previous)) {
        return crashFailure(container, Math.max(0, restartCount - 1), previous, killedByProbe ? 'probe' : 'exited');
      }
    }
  }
  return undefined;
}

function isCrash(terminated: TerminatedState): boolean {
  if (terminated.reason === 'OOMKilled') return true;
  return terminated.exitCode !== 0 && !NOT_A_CRASH.has(terminated.reason ?? '');
}

type CrashKind = 'crash-looping' | 'exited' | 'probe';

function crashFailure(
  container: ContainerInPod,
  instance: number,
  terminated: TerminatedState | undefined,
  kind: CrashKind,
): Failure {
  const { status } = container;
  const oomKilled = terminated?.reason === 'OOMKilled';
  const restarts = status.restartCount ?? 0;
  const exit = terminated ? `exit code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}` : undefined;
  const detail = terminated?.message ? `: ${oneLine(terminated.message)}` : '';
  const limit = container.spec?.resources?.limits?.['memory'];
  let message: string;
  if (kind === 'probe') {
    const probeFailure = latestProbeFailure(container);
    message = `${describe(container)} is restarted by its ${probeName(container)} probe${probeFailure ? `: ${oneLine(probeFailure.message)}` : ''}`;
  } else if (oomKilled) {
    message = `${describe(container)} was OOMKilled${limit ? ` (memory limit ${limit})` : ''}${kind === 'crash-looping' ? `, CrashLoopBackOff, restarts: ${restarts}` : ''}`;
  } else if (kind === 'crash-looping') {
    message = `${describe(container)} keeps crashing (CrashLoopBackOff, restarts: ${restarts})${exit ? `: last ${exit}` : ''}${detail}`;
  } else {
    message = `${describe(container)} ${exit ? `exited with ${exit}` : 'exited'}${detail}`;
  }
  const hint =
    kind === 'probe'
      ? failureHint({ kind: 'probe', probe: probeName(container), ...where(container) })
      : oomKilled
        ? failureHint({ kind: 'oom', ...(limit ? { limit } : {}), ...where(container) })
        : failureHint({ kind: 'crash', ...(terminated?.exitCode === undefined ? {} : { exitCode: terminated.exitCode }), ...where(container) });
  return {
    ...identify(container, `crash/${instance}`),
    code: oomKilled ? 'resource-limits-exceeded' : 'process-crashing',
    message,
    hint,
  };
}

function imagePullFailure(container: ContainerInPod, reason: string, waitingMessage: string): Failure {
  let detail = waitingMessage;
  let kind = classifyImagePullError(waitingMessage);
  if (kind === 'unknown') {
    // "Back-off pulling image" alone says nothing; the kubelet's Failed events carry the cause.
    const explained = [...container.events]
      .reverse()
      .filter((event) => event.reason === 'Failed' && /pull/i.test(event.message))
      .map((event) => ({ message: event.message, kind: classifyImagePullError(event.message) }))
      .find((event) => event.kind !== 'unknown');
    if (explained) ({ kind, message: detail } = explained);
  }
  const permanent = kind === 'permanent';
  const image = container.spec?.image ?? container.status.image ?? '';
  return {
    ...identify(container, permanent ? 'image-pull/permanent' : 'image-pull'),
    code: 'invalid-config',
    message: `${describe(container)}: ${imagePullSummary(image, reason, oneLine(detail))}`,
    ...(permanent ? { permanent } : {}),
    hint: failureHint({ kind: permanent ? 'image-not-found' : 'image-pull', image, pod: where(container).pod, namespace: where(container).namespace }),
  };
}

/** The root cause once: `image "x" not found (ErrImagePull)`; the kubelet's full text stays in the events. */
function imagePullSummary(image: string, reason: string, detail: string): string {
  const cause = imagePullRootCause(image, detail);
  if (/^(not found|manifest unknown|name unknown)/i.test(cause)) return `image ${JSON.stringify(image)} not found (${reason})`;
  return `cannot pull image ${JSON.stringify(image)} (${reason})${cause ? `: ${cause}` : ''}`;
}

function configFailure(container: ContainerInPod, reason: string, message: string): Failure {
  const permanent = !(reason === 'CreateContainerError' && TRANSIENT_CREATE_ERROR.test(message));
  return {
    ...identify(container, permanent ? `config/${reason}` : `create/${reason}`),
    code: 'invalid-config',
    message: `${describe(container)} cannot start: ${reason}${message ? `: ${oneLine(message)}` : ''}`,
    ...(permanent ? { permanent } : {}),
    hint: configHint(container, reason, message),
  };
}

function configHint(container: ContainerInPod, reason: string, message: string): string {
  const missing = missingObjectIn(message);
  const { namespace } = where(container);
  return missing ? failureHint({ kind: 'missing-object', ...missing, namespace }) : failureHint({ kind: 'container-config', reason, ...where(container) });
}

function where(container: ContainerInPod): { pod: string; container: string; namespace: string } {
  return { pod: container.pod.metadata.name ?? '', container: container.status.name, namespace: container.pod.metadata.namespace ?? 'default' };
}

function identify(container: ContainerInPod, occurrence: string): Pick<Failure, 'id' | 'object' | 'subject' | 'container'> {
  const { pod, status } = container;
  const name = pod.metadata.name ?? '';
  return {
    id: `${pod.metadata.uid ?? name}/${status.name}/${occurrence}`,
    object: `Pod/${name}`,
    subject: { kind: 'Pod', name, container: status.name },
    container: status.name,
  };
}

function describe(container: ContainerInPod): string {
  const kind = container.init ? 'init container' : 'container';
  return `pod/${container.pod.metadata.name ?? ''}: ${kind} ${JSON.stringify(container.status.name)}`;
}

function latestProbeRestart(container: ContainerInPod): KubeEvent | undefined {
  return [...container.events].reverse().find((event) => PROBE_RESTART.test(event.message));
}

/** Whether the kubelet announced a probe restart within [from, to] (event times have second precision). */
function probeRestartBetween(container: ContainerInPod, from: number, to: number): boolean {
  if (Number.isNaN(from) || Number.isNaN(to)) return false;
  const lowerBound = Math.floor(from / 1000) * 1000;
  return container.events.some((event) => {
    const time = PROBE_RESTART.test(event.message) ? eventTime(event) : undefined;
    return time !== undefined && time >= lowerBound && time <= to;
  });
}

function latestProbeFailure(container: ContainerInPod): KubeEvent | undefined {
  return [...container.events].reverse().find((event) => PROBE_FAILED.test(event.message));
}

function probeName(container: ContainerInPod): string {
  const restart = latestProbeRestart(container);
  return PROBE_RESTART.exec(restart?.message ?? '')?.[1]?.toLowerCase() ?? 'liveness';
}

/**
 * Kubelet events name their container in `fieldPath`. Events without one (e.g. from simulated
 * kubelets) belong to a container when their text names it or its image, or when it is the only one.
 */
function isAboutContainer(event: KubeEvent, pod: Pod, status: ContainerStatus): boolean {
  const named = eventContainer(event);
  if (named !== undefined) return named === status.name;
  const containerCount = (pod.spec?.initContainers?.length ?? 0) + (pod.spec?.containers?.length ?? 0);
  const specImage = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === status.name)?.image;
  const images = [specImage, status.image].filter((image): image is string => Boolean(image));
  return (
    containerCount === 1 ||
    new RegExp(`\\bcontainer "?${escapeRegExp(status.name)}"?(?:\\s|$|,)`, 'i').test(event.message) ||
    images.some((image) => event.message.includes(JSON.stringify(image)))
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Kubelet messages can span lines (termination messages, stack traces); a verdict is one line. */
function oneLine(text: string | undefined, max = 600): string {
  const line = (text ?? '').split('\n').map((part) => part.trim()).filter(Boolean).join(' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
