import type { EvaluateContext, KubeObject } from '@kubetrack/core';
import { describe, expect, test } from 'vitest';
import { conditions } from './conditions.js';
import { declarativeHealthRules } from './declarative-health-rules.js';
import type { HealthRules } from './health-rules.js';

const context: EvaluateContext = { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} };
const widget: KubeObject = { apiVersion: 'kubetrack.test/v1', kind: 'Widget', metadata: { name: 'w' }, status: { phase: 'Ready' } };
const saying = (name: string, message: string): HealthRules => ({
  name,
  ruleFor: (group, kind) => (group === 'kubetrack.test' && kind === 'Widget' ? () => ({ state: 'progressing', message }) : undefined),
});

describe('health rules in the conditions plugin', () => {
  test('the first source with a rule for the kind decides, before declarative and kstatus rules', () => {
    const plugin = conditions({
      rules: [{ group: 'kubetrack.test', kind: 'Widget', jsonPath: '$.status.phase', ready: ['Ready'], failed: [] }],
      healthRules: [saying('first', 'first says'), saying('second', 'second says')],
    });
    expect(plugin.evaluate({ object: widget, children: {}, events: [] }, context).message).toBe('first says');
  });

  test('a resource\'s own health rules come before the run\'s', () => {
    const plugin = conditions({ healthRules: [saying('run', 'run says')] });
    const own = { ...context, options: { healthRules: [saying('own', 'own says')] } };
    expect(plugin.evaluate({ object: widget, children: {}, events: [] }, own).message).toBe('own says');
  });

  test('declarative rules can take their place in the order', () => {
    const plugin = conditions({
      healthRules: [declarativeHealthRules('--rules r.yaml', [{ group: 'kubetrack.test', kind: 'Widget', jsonPath: '$.status.phase', ready: ['Ready'], failed: [] }]), saying('later', 'later says')],
    });
    expect(plugin.evaluate({ object: widget, children: {}, events: [] }, context)).toMatchObject({ state: 'ready' });
  });

  test('kinds no rule covers and absent objects get the kstatus fallback', () => {
    const plugin = conditions({ healthRules: [saying('only widgets', 'x')] });
    const gadget: KubeObject = { apiVersion: 'kubetrack.test/v1', kind: 'Gadget', metadata: { name: 'g' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(plugin.evaluate({ object: gadget, children: {}, events: [] }, context).state).toBe('ready');
    expect(plugin.evaluate({ object: undefined, children: {}, events: [] }, context)).toMatchObject({ absent: true });
  });
});
