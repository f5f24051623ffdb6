import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogSource } from '../plugin.js';
import { createKubeTransport } from '../transport/create-kube-transport.js';
import type { KubeTransport } from '../transport/kube-transport.js';
import { eventually } from './eventually.test-helper.js';
import { FakeLogServer } from './fake-log-server.test-helper.js';
import { PodLogCollector } from './pod-log-collector.js';

// The same behaviour through the default transport (keep-alive agent, its error mapping and
// its quiet close), so the log code and the transport agree on the KubeTransport contract.

let server: FakeLogServer;
let transport: KubeTransport;
let dir: string;

beforeEach(async () => {
  server = await FakeLogServer.start();
  dir = mkdtempSync(join(tmpdir(), 'kubetrack-logs-'));
  const kubeconfig = join(dir, 'kubeconfig.json');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fake', cluster: { server: server.url } }],
      users: [{ name: 'user', user: { token: 'token' } }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'user', namespace: 'ns' } }],
      'current-context': 'fake',
    }),
  );
  transport = createKubeTransport({ kubeconfig });
});

afterEach(async () => {
  transport.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const running = (restartCount: number): LogSource => ({
  pod: 'web-1',
  podUid: 'uid-web-1',
  container: 'app',
  containerId: `containerd://app-${restartCount}`,
  restartCount,
  started: true,
  terminated: false,
});

describe('PodLogCollector over the default transport', () => {
  it('shows each line once through a reset, a restart and a missed instance, and closes on stop', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'one');
    const texts: string[] = [];
    const errors: Error[] = [];
    const collector = new PodLogCollector(transport, {
      onLine: (_source, line) => texts.push(line.text),
      onError: (error) => errors.push(error),
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    collector.update('ns', [running(0)]);
    await eventually(() => expect(texts).toEqual(['one']));

    server.cutConnections();
    server.print('web-1', 'app', 'two');
    await eventually(() => expect(texts).toEqual(['one', 'two']));

    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'missed');
    server.startContainer('web-1', 'app');
    server.print('web-1', 'app', 'three');
    collector.update('ns', [running(2)]);
    await eventually(() => expect(texts).toEqual(['one', 'two', 'missed', 'three']));
    expect(errors).toEqual([]);

    collector.stop();
    await eventually(() => expect(server.followers()).toBe(0));
  });

  it('reports a forbidden pods/log with the server’s message', async () => {
    server.addPod('web-1', ['app']);
    server.startContainer('web-1', 'app');
    server.fail({ status: 403, reason: 'Forbidden', message: 'pods "web-1" is forbidden: User "ci" cannot get resource "pods/log"' });
    const errors: Error[] = [];
    const collector = new PodLogCollector(transport, { onLine: () => {}, onError: (error) => errors.push(error) });
    collector.update('ns', [running(0)]);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.message).toContain('cannot get resource "pods/log"');
    collector.stop();
  });
});
