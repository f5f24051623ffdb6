import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';

/** `pnpm build:sea` writes it; scripts/test.sh builds it before the tests. */
const executable = fileURLToPath(new URL('../../../apps/cli/dist-sea/kubetrack', import.meta.url));
/** An empty PATH: no node, npm or anything else the executable could lean on. */
const noTools = { PATH: mkdtempSync(join(tmpdir(), 'kubetrack-empty-path-')) };

describe('the single executable (linux-x64)', () => {
  e2eTest('runs with no Node on PATH and tracks a Deployment on the local cluster', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'sea', logs: ['sea: up'] })]);
    const result = await runKubetrack(['track', 'deploy/sea', '-n', namespace, '--timeout', '60s', '--output', 'plain'], {
      executable,
      env: noTools,
    });
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toMatch(/^kubetrack: tracking deploy\/sea in namespace /);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/deploy\/sea: ready/);
    expect(result.stdout).toMatch(/\[sea-[a-z0-9-]+\/app\] .*sea: up/);
  });

  e2eTest('fails bad input with one line and exit 2, like the bundle', async () => {
    const result = await runKubetrack(['track', 'nonsense'], { executable, env: noTools });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^kubetrack: /);
  });
});
