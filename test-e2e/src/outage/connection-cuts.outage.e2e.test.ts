import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report, TrackMessage } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { startConnectionCuttingProxy } from '../harness/connection-cutting-proxy.js';
import { podLogFiles } from '../harness/pod-log-files.js';
import { applyManifests, clusterKubeconfigPath, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';

const COUNT = 100;

/** The admin kubeconfig, with every cluster's server pointed at the proxy instead. */
function kubeconfigThrough(address: string): { path: string; target: { host: string; port: number } } {
  const text = readFileSync(clusterKubeconfigPath(), 'utf8');
  const server = /server:\s*https:\/\/([\d.]+):(\d+)/.exec(text);
  if (!server) throw new Error('the cluster kubeconfig names no https://IP:PORT server');
  const path = join(mkdtempSync(join(tmpdir(), 'kubetrack-proxy-')), 'kubeconfig');
  writeFileSync(path, text.replaceAll(`${server[1]}:${server[2]}`, address));
  return { path, target: { host: server[1]!, port: Number(server[2]) } };
}

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
      const tracking = runKubetrack(
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

      // ndjson: every message as it happens, then the report itself as the last line
      const lines = result.stdout.split('\n').filter(Boolean);
      const report = JSON.parse(lines.at(-1)!) as Report;
      const messages = lines.slice(0, -1).map((line) => JSON.parse(line) as TrackMessage);
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
      const streamed = new Map<string, string[]>();
      for (const m of messages) {
        if (m.type !== 'log') continue;
        const key = `${m.pod}/${m.container}`;
        streamed.set(key, [...(streamed.get(key) ?? []), m.line]);
      }
      const written = podLogFiles(namespace);
      expect(written.size).toBe(COUNT);
      // the files' lines are "<timestamp> <text>"; the stream carries the text
      const differing = [...written].flatMap(([container, runs]) => {
        const lines = runs.flatMap((run) => run.lines.map((line) => line.slice(line.indexOf(' ') + 1)));
        const got = streamed.get(container) ?? [];
        return JSON.stringify(got) === JSON.stringify(lines) ? [] : [{ container, written: lines, streamed: got }];
      });
      expect(differing).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
