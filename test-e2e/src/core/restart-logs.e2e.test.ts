import { describe, expect } from 'vitest';
import { applyManifests, containerStatus, jobManifest, kubeClients, podManifest, readPodLog } from '../harness/index.js';
import { jobSpec, libraryTest as e2eTest, logLines, pod, resourceReport, track, transcript } from './library.js';


const LINES = ['crasher: starting', 'crasher: loading'];
const PANIC = 'panic: simulated crash';

describe.concurrent('logs across container restarts', () => {
  e2eTest("every crashed instance's lines appear exactly once, as the pods/log API has them", async ({ namespace, lib }) => {
    await applyManifests(namespace, podManifest({ name: 'crasher', behavior: 'crashloop', runFor: '500ms', logs: LINES }));
    const INSTANCES = 4;
    let panics = 0;
    const { messages } = await track(lib, [pod(namespace, 'crasher')], { follow: true, timeoutMs: 60_000 }, (message, stop) => {
      if (message.type === 'log' && message.line === PANIC && ++panics === INSTANCES) setTimeout(stop, 300);
    });
    const logs = logLines(messages);
    const instances: string[][] = [[]];
    for (const m of logs) {
      instances.at(-1)!.push(m.line);
      if (m.line === PANIC) instances.push([]);
    }
    const complete = instances.filter((lines) => lines.at(-1) === PANIC);
    expect(complete.length, transcript(messages)).toBeGreaterThanOrEqual(INSTANCES);
    for (const lines of complete) expect(lines).toEqual([...LINES, PANIC]);
    expect(LINES.slice(0, instances.at(-1)!.length)).toEqual(instances.at(-1)); // a started instance, in order
    // timestamps strictly increase: nothing repeated, nothing reordered. As times: RFC3339Nano drops trailing
    // zeros, so "…54.41197691Z" (…910 ns) comes before "…54.411976911Z" although it sorts after it as a string.
    const stamps = logs.map((m) => m.timestamp!);
    expect(stamps.every(Boolean)).toBe(true);
    const times = stamps.map(nanosOf);
    const outOfOrder = stamps.filter((_stamp, i) => i > 0 && times[i]! <= times[i - 1]!);
    expect(outOfOrder, stamps.join('\n')).toEqual([]);
    // the API's own record of the previous instance is exactly in what we showed
    const previous = await readPodLog(namespace, 'crasher', { previous: true, timestamps: true });
    const shown = new Set(logs.map((m) => `${m.timestamp} ${m.line}`));
    const crasher = await kubeClients().core.readNamespacedPod({ name: 'crasher', namespace });
    const status = containerStatus(crasher, 'app');
    if (status?.lastState?.terminated && (status.restartCount ?? 0) < INSTANCES + 1) {
      for (const line of previous) expect(shown, line).toContain(line);
    }
  });

  e2eTest("a Job's two attempts (backoffLimit 1) both show their logs", async ({ namespace, lib }) => {
    await applyManifests(namespace, jobManifest({ name: 'migrate', behavior: 'fail', runFor: '1s', backoffLimit: 1, logs: ['migrate: step 1'] }));
    const { messages, report } = await track(lib, [jobSpec(namespace, 'migrate', { allowFailuresCount: 5 })], { timeoutMs: 90_000 });
    expect(resourceReport(report, 'migrate'), transcript(messages)).toMatchObject({ status: 'failed', code: 'job-failed' });
    const byPod = new Map<string, string[]>();
    for (const m of logLines(messages)) byPod.set(m.pod, [...(byPod.get(m.pod) ?? []), m.line]);
    expect(byPod.size).toBe(2);
    for (const [name, lines] of byPod) {
      expect(lines, name).toEqual(['migrate: step 1', PANIC]);
      expect(await readPodLog(namespace, name)).toEqual(lines);
    }
  });
});

/** An RFC3339Nano timestamp ("…T06:08:54.41197691Z") in nanoseconds since the epoch. */
function nanosOf(stamp: string): bigint {
  const match = /^(.*?)(?:\.(\d{1,9}))?Z$/.exec(stamp);
  if (!match) throw new Error(`not an RFC3339Nano UTC timestamp: ${stamp}`);
  return BigInt(Date.parse(`${match[1]}Z`)) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}
