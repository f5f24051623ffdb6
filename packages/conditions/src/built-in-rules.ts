import type { DeclarativeRule } from './declarative-rule.js';
import { parseDeclarativeRules } from './parse-declarative-rules.js';

const READY_CONDITION = { ready: ['True'], progressing: ['False', 'Unknown'], failed: [] };

/**
 * Rules for common CRDs whose readiness is not kstatus's Ready condition (Kubernetes' own kinds
 * are @kubetrack/core-kinds'). A value is listed as failed only where its controller writes it
 * for a state it never retries out of; a controller that writes False and requeues means
 * "still trying" (kubedog reverted eleven such rules as false positives: werf/kubedog 88394a2,
 * #370). A Stalled=True condition fails any kind regardless. Each rule cites what its
 * controller writes.
 */
export const BUILT_IN_RULES: readonly DeclarativeRule[] = parseDeclarativeRules(
  [
    // cert-manager pkg/controller/certificates/readiness/readiness_controller.go: Ready=False while
    // issuing or after a failed issuance, which the issuing controller retries with backoff.
    { group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' }, ...READY_CONDITION },
    // fluxcd/helm-controller api/v2/condition_types.go: Ready=False on every failed attempt, retried
    // per spec.install/upgrade.remediation; a final failure is Stalled=True, which fails by itself.
    { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', condition: { type: 'Ready' }, ...READY_CONDITION },
    // fluxcd/kustomize-controller api/v1/kustomization_types.go: same pattern as HelmRelease.
    { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', condition: { type: 'Ready' }, ...READY_CONDITION },
    // external-secrets pkg/controllers/externalsecret/externalsecret_controller.go markAsFailed:
    // Ready=False/SecretSyncedError on any provider error, and the reconcile returns the error so it
    // is retried (a SecretStore applied in the same release is often not valid yet).
    { group: 'external-secrets.io', kind: 'ExternalSecret', condition: { type: 'Ready' }, ...READY_CONDITION },
    // bitnami-labs/sealed-secrets pkg/controller/controller.go: Synced=False when unsealing failed,
    // requeued with rate limiting (the key or the Secret it must not overwrite may change);
    // kubedog 88394a2 made False progressing for this reason.
    { group: 'bitnami.com', kind: 'SealedSecret', condition: { type: 'Synced' }, ...READY_CONDITION },
    // prometheus-operator pkg/apis/monitoring/v1/types.go: Available is True, False or Degraded
    // (some replicas unavailable); the operator reconciles towards True.
    ...['Prometheus', 'Alertmanager', 'ThanosRuler'].map((kind) => ({
      group: 'monitoring.coreos.com',
      kind,
      condition: { type: 'Available' },
      ready: ['True'],
      progressing: ['False', 'Degraded', 'Unknown'],
      failed: [],
    })),
    // kyverno api/kyverno/v1/policy_status.go: Ready=False until the policy's webhooks are configured.
    ...['ClusterPolicy', 'Policy'].map((kind) => ({ group: 'kyverno.io', kind, condition: { type: 'Ready' }, ...READY_CONDITION })),
    // gateway-api apis/v1/gateway_types.go GatewayConditionProgrammed: False with Pending, Invalid or
    // AddressNotAssigned while the implementation works on it.
    { group: 'gateway.networking.k8s.io', kind: 'Gateway', condition: { type: 'Programmed' }, ...READY_CONDITION },
    // Argo CD (gitops-engine pkg/health/health.go): synced first, so a Degraded health left from
    // before the sync is not read as this revision's; Degraded is kept failed, as kubedog keeps it.
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
  ],
  'built-in rules',
);
