import { describe, expect } from 'vitest';
import { startFaultInjectingApiProxy, type RequestFault } from '../harness/fault-injecting-api-proxy.js';
import { kubeconfigThrough } from '../harness/proxied-kubeconfig.js';
import { e2eTest, withNamespace } from '../harness/index.js';
import { expectFaithfulTranscript, trackRollout, verdictOf } from './rollout-verdict.js';

const FAULTY_FOR_MS = 12_000;

describe('an API server that is slow and overloaded for a while, then heals', () => {
  e2eTest('gives the verdict of a fault-free run, every transition and every log line once, within --timeout', async ({ namespace }) => {
    const probe = kubeconfigThrough('127.0.0.1:1');
    const proxy = await startFaultInjectingApiProxy({ target: probe.target });
    let count = 0;
    let faultyUntil: number | undefined;
    // From the first request on, for FAULTY_FOR_MS: every request 100-400 ms late, one in three a
    // 429 with Retry-After, one in four a 503 (half of them without Retry-After); then none.
    proxy.decide = (): RequestFault | undefined => {
      faultyUntil ??= Date.now() + FAULTY_FOR_MS;
      if (Date.now() > faultyUntil) return undefined;
      count++;
      if (count % 3 === 0) return { status: 429, retryAfterSeconds: 1 };
      if (count % 4 === 0) return count % 8 === 0 ? { status: 503, retryAfterSeconds: 1 } : { status: 503 };
      return { delayMs: 100 + ((count * 37) % 300) };
    };
    try {
      const [faulty, clean] = await Promise.all([
        trackRollout(namespace, { kubeconfig: kubeconfigThrough(proxy.address).path }),
        withNamespace(async (other) => {
          const run = await trackRollout(other);
          expectFaithfulTranscript(other, run.messages);
          return run;
        }),
      ]);
      expect(verdictOf(clean)).toEqual({
        code: 1,
        success: false,
        resources: { web: { status: 'ready', code: undefined }, broken: { status: 'failed', code: 'invalid-config' } },
      });
      expect(verdictOf(faulty), faulty.result.stderr).toEqual(verdictOf(clean));
      // the faults reached listing, watching and log reads
      const injected = proxy.requests.filter((r) => r.injected);
      expect(injected.filter((r) => r.status === 429).length).toBeGreaterThan(0);
      expect(injected.filter((r) => r.status === 503).length).toBeGreaterThan(0);
      expect(injected.some((r) => r.watch)).toBe(true);
      expect(injected.some((r) => r.path.endsWith('/log'))).toBe(true);
      expectFaithfulTranscript(namespace, faulty.messages);
    } finally {
      await proxy.close();
    }
  });
});
