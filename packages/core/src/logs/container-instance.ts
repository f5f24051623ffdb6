import type { LogSource } from '../plugin.js';

/** One run of a container: a restart makes a new instance. */
export interface ContainerInstance {
  containerId?: string;
  restartCount: number;
}

export function instanceOf(source: LogSource): ContainerInstance {
  return {
    ...(source.containerId === undefined ? {} : { containerId: source.containerId }),
    restartCount: source.restartCount,
  };
}

/**
 * The container id names an instance; the restart count only stands in when an id is
 * missing (the kubelet may raise the count while the exited instance is still the one it serves).
 */
export function isSameInstance(a: ContainerInstance, b: ContainerInstance): boolean {
  if (a.containerId !== undefined && b.containerId !== undefined) return a.containerId === b.containerId;
  return a.restartCount === b.restartCount;
}
