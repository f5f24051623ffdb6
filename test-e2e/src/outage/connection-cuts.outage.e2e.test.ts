import { describe, expect } from 'vitest';
import { startConnectionCuttingProxy } from '../harness/connection-cutting-proxy.js';
import { podLogFiles } from '../harness/pod-log-files.js';
import { kubeconfigThrough } from '../harness/proxied-kubeconfig.js';
import { logLinesNotAsWritten } from '../harness/log-lines-not-as-written.js';
import { parseNdjsonOutput } from '../harness/ndjson-output.js';
import { applyManifests, deploymentManifest, e2eTest, startKubetrack } from '../harness/index.js';

const COUNT = 100;

/**
 * Runs in the outage project (alone, after the others): 100 Deployments are heavy for a
 * 2-core machine, and the cuts must be the only fault in the run.
 */
describe('connections cut at random every 1-5 s', () => {
  e2eTest('change nothing in a 100-Deployment rollout: same verdict, every transition, every log line once', async ({ namespace }) => {
    const probe = kubeconfigThrough('127.0.0.1:1');
    const proxy = await startConnectionCuttingProxy({ target: probe.target, cutAfterMs: { min: 1000, max: 5000 } });
    try {
      const { path: kubeconfig } = kubeconfigThrough(proxy.address);
      const names = Array.from({ length: COUNT }, (_, i) => `cut-${i}`);
      // Applied once kubetrack says it is tracking: through the cuts, connecting can take a while, and
      // lines printed before the run started are older than `--logs-since now` keeps.
      const { result: tracking } = await startKubetrack(
        ['track', ...names.map((name) => `deploy/${name}`), '-n', namespace, '--timeout', '150s', '--output', 'ndjson'],
        { env: { KUBECONFIG: kubeconfig } },
      );
      await applyManifests(
        namespace,
        names.map((name, i) =>
          deploymentManifest({
            name,
            // spread over ~10 s, so the rollout outlives several generations of connections
            readyAfter: `${2 + (i % 9)}s`,
            logs: [`${name}: starting`, `${name}: config loaded`, `${name}: serving`],
          }),
        ),
      );
      const result = await tracking;
      expect(result.code, result.stderr).toBe(0);
      expect(proxy.stats.cut).toBeGreaterThan(0);

      const { report, messages } = parseNdjsonOutput(result.stdout);
      expect(report.success).toBe(true);
      expect(report.resources.filter((resource) => resource.status === 'ready')).toHaveLength(COUNT);

      // Every resource went through its transitions: seen (added), then ready, once each.
      for (const name of names) {
        const types = messages.flatMap((m) => ('resource' in m && m.resource.name === name ? [m.type] : []));
        expect(types.filter((type) => type === 'added'), name).toHaveLength(1);
        expect(types.filter((type) => type === 'ready'), name).toHaveLength(1);
        expect(types.indexOf('added'), name).toBeLessThan(types.indexOf('ready'));
      }
      // Each pod's lines exactly once, in order, as the container printed them.
      expect(podLogFiles(namespace).size).toBe(COUNT);
      expect(logLinesNotAsWritten(namespace, messages)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
