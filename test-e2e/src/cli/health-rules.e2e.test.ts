import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubernetesObject } from '@kubernetes/client-node';
import { beforeAll, describe, expect } from 'vitest';
import { applyManifests, e2eTest, runKubetrack } from '../harness/index.js';
import { expectRolloutFailure, installCrd, minimalCrd, trackJson, writeStatus } from '../error-codes/helpers.js';

const gauges = { group: 'rules.e2e.kubetrack.test', version: 'v1', plural: 'gauges' };
const luaDir = fileURLToPath(new URL('./health-rules/argocd', import.meta.url));
const celFile = fileURLToPath(new URL('./health-rules/flux-health.yaml', import.meta.url));

/** A Gauge whose status the test writes, as its controller would. */
async function gauge(namespace: string, name: string, status: Record<string, unknown>): Promise<string> {
  await applyManifests(namespace, { apiVersion: `${gauges.group}/v1`, kind: 'Gauge', metadata: { name }, spec: {} } as KubernetesObject);
  await writeStatus({ ...gauges, namespace, name }, status);
  return `Gauge.${gauges.group}/${name}`;
}

describe('rule languages users already have', () => {
  beforeAll(async () => {
    await installCrd(minimalCrd({ group: gauges.group, kind: 'Gauge', plural: gauges.plural }));
  });

  describe('--health-lua DIR (Argo CD resource_customizations layout)', () => {
    e2eTest('Healthy is ready', async ({ namespace }) => {
      const target = await gauge(namespace, 'steady', { phase: 'Ready', reading: 42 });
      const result = await trackJson(['track', target, '-n', namespace, '--health-lua', luaDir, '--timeout', '30s']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.resource).toMatchObject({ status: 'ready', message: 'gauge/steady is healthy: gauge reads 42' });
    });

    e2eTest("Degraded fails with the script's message", async ({ namespace }) => {
      const target = await gauge(namespace, 'cracked', { phase: 'Broken', reason: 'glass cracked' });
      const result = await trackJson(['track', target, '-n', namespace, '--health-lua', luaDir, '--timeout', '30s']);
      expectRolloutFailure(result, 'failed', `${gauges.group}/v1/Gauge/${namespace}/cracked`);
      expect(result.resource.message).toBe('gauge/cracked is degraded: gauge is broken: glass cracked');
    });

    e2eTest('Progressing until the timeout times out with the script\'s message', async ({ namespace }) => {
      const target = await gauge(namespace, 'slow', { phase: 'Settling' });
      const result = await trackJson(['track', target, '-n', namespace, '--health-lua', luaDir, '--timeout', '3s']);
      expectRolloutFailure(result, 'timeout', `${gauges.group}/v1/Gauge/${namespace}/slow`);
      expect(result.resource.message).toContain('waiting for the gauge to settle');
    });

    e2eTest('a script with a syntax error is invalid input: one line naming the script and line, exit 2', async ({ namespace }) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kubetrack-lua-'));
      mkdirSync(path.join(dir, gauges.group, 'Gauge'), { recursive: true });
      writeFileSync(path.join(dir, gauges.group, 'Gauge', 'health.lua'), 'local hs = {}\nif obj.status then\nreturn hs\n');
      const result = await runKubetrack(['track', `Gauge.${gauges.group}/any`, '-n', namespace, '--health-lua', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        `kubetrack: --health-lua ${dir}: ${path.join(dir, gauges.group, 'Gauge', 'health.lua')}:4: 'end' expected (to close 'if' at line 2) near <eof>`,
      ]);
    });
  });

  describe('--argocd-cm NS/NAME (a live argocd-cm ConfigMap)', () => {
    e2eTest("the resource.customizations.health key judges the kind: Degraded fails with the script's message", async ({ namespace }) => {
      await applyManifests(namespace, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-cm' },
        data: {
          [`resource.customizations.health.${gauges.group}_Gauge`]: [
            'hs = {}',
            'if obj.status.phase == "Ready" then hs.status = "Healthy" else hs.status = "Degraded"; hs.message = "from argocd-cm: phase " .. obj.status.phase end',
            'return hs',
          ].join('\n'),
        },
      } as KubernetesObject);
      const broken = await gauge(namespace, 'needle', { phase: 'Stuck' });
      const failed = await trackJson(['track', broken, '-n', namespace, '--timeout', '30s', `--argocd-cm=${namespace}/argocd-cm`]);
      expectRolloutFailure(failed, 'failed', `${gauges.group}/v1/Gauge/${namespace}/needle`);
      expect(failed.resource.message).toBe('gauge/needle is degraded: from argocd-cm: phase Stuck');

      const fine = await gauge(namespace, 'dial', { phase: 'Ready' });
      const ready = await trackJson(['track', fine, '-n', namespace, '--timeout', '30s', `--argocd-cm=${namespace}/argocd-cm`]);
      expect(ready.code, ready.stderr).toBe(0);
    });

    e2eTest('a ConfigMap that does not exist is invalid input, exit 2', async ({ namespace }) => {
      const result = await runKubetrack(['track', `Gauge.${gauges.group}/any`, '-n', namespace, `--argocd-cm=${namespace}/argocd-cm`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`kubetrack: --argocd-cm ${namespace}/argocd-cm: no such ConfigMap`);
    });
  });

  describe('--health-cel FILE (Flux healthCheckExprs)', () => {
    e2eTest('current is ready', async ({ namespace }) => {
      const target = await gauge(namespace, 'bright', { phase: 'Ready', reading: 7 });
      const result = await trackJson(['track', target, '-n', namespace, '--health-cel', celFile, '--timeout', '30s']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.resource.status).toBe('ready');
    });

    e2eTest('failed fails, naming the expression', async ({ namespace }) => {
      const target = await gauge(namespace, 'dim', { phase: 'Broken', reason: 'bulb' });
      const result = await trackJson(['track', target, '-n', namespace, '--health-cel', celFile, '--timeout', '30s']);
      expectRolloutFailure(result, 'failed', `${gauges.group}/v1/Gauge/${namespace}/dim`);
      expect(result.resource.message).toBe("gauge/dim failed: status.phase == 'Broken'");
    });

    e2eTest('neither true until the timeout times out', async ({ namespace }) => {
      const target = await gauge(namespace, 'zero', { phase: 'Ready', reading: 0 });
      const result = await trackJson(['track', target, '-n', namespace, '--health-cel', celFile, '--timeout', '3s']);
      expectRolloutFailure(result, 'timeout', `${gauges.group}/v1/Gauge/${namespace}/zero`);
    });
  });
});
