import type { CelInput } from '@bufbuild/cel';

/**
 * A JSON object as CEL sees it in Flux (cel-go over unstructured objects): maps, lists,
 * whole numbers as int, others as double, so `status.replicas == 3` and
 * `metadata.generation == status.observedGeneration` compare as they do there.
 */
export function celInput(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(celInput);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) {
    return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, celInput(item)]));
  }
  return value as CelInput;
}
