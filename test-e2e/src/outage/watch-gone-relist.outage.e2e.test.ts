import type { V1ConfigMap } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { compactEtcd } from '../harness/etcd-compaction.js';
import { startFaultInjectingApiProxy } from '../harness/fault-injecting-api-proxy.js';
import { kubeconfigThrough } from '../harness/proxied-kubeconfig.js';
import { applyManifests, e2eTest, restartClusterComponent, waitFor, waitForControllersToCatchUp } from '../harness/index.js';
import { expectFaithfulTranscript, trackRollout, verdictOf } from '../faults/rollout-verdict.js';

/**
 * kube-apiserver v1.34 sizes its watch cache itself: --watch-cache-sizes only tells "0" (no cache)
 * from "not 0", and --default-watch-cache-size is gone. With no cache for the kinds tracked, etcd
 * serves their watches, so a compaction turns a resume from an older resourceVersion into 410 Gone.
 */
const SERVED_BY_ETCD = 'deployments.apps#0,replicasets.apps#0,pods#0,events#0';

/** one more write to etcd */
function bump(namespace: string, value: string): Promise<unknown> {
  const configMap: V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'history' }, data: { value } };
  return applyManifests(namespace, configMap);
}

/** Restarts the API server twice (flags on, flags off): the outage project, alone. */
describe('watches that resume into a compacted history (410 Gone)', () => {
  e2eTest('relist, and the verdict, transitions and log lines are those of an undisturbed run', async ({ namespace }) => {
    await restartClusterComponent('kube-apiserver', { KUBETRACK_APISERVER_WATCH_CACHE_SIZES: SERVED_BY_ETCD });
    const proxy = await startFaultInjectingApiProxy({ target: kubeconfigThrough('127.0.0.1:1').target });
    try {
      const tracking = trackRollout(namespace, { kubeconfig: kubeconfigThrough(proxy.address).path, readyAfter: '12s' });
      // both web pods stream their logs and the four watches are open
      await waitFor(
        () =>
          new Set(proxy.requests.filter((r) => r.watch && r.status === 200).map((r) => r.path)).size >= 4 &&
          new Set(proxy.requests.filter((r) => /\/pods\/web-[^/]+\/log$/.test(r.path) && r.status === 200).map((r) => r.path)).size >= 2,
        { description: 'four watches and two log streams through the proxy', timeoutMs: 60_000 },
      );
      // Cut the watches and hold their reconnects while history moves past everything the
      // client saw (two writes: etcd keeps the compaction revision itself) and is compacted away.
      proxy.holdNewWatches(true);
      expect(proxy.cutOpenWatches()).toBeGreaterThanOrEqual(4);
      await bump(namespace, 'one');
      await bump(namespace, 'two');
      const compactedAt = await compactEtcd();
      expect(compactedAt).toBeGreaterThan(0);
      proxy.holdNewWatches(false);

      const run = await tracking;
      expect(verdictOf(run), run.result.stderr).toEqual({
        code: 1,
        success: false,
        resources: { web: { status: 'ready', code: undefined }, broken: { status: 'failed', code: 'invalid-config' } },
      });
      // every watched kind was told 410 Gone, and listed again afterwards
      const gone = [
        ...proxy.watchErrors.filter((e) => e.code === 410),
        ...proxy.requests.filter((r) => r.watch && r.status === 410),
      ];
      const relisted = new Set(
        gone.flatMap((g) => (proxy.requests.some((r) => !r.watch && r.method === 'GET' && r.path === g.path && r.at > g.at) ? [g.path] : [])),
      );
      expect([...relisted].map((path) => path.split('/').at(-1)).sort()).toEqual(['deployments', 'events', 'pods', 'replicasets']);
      expectFaithfulTranscript(namespace, run.messages);
    } finally {
      await proxy.close();
      await restartClusterComponent('kube-apiserver');
      await waitForControllersToCatchUp();
    }
  });
});
