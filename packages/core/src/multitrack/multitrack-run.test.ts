import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import { createPluginRegistry } from '../plugin-registry.js';
import { defineTrackerPlugin, PLUGIN_API_VERSION, type Failure, type LogSource } from '../plugin.js';
import { ProgramError } from '../program-error.js';
import { ApiError } from '../transport/api-error.js';
import type { ResourceKind } from '../resource-kind.js';
import { FakeWatchCache } from '../testing/fake-watch-cache.js';
import { logSource } from '../testing/log-source.js';
import type { TrackMessage } from '../track-message.js';
import { TRACK_DEFAULTS, trackSpec, type TrackSpec } from '../track-spec.js';
import { StopTrack, type TrackOptions } from '../tracker.js';
import { MultitrackRun, type MultitrackRunDeps } from './multitrack-run.js';
import { EVENT_KIND } from './router-pool.js';

const WIDGET: ResourceKind = { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, shortNames: ['widget'] };
const POD: ResourceKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };

interface WidgetStatus {
  blocked?: string;
  ready?: boolean;
  failed?: string;
  failures?: Failure[];
  logSources?: LogSource[];
  /** Ready pods the status counts: with fewer pods in the cache, a ready verdict says children are behind. */
  readyPods?: number;
  /** Makes the plugin throw, as a buggy plugin would. */
  throws?: string;
}

/** A toy plugin: ready/failed straight from status, pod children by selector, events counted. */
const widgets = defineTrackerPlugin({
  apiVersion: PLUGIN_API_VERSION,
  name: 'widgets',
  kinds: [WIDGET],
  children: (object) => [{ key: 'pods', kind: POD, selector: { matchLabels: { widget: object.metadata.name as string } } }],
  evaluate({ object, children, events }) {
    if (!object) return { state: 'progressing', absent: true, message: 'widget does not exist yet' };
    const status = (object.status ?? {}) as WidgetStatus;
    if (status.throws) throw new TypeError(status.throws);
    const pods = children.pods ?? [];
    const progress = { pods: pods.length, warnings: events.filter((e) => e.type === 'Warning').length };
    const logSources = status.logSources ?? [];
    if (status.failed) return { state: 'failed', code: 'failed', message: status.failed, progress, logSources };
    if (status.ready) {
      const behind = (status.readyPods ?? 0) - pods.length;
      return {
        state: 'ready',
        message: `widget ${object.metadata.name} is ready`,
        progress,
        ...(status.readyPods === undefined ? {} : { logSources: pods.map((pod) => logSource(pod.metadata.name ?? '')) }),
        ...(behind > 0 ? { childrenBehind: `${behind} pods not seen yet` } : {}),
      };
    }
    return {
      state: 'progressing',
      message: 'widget is working',
      progress,
      waitingFor: ['ready'],
      failures: status.failures ?? [],
      logSources,
      ...(status.blocked ? { blocked: status.blocked } : {}),
    };
  },
});

let uidCounter = 0;
function widget(name: string, status: WidgetStatus = {}, namespace = 'ns', uid = `uid-${name}`): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace, uid, resourceVersion: String(++uidCounter) }, status };
}

function crash(n: number): Failure {
  return { id: `crash-${n}`, code: 'process-crashing', message: `app crashed (${n})`, object: 'Pod/p', container: 'app' };
}

function setup(specs: TrackSpec[], options: TrackOptions = {}, consume = true, syncPods = true, logs?: MultitrackRunDeps['logs']) {
  const cache = new FakeWatchCache();
  // The widgets' pods are listed at once (see 'waits for the children's first list' for the other case).
  if (syncPods) for (const namespace of ['ns', 'one', 'two']) cache.informer(POD, namespace).sync();
  const widgetsInformer = (ns = 'ns') => cache.informer(WIDGET, ns);
  const run = new MultitrackRun(specs, { statusProgressPeriodMs: 0, ...options }, {
    registry: createPluginRegistry([widgets]),
    informers: cache,
    resolveKind: async () => {
      throw new ProgramError('invalid-input', 'unknown kind');
    },
    logs: logs ?? (() => ({ update() {}, tail: () => ({ current: ['last line'] }), finish: async () => {}, stop() {} })),
  });
  const messages: TrackMessage[] = [];
  const consumed = consume
    ? (async () => {
        for await (const message of run) messages.push(message);
      })()
    : Promise.resolve();
  return { cache, run, widgetsInformer, messages, consumed };
}

const spec = (name: string, options: Partial<TrackSpec> = {}, namespace = 'ns') =>
  trackSpec({ group: 'example.com', kind: 'Widget', name, namespace }, options, TRACK_DEFAULTS);

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('MultitrackRun', () => {
  it("waits for the children's first list before judging a resource", async () => {
    const { cache, run, widgetsInformer, messages } = setup([spec('a')], {}, true, false);
    const informer = widgetsInformer();
    informer.put(widget('a', { ready: true }));
    informer.sync();
    await tick();
    await tick();
    expect(messages.filter((m) => m.type === 'ready' || m.type === 'status')).toEqual([]);
    cache.informer(POD, 'ns').sync();
    const report = await run.result;
    expect(report.resources[0]?.status).toBe('ready');
  });

  it('reports ready and succeeds once every resource is ready', async () => {
    const { run, widgetsInformer, messages, consumed } = setup([spec('a'), spec('b')]);
    const informer = widgetsInformer();
    informer.put(widget('a'));
    informer.sync();
    informer.put(widget('b'));
    await tick();
    informer.put(widget('a', { ready: true }));
    await tick();
    informer.put(widget('b', { ready: true }));
    const report = await run.result;
    await consumed;
    expect(report.success).toBe(true);
    expect(report.resources.map((r) => [r.name, r.status])).toEqual([
      ['a', 'ready'],
      ['b', 'ready'],
    ]);
    expect(messages.filter((m) => m.type === 'ready').map((m) => m.resource.name)).toEqual(['a', 'b']);
    expect(messages.at(-1)?.type).toBe('done');
  });

  it('ends log streaming only once the pods a ready status counts have reached the cache', async () => {
    const followed: string[][] = [];
    let finishedWith: string[] | undefined;
    const logs: MultitrackRunDeps['logs'] = () => {
      let current: string[] = [];
      return {
        update(_namespace, sources) {
          current = sources.map((source) => source.pod);
          followed.push(current);
        },
        tail: () => ({ current: [] }),
        finish: async () => {
          finishedWith = current;
        },
        stop() {},
      };
    };
    const { cache, run, widgetsInformer, messages } = setup([spec('a')], {}, true, true, logs);
    const informer = widgetsInformer();
    // The widget's status arrives first: two ready pods the pod watch has not delivered yet.
    informer.put(widget('a', { ready: true, readyPods: 2 }));
    informer.sync();
    await tick();
    await tick();
    expect(finishedWith).toBeUndefined();
    expect(messages.some((m) => m.type === 'ready')).toBe(false);

    const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { widget: 'a' } } });
    cache.informer(POD, 'ns').put(pod('a-1'));
    await tick();
    await tick();
    expect(finishedWith).toBeUndefined();
    cache.informer(POD, 'ns').put(pod('a-2'));
    const report = await run.result;

    expect(report.resources[0]?.status).toBe('ready');
    expect(finishedWith).toEqual(['a-1', 'a-2']);
    expect(followed.at(-1)).toEqual(['a-1', 'a-2']);
    expect(messages.filter((m) => m.type === 'ready')).toHaveLength(1);
  });

  it('fails the whole run on the first failure in FailWholeDeployProcessImmediately mode', async () => {
    const { run, widgetsInformer } = setup([spec('a'), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failed: 'widget a exploded' }));
    const report = await run.result;
    expect(report.success).toBe(false);
    expect(report.error).toEqual({ type: 'rollout', code: 'failed', message: 'widget a exploded', resource: 'example.com/v1/Widget/ns/a' });
    expect(report.resources.find((r) => r.name === 'b')?.status).toBe('progressing');
  });

  it('counts distinct failures against allowFailuresCount, not re-reports', async () => {
    const { run, widgetsInformer, messages } = setup([spec('a', { allowFailuresCount: 1 })]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failures: [crash(1)] }));
    await tick();
    informer.put(widget('a', { failures: [crash(1)] }));
    await tick();
    expect(messages.filter((m) => m.type === 'failed')).toHaveLength(0);
    informer.put(widget('a', { failures: [crash(2)] }));
    const report = await run.result;
    const counted = messages.filter((m) => m.type === 'failure');
    expect(counted.map((m) => m.type === 'failure' && [m.count, m.allowed])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(report.resources[0]).toMatchObject({ status: 'failed', code: 'process-crashing' });
    expect(report.resources[0]?.message).toContain('2 failures, 1 allowed');
  });

  it('records the failure but goes on in IgnoreAndContinueDeployProcess mode', async () => {
    const { run, widgetsInformer } = setup([spec('a', { failMode: 'IgnoreAndContinueDeployProcess' }), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failed: 'a broke' }));
    await tick();
    informer.put(widget('b', { ready: true }));
    const report = await run.result;
    expect(report.success).toBe(true);
    expect(report.error).toBeUndefined();
    expect(report.resources.map((r) => r.status)).toEqual(['failed', 'ready']);
  });

  it('defers a failure in HopeUntilEndOfDeployProcess mode until the others are done', async () => {
    const { run, widgetsInformer, messages } = setup([spec('a', { failMode: 'HopeUntilEndOfDeployProcess' }), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failed: 'a broke' }));
    await tick();
    expect(messages.some((m) => m.type === 'failed')).toBe(false);
    informer.put(widget('b', { ready: true }));
    const report = await run.result;
    expect(report.success).toBe(false);
    expect(report.resources.map((r) => r.status)).toEqual(['failed', 'ready']);
  });

  it('does not let two hoping failures wait on each other', async () => {
    const hope = { failMode: 'HopeUntilEndOfDeployProcess' } as const;
    const { run, widgetsInformer, messages } = setup([spec('a', hope), spec('b', hope), spec('c')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('b', { failed: 'b broke' }));
    informer.put(widget('a', { failed: 'a broke' }));
    await tick();
    expect(messages.some((m) => m.type === 'failed')).toBe(false);
    informer.put(widget('c', { ready: true }));
    const report = await run.result;
    expect(report.success).toBe(false);
    expect(report.resources.map((r) => r.status)).toEqual(['failed', 'failed', 'ready']);
    expect(report.error?.message).toContain('a broke');
  });

  it('lets a hoping resource recover before the others finish', async () => {
    const { run, widgetsInformer } = setup([spec('a', { failMode: 'HopeUntilEndOfDeployProcess' }), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failed: 'a broke' }));
    await tick();
    informer.put(widget('a', { ready: true }));
    await tick();
    informer.put(widget('b', { ready: true }));
    expect((await run.result).success).toBe(true);
  });

  it('does not wait for NonBlocking resources', async () => {
    const { run, widgetsInformer } = setup([spec('a', { trackTerminationMode: 'NonBlocking' }), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a'));
    informer.put(widget('b', { ready: true }));
    const report = await run.result;
    expect(report.success).toBe(true);
    expect(report.resources.map((r) => r.status)).toEqual(['progressing', 'ready']);
  });

  it('times out with not-found for a resource that never appeared and timeout for one not ready', async () => {
    const { run, widgetsInformer } = setup([spec('missing'), spec('slow')], { timeoutMs: 50 });
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('slow'));
    const report = await run.result;
    expect(report.resources.map((r) => [r.status, r.code])).toEqual([
      ['failed', 'not-found'],
      ['timeout', 'timeout'],
    ]);
    expect(report.resources[0]?.message).toBe('widget/missing was not found in namespace ns before the timeout');
    expect(report.resources[1]?.message).toContain('waiting for ready');
    expect(report.error?.code).toBe('not-found');
  });

  it('says a resource was blocked, not slow, when it times out waiting for someone to act', async () => {
    const { run, widgetsInformer, messages } = setup([spec('gate')], { timeoutMs: 50 });
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('gate', { blocked: 'waiting for approval' }));
    const report = await run.result;
    expect(messages.find((m) => m.type === 'status')).toMatchObject({ blocked: 'waiting for approval' });
    expect(report.resources[0]?.message).toBe('widget/gate was blocked until the timeout: waiting for approval');
  });

  it('applies a per-resource timeout to that resource only', async () => {
    const { run, widgetsInformer, messages } = setup([spec('quick', { timeoutMs: 30, failMode: 'IgnoreAndContinueDeployProcess' }), spec('b')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('quick'));
    await new Promise((r) => setTimeout(r, 60));
    expect(messages.find((m) => m.type === 'failed')?.resource.name).toBe('quick');
    informer.put(widget('b', { ready: true }));
    const report = await run.result;
    expect(report.success).toBe(true);
    expect(report.resources[0]?.status).toBe('timeout');
  });

  it('fails a resource deleted while being tracked', async () => {
    const { run, widgetsInformer } = setup([spec('a')]);
    const informer = widgetsInformer();
    informer.put(widget('a'));
    informer.sync();
    await tick();
    informer.remove('a');
    const report = await run.result;
    expect(report.resources[0]).toMatchObject({ status: 'failed', code: 'deleted', message: 'widget/a was deleted while being tracked' });
  });

  it('fails a resource with no activity for noActivityTimeout', async () => {
    const { run, widgetsInformer } = setup([spec('idle', { noActivityTimeoutMs: 40 })]);
    widgetsInformer().sync();
    const report = await run.result;
    expect(report.resources[0]).toMatchObject({ status: 'timeout', code: 'timeout', message: 'widget/idle: no activity for 40ms' });
  });

  it('keys resources by namespace and kind, not name alone, and tracks duplicates once', async () => {
    const { run, widgetsInformer } = setup([spec('web', {}, 'one'), spec('web', {}, 'two'), spec('web', {}, 'one')]);
    const one = widgetsInformer('one');
    const two = widgetsInformer('two');
    one.sync();
    two.sync();
    one.put(widget('web', { ready: true }, 'one', 'u1'));
    await tick();
    expect(run).toBeDefined();
    two.put(widget('web', { ready: true }, 'two', 'u2'));
    const report = await run.result;
    expect(report.resources.map((r) => r.namespace)).toEqual(['one', 'two']);
    expect(report.success).toBe(true);
  });

  it('attaches events of the object and its children, skipping stale ones', async () => {
    const { cache, run, widgetsInformer, messages } = setup([spec('a')]);
    const informer = widgetsInformer();
    const pods = cache.informer(POD, 'ns');
    const events = cache.informer(EVENT_KIND, 'ns');
    const now = Date.now();
    informer.put(widget('a'));
    pods.put({ metadata: { name: 'a-1', namespace: 'ns', uid: 'pod-1', labels: { widget: 'a' }, creationTimestamp: new Date(now).toISOString() } });
    const event = (name: string, uid: string, involved: string, at: number, type = 'Warning') => ({
      metadata: { name, namespace: 'ns', uid },
      type,
      reason: 'BackOff',
      message: `${name} happened`,
      involvedObject: { kind: 'Pod', name: 'a-1', uid: involved },
      count: 1,
      lastTimestamp: new Date(at).toISOString(),
    });
    events.put(event('stale', 'e0', 'pod-1', now - 60_000));
    events.put(event('fresh', 'e1', 'pod-1', now));
    events.put(event('other', 'e2', 'pod-unrelated', now));
    for (const i of [informer, pods, events]) i.sync();
    await tick();
    events.put(event('later', 'e3', 'pod-1', now + 10));
    await tick();
    informer.put(widget('a', { failed: 'nope' }));
    const report = await run.result;
    const shown = messages.flatMap((m) => (m.type === 'event' ? [m.event.message] : []));
    expect(shown).toEqual(['fresh happened', 'later happened']);
    expect(report.resources[0]?.events.map((e) => e.message)).toEqual(['fresh happened', 'later happened']);
    expect(messages.filter((m) => m.type === 'status').at(-1)).toMatchObject({ progress: { pods: 1, warnings: 2 } });
  });

  it('ends cleanly when a feed callback returns StopTrack', async () => {
    const { run, widgetsInformer } = setup([spec('a')], {}, false);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a'));
    const report = await run.feed({ onAdded: () => StopTrack });
    expect(report.success).toBe(false);
    expect(report.resources[0]?.status).toBe('progressing');
  });

  it('ends with a program error when a watch fails fatally', async () => {
    const { cache, run, widgetsInformer } = setup([spec('a')]);
    cache.fatal(new ProgramError('forbidden', 'forbidden: cannot watch widgets.example.com in namespace "ns"'), widgetsInformer());
    const report = await run.result;
    expect(report.error).toEqual({ type: 'program', code: 'forbidden', message: 'forbidden: cannot watch widgets.example.com in namespace "ns"' });
  });

  it('ends with forbidden naming pods/log when logs may not be read, rather than tracking on without them', async () => {
    let logError: ((error: Error) => void) | undefined;
    const logs: MultitrackRunDeps['logs'] = (options) => {
      logError = options.onError;
      return { update() {}, tail: () => ({ current: [] }), finish: async () => {}, stop() {} };
    };
    const { run, widgetsInformer } = setup([spec('a')], {}, true, true, logs);
    widgetsInformer().sync();
    await vi.waitFor(() => expect(logError).toBeTypeOf('function'));
    logError!(new ApiError(403, 'pods "a-1" is forbidden', { reason: 'Forbidden' }));
    const report = await run.result;
    expect(report.error).toMatchObject({ type: 'program', code: 'forbidden', message: 'forbidden: cannot get pods/log in namespace "ns" (check RBAC: the user needs "get" on pods/log)' });
  });

  it('ends with an internal error, not cluster-unreachable, when a handler throws', async () => {
    const { cache, run, widgetsInformer } = setup([spec('a')]);
    cache.fatal(new TypeError("Cannot read properties of undefined (reading 'status')\n    at handler"), widgetsInformer());
    const report = await run.result;
    expect(report.error).toEqual({ type: 'program', code: 'internal', message: "internal error: Cannot read properties of undefined (reading 'status')" });
    expect(run.error?.cause).toBeInstanceOf(TypeError);
  });

  it('ends with an internal error naming the plugin when a plugin throws', async () => {
    const { run, widgetsInformer } = setup([spec('a')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { throws: 'status.replicas is not a function' }));
    const report = await run.result;
    expect(report.success).toBe(false);
    expect(report.error).toEqual({
      type: 'program',
      code: 'internal',
      message: 'internal error: plugin widgets threw while evaluating widget/a: status.replicas is not a function',
    });
  });

  it('treats an error code the plugin did not declare as a plugin bug, not as the resource failing', async () => {
    const { run, widgetsInformer } = setup([spec('a')]);
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { failures: [{ ...crash(1), code: 'widget-melted' }] }));
    const report = await run.result;
    expect(report.error).toMatchObject({ type: 'program', code: 'internal' });
    expect(report.error?.message).toContain('plugin widgets reported an unknown error code "widget-melted" for widget/a');
  });

  it('keeps an API failure the cluster\'s: cluster-unreachable', async () => {
    const { cache, run, widgetsInformer } = setup([spec('a')]);
    cache.fatal(new ApiError(0, 'connect ECONNREFUSED 127.0.0.1:6443', {}), widgetsInformer());
    const report = await run.result;
    expect(report.error).toMatchObject({ type: 'program', code: 'cluster-unreachable' });
  });

  it('ends with a program error for a kind nothing can resolve', async () => {
    const { run } = setup([trackSpec({ group: 'nope.io', kind: 'Thing', name: 'x', namespace: 'ns' })]);
    const report = await run.result;
    expect(report.error).toMatchObject({ type: 'program', code: 'invalid-input', message: 'unknown kind' });
  });

  it("keeps following in follow mode after a resource's own timeout", async () => {
    const { run, widgetsInformer, messages } = setup([spec('a', { timeoutMs: 10 })], { follow: true });
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a'));
    while (!messages.some((m) => m.type === 'failed')) await new Promise((r) => setTimeout(r, 5));
    informer.put(widget('a', { ready: true }));
    while (!messages.some((m) => m.type === 'ready')) await tick();
    run.stop();
    const report = await run.result;
    expect(report.resources[0]).toMatchObject({ status: 'timeout' });
  });

  it("ends a follow run at the run's timeout, also after a resource's own timeout", async () => {
    const { run, widgetsInformer } = setup([spec('a', { timeoutMs: 10 }), spec('b')], { follow: true, timeoutMs: 60 });
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a'));
    informer.put(widget('b'));
    const report = await run.result;
    expect(report.resources.map((r) => r.status)).toEqual(['timeout', 'timeout']);
  });

  it("reports the log tails of the containers the deciding failure names, else of the started ones", async () => {
    const source = (pod: string, started = true): LogSource => ({ pod, podUid: pod, container: 'app', restartCount: 0, started, terminated: false });
    const logSources = [source('p'), source('q'), source('r', false)];
    const tailsOf = async (status: WidgetStatus) => {
      const { run, widgetsInformer } = setup([spec('a', { allowFailuresCount: 0 })]);
      widgetsInformer().sync();
      widgetsInformer().put(widget('a', { ...status, logSources }));
      const report = await run.result;
      return report.resources[0]?.logTail.map((tail) => `${tail.pod}/${tail.container}`);
    };
    expect(await tailsOf({ failures: [crash(1)] })).toEqual(['p/app']);
    expect(await tailsOf({ failed: 'job gave up' })).toEqual(['p/app', 'q/app']);
  });

  it('keeps following in follow mode: ready does not end the run', async () => {
    const { run, widgetsInformer, messages } = setup([spec('a')], { follow: true });
    const informer = widgetsInformer();
    informer.sync();
    informer.put(widget('a', { ready: true }));
    await tick();
    await tick();
    informer.put(widget('a', { failed: 'broke after ready' }));
    await tick();
    await tick();
    expect(messages.map((m) => m.type)).toEqual(expect.arrayContaining(['ready', 'failed']));
    run.stop();
    const report = await run.result;
    expect(report.resources).toHaveLength(1);
  });
});
