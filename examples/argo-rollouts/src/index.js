// kubetrack-plugin-argo-rollouts: an example third-party tracker plugin, in plain ESM JavaScript
// so the kubetrack CLI can load it without a build step:
//
//   kubetrack track rollout.argoproj.io/web --plugin ./examples/argo-rollouts/src/index.js
//   kubetrack track rollout.argoproj.io/web --plugin kubetrack-plugin-argo-rollouts   (once installed)
//
// A plugin does no I/O: evaluate() is a pure function from the Rollout's snapshot to a verdict.
// It imports nothing at run time; the types come from @kubetrack/core through JSDoc.

/**
 * @typedef {import('@kubetrack/core').TrackerPlugin} TrackerPlugin
 * @typedef {import('@kubetrack/core').ResourceKind} ResourceKind
 * @typedef {import('@kubetrack/core').Snapshot} Snapshot
 * @typedef {import('@kubetrack/core').EvaluateContext} EvaluateContext
 * @typedef {import('@kubetrack/core').Verdict} Verdict
 *
 * The parts of an argoproj.io/v1alpha1 Rollout this plugin reads.
 * @typedef {{
 *   metadata: { name?: string; generation?: number; deletionTimestamp?: string };
 *   spec?: {
 *     replicas?: number;
 *     paused?: boolean;
 *     strategy?: { canary?: { steps?: unknown[] }; blueGreen?: Record<string, unknown> };
 *   };
 *   status?: {
 *     phase?: string;
 *     message?: string;
 *     observedGeneration?: string | number;
 *     stableRS?: string;
 *     currentPodHash?: string;
 *     currentStepIndex?: number;
 *     replicas?: number;
 *     updatedReplicas?: number;
 *     readyReplicas?: number;
 *     availableReplicas?: number;
 *     abort?: boolean;
 *     pauseConditions?: { reason?: string; startTime?: string }[];
 *     conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
 *     blueGreen?: { activeSelector?: string; previewSelector?: string };
 *   };
 * }} Rollout
 */

/** The plugin API version this plugin is written for (kubetrack's PLUGIN_API_VERSION). */
const PLUGIN_API_VERSION = 1;

/** @type {ResourceKind} */
export const ROLLOUT_KIND = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Rollout',
  plural: 'rollouts',
  namespaced: true,
  shortNames: ['ro'],
};

/**
 * The Rollout's verdict, following the Argo Rollouts controller's own status (`status.phase`,
 * introduced in v1.0, is what `kubectl argo rollouts status` waits on):
 * - the controller has not observed the latest spec yet (observedGeneration < generation): progressing;
 * - Degraded: failed (code `failed`), with the controller's message (RolloutAborted, ProgressDeadlineExceeded...);
 * - Paused: progressing, waiting for a promotion (a canary pause step, or a blue-green preview);
 * - Healthy: ready once the stable ReplicaSet is the current pod template's (stableRS = currentPodHash);
 * - anything else (Progressing, no phase yet): progressing with the controller's message.
 *
 * @param {Snapshot} snapshot
 * @param {EvaluateContext} _context
 * @returns {Verdict}
 */
export function rolloutVerdict(snapshot, _context) {
  const rollout = /** @type {Rollout | undefined} */ (snapshot.object);
  if (!rollout) return { state: 'progressing', absent: true, message: 'rollout does not exist yet' };

  const name = `rollout/${rollout.metadata.name ?? ''}`;
  const status = rollout.status ?? {};
  const progress = rolloutProgress(rollout);
  const detail = status.message ? `: ${status.message}` : '';

  if (rollout.metadata.deletionTimestamp) {
    return { state: 'progressing', message: `${name} is being deleted`, waitingFor: ['deletion to finish'], progress };
  }

  // The status describes an older spec until the controller observes this generation. Argo
  // Rollouts before v1.0 wrote observedGeneration as a hash string: only numbers compare.
  const generation = rollout.metadata.generation;
  const observed = toGeneration(status.observedGeneration);
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return {
      state: 'progressing',
      message: `${name}: waiting for the controller to observe generation ${generation} (observed ${observed})`,
      waitingFor: [`the controller to observe generation ${generation}`],
      progress,
    };
  }

  switch (status.phase) {
    case 'Degraded':
      return { state: 'failed', code: 'failed', message: `${name} is degraded${detail || `: ${failedConditionMessage(rollout)}`}`, progress };
    case 'Paused': {
      const reasons = (status.pauseConditions ?? []).map((pause) => pause.reason).filter(Boolean);
      const why = reasons.length ? reasons.join(', ') : rollout.spec?.paused ? 'spec.paused' : 'paused';
      return {
        state: 'progressing',
        message: `${name} is paused (${why})${detail}`,
        waitingFor: [`the rollout to be promoted or resumed (${why})`],
        progress,
      };
    }
    case 'Healthy': {
      // Healthy with a stable ReplicaSet other than the current template's would be the old revision.
      if (status.stableRS && status.currentPodHash && status.stableRS !== status.currentPodHash) {
        return {
          state: 'progressing',
          message: `${name} is healthy but still serves the stable revision ${status.stableRS}, not ${status.currentPodHash}`,
          waitingFor: [`revision ${status.currentPodHash} to become stable`],
          progress,
        };
      }
      return { state: 'ready', message: `${name} is healthy${status.stableRS ? ` (stable revision ${status.stableRS})` : ''}`, progress };
    }
    case undefined:
    case '':
      return {
        state: 'progressing',
        message: `${name} has no status yet: the Argo Rollouts controller has not picked it up`,
        waitingFor: ['the Argo Rollouts controller to report a phase'],
        progress,
      };
    default:
      return {
        state: 'progressing',
        message: `${name} is ${String(status.phase).toLowerCase()}${detail}`,
        waitingFor: waitingForReplicas(rollout),
        progress,
      };
  }
}

/** The plugin object kubetrack loads: `--plugin` accepts the default export or this factory. */
export function argoRollouts() {
  /** @type {TrackerPlugin} */
  const plugin = {
    apiVersion: PLUGIN_API_VERSION,
    name: 'kubetrack-plugin-argo-rollouts',
    kinds: [ROLLOUT_KIND],
    evaluate: rolloutVerdict,
  };
  return plugin;
}

export default argoRollouts();

/** @param {string | number | undefined} value */
function toGeneration(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** @param {Rollout} rollout */
function failedConditionMessage(rollout) {
  const conditions = rollout.status?.conditions ?? [];
  const failing = conditions.find((c) => c.type === 'Progressing' && c.status === 'False') ?? conditions.find((c) => c.status === 'False');
  if (!failing) return 'the controller gives no reason';
  return [failing.reason, failing.message].filter(Boolean).join(': ');
}

/** @param {Rollout} rollout */
function waitingForReplicas(rollout) {
  const status = rollout.status ?? {};
  const desired = rollout.spec?.replicas ?? 1;
  /** @type {string[]} */
  const waiting = [];
  if ((status.updatedReplicas ?? 0) < desired) waiting.push(`updated ${status.updatedReplicas ?? 0}/${desired}`);
  if ((status.availableReplicas ?? 0) < desired) waiting.push(`available ${status.availableReplicas ?? 0}/${desired}`);
  if (status.stableRS && status.currentPodHash && status.stableRS !== status.currentPodHash) {
    waiting.push(`revision ${status.currentPodHash} to become stable`);
  }
  return waiting.length ? waiting : ['the rollout to become healthy'];
}

/** @param {Rollout} rollout */
function rolloutProgress(rollout) {
  const status = rollout.status ?? {};
  const desired = rollout.spec?.replicas ?? 1;
  /** @type {Record<string, string | number>} */
  const progress = {
    phase: status.phase || 'Unknown',
    replicas: `${status.availableReplicas ?? 0}/${desired}`,
    upToDate: `${status.updatedReplicas ?? 0}/${desired}`,
  };
  const steps = rollout.spec?.strategy?.canary?.steps;
  if (steps?.length) progress.step = `${Math.min(status.currentStepIndex ?? 0, steps.length)}/${steps.length}`;
  return progress;
}
