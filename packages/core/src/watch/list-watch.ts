import type { KubeObject } from '../kube-object.js';
import type { KubeStream } from '../transport/kube-transport.js';

export interface ListOptions {
  limit: number;
  /** The previous page's continue token. */
  continue?: string | undefined;
  signal: AbortSignal;
}

export interface WatchOptions {
  /** Empty or undefined: "from now" (the server replays ADDED for everything). */
  resourceVersion?: string | undefined;
  timeoutSeconds: number;
  allowWatchBookmarks: boolean;
  signal: AbortSignal;
}

export interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/**
 * client-go's ListerWatcher: the reflector's only way to the server, so the list/watch
 * protocol (paging, resourceVersions, 410s, backoff) is written once, apart from HTTP, and
 * tests can feed it anything. Errors are `ApiError`s; `watch` resolves once the server has
 * accepted the watch and yields the raw newline-delimited JSON body.
 */
export interface ListWatch {
  /** Names the collection in messages, e.g. "/apis/apps/v1/namespaces/ns/deployments". */
  readonly description: string;
  list(options: ListOptions): Promise<ListPage>;
  watch(options: WatchOptions): Promise<KubeStream>;
  /** Drop cached credentials so the next request fetches new ones (after a 401). */
  refreshCredentials(): Promise<void>;
}
