import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogSource } from '../plugin.js';
import type { LogLineSource } from './log-line-source.js';
import type { ContainerLogLine } from './container-log-line.js';
import { eventually } from './eventually.test-helper.js';
import { FakeLogServer } from './fake-log-server.test-helper.js';
import { HttpTestTransport } from './http-test-transport.test-helper.js';
import { PodLogCollector, podLogCollectorFactory, type PodLogCollectorOptions } from './pod-log-collector.js';

let server: FakeLogServer;
let transport: HttpTestTransport;

beforeEach(async () => {
  server = await FakeLogServer.start();
  transport = new HttpTestTransport(server.url);
});

afterEach(async () => {
  transport.close();
  await server.close();
});

function running(pod: string, container: string, restartCount = 0, extra: Partial<LogSource> = {}): LogSource {
  return {
    pod,
    podUid: `uid-${pod}`,
    container,
    containerId: `containerd://${pod}-${container}-${restartCount}`,
    restartCount,
    started: true,
    terminated: false,
    ...extra,
  };
}

function waiting(pod: string, container: string, extra: Partial<LogSource> = {}): LogSource {
  return { pod, podUid: `uid-${pod}`, container, restartCount: 0, started: false, terminated: false, ...extra };
}

function exited(pod: string, container: string, restartCount = 0): LogSource {
  return { ...running(pod, container, restartCount), terminated: true };
}

function collect(options: Partial<PodLogCollectorOptions> = {}) {
  const seen: Array<{ source: LogLineSource; line: ContainerLogLine }> = [];
  const errors: Error[] = [];
  const collector = new PodLogCollector(transport, {
    onLine: (source, line) => seen.push({ source, line }),
    onError: (error) => errors.push(error),
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    drainTimeoutMs: 200,
    ...options,
  });
  const texts = (container?: string) =>
    seen.filter(({ source }) => container === undefined || source.container === container).map(({ line }) => line.text);
  return { collector, seen, texts, errors };
}

const requestsFor = (container: string) => server.requests.filter((request) => request.container === container);

/** web-1/app's first run printed `line` and it was shown; then the connection is cut and the stream backs off `retryMs`. */
async function firstRunShownThenCut(line: string, retryMs: number) {
  server.addPod('web-1', ['app']);
  server.startContainer('web-1', 'app');
  server.print('web-1', 'app', line);
  const collected = collect({ retry: { initialDelayMs: retryMs, maxDelayMs: retryMs } });
  collected.collector.update('ns', [running('web-1', 'app', 0)]);
  await eventually(() => expect(collected.texts()).toEqual([line]));
  server.cutConnections();
  return collected;
}

describe('PodLogCollector', () => {
  it('follows init and regular containers once they have started, never before', async () => {
    server.addPod('web-1', ['migrate', 'app']);
    server.startContainer('web-1', 'migrate');
    server.print('web-1', 'migrate', 'migrating');
    const { collector, seen, texts } = collect();
    collector.update('ns', [running('web-1', 'migrate', 0, { init: true }), waiting('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['migrating']));
    expect(requestsFor('app')).toEqual([]);

    server.terminate('web-1', 'migrate');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'serving');
    collector.update('ns', [exited('web-1', 'migrate'), running('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['migrating', 'serving']));
    expect(seen.map(({ source }) => source)).toEqual([
      { pod: 'web-1', container: 'migrate', containerId: 'containerd://web-1-migrate-0', restartCount: 0 },
      { pod: 'web-1', container: 'app', containerId: 'containerd://web-1-app-0', restartCount: 0 },
    ]);
    collector.stop();
  });

  it('follows a restarted container and shows each instance’s lines exactly once', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'first run');
    const { collector, seen, texts } = collect();
    collector.update('ns', [running('web-1', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['first run']));

    server.print('web-1', 'app', 'panic: boom');
    server.terminate('web-1', 'app');
    collector.update('ns', [exited('web-1', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['first run', 'panic: boom']));

    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'second run');
    collector.update('ns', [running('web-1', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['first run', 'panic: boom', 'second run']));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts()).toEqual(['first run', 'panic: boom', 'second run']);
    expect(seen.map(({ source }) => source.restartCount)).toEqual([0, 0, 1]);
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['second run'], previous: ['first run', 'panic: boom'] });
    collector.stop();
  });

  it('recovers an instance that ran and crashed between two updates with previous=true', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 0');
    const { collector, seen, texts } = collect();
    collector.update('ns', [running('web-1', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['run 0']));

    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 1 crashed');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 2');
    collector.update('ns', [running('web-1', 'app', 2)]);

    await eventually(() => expect(texts()).toEqual(['run 0', 'run 1 crashed', 'run 2']));
    expect(seen[1]?.source).toEqual({ pod: 'web-1', container: 'app', restartCount: 1, previous: true });
    expect(server.requests.some((request) => request.query.get('previous') === 'true')).toBe(true);
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['run 2'], previous: ['run 1 crashed'] });
    collector.stop();
  });

  it('recovers the rest of an instance whose stream was cut when it was replaced', async () => {
    const { collector, texts } = await firstRunShownThenCut('before the cut', 300);
    server.print('web-1', 'app', 'while disconnected');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'next run');
    collector.update('ns', [running('web-1', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['before the cut', 'while disconnected', 'next run']));
    collector.stop();
  });

  it('gives up on a replaced instance whose stream never ends, after the drain timeout', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 0');
    const { collector, texts } = collect({ drainTimeoutMs: 50 });
    collector.update('ns', [running('web-1', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['run 0']));

    server.startContainer('web-1', 'app', { endStreams: false });
    server.print('web-1', 'app', 'run 1');
    collector.update('ns', [running('web-1', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['run 0', 'run 1']));
    await eventually(() => expect(server.followers('web-1')).toBe(1));
    collector.stop();
  });

  it('fetches what a pod that appeared mid-tracking printed before a crash we never saw running', async () => {
    server.addPod('web-2', ['app']);
    server.startContainer('web-2', 'app');
    server.print('web-2', 'app', 'crashed early');
    server.startContainer('web-2', 'app');
    server.print('web-2', 'app', 'second try');
    const { collector, texts } = collect();
    collector.update('ns', []);
    collector.update('ns', [running('web-2', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['crashed early', 'second try']));
    collector.stop();
  });

  it('recovers the first run of a container first seen waiting, that crashed before the next update', async () => {
    server.addPod('crash-0', ['app']);
    const { collector, texts } = collect();
    // The resource's first update: its pod was just created, its container has not started.
    collector.update('ns', [waiting('crash-0', 'app')]);
    server.startContainer('crash-0', 'app');
    server.print('crash-0', 'app', 'run 0');
    server.startContainer('crash-0', 'app');
    server.print('crash-0', 'app', 'run 1');
    collector.update('ns', [running('crash-0', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['run 0', 'run 1']));
    collector.stop();
  });

  it('reads a container that crashed before we saw it run as its own instance', async () => {
    server.addPod('web-2', ['app']);
    server.startContainer('web-2', 'app');
    server.print('web-2', 'app', 'panic: no config');
    server.terminate('web-2', 'app');
    const { collector, seen, texts } = collect();
    collector.update('ns', []);
    // CrashLoopBackOff: waiting to restart, the exited instance is the one the kubelet serves.
    collector.update('ns', [exited('web-2', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['panic: no config']));
    expect(seen[0]?.source.previous).toBeUndefined();
    expect(collector.tail('web-2', 'app')).toEqual({ current: ['panic: no config'] });
    collector.stop();
  });

  it('reads an exited instance the kubelet already replaced when the request arrives: its lines, then the successor\'s, once', async () => {
    server.addPod('crash-0', ['app']);
    const { collector, texts } = collect();
    collector.update('ns', [waiting('crash-0', 'app')]);
    server.startContainer('crash-0', 'app');
    server.print('crash-0', 'app', 'run 0');
    server.print('crash-0', 'app', 'panic: run 0');
    // The status we act on says run 0 exited; the kubelet has restarted the container since.
    server.startContainer('crash-0', 'app');
    server.print('crash-0', 'app', 'run 1');
    collector.update('ns', [exited('crash-0', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['run 0', 'panic: run 0', 'run 1']));
    server.print('crash-0', 'app', 'panic: run 1');
    server.terminate('crash-0', 'app');
    collector.update('ns', [exited('crash-0', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['run 0', 'panic: run 0', 'run 1', 'panic: run 1']));
    await collector.finish();
    expect(texts()).toEqual(['run 0', 'panic: run 0', 'run 1', 'panic: run 1']);
  });

  it('keeps an earlier instance\'s unseen last lines out of the tail of the exited instance after it', async () => {
    // The stream backs off for a minute and sees nothing more of run 0.
    const { collector, texts } = await firstRunShownThenCut('run 0 starting', 60_000);
    server.print('web-1', 'app', 'panic: run 0');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 1 starting');
    server.terminate('web-1', 'app');
    // Just exited, not yet waiting to restart: previous=true reads run 0, the status's last termination.
    collector.update('ns', [{ ...exited('web-1', 'app', 1), previousContainerId: 'containerd://web-1-app-0' }]);
    await eventually(() => expect(texts()).toEqual(['run 0 starting', 'panic: run 0', 'run 1 starting']));
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['run 1 starting'], previous: ['run 0 starting', 'panic: run 0'] });
  });

  it('stops following pods that leave the sources', async () => {
    server.addPod('old-1', ['app']);
    server.addPod('new-1', ['app']);
    server.startContainer('old-1', 'app');
    server.startContainer('new-1', 'app');
    const { collector, texts } = collect();
    collector.update('ns', [running('old-1', 'app'), running('new-1', 'app')]);
    await eventually(() => expect(server.followers()).toBe(2));

    collector.update('ns', [running('new-1', 'app')]);
    await eventually(() => expect(server.followers('old-1')).toBe(0));
    server.print('old-1', 'app', 'old pod line');
    server.print('new-1', 'app', 'new pod line');
    await eventually(() => expect(texts()).toEqual(['new pod line']));
    expect(server.followers('new-1')).toBe(1);
    collector.stop();
  });

  it('resumes a pod that comes back into the sources without repeating its lines', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'one');
    const { collector, texts } = collect();
    collector.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['one']));
    collector.update('ns', []);
    await eventually(() => expect(server.followers()).toBe(0));
    server.print('web-1', 'app', 'two');
    collector.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['one', 'two']));
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['one', 'two'] });
    collector.stop();
  });

  it('shows every line of a new pod that took a gone pod\'s name (a StatefulSet\'s pod recreated)', async () => {
    server.addPod('db-0', ['app']);
    server.startContainer('db-0', 'app');
    server.print('db-0', 'app', 'first db-0 up');
    const { collector, texts } = collect();
    collector.update('ns', [running('db-0', 'app')]);
    await eventually(() => expect(texts()).toEqual(['first db-0 up']));
    server.deletePod('db-0');
    collector.update('ns', []);
    // the successor has the same name and container, a new uid and its own log from the start
    server.addPod('db-0', ['app']);
    server.startContainer('db-0', 'app');
    server.print('db-0', 'app', 'second db-0 up');
    collector.update('ns', [running('db-0', 'app', 0, { podUid: 'uid-db-0-again', containerId: 'containerd://db-0-again' })]);
    await eventually(() => expect(texts()).toEqual(['first db-0 up', 'second db-0 up']));
    // a failure of the new pod quotes its own lines, not its namesake's
    expect(collector.tail('db-0', 'app')).toEqual({ current: ['second db-0 up'] });
    collector.stop();
  });

  it('keeps the tails of pods that left the sources, up to retainedContainers', async () => {
    for (const pod of ['old-1', 'old-2']) {
      server.addPod(pod, ['app']);
      server.startContainer(pod, 'app');
      server.print(pod, 'app', `${pod} says bye`);
    }
    const { collector, texts } = collect({ retainedContainers: 1 });
    collector.update('ns', [running('old-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['old-1 says bye']));
    collector.update('ns', [running('old-2', 'app')]);
    await eventually(() => expect(texts()).toEqual(['old-1 says bye', 'old-2 says bye']));
    expect(collector.tail('old-1', 'app')).toEqual({ current: ['old-1 says bye'] });
    collector.update('ns', []);
    expect(collector.tail('old-1', 'app')).toEqual({ current: [] });
    expect(collector.tail('old-2', 'app')).toEqual({ current: ['old-2 says bye'] });
    collector.stop();
  });

  it('a pod that leaves the sources and comes back after more than retainedContainers retired shows no line twice', async () => {
    for (const pod of ['a', 'b']) {
      server.addPod(pod, ['app']);
      server.startContainer(pod, 'app');
      server.print(pod, 'app', `${pod} up`);
    }
    const { collector, texts } = collect({ retainedContainers: 1 });
    collector.update('ns', [running('a', 'app'), running('b', 'app')]);
    await eventually(() => expect(texts().sort()).toEqual(['a up', 'b up']));
    // both retire, the older one's follower is dropped (a scale-down of many pods)
    collector.update('ns', []);
    server.print('a', 'app', 'a going');
    // a comes back (the status of a pod being deleted): it resumes where it was
    collector.update('ns', [running('a', 'app')]);
    await eventually(() => expect(texts()).toEqual(expect.arrayContaining(['a going'])));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(texts().sort()).toEqual(['a going', 'a up', 'b up']);
    collector.stop();
  });

  it('applies logs-since to containers running at tracking start only', async () => {
    server.addPod('web-1', ['app']);
    server.addPod('web-2', ['app']);
    server.startContainer('web-1', 'app');
    server.startContainer('web-2', 'app');
    const sinceTime = '2025-03-01T10:00:30.500Z';
    server.print('web-1', 'app', 'before tracking', { timestamp: '2025-03-01T10:00:30.100000000Z' });
    server.print('web-1', 'app', 'after tracking', { timestamp: '2025-03-01T10:00:30.900000000Z' });
    // A pod started after tracking began, on a node whose clock runs behind ours.
    server.print('web-2', 'app', 'skewed first line', { timestamp: '2025-03-01T10:00:29.000000000Z' });
    const { collector, texts } = collect({ sinceTime });
    collector.update('ns', [running('web-1', 'app')]);
    collector.update('ns', [running('web-1', 'app'), running('web-2', 'app')]);
    await eventually(() => expect(texts().sort()).toEqual(['after tracking', 'skewed first line']));
    collector.stop();
  });

  it('keeps a bounded tail per container', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    for (let i = 1; i <= 50; i++) server.print('web-1', 'app', `line ${i}`);
    const { collector, texts } = collect({ tailLines: 3 });
    collector.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(texts()).toHaveLength(50));
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['line 48', 'line 49', 'line 50'] });
    expect(collector.tail('web-1', 'other')).toEqual({ current: [] });
    collector.stop();
  });

  it('reports a forbidden pods/log once, however many containers hit it', async () => {
    server.addPod('web-1', ['a', 'b']);
    server.startContainer('web-1', 'a');
    server.startContainer('web-1', 'b');
    const forbidden = { status: 403, reason: 'Forbidden', message: 'pods "web-1" is forbidden: cannot get resource "pods/log"' };
    server.fail(forbidden, forbidden);
    const { collector, errors } = collect();
    collector.update('ns', [running('web-1', 'a'), running('web-1', 'b')]);
    await eventually(() => expect(server.requests).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toHaveLength(1);
    collector.stop();
  });

  it('finish() delivers what was just printed, then closes every connection', async () => {
    server.addPod('web-1', ['app']);
    server.addPod('web-2', ['app']);
    server.startContainer('web-1', 'app');
    server.startContainer('web-2', 'app');
    server.print('web-1', 'app', 'ready');
    server.print('web-2', 'app', 'ready too');
    const { collector, texts } = collect();
    collector.update('ns', [running('web-1', 'app'), running('web-2', 'app')]);
    await collector.finish();
    expect(texts().sort()).toEqual(['ready', 'ready too']);
    await eventually(() => expect(server.openConnections).toBe(0));
  });

  it('finish() gets an exited instance\'s last line at once, though its stream is backing off after a cut', async () => {
    const { collector, texts } = await firstRunShownThenCut('working', 60_000);
    // As a kubelet does: the last line is written before the status says the instance exited.
    server.print('web-1', 'app', 'panic: simulated crash');
    server.terminate('web-1', 'app');
    collector.update('ns', [exited('web-1', 'app')]);
    await collector.finish();
    expect(texts()).toEqual(['working', 'panic: simulated crash']);
  });

  it('finish() waits out a 429 and a 503 on its last read instead of losing the lines the stream did not show', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'starting');
    const { collector, texts } = collect({ retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    collector.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['starting']));
    server.cutConnections();
    server.print('web-1', 'app', 'serving');
    server.fail({ status: 429, reason: 'TooManyRequests', message: 'slow down' }, { status: 503, reason: 'ServiceUnavailable', message: 'busy' });
    await collector.finish();
    expect(texts()).toEqual(['starting', 'serving']);
  });

  it('finish() catches up a container whose stream is still backing off after a 400', async () => {
    server.addPod('job-1', ['main']);
    server.fail({ status: 400, message: 'container "main" in pod "job-1" is waiting to start - no logs yet' });
    const { collector, seen, texts } = collect({ retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    collector.update('ns', [running('job-1', 'main')]);
    await eventually(() => expect(server.requests).toHaveLength(1));
    server.startContainer('job-1', 'main');
    server.print('job-1', 'main', 'step 1');
    server.print('job-1', 'main', 'done');
    server.terminate('job-1', 'main');
    collector.update('ns', [exited('job-1', 'main')]);
    await collector.finish();
    expect(texts()).toEqual(['step 1', 'done']);
    expect(seen[0]?.source).toEqual({ pod: 'job-1', container: 'main', containerId: 'containerd://job-1-main-0', restartCount: 0 });
  });

  it('finish() reads the rest of a replaced instance, then the new one: each line once, in order', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 0 starting');
    const { collector, seen, texts } = collect();
    collector.update('ns', [running('web-1', 'app', 0)]);
    await eventually(() => expect(texts()).toEqual(['run 0 starting']));
    server.cutConnections();
    server.print('web-1', 'app', 'panic: run 0');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'run 1 starting');
    server.print('web-1', 'app', 'panic: run 1');
    server.terminate('web-1', 'app', { endStreams: false });
    collector.update('ns', [running('web-1', 'app', 1)]);
    await collector.finish();
    expect(texts()).toEqual(['run 0 starting', 'panic: run 0', 'run 1 starting', 'panic: run 1']);
    expect(new Set(seen.map(({ line }) => line.timestamp)).size).toBe(4);
    expect(collector.tail('web-1', 'app')).toEqual({ current: ['run 1 starting', 'panic: run 1'], previous: ['run 0 starting', 'panic: run 0'] });
  });

  it('finish() does not read instances from before tracking started', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'an old run');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'the run we track');
    const { collector, texts } = collect();
    collector.update('ns', [running('web-1', 'app', 1)]);
    await eventually(() => expect(texts()).toEqual(['the run we track']));
    await collector.finish();
    expect(texts()).toEqual(['the run we track']);
  });

  it('finish() gives up at finishTimeoutMs on a log server that never answers', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'shown');
    const { collector, texts } = collect({ finishTimeoutMs: 100 });
    collector.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(texts()).toEqual(['shown']));
    server.fail({ hang: true });
    await collector.finish();
    expect(texts()).toEqual(['shown']);
    await eventually(() => expect(server.openConnections).toBe(0));
  });

  it('stop() closes every socket and ignores later updates', async () => {
    server.addPod('web-1', ['a', 'b']);
    server.startContainer('web-1', 'a');
    server.startContainer('web-1', 'b');
    const { collector } = collect();
    collector.update('ns', [running('web-1', 'a'), running('web-1', 'b')]);
    await eventually(() => expect(server.followers()).toBe(2));
    collector.stop();
    await eventually(() => expect(server.openConnections).toBe(0));
    const before = server.requests.length;
    collector.update('ns', [running('web-1', 'a')]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).toHaveLength(before);
  });
});

describe('podLogCollectorFactory', () => {
  it('gives the scheduler a collector with its onLine, tailLines and sinceTime', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'too old', { timestamp: '2025-03-01T10:00:01.000000000Z' });
    server.print('web-1', 'app', 'a', { timestamp: '2025-03-01T10:00:02.100000000Z' });
    server.print('web-1', 'app', 'b', { timestamp: '2025-03-01T10:00:02.200000000Z' });
    const lines: string[] = [];
    const logs = podLogCollectorFactory(transport, { retry: { initialDelayMs: 5 } })({
      onLine: (source, line) => lines.push(`${source.pod}/${source.container}: ${line.text}`),
      sinceTime: '2025-03-01T10:00:02Z',
      tailLines: 1,
    });
    logs.update('ns', [running('web-1', 'app')]);
    await eventually(() => expect(lines).toEqual(['web-1/app: a', 'web-1/app: b']));
    expect(logs.tail('web-1', 'app')).toEqual({ current: ['b'] });
    logs.stop();
  });
});
