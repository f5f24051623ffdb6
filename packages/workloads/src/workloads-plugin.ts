import { defineTrackerPlugin, PLUGIN_API_VERSION, type KubeObject, type TrackerPlugin } from '@kubetrack/core';
import { daemonSetRule } from './daemonset/daemonset-rule.js';
import { deploymentRule } from './deployment/deployment-rule.js';
import { podRule } from './pod/pod-rule.js';
import { replicaSetRule } from './replicaset/replicaset-rule.js';
import { statefulSetRule } from './statefulset/statefulset-rule.js';
import type { WorkloadRule } from './workload-rule.js';

const RULES: readonly WorkloadRule[] = [deploymentRule, statefulSetRule, daemonSetRule, replicaSetRule, podRule];

/** The tracker plugin for Deployment, StatefulSet, DaemonSet, ReplicaSet and Pod. */
export function workloads(): TrackerPlugin {
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/workloads',
    kinds: RULES.map((rule) => rule.kind),
    children(object) {
      return ruleFor(object)?.children(object) ?? [];
    },
    evaluate(snapshot, context) {
      const { object } = snapshot;
      // The snapshot carries no kind or name while the object is missing; core names the resource.
      if (!object) return { state: 'progressing', absent: true, message: 'does not exist yet' };
      const rule = ruleFor(object);
      if (!rule) throw new Error(`@kubetrack/workloads does not track ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`);
      return rule.evaluate(object, snapshot, context);
    },
  });
}

function ruleFor(object: KubeObject): WorkloadRule | undefined {
  const group = object.apiVersion?.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  return RULES.find((rule) => rule.kind.kind === object.kind && rule.kind.group === group);
}
