import type { Condition, KubeObject } from '@kubetrack/core';

/** The parts of a core/v1 Pod that readiness and failure rules read. */
export type Pod = KubeObject<PodSpec, PodStatus>;

export interface PodSpec {
  nodeName?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never' | string;
  nodeSelector?: Record<string, string>;
  initContainers?: ContainerSpec[];
  containers?: ContainerSpec[];
}

export interface ContainerSpec {
  name: string;
  image?: string;
  /** Set to "Always" on an init container to make it a sidecar. */
  restartPolicy?: string;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | string;
  reason?: string;
  message?: string;
  conditions?: Condition[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: TerminatedState;
}

export interface TerminatedState {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}
