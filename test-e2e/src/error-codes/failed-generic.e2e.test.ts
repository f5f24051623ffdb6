import { beforeAll, describe, expect } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, generationOf, installCrd, minimalCrd, sleep, trackJson, writeStatus } from './helpers.js';

const widgets = { group: 'e2e.kubetrack.test', version: 'v1', plural: 'widgets' };

describe('failed (a generic custom resource, judged by its conditions)', () => {
  beforeAll(async () => {
    await installCrd(minimalCrd({ group: widgets.group, kind: 'Widget', plural: widgets.plural }));
  });

  e2eTest('a custom resource whose controller reports Stalled=True fails with failed', async ({ namespace }) => {
    await applyManifests(namespace, { apiVersion: 'e2e.kubetrack.test/v1', kind: 'Widget', metadata: { name: 'gizmo' }, spec: { size: 3 } } as KubernetesObject);
    const target = { ...widgets, namespace, name: 'gizmo' };
    const generation = await generationOf(target);
    const tracking = trackJson(['track', 'Widget.e2e.kubetrack.test/gizmo', '-n', namespace, '--timeout', '30s']);
    await sleep(1_000);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await writeStatus(target, {
      observedGeneration: generation,
      conditions: [
        { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'creating the gizmo', lastTransitionTime: now, observedGeneration: generation },
      ],
    });
    await sleep(800);
    await writeStatus(target, {
      observedGeneration: generation,
      conditions: [
        { type: 'Ready', status: 'False', reason: 'QuotaExhausted', message: 'no capacity left for 3 gizmos', lastTransitionTime: now, observedGeneration: generation },
        { type: 'Stalled', status: 'True', reason: 'QuotaExhausted', message: 'no capacity left for 3 gizmos', lastTransitionTime: now, observedGeneration: generation },
      ],
    });
    const result = await tracking;
    expectRolloutFailure(result, 'failed', `e2e.kubetrack.test/v1/Widget/${namespace}/gizmo`);
    expect(result.resource).toMatchObject({ kind: 'Widget', name: 'gizmo', status: 'failed' });
    expect(result.resource.message).toMatch(/gizmo/);
    expect(result.resource.message).toContain('no capacity left for 3 gizmos');
  });

  e2eTest('the same kind with Ready=True is ready: exit 0', async ({ namespace }) => {
    await applyManifests(namespace, { apiVersion: 'e2e.kubetrack.test/v1', kind: 'Widget', metadata: { name: 'sprocket' }, spec: { size: 1 } } as KubernetesObject);
    const target = { ...widgets, namespace, name: 'sprocket' };
    const generation = await generationOf(target);
    const tracking = trackJson(['track', 'Widget.e2e.kubetrack.test/sprocket', '-n', namespace, '--timeout', '30s']);
    await sleep(1_000);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await writeStatus(target, {
      observedGeneration: generation,
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'sprocket is serving', lastTransitionTime: now }],
    });
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource).toMatchObject({ kind: 'Widget', name: 'sprocket', status: 'ready' });
  });
});
