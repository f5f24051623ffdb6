/**
 * Kinds that are in place the moment the API server accepts them: nothing to wait for, so
 * `track -f` leaves them out (and says so). Keyed by "group/Kind" ("" for the core group).
 * Custom resources not listed here are tracked through their conditions; Service, Ingress,
 * PersistentVolumeClaim, HPA, PDB, CRD and APIService have their own rules (@kubetrack/core-kinds).
 */
const NOTHING_TO_WAIT_FOR = new Set([
  '/ConfigMap',
  '/Secret',
  '/ServiceAccount',
  '/Endpoints',
  '/LimitRange',
  '/ResourceQuota',
  '/Namespace',
  '/PersistentVolume',
  '/PodTemplate',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'networking.k8s.io/NetworkPolicy',
  'networking.k8s.io/IngressClass',
  'discovery.k8s.io/EndpointSlice',
  // A CronJob only schedules Jobs later; there is no rollout to watch.
  'batch/CronJob',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'node.k8s.io/RuntimeClass',
  'apps/ControllerRevision',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/PrometheusRule',
]);

export function hasNothingToWaitFor(group: string, kind: string): boolean {
  return NOTHING_TO_WAIT_FOR.has(`${group}/${kind}`);
}
