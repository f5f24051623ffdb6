import type { ResourceKind } from '@kubetrack/core';

export const DEPLOYMENT: ResourceKind = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  namespaced: true,
  shortNames: ['deploy', 'deployment'],
};

export const STATEFUL_SET: ResourceKind = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  namespaced: true,
  shortNames: ['sts', 'statefulset'],
};

export const DAEMON_SET: ResourceKind = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  namespaced: true,
  shortNames: ['ds', 'daemonset'],
};

export const REPLICA_SET: ResourceKind = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  namespaced: true,
  shortNames: ['rs', 'replicaset'],
};

export { POD_KIND as POD } from '@kubetrack/pod-status';

export const CONTROLLER_REVISION: ResourceKind = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  namespaced: true,
};
