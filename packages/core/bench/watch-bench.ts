/**
 * Measures the list/watch engine:
 *  1. CPU time to decode, parse, store and fan out N watch events (in-memory transport, no sockets),
 *     with 1 and with 100 subscribers on the informer;
 *  2. watch connections opened for many subscribers over a few (kind, namespace) pairs, against the
 *     scripted API server over real HTTP.
 * Run: bash packages/core/bench/run.sh [events]
 */
import type { KubeObject } from '../src/kube-object.js';
import type { ResourceKind } from '../src/resource-kind.js';
import { listResponse, stallResponse, startScriptedApiServer } from '../src/testing/scripted-api-server.js';
import type { KubeRequest, KubeStream, KubeTransport } from '../src/transport/kube-transport.js';
import { createSharedInformerFactory } from '../src/watch/shared-informer-factory.js';

const EVENTS = Number(process.argv[2] ?? 10_000);
const PODS: ResourceKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };

function pod(index: number, resourceVersion: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `web-${index % 500}`,
      namespace: 'bench',
      uid: `uid-${index % 500}`,
      resourceVersion: String(resourceVersion),
      labels: { app: 'web', 'pod-template-hash': '6f7c9d' },
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:status': {} } }],
    } as KubeObject['metadata'],
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], nodeName: 'kwok-node-0' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }],
    },
  };
}

/** Serves one LIST and one watch whose body is `events` pre-encoded lines in 16 KiB chunks. */
function inMemoryTransport(events: number): { transport: KubeTransport; bytes: number } {
  const text = `${Array.from({ length: events }, (_, i) =>
    JSON.stringify({ type: i < 500 ? 'ADDED' : 'MODIFIED', object: pod(i, 100 + i) }),
  ).join('\n')}\n`;
  const encoded = new TextEncoder().encode(text);
  let watches = 0;
  const transport: KubeTransport = {
    server: 'memory://',
    defaultNamespace: 'bench',
    async requestJson<T>(): Promise<T> {
      return { metadata: { resourceVersion: '100' }, items: [] } as T;
    },
    async stream(request: KubeRequest): Promise<KubeStream> {
      const first = watches++ === 0;
      let release: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => (release = resolve));
      request.signal?.addEventListener('abort', () => release());
      async function* body(): AsyncGenerator<Uint8Array> {
        if (first) for (let offset = 0; offset < encoded.length; offset += 16_384) yield encoded.subarray(offset, offset + 16_384);
        await closed;
      }
      return { body: body(), close: release };
    },
    async refreshCredentials() {},
    close() {},
  };
  return { transport, bytes: encoded.length };
}

async function eventThroughput(subscribers: number): Promise<void> {
  const { transport, bytes } = inMemoryTransport(EVENTS);
  const cache = createSharedInformerFactory(transport, { lingerMs: 0 });
  const informer = cache.informer(PODS, 'bench');
  let delivered = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const expected = EVENTS * subscribers;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < subscribers; i++) {
    informer.subscribe((event) => {
      if (event.type !== 'synced' && ++delivered === expected) done();
    });
  }
  await finished;
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const stored = informer.list().length;
  cache.stop();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${EVENTS} events (${(bytes / 1e6).toFixed(1)} MB), ${subscribers} subscriber(s): cpu ${cpuMs.toFixed(0)} ms, wall ${wallMs.toFixed(0)} ms, ` +
      `${Math.round(EVENTS / (cpuMs / 1000)).toLocaleString('en')} events/s per cpu-second, store ${stored} objects, heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB`,
  );
}

async function connectionsForSubscribers(): Promise<void> {
  const server = await startScriptedApiServer();
  server.on({ watch: false }, listResponse([], { resourceVersion: '1' })).on({ watch: true }, stallResponse());
  const cache = createSharedInformerFactory(server.transport(), { lingerMs: 0 });
  const kinds: ResourceKind[] = [
    PODS,
    { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
    { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true },
    { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  ];
  const namespaces = ['a', 'b'];
  const unsubscribes: Array<() => void> = [];
  for (let tracker = 0; tracker < 500; tracker++) {
    for (const kind of kinds) {
      unsubscribes.push(cache.informer(kind, namespaces[tracker % namespaces.length]).subscribe(() => undefined));
    }
  }
  const deadline = Date.now() + 5_000;
  while (cache.activeWatches < kinds.length * namespaces.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log(
    `500 trackers x ${kinds.length} kinds in ${namespaces.length} namespaces (${unsubscribes.length} subscriptions): ` +
      `${cache.activeWatches} watch connections, ${server.requestsMatching({ watch: false }).length} LISTs, ${server.connectionsAccepted} TCP connections`,
  );
  for (const unsubscribe of unsubscribes) unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(`after every unsubscribe: ${cache.activeWatches} watch connections, ${server.openStreams} open streams on the server`);
  cache.stop();
  await server.close();
}

await eventThroughput(1);
await eventThroughput(1);
await eventThroughput(100);
await connectionsForSubscribers();
