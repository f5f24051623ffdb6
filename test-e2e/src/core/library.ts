import { createKubeTransport, createTracker, createSharedInformerFactory, trackSpec, type LogMessage, type Report, type TrackMessage, type TrackOptions, type TrackSpec, type Tracker } from '@kubetrack/core';
import type { DefaultSharedInformerFactory } from '@kubetrack/core/internal';
import { job } from '@kubetrack/job';
import { workloads } from '@kubetrack/workloads';
import { clusterKubeconfigPath, e2eTest } from '../harness/index.js';

export interface LibraryTracker {
  readonly tracker: Tracker;
  readonly informers: DefaultSharedInformerFactory;
  close(): void;
}

/** The library as an embedder uses it: one transport, our own watch cache, the built-in plugins. */
export function libraryTracker(kubeconfig: string = clusterKubeconfigPath()): LibraryTracker {
  const transport = createKubeTransport({ kubeconfig });
  const informers = createSharedInformerFactory(transport);
  const tracker = createTracker({ transport, plugins: [workloads(), job()], informers });
  return {
    tracker,
    informers,
    close() {
      tracker.close();
      informers.stop();
    },
  };
}

export interface Collected {
  messages: TrackMessage[];
  report: Report;
  /** ms since the run started when each message arrived, parallel to `messages` */
  arrivedAt: number[];
}

/** Runs the tracker, collecting every message; `onMessage` may stop the run. */
export async function track(
  lib: LibraryTracker,
  specs: readonly TrackSpec[],
  options: TrackOptions = {},
  onMessage?: (message: TrackMessage, stop: () => void) => void,
): Promise<Collected> {
  const started = performance.now();
  const run = lib.tracker.track(specs, { statusProgressPeriodMs: 0, ...options });
  const messages: TrackMessage[] = [];
  const arrivedAt: number[] = [];
  for await (const message of run) {
    messages.push(message);
    arrivedAt.push(performance.now() - started);
    onMessage?.(message, () => run.stop());
  }
  return { messages, arrivedAt, report: await run.result };
}

export const deploy = (namespace: string, name: string, options: Partial<Omit<TrackSpec, 'resource'>> = {}): TrackSpec =>
  trackSpec({ group: 'apps', kind: 'Deployment', namespace, name }, options);
export const pod = (namespace: string, name: string, options: Partial<Omit<TrackSpec, 'resource'>> = {}): TrackSpec =>
  trackSpec({ group: '', kind: 'Pod', namespace, name }, options);
export const jobSpec = (namespace: string, name: string, options: Partial<Omit<TrackSpec, 'resource'>> = {}): TrackSpec =>
  trackSpec({ group: 'batch', kind: 'Job', namespace, name }, options);

export function ofResource<T extends TrackMessage['type']>(
  messages: readonly TrackMessage[],
  type: T,
  name?: string,
): Extract<TrackMessage, { type: T }>[] {
  return messages.filter(
    (m): m is Extract<TrackMessage, { type: T }> =>
      m.type === type && (name === undefined || ('resource' in m && m.resource.name === name)),
  );
}

export function logLines(messages: readonly TrackMessage[], name?: string): LogMessage[] {
  return ofResource(messages, 'log', name);
}

/** "pod/container" → lines, in arrival order */
export function linesByContainer(messages: readonly TrackMessage[], name?: string): Map<string, string[]> {
  const byContainer = new Map<string, string[]>();
  for (const m of logLines(messages, name)) {
    const key = `${m.pod}/${m.container}`;
    byContainer.set(key, [...(byContainer.get(key) ?? []), m.line]);
  }
  return byContainer;
}

export function resourceReport(report: Report, name: string) {
  const found = report.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name} in the report: ${JSON.stringify(report.resources.map((r) => r.name))}`);
  return found;
}

/** a compact transcript for failure messages */
export function transcript(messages: readonly TrackMessage[]): string {
  return messages
    .map((m) => {
      const who = 'resource' in m ? `${m.resource.name} ` : '';
      switch (m.type) {
        case 'log':
          return `${who}log [${m.pod}/${m.container}] ${m.line}`;
        case 'status':
          return `${who}status ${m.state}: ${m.message}`;
        case 'event':
          return `${who}event ${m.event.type} ${m.event.reason}: ${m.event.message}`;
        case 'failure':
          return `${who}failure ${m.count}/${m.allowed} ${m.failure.id}: ${m.failure.message}`;
        case 'failed':
          return `${who}failed ${m.code}: ${m.message}`;
        case 'ready':
          return `${who}ready: ${m.message}`;
        case 'done':
          return `done success=${m.report.success}`;
        default:
          return `${who}${m.type}`;
      }
    })
    .join('\n');
}

/** `e2eTest` plus its own library tracker (and watch cache): the tests of a file run concurrently. */
export const libraryTest = e2eTest.extend<{ lib: LibraryTracker }>({
  lib: async ({}, use) => {
    const lib = libraryTracker();
    try {
      await use(lib);
    } finally {
      lib.close();
    }
  },
});
