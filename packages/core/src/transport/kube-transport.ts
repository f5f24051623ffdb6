/**
 * The only way core talks to a cluster. The default implementation reads the kubeconfig itself
 * (client-node only for exec plugins, auth providers and proxies) and uses node:https for the
 * wire; tests substitute their own.
 */
export interface KubeTransport {
  /** Base URL of the API server, for messages. */
  readonly server: string;
  /** The kubeconfig context's namespace, or "default". */
  readonly defaultNamespace: string;
  /** GET (or another verb) returning parsed JSON. Non-2xx responses throw `ApiError`. */
  requestJson<T = unknown>(request: KubeRequest): Promise<T>;
  /** Opens a streaming GET (watch, follow logs). Resolves once headers arrive; non-2xx throws `ApiError`. */
  stream(request: KubeRequest): Promise<KubeStream>;
  /** Drops cached credentials so the next request re-runs exec plugins / re-reads token files (after a 401). */
  refreshCredentials(): Promise<void>;
  /** Releases sockets. */
  close(): void;
}

export interface KubeRequest {
  /** Absolute API path, e.g. "/apis/apps/v1/namespaces/ns/deployments". */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export interface KubeStream {
  /** Raw body chunks as they arrive; ends when the server closes the response. */
  body: AsyncIterable<Uint8Array>;
  /** Aborts the response (idempotent). */
  close(): void;
}
