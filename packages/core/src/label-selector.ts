import type { LabelSelector } from './kube-object.js';

/** metav1.LabelSelector semantics; an empty selector matches everything, as in the API. */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>> = {}): boolean {
  if (!selector) return true;
  // Runs for every watch event a selector may concern: no entry arrays.
  const matchLabels = selector.matchLabels ?? {};
  for (const key in matchLabels) {
    if (labels[key] !== matchLabels[key]) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, requirement.key);
    const value = labels[requirement.key];
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // The API server rejects unknown operators; matching nothing is the safe reading.
        return false;
    }
  }
  return true;
}

/** One label pair every match must carry, so a router can index watchers instead of scanning them all. */
export function indexLabelOf(selector: LabelSelector | undefined): [string, string] | undefined {
  const first = Object.entries(selector?.matchLabels ?? {})[0];
  if (first) return first;
  const inOne = selector?.matchExpressions?.find((r) => r.operator === 'In' && r.values?.length === 1);
  return inOne ? [inOne.key, inOne.values![0]!] : undefined;
}
