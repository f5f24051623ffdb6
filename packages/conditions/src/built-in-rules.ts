import type { DeclarativeRule } from './declarative-rule.js';
import { parseDeclarativeRules } from './parse-declarative-rules.js';

const READY_CONDITION = { ready: ['True'], progressing: ['False', 'Unknown'], failed: [] };

/**
 * Rules for common CRDs (and the core kinds kstatus special-cases) whose readiness is not
 * kstatus's Ready condition. Only what cannot recover by itself is listed as failed; a
 * Stalled=True condition fails any kind regardless.
 */
export const BUILT_IN_RULES: readonly DeclarativeRule[] = parseDeclarativeRules(
  [
    { group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' }, ...READY_CONDITION },
    { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', condition: { type: 'Ready' }, ...READY_CONDITION },
    { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', condition: { type: 'Ready' }, ...READY_CONDITION },
    // Ready=False means the provider refused to sync (missing key, no access): it stays so until the store changes.
    {
      group: 'external-secrets.io',
      kind: 'ExternalSecret',
      condition: { type: 'Ready' },
      ready: ['True'],
      progressing: ['Unknown'],
      failed: ['False'],
    },
    // Synced=False means the controller could not decrypt it (sealed for another key, name or namespace).
    { group: 'bitnami.com', kind: 'SealedSecret', condition: { type: 'Synced' }, ready: ['True'], progressing: ['Unknown'], failed: ['False'] },
    ...['Prometheus', 'Alertmanager', 'ThanosRuler'].map((kind) => ({
      group: 'monitoring.coreos.com',
      kind,
      condition: { type: 'Available' },
      ready: ['True'],
      progressing: ['False', 'Degraded', 'Unknown'],
      failed: [],
    })),
    ...['ClusterPolicy', 'Policy'].map((kind) => ({ group: 'kyverno.io', kind, condition: { type: 'Ready' }, ...READY_CONDITION })),
    { group: 'gateway.networking.k8s.io', kind: 'Gateway', condition: { type: 'Programmed' }, ...READY_CONDITION },
    // Argo CD: synced first, so a Degraded health left from before the sync is not read as this revision's.
    {
      group: 'argoproj.io',
      kind: 'Application',
      jsonPath: '$.status.sync.status',
      ready: ['Synced'],
      progressing: ['OutOfSync', 'Unknown'],
      failed: [],
    },
    {
      group: 'argoproj.io',
      kind: 'Application',
      jsonPath: '$.status.health.status',
      ready: ['Healthy'],
      progressing: ['Progressing', 'Suspended', 'Missing', 'Unknown'],
      failed: ['Degraded'],
    },
    { group: '', kind: 'PersistentVolumeClaim', jsonPath: '$.status.phase', ready: ['Bound'], progressing: ['Pending'], failed: ['Lost'] },
    // Names first: a CRD whose names clash is never Established, and says why in NamesAccepted.
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', condition: { type: 'NamesAccepted' }, ready: ['True'], progressing: ['Unknown'], failed: ['False'] },
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', condition: { type: 'Established' }, ...READY_CONDITION },
  ],
  'built-in rules',
);
