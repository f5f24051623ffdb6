import { involvedObjectUidOf } from '../kube-event-from.js';
import type { ResourceKind } from '../resource-kind.js';
import type { WatchCache } from '../watch/shared-informer.js';
import { InformerRouter } from './informer-router.js';

/** core/v1 Event: every tracker's events come from one shared watch per namespace. */
export const EVENT_KIND: ResourceKind = { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true };

/** Hands out one router per (kind, namespace) over the watch cache, and forgets it when idle. */
export class RouterPool {
  private readonly routers = new Map<string, InformerRouter>();

  constructor(private readonly watchCache: WatchCache) {}

  router(kind: ResourceKind, namespace: string | undefined): InformerRouter {
    const key = `${kind.group}|${kind.version}|${kind.plural}|${kind.namespaced ? (namespace ?? '') : ''}`;
    let router = this.routers.get(key);
    if (!router) {
      const informer = this.watchCache.informer(kind, kind.namespaced ? namespace : undefined);
      const isEvents = kind === EVENT_KIND;
      router = new InformerRouter(informer, isEvents ? involvedObjectUidOf : undefined, () => this.routers.delete(key));
      this.routers.set(key, router);
    }
    return router;
  }

  events(namespace: string | undefined): InformerRouter {
    return this.router(EVENT_KIND, namespace);
  }
}
