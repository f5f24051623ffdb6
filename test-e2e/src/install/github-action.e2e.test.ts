import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect } from 'vitest';
import { applyManifests, clusterKubeconfigPath, deploymentManifest, e2eTest } from '../harness/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let tarball = '';

beforeAll(() => {
  const packed = mkdtempSync(join(tmpdir(), 'kubetrack-action-pack-'));
  execFileSync('pnpm', ['pack', '--pack-destination', packed], { cwd: join(repo, 'apps/cli'), stdio: 'ignore' });
  tarball = join(packed, readdirSync(packed).find((name) => name.endsWith('.tgz'))!);
}, 120_000);

/** Runs action.yml's step as the runner would: its env from the inputs, plus a GitHub-like environment. */
function runAction(args: string) {
  const temp = mkdtempSync(join(tmpdir(), 'kubetrack-runner-'));
  const files = { summary: join(temp, 'summary.md'), output: join(temp, 'output.txt') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const result = spawnSync('bash', [join(repo, 'action/run.sh')], {
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      KUBECONFIG: clusterKubeconfigPath(),
      NO_COLOR: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: repo,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_OUTPUT: files.output,
      RUNNER_TEMP: temp,
      INPUT_ARGS: args,
      // The action installs from npm by version; here, the tarball this checkout packs.
      INPUT_VERSION: tarball,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(files.output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  return { ...result, outputs, summary: readFileSync(files.summary, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  e2eTest('installs kubetrack, tracks, and sets exit-code and report outputs', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'web' })]);
    const run = runAction(`track deploy/web -n ${namespace} --timeout 60s`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    const report = JSON.parse(readFileSync(run.outputs['report']!, 'utf8')) as { success: boolean };
    expect(report.success).toBe(true);
    expect(run.summary).toContain('web');
  });

  e2eTest('fails the step with an error annotation when a rollout fails', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'api', behavior: 'image-pull-error' })]);
    const run = runAction(`track deploy/api -n ${namespace} --timeout 60s`);
    expect(run.status).toBe(1);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.stderr).toMatch(/^::error title=.*invalid-config/m);
    expect(run.summary).toMatch(/api/);
  });

  e2eTest('groups quoted words without expanding anything', async () => {
    const run = runAction(`track 'deploy/$(touch /tmp/kubetrack-pwned)' --timeout 1s`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kubetrack: /m);
    expect(readdirSync('/tmp')).not.toContain('kubetrack-pwned');
  });
});
