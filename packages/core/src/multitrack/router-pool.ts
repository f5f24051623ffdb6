import { involvedObjectUidOf } from '../kube-event-from.js';
import type { KubeObject } from '../kube-object.js';
import type { ResourceKind } from '../resource-kind.js';
import type { SharedIndexInformer } from '../watch/shared-informer.js';
import type { SharedInformerFactory } from '../watch/shared-informer-factory.js';
import { InformerRouter } from './informer-router.js';
import { getOrCreate } from '../get-or-create.js';

/** core/v1 Event: every tracker's events come from one shared watch per namespace. */
export const EVENT_KIND: ResourceKind = { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true };

/** The store index of Events by the UID of the object they are about. */
export const INVOLVED_OBJECT_UID_INDEX = 'involvedObject.uid';

const involvedObjectUid = (object: KubeObject): readonly string[] => {
  const uid = involvedObjectUidOf(object);
  return uid === undefined ? [] : [uid];
};

/**
 * Each informer's router lives as long as the informer: the factory's map is the one pool
 * (and its key the one key format); a router holds no objects, only who listens for what.
 */
const routers = new WeakMap<SharedIndexInformer, InformerRouter>();

function routerOf(informer: SharedIndexInformer): InformerRouter {
  return getOrCreate(routers, informer, () => new InformerRouter(informer));
}

/** The routers over a factory's informers: `router` for objects, `events` for the Events about them. */
export class RouterPool {
  constructor(private readonly factory: SharedInformerFactory) {}

  router(kind: ResourceKind, namespace: string | undefined): InformerRouter {
    return routerOf(this.factory.informer(kind, kind.namespaced ? namespace : undefined));
  }

  /** Events in the namespace, keyed by involvedObject.uid (`watchKey`, `objectsWithKey`). */
  events(namespace: string | undefined): InformerRouter {
    return this.router(EVENT_KIND, namespace).keyBy(INVOLVED_OBJECT_UID_INDEX, involvedObjectUid);
  }
}
