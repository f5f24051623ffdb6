import type { V1Container, V1PodTemplateSpec } from '@kubernetes/client-node';
import { podBehaviorAnnotations, type PodBehaviorOptions } from './pod-behavior.js';

export interface PodTemplateOptions extends PodBehaviorOptions {
  /** labels of the pods; workload builders also select on them */
  readonly labels?: Record<string, string>;
  /** extra pod annotations, merged over the behaviour annotations */
  readonly annotations?: Record<string, string>;
  /** default: one container `app` running `image` */
  readonly containers?: readonly V1Container[];
  readonly initContainers?: readonly V1Container[];
  /** image of the default container; default nginx:1.27 */
  readonly image?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** requests = limits of the default container, e.g. { cpu: '100m', memory: '64Mi' } */
  readonly resources?: Record<string, string>;
}

export function podTemplate(options: PodTemplateOptions, defaultLabels: Record<string, string>): V1PodTemplateSpec {
  const container: V1Container = {
    name: 'app',
    image: options.image ?? 'nginx:1.27',
    ...(options.resources ? { resources: { requests: options.resources, limits: options.resources } } : {}),
  };
  return {
    metadata: {
      labels: options.labels ?? defaultLabels,
      annotations: { ...podBehaviorAnnotations(options), ...options.annotations },
    },
    spec: {
      containers: [...(options.containers ?? [container])],
      ...(options.initContainers ? { initContainers: [...options.initContainers] } : {}),
      ...(options.nodeSelector ? { nodeSelector: options.nodeSelector } : {}),
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      terminationGracePeriodSeconds: 0,
    },
  };
}
