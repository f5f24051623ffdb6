import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect } from 'vitest';
import { applyManifests, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, generationOf, installCrd, minimalCrd, sleep, trackJson, writeStatus } from './helpers.js';

/**
 * The example third-party plugin examples/argo-rollouts, loaded by the built CLI with --plugin.
 * The Argo Rollouts controller is not run here: the test installs a minimal Rollout CRD and
 * writes the Rollout's status subresource as the controller would.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const plugin = ['--plugin', './examples/argo-rollouts/src/index.js'];
const rollouts = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };

function rollout(name: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '1s' } }] } },
    },
  };
}

describe('--plugin ./examples/argo-rollouts (Argo Rollouts Rollout)', () => {
  beforeAll(async () => {
    await installCrd(minimalCrd({ group: 'argoproj.io', kind: 'Rollout', plural: 'rollouts', version: 'v1alpha1', shortNames: ['ro'] }));
  });

  e2eTest('a Rollout that goes Paused, then Healthy with the new revision stable, is ready: exit 0', async ({ namespace }) => {
    await applyManifests(namespace, rollout('web'));
    const target = { ...rollouts, namespace, name: 'web' };
    const generation = String(await generationOf(target));
    const tracking = trackJson(['track', 'rollout.argoproj.io/web', '-n', namespace, '--timeout', '30s', ...plugin], { cwd: repoRoot });
    await sleep(1_500);
    const common = { observedGeneration: generation, currentPodHash: '6d8f7c9b5', replicas: 2 };
    await writeStatus(target, {
      ...common,
      phase: 'Paused',
      message: 'CanaryPauseStep',
      stableRS: '57f8d6c4b',
      currentStepIndex: 1,
      updatedReplicas: 1,
      availableReplicas: 2,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: new Date().toISOString() }],
    });
    await sleep(1_000);
    await writeStatus(target, { ...common, phase: 'Healthy', stableRS: '6d8f7c9b5', currentStepIndex: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const result = await tracking;
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.success).toBe(true);
    expect(result.resource).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web', status: 'ready' });
    expect(result.resource.message).toBe('rollout/web is healthy (stable revision 6d8f7c9b5)');
  });

  e2eTest('a Degraded Rollout (aborted) fails with failed and the controller\'s message', async ({ namespace }) => {
    await applyManifests(namespace, rollout('api'));
    const target = { ...rollouts, namespace, name: 'api' };
    const generation = String(await generationOf(target));
    const tracking = trackJson(['track', 'rollout.argoproj.io/api', '-n', namespace, '--timeout', '30s', ...plugin], { cwd: repoRoot });
    await sleep(1_500);
    await writeStatus(target, {
      observedGeneration: generation,
      phase: 'Degraded',
      abort: true,
      message: 'RolloutAborted: Rollout aborted update to revision 2',
      currentPodHash: '6d8f7c9b5',
      stableRS: '57f8d6c4b',
      conditions: [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted', message: 'Rollout aborted update to revision 2' }],
    });
    const result = await tracking;
    expectRolloutFailure(result, 'failed', `argoproj.io/v1alpha1/Rollout/${namespace}/api`);
    expect(result.resource.message).toBe('rollout/api is degraded: RolloutAborted: Rollout aborted update to revision 2');
  });

  e2eTest('without --plugin the Rollout falls to the generic plugin, which has no rule for it', async ({ namespace }) => {
    // The contrast that shows the plugin is what judged it: no conditions, a status → "ready" by kstatus.
    await applyManifests(namespace, rollout('bare'));
    const target = { ...rollouts, namespace, name: 'bare' };
    await writeStatus(target, { observedGeneration: String(await generationOf(target)), phase: 'Degraded', message: 'RolloutAborted: aborted' });
    const result = await trackJson(['track', 'rollout.argoproj.io/bare', '-n', namespace, '--timeout', '10s'], { cwd: repoRoot });
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource.message).toMatch(/exists and reports no readiness conditions/);
  });
});
