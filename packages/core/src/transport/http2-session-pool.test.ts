import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, startScriptedApiServer, type ScriptedApiServer } from '../testing/scripted-api-server.js';
import { Http2SessionPool } from './http2-session-pool.js';

let server: ScriptedApiServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const ca = readFileSync(new URL('../testing/fixtures/scripted-tls.crt', import.meta.url));

describe('Http2SessionPool', () => {
  it('a keep-alive ping due between destroy() and the session\'s close does nothing, instead of throwing from a timer', async () => {
    server = await startScriptedApiServer({ tls: 'h2' });
    server.on('/version', jsonResponse({ major: '1', minor: '34' }));
    // Only the interval is faked: the session's own close still comes from Node's event loop.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const pool = new Http2SessionPool(new URL(server.url), { pingIntervalMs: 1000 });
    const stream = await pool.request({ ca }, { ':path': '/version' }, true);
    expect(stream).toBeDefined();
    stream?.resume();

    pool.close();
    // The interval fires before 'close' has cleared it: without the guard session.ping() throws
    // ERR_HTTP2_INVALID_SESSION here, which from a real timer ends the process.
    expect(() => vi.advanceTimersByTime(1000)).not.toThrow();
  });

  it('shares one connection between requests with the same TLS identity, by content, and keeps another identity apart', async () => {
    server = await startScriptedApiServer({ tls: 'h2' });
    server.on('/version', jsonResponse({ major: '1', minor: '34' }));
    const pool = new Http2SessionPool(new URL(server.url));
    const get = async (identity: Parameters<Http2SessionPool['request']>[0]) => {
      const stream = await pool.request(identity, { ':path': '/version' }, true);
      stream?.resume();
      await new Promise((resolve) => stream?.once('close', resolve));
    };
    try {
      await get({ ca });
      await get({ ca: Buffer.from(ca) });
      await get({ ca: ca.toString('utf8') });
      expect(server.connectionsAccepted).toBe(1);
      // A different verification setting must not ride on a session made under another one.
      await get({ ca, servername: 'localhost' });
      expect(server.connectionsAccepted).toBe(2);
      await get({ ca: ca.toString('utf8'), servername: 'localhost' });
      expect(server.connectionsAccepted).toBe(2);
    } finally {
      pool.close();
    }
  });
});
