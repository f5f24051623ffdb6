import type { KubeObject } from '@kubetrack/core';

/**
 * The generic check every workload rule makes first (kstatus' checkGeneration): has the
 * controller seen the current spec? Until it has, status, conditions and revisions describe the
 * previous one. The Deployment, ReplicaSet, DaemonSet and StatefulSet controllers all write
 * status.observedGeneration on their first sync, so a missing one on an object with a generation
 * means "not seen yet" (a freshly created object), never "observed". No generation: nothing to check.
 */
export function generationObserved(object: KubeObject): boolean {
  const generation = object.metadata.generation;
  if (typeof generation !== 'number') return true;
  const observed = (object.status as { observedGeneration?: unknown } | undefined)?.observedGeneration;
  return typeof observed === 'number' && observed >= generation;
}
