import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ConnectionCuttingProxy {
  /** host:port to dial instead of the API server */
  readonly address: string;
  /** Connections accepted, and how many of them the proxy cut. */
  readonly stats: { accepted: number; cut: number };
  close(): Promise<void>;
}

export interface ProxyOptions {
  target: { host: string; port: number };
  /** Each connection lives a random time in this range, then both sides are reset. */
  cutAfterMs: { min: number; max: number };
  random?: () => number;
}

/**
 * A loopback TCP proxy that resets every connection after a random lifetime: the fault a flaky
 * load balancer or NAT gives a long-lived watch. TLS passes through untouched (the client still
 * verifies the API server's certificate), so only the cuts differ from a direct connection.
 */
export async function startConnectionCuttingProxy(options: ProxyOptions): Promise<ConnectionCuttingProxy> {
  const random = options.random ?? Math.random;
  const stats = { accepted: 0, cut: 0 };
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    stats.accepted++;
    const upstream = connect(options.target.port, options.target.host);
    open.add(client);
    open.add(upstream);
    const { min, max } = options.cutAfterMs;
    const timer = setTimeout(() => {
      stats.cut++;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }, min + random() * (max - min));
    const end = () => {
      clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
