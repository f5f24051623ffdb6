import type { KubeEvent } from '@kubetrack/core';
import type { Pod } from './pod-types.js';

/** Events about this pod instance (by uid when known, so a recreated pod of the same name does not inherit them). */
export function eventsAboutPod(events: readonly KubeEvent[], pod: Pod): KubeEvent[] {
  const uid = pod.metadata.uid;
  const object = `Pod/${pod.metadata.name ?? ''}`;
  return events.filter((event) =>
    uid && event.involvedObjectUid ? event.involvedObjectUid === uid : event.object === object,
  );
}

const CONTAINER_FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}$/;

/** The container an event names through `fieldPath` ("spec.containers{app}"), if any. */
export function eventContainer(event: KubeEvent): string | undefined {
  return event.fieldPath === undefined ? undefined : CONTAINER_FIELD_PATH.exec(event.fieldPath)?.[1];
}

/** When the event last happened, ms since the epoch. */
export function eventTime(event: KubeEvent): number | undefined {
  const time = Date.parse(event.lastTime ?? event.firstTime ?? '');
  return Number.isNaN(time) ? undefined : time;
}
