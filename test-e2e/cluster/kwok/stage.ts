import { notHostRun } from './pod-queries.ts';
/** Builds kwok `Stage` documents (kwok.x-k8s.io/v1alpha1) from a compact description. */

export interface StageDelay {
  /** used when `fromJq` yields nothing */
  defaultMs: number;
  /** jq expression yielding a Go duration string such as "2s" (e.g. read from an annotation) */
  fromJq?: string;
}

export interface StageDescription {
  name: string;
  kind: 'Pod' | 'Node';
  /** jq expressions over the object; the stage applies when every one is true */
  when: readonly string[];
  delay?: StageDelay;
  /** Go template (kwok renders it with sprig) producing the status patch */
  status?: string;
  /** Go templates each producing one object that kwok creates, e.g. a core/v1 Event */
  creates?: readonly string[];
  remove?: boolean;
}

/** Pod stages skip the pods kwok does not drive (the host-run hook image), except deletion, which every pod needs. */
function when(description: StageDescription): readonly string[] {
  return description.kind === 'Pod' && !description.remove ? [...description.when, notHostRun] : description.when;
}

// kwok picks randomly among matching stages by weight. These stages are written to be mutually
// exclusive, and no default pod stage is loaded, so the weight only documents intent.
const weight = 10_000;

export function stage(description: StageDescription): Record<string, unknown> {
  const steps: Record<string, unknown>[] = [];
  if (description.status !== undefined) {
    steps.push({ patch: { subresource: 'status', root: 'status', template: description.status } });
  }
  for (const template of description.creates ?? []) {
    steps.push({ apply: { template } });
  }
  if (description.remove) steps.push({ delete: true });

  const spec: Record<string, unknown> = {
    resourceRef: { apiGroup: 'v1', kind: description.kind },
    selector: {
      matchExpressions: when(description).map((key) => ({ key, operator: 'In', values: ['true'] })),
    },
    weight,
    steps,
  };
  if (description.delay !== undefined) {
    spec['delay'] = {
      durationMilliseconds: description.delay.defaultMs,
      ...(description.delay.fromJq === undefined ? {} : { durationFrom: { expressionFrom: description.delay.fromJq } }),
    };
  }
  return { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'Stage', metadata: { name: description.name }, spec };
}
