import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { V1PolicyRule } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { applyManifests, deploymentManifest, e2eTest, jobManifest, serviceAccountKubeconfig } from '../harness/index.js';
import { STACK_FRAME } from './cli-helpers.js';

const HOOK_BUNDLE = fileURLToPath(new URL('../../../apps/helm-hook/dist/helm-hook.mjs', import.meta.url));
const HELPERS = fileURLToPath(new URL('../../../apps/helm-hook/chart/templates/_kubetrack-hook.tpl', import.meta.url));

/** The chart's Role rules, as `helm template` renders them (the define holds plain YAML, no template actions). */
function chartRules(): V1PolicyRule[] {
  const match = /\{\{- define "kubetrackHook\.rules" -\}\}\n([\s\S]*?)\{\{- end -\}\}/.exec(readFileSync(HELPERS, 'utf8'));
  if (!match) throw new Error(`no kubetrackHook.rules in ${HELPERS}`);
  expect(match[1]).not.toContain('{{');
  return parse(match[1]!) as V1PolicyRule[];
}

function runHook(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(HOOK_BUNDLE)) throw new Error(`${HOOK_BUNDLE} is missing: run \`pnpm build\` first`);
  const child = spawn(process.execPath, [HOOK_BUNDLE], { env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The hook program outside a pod with the label fallback (KUBETRACK_SELECT_BY=label), authenticated
 * as a ServiceAccount that has exactly the chart's shared rules: proves they are enough for it.
 * The default (the release record) with real Helm and the hook in a pod: helm-hook-chart.e2e.test.ts.
 */
describe.concurrent('helm hook with the chart RBAC', () => {
  const release = (objects: ReturnType<typeof deploymentManifest>[]) =>
    objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { 'app.kubernetes.io/instance': 'shop' } } }));

  e2eTest('exits 0 once the release\'s Deployment and Job are ready, plain output in the pod log', async ({ namespace }) => {
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'shop-kubetrack', chartRules());
    const job = jobManifest({ name: 'migrate', runFor: '1s', logs: ['migrating the schema'] });
    await applyManifests(namespace, [
      ...release([deploymentManifest({ name: 'web', replicas: 2, readyAfter: '1s', logs: ['web up'] })]),
      { ...job, metadata: { ...job.metadata, labels: { 'app.kubernetes.io/instance': 'shop' } } },
      deploymentManifest({ name: 'not-in-release', behavior: 'never-ready' }),
    ]);
    const result = await runHook({ KUBECONFIG: kubeconfig, HELM_RELEASE: 'shop', HELM_NAMESPACE: namespace, KUBETRACK_SELECT_BY: 'label', KUBETRACK_TIMEOUT: '60s', KUBETRACK_EXTRA_ARGS: '--logs-since all', NO_COLOR: '1' });
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toMatch(/forbidden|unauthorized/);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('kubetrack-helm-hook: from release shop by label: kubetrack track -l app.kubernetes.io/instance=shop');
    expect(result.stdout).toMatch(/deploy\/web: ready/);
    expect(result.stdout).toMatch(/job\/migrate: (ready|complete)/);
    expect(result.stdout).toContain('web up');
    expect(result.stdout).toContain('migrating the schema');
    expect(result.stdout).not.toContain('not-in-release');
  });

  e2eTest('exits 1 with the reason and events when the release does not come up', async ({ namespace }) => {
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'shop-kubetrack', chartRules());
    await applyManifests(namespace, release([deploymentManifest({ name: 'api', behavior: 'image-pull-error' })]));
    const result = await runHook({ KUBECONFIG: kubeconfig, HELM_RELEASE: 'shop', HELM_NAMESPACE: namespace, KUBETRACK_SELECT_BY: 'label', KUBETRACK_TIMEOUT: '60s', NO_COLOR: '1' });
    expect(result.stderr).not.toMatch(/forbidden|unauthorized/);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/deploy\/api: failed \(invalid-config\)/);
    expect(result.stdout).toMatch(/Warning Failed pod\/api-/);
  });
});
