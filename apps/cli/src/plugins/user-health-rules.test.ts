import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EvaluateContext, KubeObject } from '@kubetrack/core';
import { describe, expect, test } from 'vitest';
import { compileResourceHealthRules, loadUserHealthRules } from './user-health-rules.js';

const context: EvaluateContext = { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} };
const gauge: KubeObject = { apiVersion: 'rules.test/v1', kind: 'Gauge', metadata: { name: 'g' }, status: { phase: 'Broken' } };

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubetrack-rules-'));
  mkdirSync(path.join(dir, 'lua/rules.test/Gauge'), { recursive: true });
  writeFileSync(path.join(dir, 'lua/rules.test/Gauge/health.lua'), 'return { status = "Degraded", message = "from lua" }');
  writeFileSync(path.join(dir, 'cel.yaml'), "- apiVersion: rules.test/v1\n  kind: Gauge\n  failed: \"status.phase == 'Broken'\"\n  current: 'false'\n");
  writeFileSync(path.join(dir, 'rules.yaml'), '- group: rules.test\n  kind: Gauge\n  jsonPath: $.status.phase\n  ready: [Broken]\n');
  return dir;
}

describe('user health rules', () => {
  test('the order on the command line is the precedence', async () => {
    const cwd = workspace();
    const judge = async (order: Parameters<typeof loadUserHealthRules>[0]) => {
      const sources = await loadUserHealthRules(order, cwd);
      const source = sources.find((candidate) => candidate.ruleFor('rules.test', 'Gauge'));
      return source!.ruleFor('rules.test', 'Gauge')!(gauge, context);
    };
    expect((await judge([{ flag: 'health-lua', value: 'lua' }, { flag: 'health-cel', value: 'cel.yaml' }])).message).toBe('gauge/g is degraded: from lua');
    expect((await judge([{ flag: 'health-cel', value: 'cel.yaml' }, { flag: 'health-lua', value: 'lua' }])).message).toBe("gauge/g failed: status.phase == 'Broken'");
    expect((await judge([{ flag: 'rules', value: 'rules.yaml' }, { flag: 'health-lua', value: 'lua' }])).state).toBe('ready');
  });

  test('--argocd-cm waits for the cluster connection', async () => {
    expect(await loadUserHealthRules([{ flag: 'argocd-cm', value: true }], workspace())).toEqual([]);
    let asked = '';
    const rules = await loadUserHealthRules([{ flag: 'argocd-cm', value: true }], workspace(), async (namespace, name) => {
      asked = `${namespace}/${name}`;
      return { 'resource.customizations.health.rules.test_Gauge': 'return { status = "Healthy" }' };
    });
    expect(asked).toBe('argocd/argocd-cm');
    expect(rules[0]!.ruleFor('rules.test', 'Gauge')!(gauge, context).state).toBe('ready');
  });

  test.each([
    [{ flag: 'health-lua', value: 'missing' }, '--health-lua missing: not a directory'],
    [{ flag: 'health-lua', value: '.' }, '--health-lua .: no <group>/<Kind>/health.lua scripts in it'],
    [{ flag: 'health-cel', value: 'nope.yaml' }, 'cannot read nope.yaml: no such file or directory'],
  ] as const)('%j is invalid input', async (source, message) => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, 'empty'));
    await expect(loadUserHealthRules([source], path.join(cwd, source.value === '.' ? 'empty' : ''))).rejects.toThrow(message);
  });

  test("a spec resource's healthLua and healthCel judge that resource", async () => {
    const spec = await compileResourceHealthRules({
      resource: { group: 'rules.test', version: 'v1', kind: 'Gauge', namespace: 'ns', name: 'g' },
      pluginOptions: { healthCel: { current: "status.phase == 'Ready'", failed: "status.phase == 'Broken'" } },
    } as never);
    const [rules] = spec.pluginOptions!['healthRules'] as Awaited<ReturnType<typeof loadUserHealthRules>>;
    expect(rules!.ruleFor('rules.test', 'Gauge')!(gauge, context).state).toBe('failed');
  });
});
