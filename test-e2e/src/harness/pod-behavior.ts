/**
 * The pod-template annotations that choose how the local cluster's fake kubelet (kwok stages in
 * test-e2e/cluster/kwok) runs a pod. Real manifests stay valid: these are plain annotations.
 */
export const podBehaviors = [
  'ready',
  'never-ready',
  'image-pull-error',
  'crashloop',
  'oom-killed',
  'config-error',
  'fail',
  'succeed',
] as const;

export type PodBehavior = (typeof podBehaviors)[number];

export interface PodBehaviorOptions {
  /** default `ready`, or `succeed` for Job pods */
  readonly behavior?: PodBehavior;
  /** how long after starting a `ready` container passes its readiness probe, as a Go duration; default 1s */
  readonly readyAfter?: string;
  /** how long a container runs before it exits (Job pods, crashloop, oom-killed), as a Go duration */
  readonly runFor?: string;
  /** lines each container prints when it starts */
  readonly logs?: readonly string[];
  /** with `crashloop`: crash this many times, then run and become Ready */
  readonly crashTimes?: number;
}

export function podBehaviorAnnotations(options: PodBehaviorOptions): Record<string, string> {
  return {
    ...(options.behavior === undefined ? {} : { 'kubetrack.test/behavior': options.behavior }),
    ...(options.readyAfter === undefined ? {} : { 'kubetrack.test/ready-after': options.readyAfter }),
    ...(options.runFor === undefined ? {} : { 'kubetrack.test/run-for': options.runFor }),
    ...(options.logs === undefined ? {} : { 'kubetrack.test/logs': options.logs.join('\n') }),
    ...(options.crashTimes === undefined ? {} : { 'kubetrack.test/crash-times': String(options.crashTimes) }),
  };
}
