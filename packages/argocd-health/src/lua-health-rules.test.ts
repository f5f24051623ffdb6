import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvaluateContext, KubeObject, Verdict } from '@kubetrack/core';
import { ProgramError } from '@kubetrack/core';
import { describe, expect, test } from 'vitest';
import { luaHealthRules } from './lua-health-rules.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.dirname(here);
const context: EvaluateContext = { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} };

function scriptAt(layout: string, key = 'kubetrack.test/Widget') {
  const file = path.join('src/fixtures', layout, key, 'health.lua');
  return { key, script: readFileSync(path.join(packageRoot, file), 'utf8'), scriptName: file };
}

function judge(rules: ReturnType<typeof luaHealthRules>, object: KubeObject): Verdict {
  const rule = rules.ruleFor('kubetrack.test', 'Widget');
  if (!rule) throw new Error('no rule for Widget');
  return rule(object, context);
}

const widget = (status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'kubetrack.test/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'ns' },
  spec: { parts: 3 },
  ...(status ? { status } : {}),
});

describe('an Argo CD health.lua in the resource_customizations layout', () => {
  const rules = luaHealthRules('--health-lua fixtures', [scriptAt('resource_customizations')]);
  const testdata = path.join(here, 'fixtures/resource_customizations/kubetrack.test/Widget/testdata');
  for (const file of readdirSync(testdata).filter((name) => name.endsWith('.json')).sort()) {
    const fixture = JSON.parse(readFileSync(path.join(testdata, file), 'utf8')) as { description: string; object: KubeObject; expect: Partial<Verdict> };
    test(`${file}: ${fixture.description}`, () => {
      expect(judge(rules, fixture.object)).toMatchObject(fixture.expect);
    });
  }

  test('judges only the kind it is for', () => {
    expect(rules.ruleFor('kubetrack.test', 'Gadget')).toBeUndefined();
    expect(rules.ruleFor('other.test', 'Widget')).toBeUndefined();
  });
});

describe('scripts that go wrong', () => {
  test('a syntax error is invalid input naming the script and line', () => {
    const bad = { key: 'kubetrack.test/Widget', script: 'local hs = {}\nif obj.status then\nreturn hs\n', scriptName: 'dir/kubetrack.test/Widget/health.lua' };
    expect(() => luaHealthRules('--health-lua dir', [bad])).toThrow(ProgramError);
    expect(() => luaHealthRules('--health-lua dir', [bad])).toThrow(/^--health-lua dir: dir\/kubetrack.test\/Widget\/health.lua:4: 'end' expected/);
  });

  test('a runtime error fails the resource with the script, line and Lua message', () => {
    const rules = luaHealthRules('--health-lua broken', [scriptAt('broken')]);
    expect(judge(rules, widget())).toEqual({
      state: 'failed',
      code: 'failed',
      message: "widget/w: its health check failed: src/fixtures/broken/kubetrack.test/Widget/health.lua:2: attempt to index a nil value (field 'status')",
    });
  });

  test('an endless loop is stopped by the instruction limit', () => {
    const rules = luaHealthRules('--health-lua loops', [scriptAt('loops')]);
    const verdict = judge(rules, widget({ phase: 'Ready' }));
    expect(verdict.state).toBe('failed');
    expect(verdict.message).toMatch(/loops\/kubetrack.test\/Widget\/health.lua: gave no answer within \d+ Lua instructions/);
  });

  test('a script that returns no table says so', () => {
    const rules = luaHealthRules('cm', [{ key: 'kubetrack.test/Widget', script: 'return "Healthy"', scriptName: 'cm key' }]);
    expect(judge(rules, widget()).message).toBe('widget/w: its health check failed: cm key: expected a table from the script (hs), not string');
  });
});

describe('the sandbox', () => {
  const run = (script: string) => judge(luaHealthRules('t', [{ key: 'kubetrack.test/Widget', script, scriptName: 't.lua' }]), widget({ phase: 'Ready' }));

  test.each([
    ['io', 'io.open("/etc/hostname")'],
    ['dofile', 'dofile("/etc/hostname")'],
    ['loadfile', 'loadfile("/etc/hostname")'],
    ['os.execute', 'os.execute("true")'],
    ['os.exit', 'os.exit(1)'],
    ['require of other modules', 'require("io")'],
  ])('has no %s', (_, call) => {
    expect(run(`${call}\nreturn { status = "Healthy" }`).state).toBe('failed');
  });

  test('has the libraries Argo CD scripts use, and require for them', () => {
    const verdict = run(`local os = require("os")
local hs = { status = "Healthy" }
hs.message = string.format("%s %d", string.upper(obj.status.phase), math.max(1, 2)) .. " " .. table.concat({ "a", "b" }, ",") .. " " .. type(os.time())
return hs`);
    expect(verdict).toEqual({ state: 'ready', message: 'widget/w is healthy: READY 2 a,b number' });
  });

  test('gives every run fresh globals', () => {
    const rules = luaHealthRules('t', [{ key: 'kubetrack.test/Widget', script: 'runs = (runs or 0) + 1\nreturn { status = "Progressing", message = tostring(runs) }', scriptName: 't.lua' }]);
    judge(rules, widget());
    expect(judge(rules, widget()).message).toBe('widget/w is progressing: 1');
  });
});

describe('keys', () => {
  test('an exact key wins over a wildcard, and wildcards match like argocd-cm globs', () => {
    const rules = luaHealthRules('cm', [
      { key: '*.test/*', script: 'return { status = "Degraded", message = "wildcard" }', scriptName: 'wild' },
      { key: 'kubetrack.test/Widget', script: 'return { status = "Healthy", message = "exact" }', scriptName: 'exact' },
    ]);
    expect(judge(rules, widget()).message).toBe('widget/w is healthy: exact');
    expect(rules.ruleFor('other.test', 'Gadget')?.(widget(), context).message).toBe('widget/w is degraded: wildcard');
    expect(rules.ruleFor('other.io', 'Gadget')).toBeUndefined();
  });

  test('a core kind is keyed by its Kind alone', () => {
    const rules = luaHealthRules('cm', [{ key: 'ConfigMap', script: 'return { status = "Healthy" }', scriptName: 'cm' }]);
    expect(rules.ruleFor('', 'ConfigMap')).toBeDefined();
  });
});

describe('luaRulesPlugin', () => {
  test('a rule pack judges the kinds it lists with its bundled scripts', async () => {
    const { luaRulesPlugin } = await import('./lua-rules-plugin.js');
    const kind = { group: 'kubetrack.test', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true };
    const plugin = luaRulesPlugin({ name: '@acme/widget-health', rules: [{ kind, script: scriptAt('resource_customizations').script }] });
    expect(plugin.kinds).toEqual([kind]);
    expect(plugin.evaluate({ object: widget({ phase: 'Ready' }), children: {}, events: [] }, context)).toMatchObject({ state: 'ready' });
    expect(plugin.evaluate({ object: undefined, children: {}, events: [] }, context)).toMatchObject({ absent: true });
  });
});
