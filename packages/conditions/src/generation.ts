import type { KubeObject } from '@kubetrack/core';

/** A generation as controllers write it: a number, or (some CRDs) a numeric string. */
export function toGeneration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function generationOf(object: KubeObject): number | undefined {
  return toGeneration(object.metadata.generation);
}

export function observedGenerationOf(object: KubeObject): number | undefined {
  const status = object.status;
  return typeof status === 'object' && status !== null ? toGeneration((status as Record<string, unknown>)['observedGeneration']) : undefined;
}
