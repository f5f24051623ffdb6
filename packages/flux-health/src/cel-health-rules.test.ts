import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProgramError, type EvaluateContext, type KubeObject } from '@kubetrack/core';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { celHealthRules } from './cel-health-rules.js';
import { parseHealthCheckExprs } from './health-check-exprs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const context: EvaluateContext = { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} };
const source = '--health-cel widget-health.yaml';
const rules = celHealthRules(source, parseHealthCheckExprs(parse(readFileSync(path.join(here, 'fixtures/widget-health.yaml'), 'utf8')), source));

const widget = (status: Record<string, unknown> | undefined, generation = 1): KubeObject => ({
  apiVersion: 'kubetrack.test/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'ns', generation },
  spec: { parts: 3 },
  ...(status ? { status } : {}),
});
const ready = (status: string, message: string) => [{ type: 'Ready', status, message }];
const judge = (object: KubeObject) => rules.ruleFor('kubetrack.test', 'Widget')!(object, context);

describe('Flux healthCheckExprs', () => {
  test('current true: ready, with the object\'s own message', () => {
    expect(judge(widget({ parts: 3, conditions: ready('True', 'all parts assembled') }))).toMatchObject({
      state: 'ready',
      message: "widget/w is ready: status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True') && status.parts == spec.parts (Ready: all parts assembled)",
    });
  });

  test('failed true: failed with the object\'s message', () => {
    expect(judge(widget({ conditions: ready('False', 'part 3 is missing') }))).toMatchObject({ state: 'failed', code: 'failed' });
    expect(judge(widget({ conditions: ready('False', 'part 3 is missing') })).message).toMatch(/^widget\/w failed: .*\(Ready: part 3 is missing\)$/);
  });

  test('inProgress is evaluated first', () => {
    expect(judge(widget({ phase: 'Building', conditions: ready('False', 'x') })).state).toBe('progressing');
  });

  test('none true: progressing, waiting for current', () => {
    const verdict = judge(widget({ parts: 2, conditions: ready('True', 'ok') }));
    expect(verdict.state).toBe('progressing');
    expect(verdict.waitingFor?.[0]).toMatch(/status.parts == spec.parts to be true$/);
  });

  test('a field that is not there yet: progressing, naming the expression, as Flux waits', () => {
    const verdict = judge(widget(undefined));
    expect(verdict.state).toBe('progressing');
    expect(verdict.message).toBe(`widget/w: --health-cel widget-health.yaml: [0].failed "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')": unresolved attribute`);
  });

  test('an unobserved generation is no answer yet', () => {
    expect(judge(widget({ observedGeneration: 1, parts: 3, conditions: ready('True', 'ok') }, 2)).state).toBe('progressing');
  });

  test('matches by group and kind only', () => {
    expect(rules.ruleFor('kubetrack.test', 'Gadget')).toBeUndefined();
  });
});

describe('bad expressions files', () => {
  test('a syntax error is invalid input naming the expression', () => {
    const entries = parseHealthCheckExprs([{ apiVersion: 'kubetrack.test/v1', kind: 'Widget', current: "status.phase == 'Ready' &&" }], 'f.yaml');
    expect(() => celHealthRules('--health-cel f.yaml', entries)).toThrow(ProgramError);
    expect(() => celHealthRules('--health-cel f.yaml', entries)).toThrow(/^--health-cel f.yaml: \[0\]\.current: "status.phase == 'Ready' &&": /);
  });

  test.each([
    [{ healthCheckExprs: 'x' }, 'f.yaml: healthCheckExprs: must be a list'],
    [[{ apiVersion: 'v1', kind: 'Widget' }], 'f.yaml: [0].current: must be a non-empty string'],
    [[{ apiVersion: 'v1', kind: 'Widget', current: 'true', ready: 'true' }], 'f.yaml: [0].ready: unknown field'],
  ])('%j is refused with its path', (input, message) => {
    expect(() => parseHealthCheckExprs(input, 'f.yaml')).toThrow(message);
  });
});

describe('celRulesPlugin', () => {
  test('a rule pack judges the kinds it lists with its bundled expressions', async () => {
    const { celRulesPlugin } = await import('./cel-rules-plugin.js');
    const kind = { group: 'kubetrack.test', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true };
    const plugin = celRulesPlugin({ name: '@acme/widget-cel', rules: [{ kind, current: 'status.parts == spec.parts' }] });
    expect(plugin.kinds).toEqual([kind]);
    expect(plugin.evaluate({ object: widget({ parts: 3 }), children: {}, events: [] }, context).state).toBe('ready');
  });
});
