import { podCreationFailure } from '@kubetrack/pod-status';
import type { KubeObject, LabelSelector } from '@kubetrack/core';
import { controllerVerdict } from '../controller-verdict.js';
import { ownedBy, reportPods } from '../pods-report.js';
import { DAEMON_SET } from '../workload-kinds.js';
import { shortResourceName } from '@kubetrack/core';
import { podsBySelector, type WorkloadRule } from '../workload-rule.js';
import { generationObserved } from '../generation-observed.js';

type DaemonSet = KubeObject<DaemonSetSpec, DaemonSetStatus>;

interface DaemonSetSpec {
  selector?: LabelSelector;
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete' | string };
}

interface DaemonSetStatus {
  observedGeneration?: number;
  desiredNumberScheduled?: number;
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  numberReady?: number;
  numberAvailable?: number;
  updatedNumberScheduled?: number;
}

/** Set by the DaemonSet controller on every pod: the DaemonSet generation the pod was made from. */
const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * Ready when the controller has observed the latest spec and every node that should run the
 * daemon runs an updated, available pod. OnDelete is not "ready at once" (kubedog's FIXME):
 * it waits for the pods the user must delete, and says so. Nodes whose pod cannot be
 * scheduled show up as the pods' scheduling failures.
 */
export const daemonSetRule: WorkloadRule = {
  kind: DAEMON_SET,

  children: podsBySelector,

  evaluate(object, snapshot, context) {
    const ds = object as DaemonSet;
    const name = shortResourceName(DAEMON_SET, ds.metadata.name);
    const status = ds.status ?? {};
    const desired = status.desiredNumberScheduled ?? 0;
    const current = status.currentNumberScheduled ?? 0;
    const updated = status.updatedNumberScheduled ?? 0;
    const available = status.numberAvailable ?? 0;
    const misscheduled = status.numberMisscheduled ?? 0;
    const onDelete = ds.spec?.updateStrategy?.type === 'OnDelete';
    const generation = ds.metadata.generation ?? 0;
    const observed = generationObserved(ds);

    const pods = reportPods(observed ? newPods(ds, snapshot.children['pods'], updated >= desired) : [], snapshot.events, context);
    const creationFailure = observed
      ? podCreationFailure({
          creator: ds,
          creatorKind: 'DaemonSet',
          creatorName: name,
          conditions: [],
          events: snapshot.events,
          missingPods: current < desired,
          prefix: '',
          id: `${ds.metadata.uid ?? name}/generation/${generation}/cannot-create-pods`,
        })
      : undefined;

    const waitingFor: string[] = [];
    if (!observed) waitingFor.push('observed generation');
    else {
      if (updated < desired) {
        waitingFor.push(`updated ${updated}/${desired}${onDelete ? ' (updateStrategy OnDelete: delete the old pods to update them)' : ''}`);
      }
      if (available < desired) waitingFor.push(`available ${available}/${desired}`);
    }

    return controllerVerdict({
      name,
      waitingFor,
      readyMessage:
        desired === 0
          ? `${name} is ready: no node needs a pod`
          : `${name} is ready: ${available}/${desired} pods available`,
      progress: {
        scheduled: `${current}/${desired}`,
        updated: `${updated}/${desired}`,
        available: `${available}/${desired}`,
        ...(misscheduled > 0 ? { misscheduled } : {}),
      },
      pods,
      // at least this many of the available pods are updated (the ones judged)
      availableInStatus: Math.max(0, available - (current - updated)),
      controllerFailures: creationFailure ? [creationFailure] : [],
    });
  },
};

/**
 * Pods made from the current template. A spec change outside the template bumps the generation
 * without replacing pods; once the controller counts every pod as updated, all of them are current.
 */
function newPods(ds: DaemonSet, pods: readonly KubeObject[] | undefined, allUpdated: boolean): KubeObject[] {
  const owned = ownedBy(pods, ds);
  const generation = String(ds.metadata.generation ?? '');
  const current = owned.filter((pod) => pod.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === generation);
  return current.length === 0 && allUpdated ? owned : current;
}
