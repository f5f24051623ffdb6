import type { KubeObject, ResourceKind, TrackerPlugin, TrackOptions, TrackRun, TrackSpec } from '@kubetrack/core';

/** A connection to one cluster with a tracker over it: all the CLI needs from core at run time. */
export interface ClusterSession {
  /** The kubeconfig context's namespace (or -n). */
  readonly defaultNamespace: string;
  /** A kind no plugin lists, through API discovery ("Certificate" in group "cert-manager.io"). */
  discoverKind(query: { kind: string; group?: string }): Promise<ResourceKind>;
  /** Names of the objects of a kind matching a label selector. */
  listBySelector(kind: ResourceKind, namespace: string | undefined, labelSelector: string): Promise<Array<{ name: string; namespace?: string }>>;
  /** One object by name; undefined when it does not exist. */
  getObject(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  /** The objects of a kind matching a label selector, whole. */
  listObjects(kind: ResourceKind, namespace: string | undefined, labelSelector: string): Promise<KubeObject[]>;
  /** A ConfigMap's data (--argocd-cm); a missing ConfigMap is invalid input. */
  readConfigMapData?(namespace: string, name: string): Promise<Readonly<Record<string, string>>>;
  track(specs: readonly TrackSpec[], options: TrackOptions): TrackRun;
  close(): void;
}

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  /** The process environment the kubeconfig is found from (KUBECONFIG); the real one unless given. */
  env?: Readonly<Record<string, string | undefined>>;
  plugins: readonly TrackerPlugin[];
  /** Aborts connecting, the preflight and discovery (Ctrl-C, or --timeout running out before tracking starts). */
  signal?: AbortSignal;
  /** --debug: one line per API request and per stream end. */
  trace?: (line: string) => void;
}

export type ConnectCluster = (options: ConnectOptions) => Promise<ClusterSession>;
