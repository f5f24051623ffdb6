import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';
import { clusterKubeconfigPath } from '../harness/kube-clients.js';
import { KUBETRACK_BUNDLE } from '../harness/run-kubetrack.js';
import { STACK_FRAME, tempDir, writeTemp } from './cli-helpers.js';

/** The API server's port, from the test cluster's kubeconfig. */
function apiServerPort(): number {
  const match = /server:\s*https:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(clusterKubeconfigPath(), 'utf8'));
  if (!match) throw new Error('no https://127.0.0.1:PORT server in the test kubeconfig');
  return Number(match[1]);
}

/** Established TCP connections from process `pid` to `port` (default: the API server), as the kernel lists them. */
function connectionsTo(pid: number, port = apiServerPort()): number {
  const lines = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
  return lines.split('\n').filter((line) => line.includes(`pid=${pid},`)).length;
}

/**
 * Follows three Deployments of two pods each (4 watches, 6 log follows) until every pod's log
 * line has arrived, then counts the CLI's connections to `port` (default: the API server) and stops it.
 */
async function connectionsWhileFollowing(namespace: string, env: Record<string, string>, port?: number): Promise<number> {
  const names = ['alpha', 'beta', 'gamma'];
  await applyManifests(namespace, names.map((name) => deploymentManifest({ name, replicas: 2, readyAfter: '500ms', logs: [`${name} serving`] })));
  const child = spawn(process.execPath, [KUBETRACK_BUNDLE, 'follow', ...names.map((name) => `deploy/${name}`), '-n', namespace, '-o', 'ndjson', '--logs-since', 'all', '--logs-replicas', 'all'], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], KUBECONFIG: clusterKubeconfigPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const podsWithLogs = new Set<string>();
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not every pod's log arrived within 60s; got ${[...podsWithLogs].join(', ')}\n${stderr}`)), 60_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const message = JSON.parse(line) as { type?: string; pod?: string; line?: string };
          if (message.type === 'log' && message.line?.endsWith(' serving')) podsWithLogs.add(message.pod ?? '');
        }
        if (podsWithLogs.size === 6) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return connectionsTo(child.pid!, port);
  } finally {
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
  }
}

/**
 * A TLS front for the API server that offers only http/1.1 in ALPN (what an old server or a
 * TLS-terminating proxy does): each connection is piped to its own HTTP/1.1 connection to the
 * API server, with the test cluster's client certificate. Its own certificate is that same
 * client certificate, so the kubeconfig it writes skips verification.
 */
async function http1OnlyFront(): Promise<{ kubeconfig: string; port: number; close(): Promise<void> }> {
  const kubeconfigText = readFileSync(clusterKubeconfigPath(), 'utf8');
  const file = (field: string): string => {
    const match = new RegExp(`${field}:\\s*(\\S+)`).exec(kubeconfigText);
    if (!match) throw new Error(`no ${field} in the test kubeconfig`);
    return readFileSync(match[1]!, 'utf8');
  };
  const identity = { cert: file('client-certificate'), key: file('client-key') };
  const ca = file('certificate-authority');
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ ...identity, ALPNProtocols: ['http/1.1'] }, (downstream) => {
    const upstream = tls.connect({ host: '127.0.0.1', port: apiServerPort(), ca, ...identity, ALPNProtocols: ['http/1.1'] });
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => {
        sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const kubeconfig = writeTemp(tempDir(), 'kubeconfig', JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'front', cluster: { server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'u', user: {} }],
    contexts: [{ name: 'front', context: { cluster: 'front', user: 'u' } }],
    'current-context': 'front',
  }));
  return {
    kubeconfig,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('kubetrack on the wire', () => {
  e2eTest('carries every watch and log follow on one HTTP/2 connection to the API server', async ({ namespace }) => {
    expect(await connectionsWhileFollowing(namespace, {})).toBe(1);
  });

  e2eTest('with KUBETRACK_HTTP2=0 (HTTP/1.1) the same run needs a connection per stream (what the count above is measured against)', async ({ namespace }) => {
    expect(await connectionsWhileFollowing(namespace, { KUBETRACK_HTTP2: '0' })).toBeGreaterThan(6);
  });

  e2eTest('falls back to HTTP/1.1, every log still arriving, when the server does not negotiate h2', async ({ namespace }) => {
    const front = await http1OnlyFront();
    try {
      expect(await connectionsWhileFollowing(namespace, { KUBECONFIG: front.kubeconfig }, front.port)).toBeGreaterThan(6);
    } finally {
      await front.close();
    }
  });
});

/** An API server that sends its /version headers, then one byte every 200 ms, forever. */
async function tricklingServer(): Promise<{ kubeconfig: string; requested: Promise<void>; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  let onRequest!: () => void;
  const requested = new Promise<void>((resolve) => (onRequest = resolve));
  const server = http.createServer((_request, response) => {
    onRequest();
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const timer = setInterval(() => response.write(' '), 200);
    timers.add(timer);
    response.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = writeTemp(tempDir(), 'kubeconfig', JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'slow', cluster: { server: url } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [{ name: 'slow', context: { cluster: 'slow', user: 'u' } }],
    'current-context': 'slow',
  }));
  return {
    kubeconfig,
    requested,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.concurrent('kubetrack against an API server that trickles its answers', () => {
  e2eTest('--timeout ends the run before tracking starts: one line, exit 3', async () => {
    const slow = await tricklingServer();
    try {
      const result = await runKubetrack(['track', 'deploy/web', '-n', 'default', '--timeout', '2s'], { env: { KUBECONFIG: slow.kubeconfig }, killAfterMs: 60_000 });
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr.trim()).toBe('kubetrack: no answer from the API server within --timeout 2s (check KUBECONFIG, --context and that the cluster is healthy)');
    } finally {
      await slow.close();
    }
  });

  e2eTest('the first SIGTERM ends the run while the API server is still answering', async () => {
    const slow = await tricklingServer();
    try {
      const child = spawn(process.execPath, [KUBETRACK_BUNDLE, 'track', 'deploy/web', '-n', 'default'], {
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], KUBECONFIG: slow.kubeconfig },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      // Once the request is under way the CLI is listening for signals (before that one exits at once anyway).
      await slow.requested;
      child.kill('SIGTERM');
      const code = await exited;
      clearTimeout(killer);
      expect(code, stderr).toBe(143);
      expect(stderr).not.toMatch(STACK_FRAME);
    } finally {
      await slow.close();
    }
  });
});
