import { beforeAll, describe, expect } from 'vitest';
import { applyManifests, e2eTest } from '../harness/index.js';
import { crdFromRepo, expectRolloutFailure, installCrd, sleep, trackJson, writeStatus } from './helpers.js';

/**
 * The Flagger controller is not built for the local cluster: these tests install Flagger's Canary CRD
 * and write the Canary's status subresource the way Flagger does (phase, lastTransitionTime, conditions).
 */
const canaryApi = { group: 'flagger.app', version: 'v1beta1', plural: 'canaries' };

function canary(name: string) {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      service: { port: 80 },
      analysis: { interval: '10s', threshold: 2, maxWeight: 50, stepWeight: 10 },
    },
  };
}

function flaggerStatus(phase: string, extra: Record<string, unknown> = {}) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const promoted = phase === 'Succeeded';
  return {
    phase,
    canaryWeight: phase === 'Progressing' ? 10 : 0,
    failedChecks: 0,
    iterations: 0,
    lastAppliedSpec: 'd8f6f5c4b',
    lastTransitionTime: now,
    conditions: [
      {
        type: 'Promoted',
        status: promoted ? 'True' : phase === 'Failed' ? 'False' : 'Unknown',
        reason: phase === 'Failed' ? 'Failed' : promoted ? 'Succeeded' : 'Progressing',
        message:
          phase === 'Failed'
            ? 'Canary analysis failed, Deployment scaled to zero.'
            : promoted
              ? 'Canary analysis completed successfully, promotion finished.'
              : 'New revision detected, progressing canary analysis.',
        lastTransitionTime: now,
        lastUpdateTime: now,
      },
    ],
    ...extra,
  };
}

describe('canary-failed (Flagger Canary, status written as Flagger would)', () => {
  beforeAll(async () => {
    await installCrd(crdFromRepo('packages/flagger-canary/crd/canaries.flagger.app.yaml'));
  });

  e2eTest('a Canary that goes Progressing, then Failed, fails with canary-failed', async ({ namespace }) => {
    await applyManifests(namespace, canary('podinfo'));
    const target = { ...canaryApi, namespace, name: 'podinfo' };
    const tracking = trackJson(['track', 'canary/podinfo', '-n', namespace, '--timeout', '40s']);
    await sleep(1_500);
    await writeStatus(target, flaggerStatus('Progressing', { canaryWeight: 10, failedChecks: 1 }));
    await sleep(1_100);
    await writeStatus(target, flaggerStatus('Failed', { failedChecks: 2 }));
    const result = await tracking;
    expectRolloutFailure(result, 'canary-failed', `flagger.app/v1beta1/Canary/${namespace}/podinfo`);
    expect(result.resource).toMatchObject({ kind: 'Canary', name: 'podinfo', status: 'failed' });
    expect(result.resource.message).toMatch(/canary\/podinfo failed/);
    expect(result.resource.message).toContain('Canary analysis failed');
    expect(result.durationMs).toBeLessThan(15_000);
  });

  e2eTest('a Canary that goes Progressing, then Succeeded, is ready: exit 0', async ({ namespace }) => {
    await applyManifests(namespace, canary('frontend'));
    const target = { ...canaryApi, namespace, name: 'frontend' };
    const tracking = trackJson(['track', 'canary/frontend', '-n', namespace, '--timeout', '40s']);
    await sleep(1_500);
    await writeStatus(target, flaggerStatus('Progressing'));
    await sleep(1_100);
    await writeStatus(target, flaggerStatus('Succeeded', { iterations: 5 }));
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.success).toBe(true);
    expect(result.resource).toMatchObject({ kind: 'Canary', name: 'frontend', status: 'ready' });
    expect(result.resource.message).toMatch(/promoted/);
  });
});
