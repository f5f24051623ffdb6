import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, followPodLog, listPods, podLogFiles, readPodLog, waitFor } from '../harness/index.js';
import { deploy, libraryTest as e2eTest, linesByContainer, resourceReport, track, transcript } from './library.js';

/** Each pod's lines as the container printed them (the files pod-logs wrote), without their timestamps. */
function printed(namespace: string, deployment: string): string[][] {
  return [...podLogFiles(namespace)]
    .filter(([container]) => container.startsWith(`${deployment}-`))
    .map(([, runs]) => runs.flatMap((run) => run.lines.map((line) => line.slice(line.indexOf(' ') + 1))));
}

/** core's mark on a line cut at its 64 KiB limit */
const TRUNCATION_MARKER = ' [truncated]';

const ticking = (name: string) => Array.from({ length: 16 }, (_, i) => `${name}: tick ${i}`);

describe.concurrent('the kubelet ends follow streams and splits long lines', () => {
  e2eTest('a follow the server ends every second is resumed: same verdict and lines as an uncut twin, each once, in order', async ({ namespace, lib }) => {
    // a line every 250 ms for 4 s, ready after 8 s: lines are printed while the stream is down
    const pod = { replicas: 2, readyAfter: '8s', annotations: { 'kubetrack.test/log-every': '250ms' } };
    await applyManifests(namespace, [
      deploymentManifest({ name: 'cut', ...pod, logs: ticking('cut'), annotations: { ...pod.annotations, 'kubetrack.test/log-follow-cut-after': '1s' } }),
      deploymentManifest({ name: 'whole', ...pod, logs: ticking('whole') }),
    ]);
    const running = track(lib, [deploy(namespace, 'cut'), deploy(namespace, 'whole')], { timeoutMs: 90_000, logsSince: 'all' });

    // the server really cuts: a plain follow of a running pod ends after about a second
    const first = await waitFor(
      async () => (await listPods(namespace)).find((p) => p.metadata?.name?.startsWith('cut-') && p.status?.containerStatuses?.[0]?.state?.running),
      { description: 'a cut- pod runs' },
    );
    const followed = await followPodLog(namespace, first!.metadata!.name!, 'app');
    await followed.ended;
    const stillRunning = (await listPods(namespace)).find((p) => p.metadata?.uid === first!.metadata?.uid);
    expect(stillRunning?.status?.containerStatuses?.[0]?.state?.running).toBeDefined();

    const { messages, report } = await running;
    expect(report.success, transcript(messages)).toBe(true);
    expect(resourceReport(report, 'cut').status).toBe(resourceReport(report, 'whole').status);
    for (const name of ['cut', 'whole']) {
      const streamed = [...linesByContainer(messages, name).values()];
      expect(streamed, name).toHaveLength(2);
      // every tick was printed before the pods became ready
      for (const lines of streamed) expect(lines, name).toEqual(ticking(name));
      expect(streamed.sort(), name).toEqual(printed(namespace, name).sort());
    }
  });

  e2eTest('a line longer than the runtime\'s 16 KiB record arrives once, whole, and one past 64 KiB once, cut with a marker', async ({ namespace, lib }) => {
    const long = `long: ${'0123456789abcdef'.repeat(2560)}`; // 40 KiB: three CRI records
    const huge = `huge: ${'fedcba9876543210'.repeat(6400)}`; // 100 KiB: seven records, past kubetrack's line limit
    const logs = ['before', long, 'between', huge, 'after'];
    await applyManifests(namespace, deploymentManifest({
      name: 'wide',
      readyAfter: '4s',
      logs,
      // with follow cuts, so resumes replay the long lines too
      annotations: { 'kubetrack.test/log-every': '300ms', 'kubetrack.test/log-follow-cut-after': '1s' },
    }));
    const { messages, report } = await track(lib, [deploy(namespace, 'wide')], { timeoutMs: 90_000, logsSince: 'all' });
    expect(report.success, transcript(messages).slice(0, 4000)).toBe(true);
    const [lines] = [...linesByContainer(messages, 'wide').values()];
    expect(lines).toHaveLength(5);
    expect([lines?.[0], lines?.[1], lines?.[2], lines?.[4]]).toEqual(['before', long, 'between', 'after']);
    // the limit counts the raw line, its timestamp included: the text keeps a bit under 64 KiB
    const cut = lines![3]!;
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(cut.length - TRUNCATION_MARKER.length).toBeGreaterThan(64 * 1024 - 40);
    expect(cut).toBe(huge.slice(0, cut.length - TRUNCATION_MARKER.length) + TRUNCATION_MARKER);

    // the fake kubelet is faithful: the file holds 16 KiB records, the API serves one line each
    const [pod] = await listPods(namespace);
    expect(await readPodLog(namespace, pod!.metadata!.name!)).toEqual(logs);
    expect(printed(namespace, 'wide')).toEqual([logs]);
  });
});
