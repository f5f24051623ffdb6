import { defineTrackerPlugin, PLUGIN_API_VERSION, type ResourceKind, type TrackerPlugin } from '@kubetrack/core';
import { canaryVerdict } from './canary-verdict.js';

export const CANARY_KIND: ResourceKind = {
  group: 'flagger.app',
  version: 'v1beta1',
  kind: 'Canary',
  plural: 'canaries',
  namespaced: true,
  shortNames: ['canary'],
};

/** Tracks Flagger Canaries until the revision being deployed is promoted or fails its analysis. */
export function flaggerCanary(): TrackerPlugin {
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/flagger-canary',
    codes: ['canary-failed'],
    kinds: [CANARY_KIND],
    evaluate: canaryVerdict,
  });
}
