import { defineTrackerPlugin, PLUGIN_API_VERSION, type TrackerPlugin } from '@kubetrack/core';
import { POD_KIND } from '@kubetrack/pod-status';
import { JOB_KIND } from './job-kinds.js';
import type { Job } from './job-types.js';
import { jobVerdict } from './job-verdict.js';

/** Tracks batch/v1 Jobs until they complete or fail, with the logs of every attempt. */
export function job(): TrackerPlugin {
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/job',
    codes: ['job-failed'],
    kinds: [JOB_KIND],
    children(object) {
      const tracked = object as Job;
      // The API server always defaults spec.selector to the controller-uid label; fall back to it all the same.
      const selector = tracked.spec?.selector ?? { matchLabels: { 'batch.kubernetes.io/controller-uid': tracked.metadata.uid ?? '' } };
      return [{ key: 'pods', kind: POD_KIND, selector }];
    },
    evaluate: jobVerdict,
  });
}
