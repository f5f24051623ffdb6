import type { ResourceKind } from '@kubetrack/core';

export const SERVICE: ResourceKind = { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc', 'service'] };

export const ENDPOINT_SLICE: ResourceKind = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  namespaced: true,
};

export const INGRESS: ResourceKind = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  namespaced: true,
  shortNames: ['ing', 'ingress'],
};

export const PERSISTENT_VOLUME_CLAIM: ResourceKind = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc', 'persistentvolumeclaim'],
};

export const STORAGE_CLASS: ResourceKind = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  namespaced: false,
};

export const HORIZONTAL_POD_AUTOSCALER: ResourceKind = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa', 'horizontalpodautoscaler'],
};

export const POD_DISRUPTION_BUDGET: ResourceKind = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  namespaced: true,
  shortNames: ['pdb', 'poddisruptionbudget'],
};

export const CUSTOM_RESOURCE_DEFINITION: ResourceKind = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  namespaced: false,
  shortNames: ['crd', 'customresourcedefinition'],
};

export const API_SERVICE: ResourceKind = {
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  plural: 'apiservices',
  namespaced: false,
  shortNames: ['apiservice'],
};
