import type { ResourceKind } from '@kubetrack/core';

export const JOB_KIND: ResourceKind = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  namespaced: true,
  shortNames: ['job'],
};
