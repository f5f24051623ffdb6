import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, e2eTest, runKubetrack, startKubetrack } from '../harness/index.js';
import { ANSI, deploymentYaml, STACK_FRAME, tempDir, writeTemp } from './cli-helpers.js';

const configMapYaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';

function parseReport(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

/** Every way `track` is told what to track, through the built bundle. */
describe.concurrent('kubetrack track: targets', () => {
  e2eTest('deploy/NAME, plain output: append-only lines, no ANSI escapes with NO_COLOR, no routine events, logs, the verdict', async ({ namespace }) => {
    // tracking before the apply, as right after `kubectl apply` in CI: the new pod's lines are streamed
    const { result: running } = await startKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '--output', 'plain']);
    await applyManifests(namespace, deploymentYaml('web', { readyAfter: '2s', logs: ['web is booting', 'web listening on :8080'] }));
    const result = await running;
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(ANSI);
    expect(result.stdout).not.toContain('\r');
    expect(result.stderr).toContain(`tracking deploy/web in namespace ${namespace} (timeout 1m)`);
    // routine messages (Normal events) are service messages: left out unless asked for
    expect(result.stdout).not.toMatch(/event Normal/);
    // the new pod's lines, streamed before the verdict
    expect(result.stdout).toMatch(/^\[web-[a-z0-9-]+\/app\] web is booting\n(?:.*\n)*?\[web-[a-z0-9-]+\/app\] web listening on :8080\n(?:.*\n)*?deploy\/web: ready/m);
  });

  e2eTest('--show-service-messages also prints the routine Normal events', async ({ namespace }) => {
    const { result: running } = await startKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '--output', 'plain', '--show-service-messages']);
    await applyManifests(namespace, deploymentYaml('web', { readyAfter: '2s' }));
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^deploy\/web: event Normal Scheduled pod\/web-/m);
    expect(result.stdout).toMatch(/deploy\/web: ready/);
  });

  e2eTest('-f FILE with --output json: one document on stdout, diagnostics on stderr', async ({ namespace }) => {
    const dir = tempDir();
    const file = writeTemp(dir, 'web.yaml', deploymentYaml('web'));
    await applyManifests(namespace, deploymentYaml('web'));
    const result = await runKubetrack(['track', '-f', file, '-n', namespace, '--timeout', '60s', '-o', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result.stdout);
    expect(report).toMatchObject({ success: true });
    expect(report.error).toBeUndefined();
    expect(report.resources).toEqual([
      expect.objectContaining({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'web', status: 'ready' }),
    ]);
    expect(report.resources[0]!.durationMs).toBeGreaterThan(0);
    expect(result.stderr).toContain('tracking deploy/web');
  });

  e2eTest('-f DIRECTORY tracks every manifest in it, --output ndjson: every line parses, the last one is the report', async ({ namespace }) => {
    const dir = tempDir();
    writeTemp(dir, 'a-web.yaml', deploymentYaml('web'));
    writeTemp(dir, 'b-api.yml', deploymentYaml('api'));
    mkdirSync(join(dir, 'more'));
    writeTemp(join(dir, 'more'), 'worker.json', JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker' },
      spec: { selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'app', image: 'x' }] } } },
    }));
    writeTemp(dir, 'README.md', '# not a manifest\n');
    await applyManifests(namespace, [deploymentYaml('web'), deploymentYaml('api')].join('---\n'));
    // The nested file is tracked only if the loader recurses; apply it either way so the run can finish.
    await applyManifests(namespace, deploymentYaml('worker'));
    const result = await runKubetrack(['track', '-f', dir, '-n', namespace, '--timeout', '60s', '-o', 'ndjson']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const messages = lines.map((line) => JSON.parse(line) as { type?: string; report?: Report; success?: boolean });
    expect(messages.length).toBeGreaterThan(1);
    const last = messages.at(-1)!;
    const report = (last.report ?? last) as Report;
    expect(report.success).toBe(true);
    const names = report.resources.map((r) => r.name).sort();
    expect(names).toEqual(expect.arrayContaining(['api', 'web']));
    expect(names.every((name) => ['api', 'web', 'worker'].includes(name))).toBe(true);
    expect(report.resources.every((r) => r.status === 'ready')).toBe(true);
  });

  e2eTest('-f - reads multi-document YAML from stdin and skips the ConfigMap', async ({ namespace }) => {
    const stdin = ['---', deploymentYaml('web'), '---', configMapYaml, '---', deploymentYaml('api'), '...', ''].join('\n');
    await applyManifests(namespace, [deploymentYaml('web'), configMapYaml, deploymentYaml('api')].join('---\n'));
    const result = await runKubetrack(['track', '-f', '-', '-n', namespace, '--timeout', '60s', '-o', 'json'], { stdin });
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result.stdout);
    const tracked = report.resources.filter((r) => r.status !== 'skipped').map((r) => `${r.kind}/${r.name}`).sort();
    expect(tracked).toEqual(['Deployment/api', 'Deployment/web']);
    expect(report.resources.find((r) => r.kind === 'ConfigMap')?.status ?? 'skipped').toBe('skipped');
    expect(result.stderr).toMatch(/ConfigMap/);
  });

  e2eTest('-l SELECTOR --kind deploy tracks only the matching Deployments', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentYaml('shop-web', { labels: { 'app.kubernetes.io/instance': 'shop' } }),
      deploymentYaml('shop-api', { labels: { 'app.kubernetes.io/instance': 'shop' } }),
      deploymentYaml('other', { labels: { 'app.kubernetes.io/instance': 'other' }, behavior: 'never-ready' }),
    ].join('---\n'));
    const result = await runKubetrack(['track', '-l', 'app.kubernetes.io/instance=shop', '--kind', 'deploy', '-n', namespace, '--timeout', '60s', '-o', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result.stdout).resources.map((r) => [r.name, r.status]).sort()).toEqual([
      ['shop-api', 'ready'],
      ['shop-web', 'ready'],
    ]);
  });

  e2eTest('--debug traces each API request with its status on stderr, the ndjson on stdout untouched', async ({ namespace }) => {
    await applyManifests(namespace, deploymentYaml('traced', { logs: ['traced is up'] }));
    const result = await runKubetrack(['track', 'deploy/traced', '-n', namespace, '--timeout', '60s', '-o', 'ndjson', '--debug']);
    expect(result.code, result.stderr).toBe(0);
    const trace = result.stderr.split('\n').filter((line) => line.startsWith('kubetrack: debug: '));
    expect(trace[0]).toMatch(/^kubetrack: debug: \d\d:\d\d:\d\d\.\d{3} GET \/version 200 in \d+ ms$/);
    expect(trace.some((line) => /GET \/apis\/apps\/v1\/namespaces\/[^/]+\/deployments\?watch=1\S* 200 in \d+ ms, streaming$/.test(line))).toBe(true);
    // the watches end when kubetrack is done with them, and the trace says so
    expect(trace.some((line) => /deployments\?watch=1\S* stream closed by kubetrack after \d+ ms, \d+ bytes$/.test(line))).toBe(true);
    for (const line of result.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  e2eTest('rollout track deployment NAME (kubedog alias) exits 1 with the reason of a failed rollout', async ({ namespace }) => {
    // kubetrack first, then the apply: the logs of the pods it sees start (--logs-since now) are streamed
    const { result: running } = await startKubetrack(['rollout', 'track', 'deployment', 'broken', '-n', namespace, '--timeout', '60s', '-o', 'plain']);
    await applyManifests(namespace, deploymentYaml('broken', { behavior: 'crashloop', logs: ['broken is starting'] }));
    const result = await running;
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/process-crashing|CrashLoopBackOff|crash/i);
    // the crash's output, streamed before the verdict, and in the failure's log tail
    expect(result.stdout).toMatch(/^\[broken-[a-z0-9-]+\/app\] broken is starting\n(?:.*\n)*?\[broken-[a-z0-9-]+\/app\] panic: simulated crash\n(?:.*\n)*?deploy\/broken: failed/m);
    expect(result.stdout).toMatch(/last logs of broken-[a-z0-9]+\/app[^\n]*:\n\s+broken is starting\n\s+panic: simulated crash/);
    expect(result.stdout).toMatch(/deploy\/broken: failed \(process-crashing\)/);
  });
});
