import {
  createKubeTransport,
  createTracker,
  createSharedInformerFactory,
  type KubeTransport,
  type TrackMessage,
} from '@kubetrack/core';
import { job } from '@kubetrack/job';
import { workloads } from '@kubetrack/workloads';
import { describe, expect } from 'vitest';
import { deploy, resourceReport } from '../core/library.js';
import { applyManifests, clusterKubeconfigPath, deploymentManifest, e2eTest, listPods, waitFor } from '../harness/index.js';

const BATCH = 200;
const CYCLES = 5;

/** The transport with a count of the pods/log responses open right now. */
function countingLogStreams(transport: KubeTransport): { transport: KubeTransport; open: () => number } {
  let open = 0;
  return {
    open: () => open,
    transport: {
      ...transport,
      requestJson: (request) => transport.requestJson(request),
      refreshCredentials: () => transport.refreshCredentials(),
      close: () => transport.close(),
      async stream(request) {
        const response = await transport.stream(request);
        if (!request.path.endsWith('/log')) return response;
        open++;
        let closed = false;
        const done = () => {
          if (!closed) open--;
          closed = true;
        };
        return {
          close: () => {
            done();
            response.close();
          },
          body: (async function* () {
            try {
              yield* response.body;
            } finally {
              done();
            }
          })(),
        };
      },
    },
  };
}

/**
 * Runs in the outage project (alone, after the others): a thousand pods are heavy for a 2-core
 * machine. RSS is measured by bench/pod-churn.mjs; here what must not grow is what the tracker
 * holds per pod: the cached pods and the open log streams return to their baseline (none).
 */
describe('1,000 pods created and deleted while following', () => {
  e2eTest(`${CYCLES} times ${BATCH} pods up and down: the pod cache and the log streams go back to none, the verdict holds`, async ({ namespace }) => {
    const counted = countingLogStreams(createKubeTransport({ kubeconfig: clusterKubeconfigPath() }));
    const factory = createSharedInformerFactory(counted.transport);
    const tracker = createTracker({ transport: counted.transport, plugins: [workloads(), job()], informers: factory });
    const pods = () => factory.informers.filter((informer) => informer.kind.kind === 'Pod').reduce((sum, informer) => sum + informer.list().length, 0);
    const churn = (replicas: number) => deploymentManifest({ name: 'churn', replicas, readyAfter: '500ms', logs: ['churn: up'] });
    const scale = (replicas: number) => applyManifests(namespace, churn(replicas));
    try {
      await scale(0);
      // Every pod's log (not the default 3 per controller): each pod is a stream opened and closed.
      const run = tracker.track([deploy(namespace, 'churn', { logsReplicas: 'all' })], { follow: true, statusProgressPeriodMs: 0, logsSince: 'all' });
      // Pods are told apart within a cycle only: a ReplicaSet's pods share its hash and draw 5 of
      // 27 characters, so across 1,000 pods a name comes back about once in 30 runs.
      const logPodsByCycle: Set<string>[] = [new Set()];
      let logLines = 0;
      const messages: TrackMessage[] = [];
      const consumed = (async () => {
        for await (const message of run) {
          if (message.type === 'log') {
            logLines++;
            logPodsByCycle.at(-1)?.add(message.pod);
          }
          else if (message.type !== 'event') messages.push(message);
        }
      })();
      await waitFor(() => messages.some((m) => m.type === 'added'), { description: 'the Deployment is tracked' });
      const baseline = { pods: pods(), streams: counted.open() };
      let watchesWithPods = 0;
      expect(baseline.pods).toBe(0);
      expect(baseline.streams).toBe(0);

      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const logPods = new Set<string>();
        logPodsByCycle.push(logPods);
        await scale(BATCH);
        // every pod of the batch has been streamed: the tracker had them all
        await waitFor(() => logPods.size === BATCH, { description: `the logs of the ${BATCH} pods of cycle ${cycle}`, timeoutMs: 180_000, intervalMs: 500 });
        if (cycle === 1) watchesWithPods = factory.activeWatches;
        await scale(0);
        await waitFor(async () => (await listPods(namespace)).length === 0, { description: 'the batch is gone', timeoutMs: 180_000, intervalMs: 500 });
      }
      await waitFor(() => pods() === baseline.pods && counted.open() === baseline.streams, {
        description: `the tracker back to its baseline (pods cached: ${pods()}, log streams open: ${counted.open()})`,
        timeoutMs: 60_000,
      });
      // one watch per kind in the namespace, however many pods came and went
      expect(watchesWithPods).toBeGreaterThan(0);
      expect(factory.activeWatches).toBe(watchesWithPods);
      run.stop();
      await consumed;
      const report = await run.result;
      expect(resourceReport(report, 'churn').status).not.toBe('failed');
      expect(logPodsByCycle.map((cycle) => cycle.size)).toEqual([0, ...Array.from({ length: CYCLES }, () => BATCH)]);
      // each pod printed one line: shown once, also when it left the sources while being deleted,
      // and also when a later pod took the name of an earlier one
      expect(logLines).toBe(CYCLES * BATCH);
    } finally {
      tracker.close();
      factory.stop();
      counted.transport.close();
    }
  }, 900_000);
});
