import type { ResourceKind } from '@kubetrack/core';

/** The Pod kind, as every plugin that watches pods asks for it. */
export const POD_KIND: ResourceKind = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  namespaced: true,
  // "pod" first: it is how tracked pods are named in messages (pod/web-x), as pod-status names them.
  shortNames: ['pod', 'po'],
};
