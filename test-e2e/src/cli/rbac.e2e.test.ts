import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, jobManifest, kubeClients, runKubetrack, serviceAccountKubeconfig, waitFor } from '../harness/index.js';
import { STACK_FRAME } from './cli-helpers.js';

/** What a tracker of Deployments needs to read, and nothing on Jobs. */
const DEPLOYMENT_READER = [
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['get', 'list', 'watch'] },
];

/** Real RBAC and real tokens (TokenRequest) on the local control plane; a hang is what the bounds catch. */
describe.concurrent('a ServiceAccount that may not do everything, a token that is no longer valid', () => {
  e2eTest('no rights on one tracked kind: exit 3 at once, naming verb, resource and namespace', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'web', readyAfter: '500ms' }), jobManifest({ name: 'migrate' })]);
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'deployer', DEPLOYMENT_READER);
    // the Deployment alone is fine for this account
    const allowed = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s'], { env: { KUBECONFIG: kubeconfig }, killAfterMs: 90_000 });
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);

    for (const output of ['plain', 'json'] as const) {
      const result = await runKubetrack(['track', 'deploy/web', 'job/migrate', '-n', namespace, '--timeout', '60s', '-o', output], {
        env: { KUBECONFIG: kubeconfig },
        killAfterMs: 90_000,
      });
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code, result.stdout + result.stderr).toBe(3);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const line = new RegExp(`forbidden: cannot (get|list|watch) jobs\\.batch in namespace "${namespace}".*check RBAC`);
      // plain output has it in the run's summary on stdout; json on stderr (stdout is the report)
      expect(output === 'json' ? result.stderr : result.stdout + result.stderr, output).toMatch(line);
      if (output === 'json') {
        const report = JSON.parse(result.stdout) as Report;
        expect(report.error).toMatchObject({ type: 'program', code: 'forbidden' });
        expect(report.error?.message).toMatch(/jobs/);
      }
    }
  });

  e2eTest("the token of a ServiceAccount deleted since: exit 3, 401, what to check", async ({ namespace, kube }) => {
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'gone', DEPLOYMENT_READER);
    await kube.core.deleteNamespacedServiceAccount({ namespace, name: 'gone' });
    const result = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s'], { env: { KUBECONFIG: kubeconfig }, killAfterMs: 90_000 });
    expect(result.signal, result.stderr).toBeNull();
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^kubetrack: unauthorized: the API server at https:\/\/127\.0\.0\.1:\d+ rejected the credentials.*\(check /)]);
  });

  e2eTest('a token bound to a Secret that was deleted: exit 3, 401, what to check', async ({ namespace }) => {
    const { core } = kubeClients();
    const secret = await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'holder' } } });
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'bound', DEPLOYMENT_READER, {
      kind: 'Secret',
      apiVersion: 'v1',
      name: 'holder',
      uid: secret.metadata!.uid!,
    });
    // while the Secret exists the token works
    const before = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '3s'], { env: { KUBECONFIG: kubeconfig }, killAfterMs: 90_000 });
    expect(before.code, before.stderr).toBe(1); // not-found: authorized, there is just no Deployment
    await core.deleteNamespacedSecret({ namespace, name: 'holder' });
    // the API server caches a good token for a few seconds (and an open watch is never asked again): wait until it says no
    const asBound = new KubeConfig();
    asBound.loadFromFile(kubeconfig);
    await waitFor(
      () => asBound.makeApiClient(CoreV1Api).listNamespacedPod({ namespace }).then(() => false, (error: { code?: number }) => error.code === 401),
      { description: 'the API server rejects the bound token', timeoutMs: 60_000 },
    );
    const result = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '-o', 'json'], { env: { KUBECONFIG: kubeconfig }, killAfterMs: 90_000 });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect((JSON.parse(result.stdout) as Report).error).toMatchObject({ type: 'program', code: 'unauthorized' });
    expect(result.stderr).toMatch(/^kubetrack: unauthorized: .*\(check /m);
  });
});
