import type http2 from 'node:http2';
import { isIP } from 'node:net';

/** The TLS side of a kubeconfig user: sessions are shared only between requests with the same one. */
export interface TlsIdentity {
  ca?: string | Buffer | undefined;
  cert?: string | Buffer | undefined;
  key?: string | Buffer | undefined;
  rejectUnauthorized?: boolean | undefined;
  servername?: string | undefined;
}

export interface Http2SessionPoolOptions {
  /** A PING this often finds a dead peer behind NAT or a load balancer; unanswered within as long, the session is dropped. */
  pingIntervalMs?: number;
  /** Called for each TCP connection the pool opens (tests and the benchmark count them). */
  onConnection?: () => void;
}

interface PooledSession {
  readonly session: http2.ClientHttp2Session;
  /** Index of its identity in the pool's list. */
  readonly key: number;
  active: number;
  /** GOAWAY received or closed: no new streams. */
  draining: boolean;
}

/**
 * HTTP/2 sessions to one API server (ALPN h2, which kube-apiserver speaks), every LIST, WATCH
 * and log follow a stream on them: one TCP connection instead of one per watch. A second
 * session opens only when the first is at the server's SETTINGS_MAX_CONCURRENT_STREAMS. A
 * GOAWAY drains a session: its open streams end as connection cuts (the reflector re-watches,
 * the log follower resumes) and new requests go to a fresh session. When ALPN picks
 * http/1.1 (a proxy, an old server) the pool says so once and the caller stays on HTTP/1.1.
 */
export class Http2SessionPool {
  readonly #base: URL;
  readonly #pingIntervalMs: number;
  readonly #onConnection: (() => void) | undefined;
  readonly #sessions: PooledSession[] = [];
  readonly #connecting = new Map<number, Promise<PooledSession | undefined>>();
  /** Every identity seen; a request's is found by reference first, so no request serialises its certificates. */
  readonly #identities: TlsIdentity[] = [];
  #http1Only = false;
  #closed = false;

  constructor(base: URL, options: Http2SessionPoolOptions = {}) {
    this.#base = base;
    this.#pingIntervalMs = options.pingIntervalMs ?? 30_000;
    this.#onConnection = options.onConnection;
  }

  /**
   * Opens a stream on a session with a free slot for this identity; undefined when the server
   * negotiated HTTP/1.1. Connection errors (refused, TLS) reject with the socket's error.
   */
  async request(identity: TlsIdentity, headers: http2.OutgoingHttpHeaders, endStream: boolean): Promise<http2.ClientHttp2Stream | undefined> {
    const key = this.#identityKey(identity);
    for (;;) {
      if (this.#http1Only || this.#closed) return undefined;
      const free = this.#sessions.find((entry) => entry.key === key && !entry.draining && entry.active < maxStreams(entry.session));
      if (free !== undefined) {
        try {
          return this.#open(free, headers, endStream);
        } catch (error) {
          // A GOAWAY or close the session has not announced yet: take the next session.
          const code = (error as { code?: unknown }).code;
          if (code !== 'ERR_HTTP2_GOAWAY_SESSION' && code !== 'ERR_HTTP2_INVALID_SESSION') throw error;
          free.draining = true;
          continue;
        }
      }
      let connecting = this.#connecting.get(key);
      if (connecting === undefined) {
        connecting = this.#connect(identity, key).finally(() => this.#connecting.delete(key));
        this.#connecting.set(key, connecting);
      }
      // Whoever finds the new session full comes round again and opens the next one.
      if ((await connecting) === undefined) return undefined;
    }
  }

  close(): void {
    this.#closed = true;
    for (const entry of this.#sessions) entry.session.destroy();
    this.#sessions.length = 0;
  }

  #open(entry: PooledSession, headers: http2.OutgoingHttpHeaders, endStream: boolean): http2.ClientHttp2Stream {
    const stream = entry.session.request(headers, { endStream });
    entry.active++;
    stream.once('close', () => {
      entry.active--;
    });
    return stream;
  }

  #identityKey(identity: TlsIdentity): number {
    const known = this.#identities.findIndex((other) => sameIdentity(other, identity));
    return known === -1 ? this.#identities.push({ ...identity }) - 1 : known;
  }

  async #connect(identity: TlsIdentity, key: number): Promise<PooledSession | undefined> {
    const host = this.#base.hostname.replace(/^\[|\]$/g, '');
    const servername = identity.servername ?? (isIP(host) === 0 ? host : undefined);
    const socket = process.getBuiltinModule('node:tls').connect({
      host,
      port: Number(this.#base.port) || 443,
      ...(servername === undefined ? {} : { servername }),
      ...(identity.ca === undefined ? {} : { ca: identity.ca }),
      ...(identity.cert === undefined ? {} : { cert: identity.cert }),
      ...(identity.key === undefined ? {} : { key: identity.key }),
      ...(identity.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: identity.rejectUnauthorized }),
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    this.#onConnection?.();
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    }).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    if (socket.alpnProtocol !== 'h2' || this.#closed) {
      socket.destroy();
      if (!this.#closed) this.#http1Only = true;
      return undefined;
    }
    socket.setKeepAlive(true, this.#pingIntervalMs);
    // HTTP/2 flow control is per stream and per connection: with the 64 KiB defaults a burst on
    // some streams (a LIST page, logs of many pods) stalls every other stream of the session
    // until the reader catches up. client-go opens 4 MiB per stream and 1 GiB per connection.
    const session = process.getBuiltinModule('node:http2').connect(this.#base.origin, {
      createConnection: () => socket,
      settings: { initialWindowSize: STREAM_WINDOW_BYTES },
    });
    session.once('connect', () => session.setLocalWindowSize(CONNECTION_WINDOW_BYTES));
    const entry: PooledSession = { session, key, active: 0, draining: false };
    // Stream errors reach each request; a session error must not crash the process.
    session.on('error', () => undefined);
    session.on('goaway', () => {
      entry.draining = true;
    });
    const ping = setInterval(() => {
      // 'close' (which clears this interval) comes a tick or more after destroy(); a ping on a
      // destroyed session throws ERR_HTTP2_INVALID_SESSION from this timer and ends the process
      // (seen once in outage/connection-cuts, session 10; http2-session-pool.test.ts).
      if (session.destroyed) return;
      const timer = setTimeout(() => session.destroy(), this.#pingIntervalMs);
      timer.unref();
      const sent = session.ping((error) => {
        clearTimeout(timer);
        if (error) session.destroy();
      });
      if (!sent) clearTimeout(timer);
    }, this.#pingIntervalMs);
    ping.unref();
    session.once('close', () => {
      clearInterval(ping);
      entry.draining = true;
      const index = this.#sessions.indexOf(entry);
      if (index !== -1) this.#sessions.splice(index, 1);
    });
    await new Promise<void>((resolve) => {
      // The server's SETTINGS (its stream limit) follow its preface; until then remoteSettings holds defaults.
      session.once('remoteSettings', () => resolve());
      session.once('close', () => resolve());
    });
    if (entry.draining) throw Object.assign(new Error('the server closed the HTTP/2 connection at once'), { code: 'ECONNRESET' });
    this.#sessions.push(entry);
    return entry;
  }
}

const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
const CONNECTION_WINDOW_BYTES = 256 * 1024 * 1024;

function maxStreams(session: http2.ClientHttp2Session): number {
  return session.remoteSettings?.maxConcurrentStreams ?? 100;
}

function sameIdentity(a: TlsIdentity, b: TlsIdentity): boolean {
  return (
    sameMaterial(a.ca, b.ca) &&
    sameMaterial(a.cert, b.cert) &&
    sameMaterial(a.key, b.key) &&
    (a.rejectUnauthorized ?? true) === (b.rejectUnauthorized ?? true) &&
    (a.servername ?? '') === (b.servername ?? '')
  );
}

/** The same PEM, whether given as a string or a Buffer (a kubeconfig's data fields and files differ). */
function sameMaterial(a: string | Buffer | undefined, b: string | Buffer | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  const bytes = (material: string | Buffer): Buffer => (typeof material === 'string' ? Buffer.from(material) : material);
  return bytes(a).equals(bytes(b));
}
