import type { TrackMessage } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { deploy, libraryTracker, track, transcript } from '../core/library.js';
import { applyManifests, deploymentManifest, e2eTest, kubeClients, restartClusterComponent, waitForControllersToCatchUp } from '../harness/index.js';
import { logLinesNotAsWritten } from '../harness/log-lines-not-as-written.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** the Deployment's "available" progress, in the order the status messages reported it */
function availability(messages: readonly TrackMessage[], name: string): string[] {
  return messages.flatMap((m) => (m.type === 'status' && m.resource.name === name ? [String(m.progress['available'] ?? '')] : []));
}

/**
 * Beside api-server-restart: two restarts, the second cutting the watches and log streams the
 * first one's recovery opened, and a Deployment created between them (its pods start and print
 * while the connections are fresh). Runs in the outage project: every client of the cluster sees it.
 */
describe('two API server restarts in the middle of a rollout', () => {
  e2eTest(
    'change nothing in the verdict, miss no transition and lose or double no log line',
    async ({ namespace }) => {
      const lib = libraryTracker();
      let restarts: Promise<void> | undefined;
      const restartTwice = async (): Promise<void> => {
        await restartClusterComponent('kube-apiserver');
        // the second Deployment starts between the restarts
        await applyManifests(namespace, [deploymentManifest({ name: 'late', replicas: 2, readyAfter: '25s', logs: ['late: starting', 'late: up'] })]);
        await settle(4_000);
        await restartClusterComponent('kube-apiserver');
      };
      try {
        await applyManifests(namespace, [
          deploymentManifest({ name: 'web', replicas: 2, readyAfter: '30s', logs: ['web: starting', 'web: loading config', 'web: started'] }),
        ]);
        const logging = new Set<string>();
        const collected = await track(lib, [deploy(namespace, 'web'), deploy(namespace, 'late')], { timeoutMs: 240_000 }, (message) => {
          if (message.type !== 'log') return;
          logging.add(message.pod);
          // both web pods are running and streaming: now restart
          if (logging.size === 2 && !restarts) restarts = restartTwice();
        });
        await restarts;
        expect(restarts).toBeDefined();
        const { report, messages } = collected;
        // what the cluster says now, to tell a missed transition from a rollout that did not finish
        const live = await Promise.all(
          ['web', 'late'].map(async (name) => {
            const { status } = await kubeClients().apps.readNamespacedDeployment({ name, namespace });
            const pods = await kubeClients().core.listNamespacedPod({ namespace, labelSelector: `app=${name}` });
            const ready = pods.items.map((p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status);
            return `${name}: available ${status?.availableReplicas ?? 0}, pods Ready ${ready.join(',')}`;
          }),
        );
        expect(report.success, `${live.join('; ')}\n${transcript(messages)}`).toBe(true);
        expect(Object.fromEntries(report.resources.map((r) => [r.name, r.status]))).toEqual({ web: 'ready', late: 'ready' });

        for (const name of ['web', 'late']) {
          const types = messages.flatMap((m) => ('resource' in m && m.resource.name === name ? [m.type] : []));
          expect(types.filter((type) => type === 'added'), name).toHaveLength(1);
          expect(types.filter((type) => type === 'ready'), name).toHaveLength(1);
          expect(types.indexOf('added'), name).toBeLessThan(types.indexOf('ready'));
          // The last availability reported is the one the verdict rests on. (It need not only grow:
          // node leases lapse during the restarts, kube-controller-manager then marks the pods
          // NotReady for a moment, and kubetrack reports that too.)
          expect(availability(messages, name).at(-1), name).toBe('2/2');
          expect(types.at(-1), name).toBe('ready');
        }
        // four pods, each line once, in order, as pod-logs wrote it
        expect(new Set(messages.flatMap((m) => (m.type === 'log' ? [m.pod] : []))).size).toBe(4);
        expect(logLinesNotAsWritten(namespace, messages)).toEqual([]);
      } finally {
        lib.close();
        await waitForControllersToCatchUp();
      }
    },
    // Generous bounds, only to catch a hang: after each restart kube-controller-manager and kwok
    // come back through client-go's back-off, node leases lapse and pods are marked NotReady for a
    // while, so the rollout itself takes 1.5-2.5 min on a busy 2-core machine.
    300_000,
  );
});
