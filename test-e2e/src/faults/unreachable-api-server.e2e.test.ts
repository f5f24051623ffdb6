import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { expectOneErrorLine } from '../cli/cli-helpers.js';
import { kubeconfigThrough } from '../harness/proxied-kubeconfig.js';
import { runKubetrack } from '../harness/index.js';

/** A TCP server that takes connections and then does what `onConnection` says (never answering, or hanging up). */
async function listen(onConnection: (socket: Socket) => void): Promise<{ address: string; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${(server.address() as { port: number }).port}`, server, sockets };
}

async function stop(listener: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of listener.sockets) socket.destroy();
  await new Promise((resolve) => listener.server.close(resolve));
}

describe.concurrent('an API server that cannot be reached', () => {
  // (connection refused, the fast case, is in cli/bad-input)
  test('accepting connections but never answering: retried within --timeout, then exit 3 in one line, the report written', async () => {
    const blackHole = await listen(() => undefined);
    try {
      const result = await runKubetrack(['track', 'deploy/web', '-n', 'default', '--timeout', '8s', '-o', 'json'], {
        env: { KUBECONFIG: kubeconfigThrough(blackHole.address).path },
        killAfterMs: 120_000, // only catches a hang
      });
      expect(result.signal).toBeNull();
      expectOneErrorLine(result, 3, /^kubetrack: no answer from the API server within --timeout 8s \(check KUBECONFIG, --context and that the cluster is healthy\)$/);
      expect(JSON.parse(result.stdout)).toMatchObject({ success: false, error: { type: 'program', code: 'cluster-unreachable' } });
    } finally {
      await stop(blackHole);
    }
  });

  test('hanging up on every connection (before TLS): a few tries, then exit 3 in one line naming the server', async () => {
    const hangUp = await listen((socket) => socket.destroy());
    try {
      const result = await runKubetrack(['track', 'deploy/web', '-n', 'default', '--timeout', '60s'], {
        env: { KUBECONFIG: kubeconfigThrough(hangUp.address).path },
        killAfterMs: 120_000,
      });
      expect(result.signal).toBeNull();
      expectOneErrorLine(result, 3, new RegExp(`https://${hangUp.address.replaceAll('.', '\\.')}.*\\(check KUBECONFIG, --context and that the cluster is running\\)$`));
    } finally {
      await stop(hangUp);
    }
  });
});
