import type { CoreV1Event } from '@kubernetes/client-node';
import { kubeClients } from './kube-clients.js';
import { waitFor } from './wait-for.js';

export interface EventMatch {
  readonly type?: 'Normal' | 'Warning';
  readonly reason?: string;
  /** the involved object's kind, e.g. Pod */
  readonly kind?: string;
  /** the involved object's name, or its beginning when it ends with `*` (e.g. `web-*` for a Deployment's pods) */
  readonly name?: string;
  readonly messageIncludes?: string;
}

/** the namespace's core/v1 Events that match, oldest first */
export async function listEvents(namespace: string, match: EventMatch = {}): Promise<CoreV1Event[]> {
  const { items } = await kubeClients().core.listNamespacedEvent({ namespace });
  return items
    .filter((event) => matches(event, match))
    .sort((a, b) => eventTime(a) - eventTime(b));
}

/** waits until an Event that matches exists and returns the first one */
export async function waitForEvent(namespace: string, match: EventMatch, timeoutMs = 30_000): Promise<CoreV1Event> {
  return waitFor(async () => (await listEvents(namespace, match))[0], {
    description: `an event ${JSON.stringify(match)} in ${namespace}`,
    timeoutMs,
  });
}

function matches(event: CoreV1Event, match: EventMatch): boolean {
  const { involvedObject } = event;
  if (match.type !== undefined && event.type !== match.type) return false;
  if (match.reason !== undefined && event.reason !== match.reason) return false;
  if (match.kind !== undefined && involvedObject.kind !== match.kind) return false;
  if (match.name !== undefined) {
    const name = involvedObject.name ?? '';
    const fits = match.name.endsWith('*') ? name.startsWith(match.name.slice(0, -1)) : name === match.name;
    if (!fits) return false;
  }
  return match.messageIncludes === undefined || (event.message ?? '').includes(match.messageIncludes);
}

function eventTime(event: CoreV1Event): number {
  const time = event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata.creationTimestamp;
  return time ? new Date(time).getTime() : 0;
}
