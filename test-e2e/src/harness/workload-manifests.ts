import type { V1DaemonSet, V1Deployment, V1Job, V1Pod, V1ResourceQuota, V1StatefulSet } from '@kubernetes/client-node';
import { podTemplate, type PodTemplateOptions } from './pod-template.js';

export interface WorkloadOptions extends PodTemplateOptions {
  readonly name: string;
  /** annotations of the workload object itself (the pod template takes `annotations`) */
  readonly objectAnnotations?: Record<string, string>;
}

const appLabels = (name: string) => ({ app: name });

export function deploymentManifest(
  options: WorkloadOptions & { replicas?: number; progressDeadlineSeconds?: number },
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name, ...(options.objectAnnotations ? { annotations: options.objectAnnotations } : {}) },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: options.labels ?? appLabels(options.name) },
      ...(options.progressDeadlineSeconds ? { progressDeadlineSeconds: options.progressDeadlineSeconds } : {}),
      template: podTemplate(options, appLabels(options.name)),
    },
  };
}

export function statefulSetManifest(options: WorkloadOptions & { replicas?: number }): V1StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: options.name, ...(options.objectAnnotations ? { annotations: options.objectAnnotations } : {}) },
    spec: {
      replicas: options.replicas ?? 1,
      serviceName: options.name,
      selector: { matchLabels: options.labels ?? appLabels(options.name) },
      template: podTemplate(options, appLabels(options.name)),
    },
  };
}

export function daemonSetManifest(options: WorkloadOptions): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: options.name, ...(options.objectAnnotations ? { annotations: options.objectAnnotations } : {}) },
    spec: {
      selector: { matchLabels: options.labels ?? appLabels(options.name) },
      template: podTemplate(options, appLabels(options.name)),
    },
  };
}

/** a Job whose pods `succeed` unless told otherwise; restartPolicy Never and backoffLimit 0 by default */
export function jobManifest(
  options: WorkloadOptions & { backoffLimit?: number; completions?: number; parallelism?: number; activeDeadlineSeconds?: number },
): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: options.name, ...(options.objectAnnotations ? { annotations: options.objectAnnotations } : {}) },
    spec: {
      backoffLimit: options.backoffLimit ?? 0,
      ...(options.completions === undefined ? {} : { completions: options.completions }),
      ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
      ...(options.activeDeadlineSeconds === undefined ? {} : { activeDeadlineSeconds: options.activeDeadlineSeconds }),
      template: podTemplate({ restartPolicy: 'Never', ...options }, { job: options.name }),
    },
  };
}

export function podManifest(options: WorkloadOptions): V1Pod {
  const template = podTemplate(options, appLabels(options.name));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: options.name, ...template.metadata }, spec: template.spec };
}

/** a ResourceQuota, e.g. resourceQuotaManifest('q', { pods: '1' }) */
export function resourceQuotaManifest(name: string, hard: Record<string, string>): V1ResourceQuota {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } };
}
