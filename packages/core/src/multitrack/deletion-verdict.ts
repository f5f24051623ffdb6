import type { KubeObject } from '../kube-object.js';
import type { Verdict } from '../plugin.js';

/**
 * Waiting for deletion is the same for every kind, so core decides it before any plugin
 * (kstatus does too): gone is done; while the object is there, say what holds it, as
 * Pulumi's deletion await does: its finalizers, the dependents a foreground deletion waits
 * for, children still terminating, or that nobody deleted it yet.
 */
export function deletionVerdict(
  shortName: string,
  object: KubeObject | undefined,
  children: Readonly<Record<string, readonly KubeObject[]>>,
): Verdict {
  if (!object) return { state: 'ready', message: `${shortName} is gone` };
  const holds: string[] = [];
  if (!object.metadata.deletionTimestamp) {
    const owners = (object.metadata.ownerReferences ?? []).map((owner) => `${owner.kind}/${owner.name}`);
    holds.push(owners.length ? `nobody deleted it yet (its owner ${owners.join(', ')} may still delete it)` : 'nobody deleted it yet (no deletionTimestamp)');
  }
  const finalizers = object.metadata.finalizers ?? [];
  if (finalizers.length) holds.push(`finalizers ${finalizers.join(', ')}`);
  const dependents = dependentsOf(object, Object.values(children).flat());
  const terminating = dependents.filter((child) => child.metadata.deletionTimestamp).map(label);
  const remaining = dependents.filter((child) => !child.metadata.deletionTimestamp).map(label);
  if (terminating.length) holds.push(`${list(terminating)} still terminating`);
  if (remaining.length) holds.push(`dependents ${list(remaining)} still there`);
  const waitingFor = holds.length ? holds : ['deletion to finish'];
  return { state: 'progressing', message: `${shortName} is still there: ${waitingFor.join('; ')}`, waitingFor };
}

/** Children owned by the object or by one of its dependents (a Deployment's ReplicaSets and their pods). */
function dependentsOf(object: KubeObject, children: readonly KubeObject[]): KubeObject[] {
  const owners = new Set([object.metadata.uid].filter(Boolean));
  const dependents: KubeObject[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const child of children) {
      if (dependents.includes(child) || !child.metadata.ownerReferences?.some((owner) => owners.has(owner.uid))) continue;
      dependents.push(child);
      if (child.metadata.uid) owners.add(child.metadata.uid);
      grew = true;
    }
  }
  return dependents;
}

function label(object: KubeObject): string {
  return `${object.kind ?? 'object'}/${object.metadata.name ?? ''}`;
}

function list(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
