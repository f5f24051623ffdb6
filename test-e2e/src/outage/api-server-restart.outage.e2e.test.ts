import type { LogMessage } from '@kubetrack/core';
import { trackSpec } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { track, libraryTracker } from '../core/library.js';
import { applyManifests, deploymentManifest, e2eTest, restartClusterComponent } from '../harness/index.js';

/**
 * Runs in its own vitest project after every other e2e file (see vitest.config.ts): restarting
 * the API server cuts every watch and log stream of the whole cluster.
 */
describe('an API server restart in the middle of a rollout', () => {
  e2eTest('changes nothing in the verdict, misses no transition and duplicates no log line', async ({ namespace }) => {
    const lines = ['server starting', 'loading config', 'server started'];
    await applyManifests(namespace, [deploymentManifest({ name: 'web', replicas: 2, readyAfter: '12s', logs: lines })]);
    const lib = libraryTracker();
    let restart: Promise<void> | undefined;
    const logsSeen = new Set<string>();
    try {
      const collected = await track(
        lib,
        [trackSpec({ group: 'apps', kind: 'Deployment', namespace, name: 'web' })],
        { timeoutMs: 90_000 },
        (message) => {
          if (message.type !== 'log') return;
          logsSeen.add(message.pod);
          // Both pods are running and streaming: now cut everything.
          if (logsSeen.size === 2 && !restart) restart = restartClusterComponent('kube-apiserver');
        },
      );
      await restart;
      expect(restart).toBeDefined();
      expect(collected.report.success).toBe(true);
      expect(collected.report.resources[0]?.status).toBe('ready');

      const logs = collected.messages.filter((m): m is LogMessage => m.type === 'log');
      for (const pod of logsSeen) {
        const ofPod = logs.filter((m) => m.pod === pod).map((m) => m.line);
        expect(ofPod).toEqual(lines); // each line once, in order, across the cut
      }
      // The status went through the partial availability the restart interrupted to the ready one.
      const available = collected.messages.flatMap((m) => (m.type === 'status' ? [String(m.progress['available'] ?? '')] : []));
      expect(available.at(-1)).toBe('2/2');
    } finally {
      lib.close();
    }
  });
});
