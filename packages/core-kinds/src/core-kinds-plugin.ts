import { defineTrackerPlugin, parseApiVersion, PLUGIN_API_VERSION, type KubeObject, type TrackerPlugin } from '@kubetrack/core';
import { apiServiceRule } from './apiservice/apiservice-rule.js';
import { customResourceDefinitionRule } from './customresourcedefinition/customresourcedefinition-rule.js';
import { horizontalPodAutoscalerRule } from './horizontalpodautoscaler/horizontalpodautoscaler-rule.js';
import { ingressRule } from './ingress/ingress-rule.js';
import { nameOf, type KindRule } from './kind-rule.js';
import { persistentVolumeClaimRule } from './persistentvolumeclaim/persistentvolumeclaim-rule.js';
import { podDisruptionBudgetRule } from './poddisruptionbudget/poddisruptionbudget-rule.js';
import { serviceRule } from './service/service-rule.js';

const RULES: readonly KindRule[] = [
  serviceRule,
  ingressRule,
  persistentVolumeClaimRule,
  horizontalPodAutoscalerRule,
  podDisruptionBudgetRule,
  customResourceDefinitionRule,
  apiServiceRule,
];

/**
 * The tracker plugin for Kubernetes' own kinds that run no pods but can still be not ready:
 * Service, Ingress, PersistentVolumeClaim, HorizontalPodAutoscaler, PodDisruptionBudget,
 * CustomResourceDefinition and APIService.
 */
export function coreKinds(): TrackerPlugin {
  return defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name: '@kubetrack/core-kinds',
    kinds: RULES.map((rule) => rule.kind),
    children(object) {
      return ruleFor(object)?.children?.(object) ?? [];
    },
    evaluate(snapshot, context) {
      const { object } = snapshot;
      // The snapshot carries no kind or name while the object is missing; core names the resource.
      if (!object) return { state: 'progressing', absent: true, message: 'does not exist yet' };
      const rule = ruleFor(object);
      if (!rule) throw new Error(`@kubetrack/core-kinds does not track ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`);
      // An address or a Bound phase left from before the deletion says nothing about readiness now.
      if (object.metadata.deletionTimestamp) {
        return { state: 'progressing', message: `${nameOf(rule.kind, object)} is being deleted`, waitingFor: ['deletion to finish'] };
      }
      return rule.evaluate(object, snapshot, context);
    },
  });
}

function ruleFor(object: KubeObject): KindRule | undefined {
  // Any served version (autoscaling/v1 and v2, an old beta): the rules read fields all of them share.
  const { group } = parseApiVersion(object.apiVersion ?? '');
  return RULES.find((rule) => rule.kind.kind === object.kind && rule.kind.group === group);
}
