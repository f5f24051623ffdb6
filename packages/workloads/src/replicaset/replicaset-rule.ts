import { podCreationFailure } from '@kubetrack/pod-status';
import type { Condition, KubeObject, LabelSelector } from '@kubetrack/core';
import { controllerVerdict } from '../controller-verdict.js';
import { ownedBy, reportPods } from '../pods-report.js';
import { REPLICA_SET } from '../workload-kinds.js';
import { shortResourceName } from '@kubetrack/core';
import { podsBySelector, type WorkloadRule } from '../workload-rule.js';
import { generationObserved } from '../generation-observed.js';

type ReplicaSet = KubeObject<ReplicaSetSpec, ReplicaSetStatus>;

interface ReplicaSetSpec {
  replicas?: number;
  selector?: LabelSelector;
}

interface ReplicaSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: Condition[];
}

/** Ready when the controller observed the spec and exactly spec.replicas pods exist, all available. */
export const replicaSetRule: WorkloadRule = {
  kind: REPLICA_SET,

  children: podsBySelector,

  evaluate(object, snapshot, context) {
    const rs = object as ReplicaSet;
    const name = shortResourceName(REPLICA_SET, rs.metadata.name);
    const status = rs.status ?? {};
    const desired = rs.spec?.replicas ?? 1;
    const replicas = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    const ready = status.readyReplicas ?? 0;
    const observed = generationObserved(rs);

    const pods = reportPods(ownedBy(snapshot.children['pods'], rs), snapshot.events, context);
    const creationFailure = podCreationFailure({
      creator: rs,
      creatorKind: 'ReplicaSet',
      creatorName: name,
      conditions: [status.conditions],
      events: snapshot.events,
      missingPods: replicas < desired,
      prefix: '',
      id: `${rs.metadata.uid ?? name}/generation/${rs.metadata.generation ?? 0}/cannot-create-pods`,
    });

    const waitingFor: string[] = [];
    if (!observed) waitingFor.push('observed generation');
    else {
      if (replicas < desired) waitingFor.push(`replicas ${replicas}/${desired}`);
      if (replicas > desired) waitingFor.push(`extra replicas pending termination ${replicas - desired}`);
      if (available < desired) waitingFor.push(`available ${available}/${desired}`);
    }

    return controllerVerdict({
      name,
      waitingFor,
      readyMessage: desired === 0 ? `${name} is scaled down to 0 replicas` : `${name} is ready: ${available}/${desired} replicas available`,
      progress: { replicas: `${replicas}/${desired}`, ready: `${ready}/${desired}`, available: `${available}/${desired}` },
      pods,
      availableInStatus: available,
      controllerFailures: creationFailure ? [creationFailure] : [],
    });
  },
};
