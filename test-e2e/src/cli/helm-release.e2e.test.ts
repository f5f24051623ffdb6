import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runHelm, runKubetrack, serviceAccountKubeconfig, SHOP_CHART, waitFor, withNamespace } from '../harness/index.js';
import { expectOneErrorLine, STACK_FRAME } from './cli-helpers.js';

interface JsonReport {
  success: boolean;
  resources: Array<{ kind: string; namespace?: string; name: string; status: string; code?: string }>;
}

const parseReport = (stdout: string) => JSON.parse(stdout) as JsonReport;
const tracked = (report: JsonReport) => report.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}: ${r.status}${r.code ? ` (${r.code})` : ''}`).sort();

async function helmOk(args: string[], major: 3 | 4 = 4): Promise<string> {
  const result = await runHelm(args, { major });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return result.stdout;
}

/**
 * `kubetrack track --helm-release` on releases installed by the real helm CLI (built from its Go
 * module) into the local control plane: the record Secret Helm wrote is what kubetrack reads.
 */
describe.concurrent('kubetrack track --helm-release (real Helm)', () => {
  e2eTest('tracks exactly the release: objects in two namespaces, an unlabelled one the label selector misses, hooks listed and skipped', async ({ namespace }) => {
    await withNamespace(async (other) => {
      // labelled like the release but not in it: a label selector catches it, the record does not
      await applyManifests(namespace, [{ ...deploymentManifest({ name: 'foreign', behavior: 'never-ready' }), metadata: { name: 'foreign', labels: { 'app.kubernetes.io/instance': 'shop' } } }]);
      await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace, '--set', `workerNamespace=${other}`, '--set', 'hookJob.enabled=true']);
      const result = await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace, '--timeout', '60s', '--output', 'json']);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.code, result.stderr).toBe(0);
      expect(tracked(parseReport(result.stdout))).toEqual([`Deployment/${namespace}/shop-web: ready`, `Deployment/${other}/shop-worker: ready`].sort());
      expect(result.stderr).toContain('skipped 1 Helm hooks (Helm runs them itself): Job/shop-notify');
      expect(result.stderr).toContain('skipped 1 objects with nothing to wait for: ConfigMap/shop-config');

      // what the old hook did: the foreign Deployment is caught, the unlabelled worker missed
      const byLabel = await runKubetrack(['track', '-l', 'app.kubernetes.io/instance=shop', '-n', namespace, '--timeout', '5s', '--output', 'json']);
      expect(tracked(parseReport(byLabel.stdout))).toEqual([`Deployment/${namespace}/foreign: timeout (timeout)`, `Deployment/${namespace}/shop-web: ready`]);

      const withHooks = await runKubetrack(['track', '--helm-release', 'shop', '--helm-hooks', '-n', namespace, '--timeout', '60s', '--output', 'json']);
      expect(withHooks.code, withHooks.stderr).toBe(0);
      expect(tracked(parseReport(withHooks.stdout))).toContain(`Job/${namespace}/shop-notify: ready`);
    }, 'helm-other');
  });

  e2eTest('after helm upgrade tracks the new revision and fails with the reason; the old one stays readable by NAME@REVISION', async ({ namespace }) => {
    await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace]);
    await helmOk(['upgrade', 'shop', SHOP_CHART, '-n', namespace, '--set', 'web.behavior=image-pull-error']);
    const result = await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace, '--timeout', '60s']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/deploy\/shop-web: failed \(invalid-config\)/);
    expect(result.stderr).toMatch(/tracking deploy\/shop-web, deploy\/shop-worker in namespace/);

    const old = await runKubetrack(['track', '--helm-release', 'shop@1', '-n', namespace, '--timeout', '20s', '--output', 'json']);
    expect(parseReport(old.stdout).resources.map((r) => r.name).sort()).toEqual(['shop-web', 'shop-worker']);
  });

  e2eTest('a failing Job of the release gives job-failed', async ({ namespace }) => {
    await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace, '--set', 'migrate.enabled=true', '--set', 'migrate.behavior=fail']);
    const result = await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace, '--timeout', '60s', '--output', 'json']);
    expect(result.code, result.stderr).toBe(1);
    expect(tracked(parseReport(result.stdout))).toContain(`Job/${namespace}/shop-migrate: failed (job-failed)`);
  });

  e2eTest("a release's own werf.io annotations count: a NonBlocking never-ready Deployment does not hold the run", async ({ namespace }) => {
    await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace, '--set', 'web.behavior=never-ready', '--set-string', 'web.annotations.werf\\.io/track-termination-mode=NonBlocking']);
    const result = await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace, '--timeout', '60s', '--output', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(tracked(parseReport(result.stdout))).toContain(`Deployment/${namespace}/shop-worker: ready`);
  });

  e2eTest('reads records written by Helm 3 too', async ({ namespace }) => {
    await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace], 3);
    const result = await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace, '--timeout', '60s', '--output', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(tracked(parseReport(result.stdout))).toEqual([`Deployment/${namespace}/shop-web: ready`, `Deployment/${namespace}/shop-worker: ready`]);
  });

  e2eTest('clear one-line errors: no such release or revision, a failed release, a Secret the user may not list', async ({ namespace }) => {
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'nope', '-n', namespace]), 2, /Helm release nope not found in namespace/);
    // --wait makes Helm give up on a Deployment that never becomes ready: the release is failed
    const failed = await runHelm(['install', 'shop', SHOP_CHART, '-n', namespace, '--set', 'web.behavior=never-ready', '--wait', '--timeout', '3s']);
    expect(failed.code).not.toBe(0);
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace]), 2, /Helm release shop revision 1 in namespace "[^"]+" is failed/);
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'shop@9', '-n', namespace]), 2, /Helm release shop in namespace "[^"]+" has no revision 9 \(Secret sh\.helm\.release\.v1\.shop\.v9 not found\)/);
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'no-secrets', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }]);
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace], { env: { KUBECONFIG: kubeconfig } }), 3, /forbidden: cannot list secrets in namespace "[^"]+" .*to find the record of Helm release shop; or name the revision, shop@N, which needs only "get" on Secret sh\.helm\.release\.v1\.shop\.vN/);
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'shop@1', '-n', namespace], { env: { KUBECONFIG: kubeconfig } }), 3, /forbidden: cannot get secrets "sh\.helm\.release\.v1\.shop\.v1"/);
  });

  e2eTest('a release being uninstalled, and one uninstalled with its history kept, are refused in one line', async ({ namespace, kube }) => {
    await helmOk(['install', 'shop', SHOP_CHART, '-n', namespace, '--set', 'preDeleteJob.enabled=true']);
    // the pre-delete hook holds helm uninstall: meanwhile the record says uninstalling
    const uninstall = runHelm(['uninstall', 'shop', '-n', namespace, '--keep-history', '--timeout', '2m']);
    await waitFor(
      async () => (await kube.core.listNamespacedSecret({ namespace, labelSelector: 'owner=helm,name=shop,status=uninstalling' })).items.length > 0,
      { description: 'the release record to say uninstalling', timeoutMs: 30_000 },
    );
    expectOneErrorLine(
      await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace]),
      2,
      /Helm release shop revision 1 in namespace "[^"]+" is uninstalling: its objects are going away, not rolling out \(kubetrack track --for delete waits for that\)/,
    );
    const done = await uninstall;
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expectOneErrorLine(await runKubetrack(['track', '--helm-release', 'shop', '-n', namespace]), 2, /Helm release shop revision 1 in namespace "[^"]+" is uninstalled: /);
  });
});
