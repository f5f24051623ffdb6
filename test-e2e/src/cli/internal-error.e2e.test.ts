import { fileURLToPath } from 'node:url';
import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, e2eTest, runKubetrack } from '../harness/index.js';
import { STACK_FRAME } from './cli-helpers.js';

const throwingPlugin = fileURLToPath(new URL('../../fixtures/throwing-plugin.mjs', import.meta.url));
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } };

/** A bug in a plugin is the program's fault, not the cluster's: code internal, exit 1, one line. */
describe.concurrent('a plugin that throws', () => {
  e2eTest('exits 1 with the internal code and one line naming the plugin, not exit 3', async ({ namespace }) => {
    await applyManifests(namespace, [configMap]);
    const result = await runKubetrack(['track', 'configmap/settings', '-n', namespace, '--plugin', throwingPlugin, '--timeout', '30s', '-o', 'json']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.error).toMatchObject({ type: 'program', code: 'internal' });
    expect(report.error?.message).toMatch(/^internal error: plugin throwing-plugin threw while evaluating cm\/settings: Cannot read properties of undefined/);
    const errorLines = result.stderr.split('\n').filter((line) => line.includes('internal error'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^kubetrack: internal error: .*\(run with --debug for details\)$/);
  });

  e2eTest('--debug adds the stack trace, down to the plugin\'s own frame', async ({ namespace }) => {
    await applyManifests(namespace, [configMap]);
    const result = await runKubetrack(['track', 'configmap/settings', '-n', namespace, '--plugin', throwingPlugin, '--timeout', '30s', '-o', 'plain', '--debug']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(STACK_FRAME);
    expect(result.stderr).toMatch(/caused by: TypeError: .*\n\s+at .*throwing-plugin\.mjs:\d+:\d+/);
  });
});
