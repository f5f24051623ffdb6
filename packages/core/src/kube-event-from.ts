import type { KubeEvent, KubeObject } from './kube-object.js';

interface RawEvent extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  involvedObject?: { kind?: string; name?: string; uid?: string; fieldPath?: string };
  series?: { count?: number; lastObservedTime?: string };
}

/** Reduces a core/v1 Event to what trackers show; new-style events fill eventTime/series instead of the timestamps. */
export function kubeEventFrom(object: KubeObject): KubeEvent {
  const raw = object as RawEvent;
  const involved = raw.involvedObject ?? {};
  const lastTime = raw.series?.lastObservedTime ?? raw.lastTimestamp ?? raw.eventTime ?? raw.firstTimestamp ?? raw.metadata.creationTimestamp;
  const firstTime = raw.firstTimestamp ?? raw.eventTime ?? raw.metadata.creationTimestamp;
  return {
    uid: raw.metadata.uid ?? `${raw.metadata.namespace}/${raw.metadata.name}`,
    type: raw.type ?? 'Normal',
    reason: raw.reason ?? '',
    message: (raw.message ?? raw.note ?? '').trim(),
    object: `${involved.kind ?? 'Unknown'}/${involved.name ?? ''}`,
    ...(involved.uid ? { involvedObjectUid: involved.uid } : {}),
    ...(involved.fieldPath ? { fieldPath: involved.fieldPath } : {}),
    count: raw.series?.count ?? raw.count ?? 1,
    ...(firstTime ? { firstTime } : {}),
    ...(lastTime ? { lastTime } : {}),
  };
}

export function involvedObjectUidOf(object: KubeObject): string | undefined {
  return (object as RawEvent).involvedObject?.uid;
}
