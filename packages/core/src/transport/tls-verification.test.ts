import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TLS } from '../testing/test-tls.js';
import { createKubeTransport } from './create-kube-transport.js';

const TOKEN = 'kt-tls-test-token';
const [server] = TEST_TLS;

/** An HTTPS server with a self-signed certificate that records every Authorization header it receives. */
async function selfSignedServer(): Promise<{ url: string; authorizations: string[]; close(): Promise<void> }> {
  const authorizations: string[] = [];
  const httpsServer = https.createServer({ cert: server.cert, key: server.key }, (request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"APIVersions"}');
  });
  await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpsServer.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, authorizations, close: () => new Promise((resolve) => httpsServer.close(() => resolve())) };
}

function kubeconfig(serverUrl: string, clusterExtra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubetrack-tls-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `clusters: [{ name: c, cluster: { server: "${serverUrl}"${clusterExtra} } }]\nusers: [{ name: u, user: { token: ${TOKEN} } }]\ncontexts: [{ name: x, context: { cluster: c, user: u } }]\ncurrent-context: x\n`,
  );
  return file;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe('TLS verification', () => {
  it('refuses a self-signed server it was not told to trust, and sends it no token', async () => {
    const fake = await selfSignedServer();
    close = fake.close;
    const transport = createKubeTransport({ kubeconfig: kubeconfig(fake.url, '') });
    const error = await transport.requestJson({ path: '/api' }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/self-signed certificate/);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(fake.authorizations).toEqual([]);
  });

  it('talks to the same server once its certificate is the configured CA (so the refusal above is the check, not the server)', async () => {
    const fake = await selfSignedServer();
    close = fake.close;
    const ca = Buffer.from(server.cert).toString('base64');
    const transport = createKubeTransport({ kubeconfig: kubeconfig(fake.url, `, certificate-authority-data: ${ca}`) });
    await expect(transport.requestJson({ path: '/api' })).resolves.toEqual({ kind: 'APIVersions' });
    expect(fake.authorizations).toEqual([`Bearer ${TOKEN}`]);
  });
});
