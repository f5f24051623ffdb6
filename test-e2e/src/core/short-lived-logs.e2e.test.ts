import type { V1Container } from '@kubernetes/client-node';
import type { LogMessage, Report, TrackMessage } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, e2eTest, jobManifest, podLogFiles, podManifest, startKubetrack } from '../harness/index.js';
import { STACK_FRAME, tempDir, writeTemp } from '../cli/cli-helpers.js';

const PANIC = 'panic: simulated crash';
const CRASHING_PODS = 30;
/**
 * Pods tracked until their third crash: every instance of a restarting container. The fake
 * kubelet restarts after 1 s, then 2 s (a kubelet: 10 s, 20 s): kubetrack must see each exit
 * before the next one, as the kubelet keeps only the last exited instance.
 */
const RESTARTING_PODS = 3;
const init: V1Container[] = [{ name: 'init', image: 'busybox:1.36' }];

const linesOf = (name: string, count: number) => Array.from({ length: count }, (_, i) => `${name} line ${i + 1}`);

/**
 * The property behind "pod logs exactly once, live": through the built CLI, many containers that
 * print and exit within a second, and every line cluster/pod-logs wrote for them (its files are
 * the kubelet's record) is in `--output ndjson` once, in order, before the resource's verdict.
 */
describe('logs of short-lived containers', () => {
  e2eTest('every line, once, in order, before the verdict: crashing pods, restarts, 0.1 s Jobs, init containers', async ({ namespace }) => {
    const crashers = Array.from({ length: CRASHING_PODS }, (_, i) => ({
      name: `crash-${i}`,
      runFor: `${200 + Math.round((i * 800) / (CRASHING_PODS - 1))}ms`,
      lines: (i % 4) + 1,
    }));
    const restarting = Array.from({ length: RESTARTING_PODS }, (_, i) => `restart-${i}`);
    const jobs = [
      ...Array.from({ length: 5 }, (_, i) => jobManifest({ name: `quick-${i}`, runFor: '100ms', logs: linesOf(`quick-${i}`, 3) })),
      ...Array.from({ length: 3 }, (_, i) =>
        jobManifest({ name: `init-${i}`, runFor: '100ms', initContainers: init, logs: linesOf(`init-${i}`, 2) }),
      ),
      jobManifest({ name: 'retried', behavior: 'fail', runFor: '100ms', backoffLimit: 2, logs: linesOf('retried', 2) }),
      jobManifest({ name: 'wide', runFor: '100ms', parallelism: 3, completions: 3, logs: linesOf('wide', 2) }),
    ];
    const spec = {
      defaults: { failMode: 'IgnoreAndContinueDeployProcess' },
      resources: [
        // failed at the first crash: each shows one instance, whose lines are all there before its verdict
        ...crashers.map(({ name }) => ({ kind: 'Pod', name, namespace, allowFailuresCount: 0 })),
        ...restarting.map((name) => ({ kind: 'Pod', name, namespace, allowFailuresCount: 2 })),
        ...jobs.map((job) => ({ kind: 'Job', name: job.metadata!.name!, namespace })),
      ],
    };
    const specPath = writeTemp(tempDir(), 'spec.json', JSON.stringify(spec));
    // Applied once kubetrack tracks: a container that restarts twice before kubetrack first
    // sees it has lost an instance for good (the kubelet keeps only the last exited one), and
    // on this shared machine the CLI can take seconds to start.
    const { result: running } = await startKubetrack(['multitrack', '-f', specPath, '--timeout', '90s', '--output', 'ndjson']);
    await applyManifests(namespace, [
      ...crashers.map(({ name, runFor, lines }) => podManifest({ name, behavior: 'crashloop', runFor, logs: linesOf(name, lines) })),
      ...restarting.map((name) => podManifest({ name, behavior: 'crashloop', runFor: '1s', logs: linesOf(name, 2) })),
      ...jobs,
    ]);
    const result = await running;
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect([0, 1], result.stderr).toContain(result.code);

    const messages = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as TrackMessage | Report);
    const report = messages.pop() as Report;
    const stream = messages as TrackMessage[];
    const files = podLogFiles(namespace);
    const verdictAt = new Map<string, number>();
    stream.forEach((m, index) => {
      if (m.type !== 'ready' && m.type !== 'failed') return;
      expect(verdictAt.has(m.resource.name), `two verdicts for ${m.resource.name}`).toBe(false);
      verdictAt.set(m.resource.name, index);
    });
    expect(report.resources.filter((r) => r.status !== 'ready' && r.status !== 'failed')).toEqual([]);

    /** "pod/container" → "<timestamp> <line>" as streamed, and the index of each in the stream */
    const shown = new Map<string, { lines: string[]; at: number[]; resource: string }>();
    stream.forEach((m, index) => {
      if (m.type !== 'log') return;
      const log = m as LogMessage;
      const key = `${log.pod}/${log.container}`;
      const entry = shown.get(key) ?? { lines: [], at: [], resource: log.resource.name };
      entry.lines.push(`${log.timestamp} ${log.line}`);
      entry.at.push(index);
      shown.set(key, entry);
    });
    const written = (key: string) => (files.get(key) ?? []).flatMap((run) => run.lines);

    for (const [key, entry] of shown) {
      // before the verdict of the resource it belongs to
      expect(Math.max(...entry.at), `${key} after its verdict`).toBeLessThan(verdictAt.get(entry.resource) ?? -1);
    }

    for (const name of [...crashers.map((c) => c.name), ...restarting]) {
      const key = `${name}/app`;
      const lines = shown.get(key)?.lines ?? [];
      const about = stream.filter((m) => 'resource' in m && m.resource.name === name).map((m) => JSON.stringify(m)).join('\n');
      // The pod keeps crashing after its verdict: what was shown is exactly what it wrote up to a crash.
      expect(lines.length, `${key} showed nothing`).toBeGreaterThan(0);
      expect(lines, `${key}\n${about}`).toEqual(written(key).slice(0, lines.length));
      expect(lines.at(-1), key).toMatch(/ panic: simulated crash$/);
      if (restarting.includes(name)) expect(lines.filter((line) => line.endsWith(PANIC)).length, key).toBeGreaterThanOrEqual(3);
    }

    for (const job of jobs) {
      const name = job.metadata!.name!;
      const ofJob = (key: string) => key.startsWith(`${name}-`);
      const keys = [...files.keys()].filter(ofJob).sort();
      expect(keys.length, `no pods of ${name}`).toBeGreaterThan(0);
      expect([...shown.keys()].filter(ofJob).sort(), name).toEqual(keys);
      // Its pods have all ended: everything they wrote, every attempt and init container.
      for (const key of keys) expect(shown.get(key)?.lines, key).toEqual(written(key));
    }
    const attempts = [...files.keys()].filter((key) => key.startsWith('retried-')).length;
    expect(attempts).toBe(3);
    expect([...files.keys()].filter((key) => key.startsWith('init-0-')).sort()).toEqual([
      expect.stringMatching(/\/app$/),
      expect.stringMatching(/\/init$/),
    ]);
  });
});
