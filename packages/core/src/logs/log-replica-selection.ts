import type { LogSource } from '../plugin.js';
import { getOrCreate } from '../get-or-create.js';

/** How many pods per controller stream logs: a positive count, or every pod. */
export type LogsReplicas = number | 'all';

/**
 * A few replicas show what a rollout prints, and a 50-replica Deployment then costs 3 streams,
 * not 50. Not nelm's 1: two or three replicas side by side show a pod that behaves unlike its
 * siblings (the walking skeleton's 2 replicas keep every line).
 */
export const DEFAULT_LOGS_REPLICAS = 3;

/**
 * Which pods of a tracked resource have their logs followed. Per controller, the first `limit`
 * pods seen are followed for as long as they are listed (a pod is never dropped mid-stream for
 * a newer one; a pod that goes away frees its place). A pod with a container that restarted or
 * terminated is always followed, whatever the limit: its log is what explains a crash, a
 * liveness kill or a failed Job pod, and the follower reads the earlier instance's lines too.
 * Pods that are Ready keep streaming: a crash later must find its lines still arriving.
 */
export class LogReplicaSelection {
  /** Pod UIDs (names when the UID is unknown) chosen within the limit, by controller. */
  readonly #chosen = new Map<string, Set<string>>();

  constructor(private readonly limit: LogsReplicas = DEFAULT_LOGS_REPLICAS) {}

  select(sources: readonly LogSource[]): readonly LogSource[] {
    if (this.limit === 'all') return sources;
    const listed = new Set(sources.map(podKey));
    for (const pods of this.#chosen.values()) for (const pod of pods) if (!listed.has(pod)) pods.delete(pod);
    const explaining = new Set(sources.filter((source) => source.restartCount > 0 || source.terminated).map(podKey));
    for (const source of sources) {
      const pod = podKey(source);
      const controller = controllerOf(source.pod);
      const pods = getOrCreate(this.#chosen, controller, () => new Set<string>());
      // A pod followed because it crashed does not take a healthy sibling's place.
      if (!pods.has(pod) && !explaining.has(pod) && pods.size < this.limit) pods.add(pod);
    }
    return sources.filter((source) => explaining.has(podKey(source)) || this.#chosen.get(controllerOf(source.pod))?.has(podKey(source)));
  }
}

function podKey(source: LogSource): string {
  return source.podUid || source.pod;
}

/**
 * Controllers name their pods `<controller>-<suffix>` (ReplicaSet `web-6f7c9d-x2k4q`, StatefulSet
 * `db-0`, DaemonSet and Job `name-abcde`), so one Deployment mid-rollout counts its old and new
 * ReplicaSet separately and the new pods get their own places.
 */
function controllerOf(pod: string): string {
  const dash = pod.lastIndexOf('-');
  return dash > 0 ? pod.slice(0, dash) : pod;
}
