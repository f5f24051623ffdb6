import { createPluginRegistry, type EvaluateContext, type KubeObject } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { conditions } from './conditions.js';

const context: EvaluateContext = {
  now: Date.parse('2025-03-10T10:00:05Z'),
  trackingStartedAt: Date.parse('2025-03-10T10:00:00Z'),
  schedulingGracePeriodMs: 30_000,
  options: {},
};

const certificate: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web-tls', namespace: 'web', uid: 'c1', generation: 1, creationTimestamp: '2025-03-10T10:00:00Z' },
  status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'order failed', observedGeneration: 1 }] },
};

describe('conditions()', () => {
  it('is the fallback for kinds no other plugin lists', () => {
    const registry = createPluginRegistry([conditions()]);
    expect(registry.pluginFor({ group: 'cert-manager.io', kind: 'Certificate' })?.name).toBe('@kubetrack/conditions');
    expect(registry.kinds).toEqual([]);
  });

  it("lets the user's rules replace the built-in rule for a kind", () => {
    const snapshot = { object: certificate, children: {}, events: [] };
    expect(conditions().evaluate(snapshot, context).state).toBe('progressing');
    const strict = conditions({
      rules: [{ group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' }, ready: ['True'], failed: ['False'] }],
    });
    expect(strict.evaluate(snapshot, context)).toMatchObject({ state: 'failed', code: 'failed', message: 'certificate/web-tls failed: Ready=False: Failed: order failed' });
  });

  it("prefers a resource's own rules to the plugin's", () => {
    const lenient = { group: 'cert-manager.io', kind: 'Certificate', condition: { type: 'Ready' }, ready: ['True', 'False'], failed: [] };
    const strict = conditions({ rules: [{ ...lenient, ready: ['True'], failed: ['False'] }] });
    const verdict = strict.evaluate({ object: certificate, children: {}, events: [] }, { ...context, options: { rules: [lenient] } });
    expect(verdict.state).toBe('ready');
  });

  it('refuses invalid rules when it is created', () => {
    expect(() => conditions({ rules: [{ group: 'x.io', kind: '', jsonPath: '$.a', ready: ['b'], failed: [] }] })).toThrow(
      'conditions() rules: [0].kind: must be a non-empty string',
    );
  });
});
