import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { TIMELINE_LAYOUT } from '../../../apps/cli/src/render/report-html.js';
import { tempDir } from '../cli/cli-helpers.js';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';

/** Screenshots land here (scripts/test.sh leaves .tmp/ in place as the run's artifacts). */
const artifacts = fileURLToPath(new URL('../../../.tmp/artifacts/', import.meta.url));

/** Debian's Chromium, installed by scripts/test.sh; headless, as root without its sandbox. */
function chromium(args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr };
}

describe('--report-html', () => {
  e2eTest('writes a page a real browser renders with the timeline the JSON report holds', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web', replicas: 2, readyAfter: '1s' }),
      deploymentManifest({ name: 'api', behavior: 'image-pull-error' }),
    ]);
    const dir = tempDir('kubetrack-html-');
    const html = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const result = await runKubetrack([
      'track', 'deploy/web', 'deploy/api', '-n', namespace, '--timeout', '60s', '--output', 'plain',
      '--fail-mode', 'HopeUntilEndOfDeployProcess', '--report', json, '--report-html', html,
    ]);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const timeline = report.timeline!;
    expect(timeline.rows.filter((row) => row.kind === 'resource').map((row) => row.name).sort()).toEqual(['api', 'web']);
    expect(timeline.rows.filter((row) => row.kind === 'pod')).toHaveLength(3);

    const page = chromium(['--dump-dom', `file://${html}`]);
    // No console message at all: the page has no script and loads nothing.
    expect(page.stderr).not.toMatch(/CONSOLE|Failed to load|net::ERR/);
    const rows = [...page.stdout.matchAll(/<g class="row" data-kind="(resource|pod)" data-name="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(timeline.rows.map((row) => [row.kind, row.name]));
    // Every mark sits at its time on the axis.
    const { labelWidth, chartWidth } = TIMELINE_LAYOUT;
    const marks = timeline.rows.flatMap((row) => row.marks);
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      const x = Math.round((labelWidth + (Math.min(mark.atMs, timeline.durationMs) / timeline.durationMs) * chartWidth) * 10) / 10;
      expect(page.stdout).toContain(`data-at-ms="${mark.atMs}" data-reason="${mark.reason}" d="M${x} `);
    }
    expect(page.stdout).toMatch(/data-resource="deploy\/api" data-status="failed"/);
    expect(page.stdout).toMatch(/<b>Hint:<\/b> check the image name and tag/);

    mkdirSync(artifacts, { recursive: true });
    for (const [name, size] of [['report-desktop.png', '1000,700'], ['report-phone.png', '412,915']] as const) {
      chromium([`--screenshot=${join(artifacts, name)}`, `--window-size=${size}`, '--hide-scrollbars', `file://${html}`]);
      const png = readFileSync(join(artifacts, name));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
