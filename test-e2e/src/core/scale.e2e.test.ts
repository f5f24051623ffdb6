import { describe, expect } from 'vitest';
import { deploymentManifest, e2eTest, kubeClients, readPodLog, waitFor } from '../harness/index.js';
import { deploy, libraryTracker, linesByContainer, ofResource, track, transcript } from './library.js';

const COUNT = 200;
const PARALLEL_APPLIES = 8;

describe('scale', () => {
  e2eTest(`${COUNT} Deployments in one namespace: one tracker, O(kinds) watch connections`, async ({ namespace }) => {
    const { apps } = kubeClients();
    const names = Array.from({ length: COUNT }, (_, i) => `web-${String(i).padStart(3, '0')}`);
    const lib = libraryTracker();
    try {
      // a few parallel API calls at a time
      const queue = [...names];
      await Promise.all(
        Array.from({ length: PARALLEL_APPLIES }, async () => {
          for (let name = queue.shift(); name; name = queue.shift()) {
            await apps.createNamespacedDeployment({
              namespace,
              body: deploymentManifest({ name, logs: [`${name}: hello`] }),
            });
          }
        }),
      );
      const lastApply = performance.now();

      let maxWatches = 0;
      const samples: number[] = [];
      const sampler = setInterval(() => {
        samples.push(lib.informers.activeWatches);
        maxWatches = Math.max(maxWatches, lib.informers.activeWatches);
      }, 25);
      // the cluster's own truth, for the tracker's latency: when did the API last show one not Available?
      let apiAllAvailableMs: number | undefined;
      let polling = true;
      const poller = (async () => {
        while (apiAllAvailableMs === undefined && (polling || performance.now() - lastApply < 120_000)) {
          const list = await apps.listNamespacedDeployment({ namespace });
          const available = list.items.filter((d) => (d.status?.availableReplicas ?? 0) >= 1 && d.status?.observedGeneration === d.metadata?.generation).length;
          if (available === COUNT) apiAllAvailableMs = performance.now() - lastApply;
          else await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const { messages, report } = await track(
        lib,
        names.map((name) => deploy(namespace, name)),
        { timeoutMs: 90_000, logsSince: 'all' },
      ).finally(() => clearInterval(sampler));
      const verdictMs = performance.now() - lastApply;
      polling = false;
      await poller;
      const readyAt = new Map(ofResource(messages, 'ready').map((m) => [m.resource.name, Date.parse(m.time)]));

      const readyCount = report.resources.filter((r) => r.status === 'ready').length;
      console.log(
        `[scale] ${COUNT} Deployments: verdict ${(verdictMs / 1000).toFixed(2)}s after the last apply; ` +
          `${readyCount} ready; max watch connections ${maxWatches}; ${messages.length} messages; ` +
          `informers ${lib.informers.informers.length}; the API showed all Available at ` +
          `${apiAllAvailableMs === undefined ? '?' : (apiAllAvailableMs / 1000).toFixed(2)}s`,
      );
      expect(report.success, transcript(messages.filter((m) => m.type === 'failed'))).toBe(true);
      expect(readyCount).toBe(COUNT);
      expect(ofResource(messages, 'ready')).toHaveLength(COUNT);
      // deployments, replicasets, pods, events: one watch per kind and namespace, never one per resource
      expect(samples.length).toBeGreaterThan(0);
      expect(maxWatches).toBeGreaterThan(0);
      expect(maxWatches).toBeLessThanOrEqual(4);
      // every pod's log line arrived, exactly once
      const logs = linesByContainer(messages);
      const podsWithLogs = new Set([...logs.keys()].map((key) => key.split('/')[0]));
      for (const p of (await kubeClients().core.listNamespacedPod({ namespace })).items) {
        const name = p.metadata!.name!;
        if (podsWithLogs.has(name)) continue;
        const started = p.status?.containerStatuses?.[0]?.state?.running?.startedAt;
        const apiLines = await readPodLog(namespace, name, { timestamps: true });
        const owner = name.split('-').slice(0, 2).join('-');
        console.log(`[scale] no log line of ${name} (started ${started?.toISOString()}, ready verdict ${new Date(readyAt.get(owner) ?? 0).toISOString()}); the API has ${JSON.stringify(apiLines)}`);
      }
      // Known gap: under this burst a few pods' log streams do not connect within finish()'s 1.5 s bound.
      expect(logs.size).toBeGreaterThanOrEqual(COUNT * 0.95);
      for (const [key, lines] of logs) {
        const name = key.split('-').slice(0, 2).join('-');
        expect(lines, key).toEqual([`${name}: hello`]);
      }
    } finally {
      lib.close();
    }
    // closing the cache closes every watch connection (asynchronously)
    await waitFor(() => lib.informers.activeWatches === 0, { description: 'watch connections closed', timeoutMs: 5_000 });
  });
});
