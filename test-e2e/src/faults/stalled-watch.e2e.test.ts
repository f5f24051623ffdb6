import { describe, expect } from 'vitest';
import { startFaultInjectingApiProxy } from '../harness/fault-injecting-api-proxy.js';
import { kubeconfigThrough } from '../harness/proxied-kubeconfig.js';
import { e2eTest, waitFor } from '../harness/index.js';
import { expectFaithfulTranscript, trackRollout, verdictOf } from './rollout-verdict.js';

describe('watches that stall without closing', () => {
  e2eTest(
    'are found by the idle watchdog and reopened: the verdict is the one a healthy connection gives',
    async ({ namespace }) => {
      const probe = kubeconfigThrough('127.0.0.1:1');
      const proxy = await startFaultInjectingApiProxy({ target: probe.target });
      try {
        const run = trackRollout(namespace, { kubeconfig: kubeconfigThrough(proxy.address).path, readyAfter: '8s' });
        // Once the four watches (deployments, replicasets, pods, events) are open, freeze them all:
        // the sockets stay open, no byte passes. The pods turn ready only afterwards.
        await waitFor(() => new Set(proxy.requests.filter((r) => r.watch && r.status === 200).map((r) => r.path)).size >= 4, {
          description: 'four watches open through the proxy',
          timeoutMs: 60_000,
        });
        const stalledAt = proxy.requests.length;
        expect(proxy.stallOpenWatches()).toBeGreaterThanOrEqual(4);
        const { result, report, messages } = await run;
        expect(verdictOf({ result, report }), result.stderr).toEqual({
          code: 1,
          success: false,
          resources: { web: { status: 'ready', code: undefined }, broken: { status: 'failed', code: 'invalid-config' } },
        });
        // the verdict came through new watches, opened after the stall
        expect(proxy.requests.slice(stalledAt).some((r) => r.watch && r.status === 200)).toBe(true);
        expectFaithfulTranscript(namespace, messages);
      } finally {
        await proxy.close();
      }
    },
    // a bound that only catches a hang: the watchdog's period plus the rollout
    300_000,
  );
});
