import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartWithHook, e2eTest, HOOK_CHART, HOOK_VALUES as hookValues, kubeClients, runHelm, withNamespace } from '../harness/index.js';

/**
 * The hook chart with the real helm CLI. The hook Job's pod runs the real hook program
 * (apps/helm-hook/dist/helm-hook.mjs) as a host process, with a TokenRequest token of the chart's
 * ServiceAccount: the pod-logs process of the local cluster acts as the kubelet for that image.
 */
describe('the helm-hook chart with real Helm', () => {
  it('passes helm lint and renders with helm template: a Role limited to reading what is tracked and this revision\'s record', async () => {
    const lint = await runHelm(['lint', HOOK_CHART]);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const rendered = await runHelm(['template', 'shop', HOOK_CHART, '-n', 'prod']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const objects = parseAllDocuments(rendered.stdout).map((d) => d.toJS() as { kind: string; rules?: unknown[]; spec?: { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } } });
    expect(objects.map((o) => o.kind).sort()).toEqual(['Job', 'Role', 'RoleBinding', 'ServiceAccount']);
    expect(objects.find((o) => o.kind === 'Role')!.rules).toEqual([
      { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: ['list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['pods', 'events', 'services'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list', 'watch'] },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list', 'watch'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['list', 'watch'] },
      { apiGroups: ['flagger.app'], resources: ['canaries'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['sh.helm.release.v1.shop.v1'], verbs: ['get'] },
    ]);
    const env = objects.find((o) => o.kind === 'Job')!.spec!.template.spec.containers[0]!.env;
    expect(env).toEqual(expect.arrayContaining([{ name: 'HELM_RELEASE', value: 'shop' }, { name: 'HELM_NAMESPACE', value: 'prod' }, { name: 'HELM_REVISION', value: '1' }]));
    expect(readFileSync(join(HOOK_CHART, 'templates', 'kubetrack-hook-job.yaml'), 'utf8')).toContain('helm.sh/hook-output-log-policy: hook-failed');
  });

  it('adds kubetrackHook.extraRules to every Role it renders, for kinds beyond the built-in ones', async () => {
    const certificates = { apiGroups: ['cert-manager.io'], resources: ['certificates'], verbs: ['list', 'watch'] };
    const rendered = await runHelm([
      'template', 'shop', HOOK_CHART, '-n', 'prod',
      '--set-json', `kubetrackHook.extraRules=${JSON.stringify([certificates])}`,
      '--set-json', 'kubetrackHook.namespaces=["edge"]',
    ]);
    expect(rendered.code, rendered.stderr).toBe(0);
    const roles = parseAllDocuments(rendered.stdout)
      .map((d) => d.toJS() as { kind: string; metadata: { namespace: string }; rules: unknown[] })
      .filter((o) => o.kind === 'Role');
    expect(roles.map((role) => role.metadata.namespace).sort()).toEqual(['edge', 'prod']);
    for (const role of roles) expect(role.rules).toContainEqual(certificates);
  });

  it('renders nothing cluster-wide unless kubetrackHook.clusterRead, then a ClusterRole for the cluster-scoped kinds it reads', async () => {
    const kinds = async (...set: string[]) => {
      const rendered = await runHelm(['template', 'shop', HOOK_CHART, '-n', 'prod', ...set]);
      expect(rendered.code, rendered.stderr).toBe(0);
      return parseAllDocuments(rendered.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string }; rules?: unknown[]; roleRef?: unknown; subjects?: unknown[] });
    };
    expect((await kinds()).filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
    const objects = await kinds('--set', 'kubetrackHook.clusterRead=true');
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    expect(role.metadata.name).toBe('prod-shop-kubetrack');
    expect(role.rules).toEqual([
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['list', 'watch'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['list', 'watch'] },
      { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['list', 'watch'] },
    ]);
    expect(objects.find((o) => o.kind === 'ClusterRoleBinding')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'prod-shop-kubetrack' },
      subjects: [{ kind: 'ServiceAccount', name: 'shop-kubetrack', namespace: 'prod' }],
    });
  });

  describe.concurrent('helm install and upgrade with the hook', () => {
    e2eTest('a release with a PVC waiting for its first consumer: the hook reads its StorageClass once clusterRead grants it', async ({ namespace }) => {
      const storageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: `wffc-${namespace}`.slice(0, 63) }, provisioner: 'kubetrack.test/none', volumeBindingMode: 'WaitForFirstConsumer' };
      await kubeClients().objects.create(storageClass);
      try {
        const chart = chartWithHook();
        const claim = ['--set', 'claim.enabled=true', '--set', `claim.storageClass=${storageClass.metadata.name}`];
        const namespaced = await runHelm(['install', 'shop', chart, '-n', namespace, ...hookValues, ...claim]);
        expect(namespaced.code).not.toBe(0);
        expect(namespaced.stdout + namespaced.stderr).toMatch(/forbidden: cannot list storageclasses\.storage\.k8s\.io/);
        const granted = await runHelm(['upgrade', 'shop', chart, '-n', namespace, ...hookValues, ...claim, '--set', 'kubetrackHook.clusterRead=true']);
        expect(granted.code, granted.stdout + granted.stderr).toBe(0);
        // hook-succeeded deleted the ClusterRole with the rest of the hook's objects
        const left = await kubeClients().objects.read({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${namespace}-shop-kubetrack`.slice(0, 63) } }).catch(() => undefined);
        expect(left).toBeUndefined();
      } finally {
        await kubeClients().objects.delete(storageClass).catch(() => undefined);
      }
    });

    e2eTest('a healthy release installs and upgrades: the hook tracked it and exited 0', async ({ namespace }) => {
      const chart = chartWithHook();
      const install = await runHelm(['install', 'shop', chart, '-n', namespace, ...hookValues]);
      expect(install.code, install.stdout + install.stderr).toBe(0);
      expect(install.stdout).toContain('STATUS: deployed');
      const upgrade = await runHelm(['upgrade', 'shop', chart, '-n', namespace, ...hookValues, '--set', 'web.replicas=3']);
      expect(upgrade.code, upgrade.stdout + upgrade.stderr).toBe(0);
      expect(upgrade.stdout).toContain('REVISION: 2');
    });

    e2eTest('a broken image makes helm install fail, and helm shows kubetrack\'s reason from the hook log', async ({ namespace }) => {
      const install = await runHelm(['install', 'shop', chartWithHook(), '-n', namespace, ...hookValues, '--set', 'web.behavior=image-pull-error']);
      expect(install.code).not.toBe(0);
      const output = install.stdout + install.stderr;
      expect(output).toMatch(/INSTALLATION FAILED: failed post-install: resource Job\/[^/]+\/shop-kubetrack not ready\. status: Failed/);
      // Helm 4 logs the hook pod's output (hook-output-log-policy: hook-failed) to stderr as one slog record, newlines escaped
      expect(install.stderr).toMatch(/^level=INFO msg="kubetrack-helm-hook: from release shop revision 1: kubetrack track --helm-release shop@1 .*\\n {2}FAILED {2}deploy\/shop-web invalid-config: /m);
      expect(output).toMatch(/deploy\/shop-web: failed \(invalid-config\): pod\/shop-web-[a-z0-9-]+: container \\?"web\\?": image \\?"[^"\\]+\\?" not found/);
      expect(output).not.toMatch(/forbidden/);
    });

    e2eTest('Helm 3 also prints the failed hook\'s log, line by line, and a different error', async ({ namespace }) => {
      const install = await runHelm(['install', 'shop', chartWithHook(), '-n', namespace, ...hookValues, '--set', 'web.behavior=image-pull-error'], { major: 3 });
      expect(install.code).not.toBe(0);
      // Helm 3 writes the pod's log to stderr as it is (no slog record), then its own error
      expect(install.stderr).toMatch(/^kubetrack-helm-hook: from release shop revision 1: kubetrack track --helm-release shop@1 /m);
      expect(install.stderr).toMatch(/^deploy\/shop-web: failed \(invalid-config\): pod\/shop-web-[a-z0-9-]+: container "web": image "[^"]+" not found/m);
      expect(install.stderr).toMatch(/^ {2}FAILED {2}deploy\/shop-web invalid-config: /m);
      expect(install.stderr).toContain('Error: INSTALLATION FAILED: failed post-install: 1 error occurred:\n\t* job shop-kubetrack failed: BackoffLimitExceeded');
      expect(install.stderr).not.toContain('level=INFO');
    });

    e2eTest('a release with an unlabelled Deployment in a second namespace: the hook tracks it there once kubetrackHook.namespaces lists it', { timeout: 240_000 }, async ({ namespace }) => {
      await withNamespace(async (other) => {
        const chart = chartWithHook();
        const inOther = ['--set', `workerNamespace=${other}`];
        // without a Role there, the hook's first look at the worker is refused, and helm says where
        const denied = await runHelm(['install', 'shop', chart, '-n', namespace, ...hookValues, ...inOther]);
        expect(denied.code).not.toBe(0);
        expect(denied.stderr).toMatch(new RegExp(`forbidden: cannot list deployments\\.apps in namespace \\\\"${other}\\\\"`));
        expect((await runHelm(['uninstall', 'shop', '-n', namespace, '--wait'])).code).toBe(0);
        const install = await runHelm(['install', 'shop', chart, '-n', namespace, ...hookValues, ...inOther, '--set', `kubetrackHook.namespaces={${other}}`]);
        expect(install.code, install.stdout + install.stderr).toBe(0);
        expect(install.stdout).toContain('STATUS: deployed');
      }, 'hook-other');
    });

    e2eTest('a failing Job in the release fails helm upgrade with job-failed', async ({ namespace }) => {
      const chart = chartWithHook();
      expect((await runHelm(['install', 'shop', chart, '-n', namespace, ...hookValues])).code).toBe(0);
      const upgrade = await runHelm(['upgrade', 'shop', chart, '-n', namespace, ...hookValues, '--set', 'migrate.enabled=true', '--set', 'migrate.behavior=fail']);
      expect(upgrade.code).not.toBe(0);
      const output = upgrade.stdout + upgrade.stderr;
      expect(output).toContain('kubetrack track --helm-release shop@2');
      expect(output).toMatch(/job\/shop-migrate: failed \(job-failed\)/);
      expect(output).not.toMatch(/forbidden/);
    });
  });
});
