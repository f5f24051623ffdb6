import { beforeAll, describe, expect, test } from 'vitest';
import { e2eTest, waitFor } from '../harness/index.js';
import {
  canaryManifest,
  flaggerBin,
  flaggerCrds,
  initializedCanary,
  installFlaggerCrds,
  primaryRevision,
  readCanary,
  rollOut,
  startFlagger,
  startWebhookServer,
  waitForCanaryPhase,
  type RunningFlagger,
  type WebhookServer,
} from './flagger.js';
import { crdFromRepo, expectRolloutFailure, trackJson } from './helpers.js';

/**
 * Flagger Canaries judged while the real Flagger controller (kubernetes provider) runs them. Each
 * test starts its own Flagger restricted to its namespace. Flagger analyses every 10 s at the
 * fastest, so a promotion takes about a minute: the tests run side by side.
 */
let bin: string;

async function withFlagger(namespace: string, body: (flagger: RunningFlagger) => Promise<void>): Promise<void> {
  const flagger = startFlagger(bin, namespace);
  try {
    await body(flagger);
  } finally {
    await flagger.stop();
  }
}

async function withWebhooks(statusByPath: Record<string, number>, body: (webhooks: WebhookServer) => Promise<void>): Promise<void> {
  const webhooks = await startWebhookServer(statusByPath);
  try {
    await body(webhooks);
  } finally {
    await webhooks.close();
  }
}

describe.concurrent('Flagger Canary against the real controller', () => {
  beforeAll(async () => {
    bin = await flaggerBin();
    await installFlaggerCrds(bin);
  }, 60 * 60_000);

  test("the Canary CRD the plugin ships serves what Flagger's own does", () => {
    const ours = crdFromRepo('packages/flagger-canary/crd/canaries.flagger.app.yaml') as unknown as CrdShape;
    const real = flaggerCrds(bin).find((crd) => crd.metadata?.name === 'canaries.flagger.app') as unknown as CrdShape;
    expect(served(ours)).toEqual(served(real));
  });

  e2eTest('a promotion that succeeds is ready once the new revision is promoted', { timeout: 180_000 }, async ({ namespace }) => {
    await withFlagger(namespace, async (flagger) => {
      // tracking starts within the second Flagger wrote Initialized: that must not pass for ready
      await initializedCanary(namespace, 'podinfo', flagger);
      const tracking = trackJson(['track', 'canary/podinfo', '-n', namespace, '--timeout', '150s']);
      await rollOut(namespace, 'podinfo', 'v2');
      const result = await tracking;
      expect(result.code, `${result.stderr}\nflagger:\n${flagger.output().slice(-3_000)}`).toBe(0);
      expect(result.resource).toMatchObject({ kind: 'Canary', name: 'podinfo', status: 'ready' });
      expect(result.resource.message).toMatch(/promoted the new revision/);
      // ready means users get the new revision: the primary runs it
      expect(await primaryRevision(namespace, 'podinfo')).toBe('v2');
    });
  });

  e2eTest('a rollout whose pre-rollout webhook keeps failing fails with canary-failed', { timeout: 180_000 }, async ({ namespace }) => {
    await withWebhooks({ '/pre-rollout': 500 }, async (webhooks) => {
      await withFlagger(namespace, async (flagger) => {
        const canary = canaryManifest('checkout', {
          threshold: 2,
          webhooks: [{ name: 'smoke-tests', type: 'pre-rollout', url: webhooks.url('/pre-rollout') }],
        });
        await initializedCanary(namespace, 'checkout', flagger, canary);
        const tracking = trackJson(['track', 'canary/checkout', '-n', namespace, '--timeout', '150s']);
        await rollOut(namespace, 'checkout', 'v2');
        const result = await tracking;
        expectRolloutFailure(result, 'canary-failed', `flagger.app/v1beta1/Canary/${namespace}/checkout`);
        expect(result.resource.message).toMatch(/^canary\/checkout failed/);
        // Flagger's reason, from its Warning events, not only the phase
        expect(result.resource.message).toMatch(/failed checks threshold reached 2|pre-rollout/i);
        expect(result.resource.message).toContain('Canary analysis failed');
        expect(webhooks.calls('/pre-rollout')).toBeGreaterThanOrEqual(2);
        // the failure is the new revision's: the primary still runs the old one
        expect(await primaryRevision(namespace, 'checkout')).toBe('v1');
      });
    });
  });

  e2eTest('a Canary held by its confirm-rollout gate is reported as blocked', { timeout: 180_000 }, async ({ namespace }) => {
    await withWebhooks({ '/confirm-rollout': 403 }, async (webhooks) => {
      await withFlagger(namespace, async (flagger) => {
        const canary = canaryManifest('billing', {
          webhooks: [{ name: 'change-approval', type: 'confirm-rollout', url: webhooks.url('/confirm-rollout') }],
        });
        await initializedCanary(namespace, 'billing', flagger, canary);
        await rollOut(namespace, 'billing', 'v2');
        await waitForCanaryPhase(namespace, 'billing', 'Waiting', flagger);
        const result = await trackJson(['track', 'canary/billing', '-n', namespace, '--timeout', '5s']);
        expectRolloutFailure(result, 'timeout', `flagger.app/v1beta1/Canary/${namespace}/billing`);
        expect(result.resource.message).toMatch(/canary\/billing was blocked until the timeout: .*confirm-rollout/);
      });
    });
  });

  e2eTest(
    "tracking that starts while the last revision's Succeeded is in the status waits for the new revision",
    { timeout: 240_000 },
    async ({ namespace }) => {
      await withFlagger(namespace, async (flagger) => {
        await initializedCanary(namespace, 'frontend', flagger);
        await rollOut(namespace, 'frontend', 'v2');
        await waitForCanaryPhase(namespace, 'frontend', 'Succeeded', flagger, 150_000);
        // v3 is applied just before tracking, as a pipeline does: Flagger still says Succeeded (for v2)
        await rollOut(namespace, 'frontend', 'v3');
        expect((await readCanary(namespace, 'frontend')).status?.phase).toBe('Succeeded');
        const result = await trackJson(['track', 'canary/frontend', '-n', namespace, '--timeout', '150s']);
        expect(result.code, `${result.stderr}\nflagger:\n${flagger.output().slice(-3_000)}`).toBe(0);
        expect(result.resource.message).toMatch(/promoted the new revision/);
        expect(await primaryRevision(namespace, 'frontend')).toBe('v3');
      });
    },
  );

  e2eTest(
    "tracking that starts while the last revision's Failed is in the status waits for the new revision",
    { timeout: 240_000 },
    async ({ namespace }) => {
      await withWebhooks({ '/pre-rollout': 500 }, async (webhooks) => {
        await withFlagger(namespace, async (flagger) => {
          const canary = canaryManifest('search', {
            threshold: 1,
            webhooks: [{ name: 'smoke-tests', type: 'pre-rollout', url: webhooks.url('/pre-rollout') }],
          });
          await initializedCanary(namespace, 'search', flagger, canary);
          await rollOut(namespace, 'search', 'v2');
          await waitForCanaryPhase(namespace, 'search', 'Failed', flagger, 150_000);
          // Flagger re-writes a Failed status on every analysis tick: wait for one such write, so
          // the left-over failure carries a time newer than its failure
          const failedAt = (await readCanary(namespace, 'search')).status?.lastTransitionTime;
          await waitFor(
            async () => {
              const status = (await readCanary(namespace, 'search')).status;
              return status?.phase === 'Failed' && status.lastTransitionTime !== failedAt;
            },
            { description: 'Flagger to re-write the Failed status', timeoutMs: 30_000, intervalMs: 250 },
          );
          // the fix: v3, whose smoke tests pass, applied just before tracking
          webhooks.answer('/pre-rollout', 200);
          await rollOut(namespace, 'search', 'v3');
          const result = await trackJson(['track', 'canary/search', '-n', namespace, '--timeout', '150s']);
          expect(result.code, `${result.resource.message}\nflagger:\n${flagger.output().slice(-3_000)}`).toBe(0);
          expect(result.resource.message).toMatch(/promoted the new revision/);
          expect(await primaryRevision(namespace, 'search')).toBe('v3');
        });
      });
    },
  );
});

interface CrdShape {
  metadata: { name: string };
  spec: {
    group: string;
    scope: string;
    names: Record<string, unknown>;
    versions: { name: string; served: boolean; storage: boolean; subresources?: unknown; additionalPrinterColumns?: unknown }[];
  };
}

/** What the API server serves from a CRD, leaving out the validation schema (ours keeps fields as they come). */
function served(crd: CrdShape) {
  return {
    name: crd.metadata.name,
    group: crd.spec.group,
    scope: crd.spec.scope,
    names: crd.spec.names,
    versions: crd.spec.versions.map(({ name, served, storage, subresources, additionalPrinterColumns }) => ({
      name,
      served,
      storage,
      subresources,
      additionalPrinterColumns,
    })),
  };
}
