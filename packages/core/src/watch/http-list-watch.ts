import type { ResourceKind } from '../resource-kind.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { resourcePath } from '../transport/resource-path.js';
import type { ListPage, ListWatch } from './list-watch.js';

export interface HttpListWatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** The `ListWatch` of one (kind, namespace) collection over the API server's REST paths. */
export function httpListWatch(
  transport: KubeTransport,
  kind: ResourceKind,
  namespace: string | undefined,
  options: HttpListWatchOptions = {},
): ListWatch {
  const path = resourcePath(kind, kind.namespaced ? namespace : undefined);
  const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
  return {
    description: path,
    list: ({ limit, continue: continueToken, signal }) =>
      transport.requestJson<ListPage>({ path, query: { limit, continue: continueToken, ...selectors }, signal }),
    watch: ({ resourceVersion, timeoutSeconds, allowWatchBookmarks, signal }) =>
      transport.stream({
        path,
        query: { watch: 1, allowWatchBookmarks, timeoutSeconds, resourceVersion: resourceVersion || undefined, ...selectors },
        signal,
      }),
    refreshCredentials: () => transport.refreshCredentials(),
  };
}
