import type { KubeObject, Report, ResourceKind, TrackMessage, TrackRun, TrackSpec, TrackerPlugin } from '@kubetrack/core';
import type { CliIo, InterruptSignal } from './cli-io.js';
import type { ClusterSession, ConnectOptions } from './run/cluster-session.js';

export const deployment: ResourceKind = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'] };
const job: ResourceKind = { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true };
export const testPlugin: TrackerPlugin = { apiVersion: 1, name: 'test-workloads', kinds: [deployment, job], evaluate: () => ({ state: 'ready', message: '' }) };

/** A process in memory: what main writes, and a way to send it a signal. */
export function memoryIo(options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}) {
  const out = { stdout: '', stderr: '' };
  const handlers = new Set<(signal: InterruptSignal) => void>();
  const io: CliIo = {
    stdout: {
      write: (text) => {
        out.stdout += text;
      },
      isTTY: false,
    },
    stderr: {
      write: (text) => {
        out.stderr += text;
      },
    },
    stdinIsTTY: options.stdin === undefined,
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  const interrupt = (signal: InterruptSignal): void => {
    for (const handler of handlers) handler(signal);
  };
  return { io, out, interrupt };
}

/** A cluster that replays messages; records what it was asked to track. */
export function fakeCluster(
  messages: readonly TrackMessage[],
  options: { onTrack?: () => void; hold?: boolean; secrets?: KubeObject[]; configMaps?: Record<string, Record<string, string>> } = {},
) {
  const tracked: TrackSpec[][] = [];
  const configMapsRead: string[] = [];
  const connections: ConnectOptions[] = [];
  const connect = async (connectOptions: ConnectOptions): Promise<ClusterSession> => {
    connections.push(connectOptions);
    return {
      defaultNamespace: 'from-context',
      async discoverKind(query) {
        throw new (await import('@kubetrack/core')).ProgramError('invalid-input', `unknown resource type ${JSON.stringify(query.kind)}`);
      },
      async listBySelector() {
        return [{ name: 'web' }];
      },
      async getObject(_kind, _namespace, name) {
        return options.secrets?.find((secret) => secret.metadata.name === name);
      },
      async listObjects() {
        return options.secrets ?? [];
      },
      async readConfigMapData(namespace, name) {
        configMapsRead.push(`${namespace}/${name}`);
        const data = options.configMaps?.[`${namespace}/${name}`];
        if (!data) throw new (await import('@kubetrack/core')).ProgramError('invalid-input', `--argocd-cm ${namespace}/${name}: no such ConfigMap`);
        return data;
      },
      track(specs) {
        tracked.push([...specs]);
        let stopped!: () => void;
        const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
        const done = messages.at(-1) as Extract<TrackMessage, { type: 'done' }>;
        const run: TrackRun = {
          result: Promise.resolve(done.report),
          feed: async () => done.report,
          stop: () => stopped(),
          error: undefined,
          async *[Symbol.asyncIterator]() {
            for (const message of messages.slice(0, -1)) yield message;
            options.onTrack?.();
            if (options.hold) await stoppedPromise;
            yield done;
          },
        };
        return run;
      },
      close() {},
    };
  };
  return { connect, tracked, connections, configMapsRead, builtinPlugins: () => [testPlugin] };
}

export const readyReport: Report = {
  success: true,
  resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web', status: 'ready', message: 'ready', durationMs: 1200, events: [], logTail: [] }],
};
export const readyRun: TrackMessage[] = [
  { type: 'added', time: '2026-01-01T00:00:00Z', resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' } },
  { type: 'done', time: '2026-01-01T00:00:01Z', report: readyReport },
];
