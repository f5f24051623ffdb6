import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, listPods, runKubetrack, waitFor } from '../harness/index.js';
import { STACK_FRAME, tempDir } from './cli-helpers.js';

/**
 * A run interrupted while it tracks pods whose logs it follows: the report must still be
 * written, whole, on stdout and in --report, with the interrupted resource as it stood.
 * How fast the CLI leaves is measured in docs/reliability.md; here a hang is what fails.
 */
describe.concurrent('SIGINT and SIGTERM in the middle of a run', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    e2eTest(`${signal}: exit ${code}, the JSON report on stdout and in --report, the resource as it stood`, async ({ namespace }) => {
      await applyManifests(namespace, deploymentManifest({ name: 'slow', replicas: 2, behavior: 'never-ready', logs: ['slow: serving'] }));
      await waitFor(async () => (await listPods(namespace)).filter((pod) => pod.status?.containerStatuses?.[0]?.state?.running).length === 2, {
        description: 'both pods run',
      });
      const reportFile = join(tempDir(), 'report.json');
      const result = await runKubetrack(['track', 'deploy/slow', '-n', namespace, '--timeout', '5m', '-o', 'json', '--report', reportFile], {
        signal: { send: signal, when: /^kubetrack: tracking /m, in: 'stderr' },
        killAfterMs: 60_000,
      });
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.success).toBe(false);
      expect(report.resources).toEqual([
        expect.objectContaining({ kind: 'Deployment', name: 'slow', namespace, status: 'progressing' }),
      ]);
      expect(JSON.parse(readFileSync(reportFile, 'utf8'))).toEqual(report);
    });
  }

  e2eTest('SIGTERM with plain output and --report: the summary is printed and the file written', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'slow', behavior: 'never-ready' }));
    const reportFile = join(tempDir(), 'report.json');
    const result = await runKubetrack(['track', 'deploy/slow', '-n', namespace, '-o', 'plain', '--report', reportFile], {
      signal: { send: 'SIGTERM', when: /^kubetrack: tracking /m, in: 'stderr' },
      killAfterMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(143);
    expect(result.stdout).toMatch(/Summary:/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    expect(report.resources).toEqual([expect.objectContaining({ name: 'slow', status: 'progressing' })]);
  });
});
