import type { KubeObject, Verdict } from '@kubetrack/core';
import { PERSISTENT_VOLUME_CLAIM, STORAGE_CLASS } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

interface PersistentVolumeClaim extends KubeObject {
  spec?: { storageClassName?: string | null; volumeName?: string };
  status?: { phase?: string };
}

interface StorageClass extends KubeObject {
  volumeBindingMode?: string;
}

/**
 * Bound is ready. Pending under a WaitForFirstConsumer class is ready too (Pulumi's rule): the
 * claim binds only once a pod uses it, so the pods are what to wait for. A ProvisioningFailed
 * event fails it once provisioning kept failing for the scheduling grace period (a claim that
 * cannot be provisioned holds its pods unschedulable alike); Lost is failed at once.
 */
export const persistentVolumeClaimRule: KindRule = {
  kind: PERSISTENT_VOLUME_CLAIM,
  children(object) {
    const claim = object as PersistentVolumeClaim;
    // Only a Pending claim needs its class; a bound one never makes core watch StorageClasses.
    return claim.status?.phase === 'Bound' || !claim.spec?.storageClassName ? [] : [{ key: 'storageClasses', kind: STORAGE_CLASS }];
  },
  evaluate(object, snapshot, context): Verdict {
    const claim = object as PersistentVolumeClaim;
    const name = nameOf(PERSISTENT_VOLUME_CLAIM, claim);
    const phase = claim.status?.phase ?? 'Pending';
    const className = claim.spec?.storageClassName ?? '';
    const progress = { phase, ...(className ? { storageClass: className } : {}) };
    if (phase === 'Bound') return { state: 'ready', message: `${name} is Bound to ${claim.spec?.volumeName ?? 'a volume'}`, progress };
    if (phase === 'Lost') {
      return { state: 'failed', code: 'failed', message: `${name} is Lost: its volume ${claim.spec?.volumeName ?? ''} no longer exists`.trimEnd(), progress };
    }

    const storageClass = (snapshot.children['storageClasses'] ?? []).find((c) => c.metadata.name === className) as StorageClass | undefined;
    if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') {
      return { state: 'ready', message: `${name} is Pending until a pod uses it (storage class ${className} binds WaitForFirstConsumer)`, progress };
    }

    const failures = snapshot.events.filter(
      (event) => event.type === 'Warning' && event.reason === 'ProvisioningFailed' && event.involvedObjectUid === claim.metadata.uid,
    );
    const latest = failures.at(-1);
    const since = Math.min(...failures.map((event) => Date.parse(event.firstTime ?? event.lastTime ?? '')).filter((t) => !Number.isNaN(t)));
    const startedFailing = Number.isFinite(since) ? Math.max(since, context.trackingStartedAt) : context.now;
    if (latest) {
      const message = `${name} cannot be provisioned: ${latest.message}`;
      const waitMs = startedFailing + context.schedulingGracePeriodMs - context.now;
      if (waitMs <= 0) return { state: 'failed', code: 'failed', message, progress };
      return { state: 'progressing', message, waitingFor: ['the volume to be provisioned'], progress, recheckAfterMs: waitMs };
    }
    const waitingFor = [className ? `a volume from storage class ${className}` : 'a matching PersistentVolume (no storage class)'];
    return { state: 'progressing', message: `${name} is Pending: waiting for ${waitingFor[0]}`, waitingFor, progress };
  },
};
