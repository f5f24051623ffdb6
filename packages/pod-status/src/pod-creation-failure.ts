import type { Condition, Failure, KubeEvent, KubeObject } from '@kubetrack/core';
import { findCondition } from './find-condition.js';
import { podCreationHint } from './failure-hints.js';

export interface PodCreationFailureInput {
  /** The controller that creates the pods (a ReplicaSet, StatefulSet, DaemonSet, Job). */
  creator: KubeObject;
  /** "ReplicaSet", "StatefulSet" ... */
  creatorKind: string;
  /** "rs/web-6f7c9d8b5", as the message names it. */
  creatorName: string;
  /** Conditions that may carry ReplicaFailure (the ReplicaSet's, or its Deployment's; none for a Job). */
  conditions: readonly (Condition[] | undefined)[];
  events: readonly KubeEvent[];
  /** The controller still lacks pods it wants; only then does a FailedCreate event describe now. */
  missingPods: boolean;
  /** Verdict-message prefix, e.g. "deploy/web: " for a Deployment's ReplicaSet. */
  prefix: string;
  /** Identity of this failure: one per rollout, whichever signal reported it. */
  id: string;
}

/**
 * The controller cannot create pods: a ResourceQuota is exhausted, a LimitRange or an admission
 * policy forbids them. Seen as ReplicaFailure=True (ReplicaSet, copied to its Deployment) or as
 * FailedCreate Warning events on the controller not followed by a SuccessfulCreate. Permanent: the
 * pod template or quota must change.
 */
export function podCreationFailure(input: PodCreationFailureInput): Failure | undefined {
  const object = `${input.creatorKind}/${input.creator.metadata.name ?? ''}`;
  const condition = input.conditions
    .map((conditions) => findCondition(conditions, 'ReplicaFailure'))
    .find((candidate) => candidate?.status === 'True');
  const event = input.missingPods ? latestFailedCreate(input.events, input.creator, object) : undefined;
  // Events repeat the controller's error behind "Error creating: "; the condition has it bare.
  const cause = condition?.message ?? event?.message.replace(/^Error creating: /, '');
  if (cause === undefined) return undefined;
  return {
    id: input.id,
    code: 'resource-limits-exceeded',
    message: `${input.prefix}${input.creatorName} cannot create pods: ${cause}`,
    object,
    subject: { kind: input.creatorKind, name: input.creator.metadata.name ?? '' },
    permanent: true,
    hint: podCreationHint(cause, input.creator.metadata.namespace ?? 'default', input.creatorName),
  };
}


function latestFailedCreate(events: readonly KubeEvent[], creator: KubeObject, object: string): KubeEvent | undefined {
  const uid = creator.metadata.uid;
  const about = events.filter((event) => (uid && event.involvedObjectUid ? event.involvedObjectUid === uid : event.object === object));
  const failedCreate = about.findLast((event) => event.type === 'Warning' && event.reason === 'FailedCreate');
  if (!failedCreate) return undefined;
  // The controller created pods since: the quota or policy no longer stops it.
  const created = about.findLast((event) => event.reason === 'SuccessfulCreate');
  return created && timeOf(created) > timeOf(failedCreate) ? undefined : failedCreate;
}

function timeOf(event: KubeEvent): number {
  return Date.parse(event.lastTime ?? event.firstTime ?? '') || 0;
}
