import { fileURLToPath } from 'node:url';
import { fixtureCases } from '@kubetrack/plugin-testing';
import { describe, expect, it } from 'vitest';
import plugin, { argoRollouts, ROLLOUT_KIND } from './index.js';

describe('kubetrack-plugin-argo-rollouts verdicts', () => {
  for (const fixture of fixtureCases(fileURLToPath(new URL('./fixtures', import.meta.url)))) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      const verdict = plugin.evaluate(fixture.snapshot, fixture.context);
      expect(verdict).toMatchObject(fixture.expect);
      // Only a terminal failure carries a code.
      if (verdict.state !== 'failed') expect(verdict.code).toBeUndefined();
    });
  }
});

describe('the plugin object', () => {
  it('targets plugin API 1, lists the Rollout kind, and the factory makes the same plugin', () => {
    expect(plugin).toMatchObject({ apiVersion: 1, name: 'kubetrack-plugin-argo-rollouts', kinds: [ROLLOUT_KIND] });
    expect(argoRollouts()).toMatchObject({ name: plugin.name, kinds: plugin.kinds });
  });

  it('is pure: the same snapshot gives the same verdict and is not modified', () => {
    const object = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', generation: 1 }, status: { phase: 'Healthy', observedGeneration: '1' } };
    const snapshot = { object, children: {}, events: [] };
    const frozen = JSON.stringify(snapshot);
    const context = { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} };
    expect(plugin.evaluate(snapshot, context)).toEqual(plugin.evaluate(snapshot, context));
    expect(JSON.stringify(snapshot)).toBe(frozen);
  });
});
