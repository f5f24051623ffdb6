import type { KubeObject } from '@kubetrack/core';

/** True when `ownerUid` is the object's controller (or, lacking a controller flag, any owner). */
export function isOwnedBy(object: KubeObject, ownerUid: string): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    (owner) => owner.uid === ownerUid && owner.controller !== false,
  );
}
