import { describe, expect, it } from 'vitest';
import { failureHint, missingObjectIn, podCreationHint, type FailureCause } from './failure-hints.js';

const where = { pod: 'api-7d6c4-x2', container: 'api', namespace: 'shop' };

/** One row per cause: the hint says what to change and gives a command that names the object. */
const cases: { cause: FailureCause; fix: RegExp; command: string }[] = [
  { cause: { kind: 'image-not-found', image: 'registry.example/api:v2', pod: where.pod, namespace: 'shop' }, fix: /image name and tag "registry\.example\/api:v2"/, command: 'kubectl describe pod api-7d6c4-x2 -n shop' },
  { cause: { kind: 'image-pull', image: 'private.example/api:v2', pod: where.pod, namespace: 'shop' }, fix: /imagePullSecrets/, command: 'kubectl describe pod api-7d6c4-x2 -n shop' },
  { cause: { kind: 'missing-object', objectKind: 'Secret', name: 'db-password', namespace: 'shop' }, fix: /create Secret "db-password" in namespace shop/, command: 'kubectl get secret db-password -n shop' },
  { cause: { kind: 'container-config', reason: 'CreateContainerConfigError', ...where }, fix: /CreateContainerConfigError/, command: 'kubectl describe pod api-7d6c4-x2 -n shop' },
  { cause: { kind: 'crash', exitCode: 3, ...where }, fix: /exited with code 3/, command: 'kubectl logs api-7d6c4-x2 -c api -n shop --previous' },
  { cause: { kind: 'oom', limit: '128Mi', ...where }, fix: /limit \(128Mi\).*resources\.limits\.memory/, command: 'kubectl top pod api-7d6c4-x2 -n shop --containers' },
  { cause: { kind: 'probe', probe: 'liveness', ...where }, fix: /liveness probe fails/, command: 'kubectl describe pod api-7d6c4-x2 -n shop' },
  { cause: { kind: 'unschedulable', pod: where.pod, namespace: 'shop', nodeSelector: { disk: 'ssd' }, taints: false }, fix: /no node has the labels disk=ssd/, command: 'kubectl get nodes --show-labels' },
  { cause: { kind: 'volume-mount', pod: where.pod, namespace: 'shop' }, fix: /volume cannot be mounted/, command: 'kubectl describe pod api-7d6c4-x2 -n shop' },
  { cause: { kind: 'quota', namespace: 'shop', exceeded: 'q, requested: pods=1, used: pods=2, limited: pods=2' }, fix: /ResourceQuota is used up \(q, requested: pods=1, used: pods=2, limited: pods=2\)/, command: 'kubectl describe quota -n shop' },
  { cause: { kind: 'forbidden-by-policy', creator: 'rs/api-7d6c4', namespace: 'shop' }, fix: /admission policy or LimitRange/, command: 'kubectl describe rs/api-7d6c4 -n shop' },
];

describe('failureHint', () => {
  it.each(cases.map((row) => [row.cause.kind, row] as const))('%s: a fix and a command', (_kind, row) => {
    const hint = failureHint(row.cause);
    expect(hint).toMatch(row.fix);
    expect(hint).toContain(row.command);
  });

  it('mentions taints only when the scheduler named them', () => {
    const cause = { kind: 'unschedulable', pod: 'p', namespace: 'n', taints: true } as const;
    expect(failureHint(cause)).toMatch(/taints the pod does not tolerate/);
    expect(failureHint({ ...cause, taints: false })).not.toMatch(/taint/);
  });
});

describe('missingObjectIn', () => {
  it.each([
    ['secret "db-password" not found', { objectKind: 'Secret', name: 'db-password' }],
    ['configmap "app-config" not found', { objectKind: 'ConfigMap', name: 'app-config' }],
    ['MountVolume.SetUp failed for volume "data" : persistentvolumeclaim "data" not found', { objectKind: 'PersistentVolumeClaim', name: 'data' }],
  ])('%s', (message, expected) => {
    expect(missingObjectIn(message)).toEqual(expected);
  });

  it('finds nothing in other messages', () => {
    expect(missingObjectIn('container has runAsNonRoot and image will run as root')).toBeUndefined();
  });
});

describe('podCreationHint', () => {
  it('shows the quota numbers, and a policy hint otherwise', () => {
    expect(podCreationHint('pods "x" is forbidden: exceeded quota: q, requested: cpu=1, used: cpu=0, limited: cpu=500m', 'ns', 'rs/x')).toContain('(q, requested: cpu=1, used: cpu=0, limited: cpu=500m)');
    expect(podCreationHint('pods "x" is forbidden: violates PodSecurity "restricted:latest"', 'ns', 'rs/x')).toContain('kubectl describe rs/x -n ns');
  });
});
