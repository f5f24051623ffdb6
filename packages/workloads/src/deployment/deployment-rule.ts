import type { Condition, KubeObject, LabelSelector } from '@kubetrack/core';
import { conditionChangedAt, findCondition, podCreationFailure } from '@kubetrack/pod-status';
import { controllerVerdict } from '../controller-verdict.js';
import { ownedBy, reportPods } from '../pods-report.js';
import { DEPLOYMENT, POD, REPLICA_SET } from '../workload-kinds.js';
import { shortResourceName } from '@kubetrack/core';
import type { WorkloadRule } from '../workload-rule.js';
import { generationObserved } from '../generation-observed.js';

type Deployment = KubeObject<DeploymentSpec, DeploymentStatus>;

interface DeploymentSpec {
  replicas?: number;
  paused?: boolean;
  selector?: LabelSelector;
  progressDeadlineSeconds?: number;
}

interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  conditions?: Condition[];
}

type ReplicaSet = KubeObject<{ replicas?: number }, { replicas?: number; conditions?: Condition[] }>;

const REVISION = 'deployment.kubernetes.io/revision';

/**
 * Ready when the controller has observed the latest spec and every replica is updated and
 * available with no old pod left (kubedog's rule). Only the new ReplicaSet's pods are judged:
 * the old ones are going away and their problems are not this rollout's.
 */
export const deploymentRule: WorkloadRule = {
  kind: DEPLOYMENT,

  children(object) {
    const selector = (object as Deployment).spec?.selector;
    if (!selector) return [];
    return [
      { key: 'replicaSets', kind: REPLICA_SET, selector },
      { key: 'pods', kind: POD, selector },
    ];
  },

  evaluate(object, snapshot, context) {
    const deployment = object as Deployment;
    const name = shortResourceName(DEPLOYMENT, deployment.metadata.name);
    const spec = deployment.spec ?? {};
    const status = deployment.status ?? {};
    const desired = spec.replicas ?? 1;
    const replicas = status.replicas ?? 0;
    const updated = status.updatedReplicas ?? 0;
    const available = status.availableReplicas ?? 0;
    // Until the controller observes the new spec, status, conditions and the revision describe the previous rollout.
    const observed = generationObserved(deployment);

    const newReplicaSet = observed ? findNewReplicaSet(deployment, snapshot.children['replicaSets']) : undefined;
    const pods = reportPods(newReplicaSet ? ownedBy(snapshot.children['pods'], newReplicaSet) : [], snapshot.events, context);
    const creationFailure = observed
      ? podCreationFailure({
          creator: newReplicaSet ?? deployment,
          creatorKind: newReplicaSet ? 'ReplicaSet' : 'Deployment',
          creatorName: newReplicaSet ? shortResourceName(REPLICA_SET, newReplicaSet.metadata.name) : name,
          conditions: [newReplicaSet?.status?.conditions, status.conditions],
          events: snapshot.events,
          missingPods: newReplicaSet !== undefined && (newReplicaSet.status?.replicas ?? 0) < (newReplicaSet.spec?.replicas ?? 1),
          prefix: newReplicaSet ? `${name}: ` : '',
          id: `${deployment.metadata.uid ?? name}/revision/${deployment.metadata.annotations?.[REVISION] ?? '?'}/cannot-create-pods`,
        })
      : undefined;

    const progressing = findCondition(status.conditions, 'Progressing');
    const changedAt = progressing && conditionChangedAt(progressing);
    if (
      observed &&
      progressing?.status === 'False' &&
      progressing.reason === 'ProgressDeadlineExceeded' &&
      changedAt !== undefined &&
      changedAt >= context.trackingStartedAt
    ) {
      const cause = creationFailure ?? pods.failures[0];
      const deadline = spec.progressDeadlineSeconds === undefined ? '' : ` (${spec.progressDeadlineSeconds}s)`;
      return {
        state: 'failed',
        code: 'not-progressing',
        message: `${name} exceeded its progress deadline${deadline}: ${(progressing.message ?? 'no progress').replace(/\.$/, '')}${cause ? `; ${cause.message}` : ''}`,
        pods: pods.pods,
        logSources: pods.logSources,
      };
    }

    const waitingFor: string[] = [];
    if (!observed) waitingFor.push('observed generation');
    else {
      if (updated < desired) waitingFor.push(`up-to-date ${updated}/${desired}`);
      if (replicas > updated) waitingFor.push(`old replicas pending termination ${replicas - updated}`);
      else if (replicas > desired) waitingFor.push(`extra replicas pending termination ${replicas - desired}`);
      if (available < desired) waitingFor.push(`available ${available}/${desired}`);
    }
    if (spec.paused) waitingFor.unshift('rollout to be resumed');

    return controllerVerdict({
      name,
      waitingFor,
      readyMessage:
        desired === 0 ? `${name} is scaled down to 0 replicas` : `${name} is ready: ${available}/${desired} replicas available`,
      ...(spec.paused
        ? {
            waitingMessage: `${name} is paused (kubectl rollout resume deploy/${deployment.metadata.name ?? ''})`,
            blocked: `the rollout is paused: kubectl rollout resume deploy/${deployment.metadata.name ?? ''}`,
          }
        : {}),
      progress: { replicas: `${replicas}/${desired}`, upToDate: `${updated}/${desired}`, available: `${available}/${desired}` },
      pods,
      availableInStatus: available,
      controllerFailures: creationFailure ? [creationFailure] : [],
    });
  },
};

/** The ReplicaSet of the Deployment's current revision (the controller stamps both with it). */
function findNewReplicaSet(deployment: Deployment, replicaSets: readonly KubeObject[] | undefined): ReplicaSet | undefined {
  const revision = deployment.metadata.annotations?.[REVISION];
  if (revision === undefined) return undefined;
  return ownedBy(replicaSets, deployment).find((rs) => rs.metadata.annotations?.[REVISION] === revision) as ReplicaSet | undefined;
}
