/**
 * What to do about a failure, and the command that shows more: one row per cause, in the spirit
 * of Skaffold's suggestion codes. A hint names the object by name so it can be copied into a
 * terminal; the `-n NS` is always spelled out because CI runs without a current namespace.
 */
export type FailureCause =
  | { kind: 'image-not-found'; image: string; pod: string; namespace: string }
  | { kind: 'image-pull'; image: string; pod: string; namespace: string }
  | { kind: 'missing-object'; objectKind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim'; name: string; namespace: string }
  | { kind: 'container-config'; reason: string; pod: string; container: string; namespace: string }
  | { kind: 'crash'; exitCode?: number; pod: string; container: string; namespace: string }
  | { kind: 'oom'; limit?: string; pod: string; container: string; namespace: string }
  | { kind: 'probe'; probe: string; pod: string; container: string; namespace: string }
  | { kind: 'unschedulable'; pod: string; namespace: string; nodeSelector?: Readonly<Record<string, string>>; taints: boolean }
  | { kind: 'volume-mount'; pod: string; namespace: string }
  | { kind: 'quota'; namespace: string; exceeded?: string }
  | { kind: 'forbidden-by-policy'; creator: string; namespace: string };

type HintTable = { [K in FailureCause['kind']]: (cause: Extract<FailureCause, { kind: K }>) => string };

const HINTS: HintTable = {
  'image-not-found': ({ image, pod, namespace }) =>
    `check the image name and tag ${JSON.stringify(image)} (does that tag exist in the registry?); kubectl describe pod ${pod} -n ${namespace}`,
  'image-pull': ({ image, pod, namespace }) =>
    `check that the registry of ${JSON.stringify(image)} is reachable and, for a private registry, the pod's imagePullSecrets; kubectl describe pod ${pod} -n ${namespace}`,
  'missing-object': ({ objectKind, name, namespace }) =>
    `create ${objectKind} ${JSON.stringify(name)} in namespace ${namespace}, or fix the reference to it; kubectl get ${objectKind.toLowerCase()} ${name} -n ${namespace}`,
  'container-config': ({ reason, pod, namespace }) =>
    `fix the container's configuration (${reason}); kubectl describe pod ${pod} -n ${namespace}`,
  crash: ({ exitCode, pod, container, namespace }) =>
    `the process exited${exitCode === undefined ? '' : ` with code ${exitCode}`}: read its last log lines; kubectl logs ${pod} -c ${container} -n ${namespace} --previous`,
  oom: ({ limit, pod, container, namespace }) =>
    `the container used more memory than its limit${limit ? ` (${limit})` : ''}: raise resources.limits.memory or reduce its usage; kubectl top pod ${pod} -n ${namespace} --containers; kubectl logs ${pod} -c ${container} -n ${namespace} --previous`,
  probe: ({ probe, pod, namespace }) =>
    `the ${probe} probe fails: check its path, port and timeouts against what the app serves, or give it an initialDelaySeconds/startupProbe; kubectl describe pod ${pod} -n ${namespace}`,
  unschedulable: ({ pod, namespace, nodeSelector, taints }) => {
    const selector = nodeSelector && Object.keys(nodeSelector).length > 0
      ? `no node has the labels ${Object.entries(nodeSelector).map(([key, value]) => `${key}=${value}`).join(',')} (spec.nodeSelector)`
      : 'no node fits the pod';
    return `${selector}${taints ? ', or the nodes carry taints the pod does not tolerate' : ''}: check nodeSelector, affinity, tolerations and requests; kubectl describe pod ${pod} -n ${namespace}; kubectl get nodes --show-labels`;
  },
  'volume-mount': ({ pod, namespace }) =>
    `a volume cannot be mounted: check the Secret, ConfigMap or claim it names; kubectl describe pod ${pod} -n ${namespace}`,
  quota: ({ namespace, exceeded }) =>
    `a ResourceQuota is used up${exceeded ? ` (${exceeded})` : ''}: raise it, lower the pods' requests or replicas; kubectl describe quota -n ${namespace}`,
  'forbidden-by-policy': ({ creator, namespace }) =>
    `an admission policy or LimitRange rejects the pods: read the controller's events; kubectl describe ${creator} -n ${namespace}; kubectl describe limitrange -n ${namespace}`,
};

export function failureHint(cause: FailureCause): string {
  return (HINTS[cause.kind] as (cause: FailureCause) => string)(cause);
}

/** `secret "db-password" not found` / `configmap "x" not found` / `persistentvolumeclaim "data" not found` in kubelet messages. */
export function missingObjectIn(message: string): { objectKind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim'; name: string } | undefined {
  const match = /\b(secret|configmap|persistentvolumeclaim)s? "([^"]+)" not found/i.exec(message);
  if (!match) return undefined;
  const kinds = { secret: 'Secret', configmap: 'ConfigMap', persistentvolumeclaim: 'PersistentVolumeClaim' } as const;
  return { objectKind: kinds[match[1]!.toLowerCase() as keyof typeof kinds], name: match[2]! };
}

/** A controller that cannot create pods: a used-up quota names its numbers; anything else is a policy. */
export function podCreationHint(cause: string, namespace: string, creator: string): string {
  // "exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0"
  const quota = /exceeded quota: (.*)$/i.exec(cause);
  return quota
    ? failureHint({ kind: 'quota', namespace, exceeded: quota[1]! })
    : failureHint({ kind: 'forbidden-by-policy', creator, namespace });
}
