import { podCreationFailure } from '@kubetrack/pod-status';
import type { KubeObject, LabelSelector } from '@kubetrack/core';
import { controllerVerdict } from '../controller-verdict.js';
import { ownedBy, reportPods } from '../pods-report.js';
import { STATEFUL_SET } from '../workload-kinds.js';
import { shortResourceName } from '@kubetrack/core';
import { podsBySelector, type WorkloadRule } from '../workload-rule.js';
import { generationObserved } from '../generation-observed.js';

type StatefulSet = KubeObject<StatefulSetSpec, StatefulSetStatus>;

interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  minReadySeconds?: number;
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete' | string; rollingUpdate?: { partition?: number } };
}

interface StatefulSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  /** Ready for minReadySeconds; present on API servers since 1.22. */
  availableReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
}

const REVISION_LABEL = 'controller-revision-hash';

/**
 * kubectl's rollout rules, made exact: the latest spec observed, every replica available
 * (ready for minReadySeconds), and the update revision rolled out as far as the strategy
 * goes: all pods without a partition, the ordinals at or above it with one, and with
 * OnDelete only once the user has deleted the old pods.
 */
export const statefulSetRule: WorkloadRule = {
  kind: STATEFUL_SET,

  children: podsBySelector,

  evaluate(object, snapshot, context) {
    const sts = object as StatefulSet;
    const name = shortResourceName(STATEFUL_SET, sts.metadata.name);
    const spec = sts.spec ?? {};
    const status = sts.status ?? {};
    const desired = spec.replicas ?? 1;
    const replicas = status.replicas ?? 0;
    const ready = status.readyReplicas ?? 0;
    // availableReplicas honours minReadySeconds; older API servers do not report it.
    const availableField = status.availableReplicas !== undefined;
    const available = status.availableReplicas ?? ready;
    const updated = status.updatedReplicas ?? 0;
    const onDelete = spec.updateStrategy?.type === 'OnDelete';
    const partition = onDelete ? 0 : Math.max(0, spec.updateStrategy?.rollingUpdate?.partition ?? 0);
    const toUpdate = Math.max(0, desired - partition);
    const observed = generationObserved(sts);
    const updateRevision = observed ? status.updateRevision : undefined;
    const revisionUpToDate = status.currentRevision !== undefined && status.currentRevision === status.updateRevision;

    const newPods = ownedBy(snapshot.children['pods'], sts).filter(
      (pod) => updateRevision !== undefined && pod.metadata.labels?.[REVISION_LABEL] === updateRevision,
    );
    const pods = reportPods(newPods, snapshot.events, context);
    const creationFailure = observed
      ? podCreationFailure({
          creator: sts,
          creatorKind: 'StatefulSet',
          creatorName: name,
          conditions: [],
          events: snapshot.events,
          missingPods: replicas < desired,
          prefix: '',
          id: `${sts.metadata.uid ?? name}/revision/${status.updateRevision ?? '?'}/cannot-create-pods`,
        })
      : undefined;

    const waitingFor: string[] = [];
    if (!observed) waitingFor.push('observed generation');
    else {
      if (replicas > desired) waitingFor.push(`replicas pending termination ${replicas - desired}`);
      if (available < desired) waitingFor.push(`${availableField ? 'available' : 'ready'} ${available}/${desired}`);
      if (onDelete) {
        if (!revisionUpToDate && updated < desired) {
          waitingFor.push(`updated ${updated}/${desired} (updateStrategy OnDelete: delete the old pods to update them)`);
        }
      } else if (partition > 0) {
        if (updated < toUpdate) waitingFor.push(`updated ${updated}/${toUpdate} (partition ${partition})`);
      } else if (updated < desired) {
        waitingFor.push(`updated ${updated}/${desired}`);
      } else if (!revisionUpToDate) {
        // The controller promotes the update revision to current once every pod is updated and ready.
        waitingFor.push(`revision ${status.updateRevision ?? '?'} to become current`);
      }
    }

    return controllerVerdict({
      name,
      waitingFor,
      readyMessage: `${name} is ready: ${available}/${desired} replicas ${availableField ? 'available' : 'ready'}${
        status.updateRevision ? ` at revision ${status.updateRevision}` : ''
      }`,
      progress: {
        replicas: `${replicas}/${desired}`,
        ready: `${ready}/${desired}`,
        ...(availableField ? { available: `${available}/${desired}` } : {}),
        updated: `${updated}/${toUpdate}`,
      },
      pods,
      // at least this many of the available pods are of the update revision (the ones judged)
      availableInStatus: Math.max(0, available - (replicas - updated)),
      controllerFailures: creationFailure ? [creationFailure] : [],
    });
  },
};
