import type { TrackSpec } from '@kubetrack/core';

/** Per-resource options as a user gives them; anything unset takes the command's defaults. */
export type TrackOptionsOverrides = Partial<Omit<TrackSpec, 'resource'>>;

/**
 * One resource to track, before its kind is resolved against plugins or API discovery:
 * `kind` is what the user typed ("deploy", "Deployment", "Certificate.cert-manager.io").
 */
export interface TrackRequest {
  kind: string;
  /** Known when the request comes from a manifest's apiVersion or a kubedog GroupVersionKind. */
  group?: string;
  version?: string;
  name: string;
  /** Undefined: the -n flag, else the kubeconfig context's namespace. */
  namespace?: string;
  options: TrackOptionsOverrides;
  /** Where the request came from, for error messages ("spec.yaml:12:5", "argument deploy/web"). */
  origin: string;
}
