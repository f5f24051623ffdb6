import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { TEST_TLS } from '../testing/test-tls.js';
import { KubeconfigCredentials, type CredentialSource } from './kubeconfig-credentials.js';
import { loadKubeConfig } from './load-kube-config.js';
import { PRELOAD_TIMEOUT_MS, preloadClientNode } from '../testing/preload-client-node.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubetrack-credentials-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function authorization(credentials: KubeconfigCredentials): Promise<unknown> {
  const options: RequestOptions = {};
  await credentials.apply(options);
  return (options.headers as Record<string, unknown> | undefined)?.Authorization;
}

function configWithUser(user: Omit<NonNullable<CredentialSource['user']>, 'name'>): CredentialSource {
  return { cluster: { name: 'c', server: 'https://c.example:6443', skipTLSVerify: false }, user: { name: 'u', ...user } };
}


// Exec-plugin and 401-refresh tests load client-node lazily, as production does: load it first.
beforeAll(preloadClientNode, PRELOAD_TIMEOUT_MS);

describe('KubeconfigCredentials', () => {
  it('re-reads a service-account token file only after refresh()', async () => {
    const accountDir = join(dir, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(accountDir, { recursive: true });
    writeFileSync(join(accountDir, 'token'), 'first');
    writeFileSync(join(accountDir, 'ca.crt'), 'not checked until a TLS handshake');
    const loaded = loadKubeConfig({}, { env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' }, homeDir: dir, inClusterPathPrefix: dir });
    const credentials = new KubeconfigCredentials(loaded);

    expect(await authorization(credentials)).toBe('Bearer first');
    writeFileSync(join(accountDir, 'token'), 'rotated');
    expect(await authorization(credentials)).toBe('Bearer first');
    credentials.refresh();
    expect(await authorization(credentials)).toBe('Bearer rotated');
  });

  it('names a CA file the kubeconfig points to that does not exist', async () => {
    const config = configWithUser({ token: 't' });
    config.cluster.caFile = join(dir, 'missing-ca.crt');
    const error = await new KubeconfigCredentials(config).apply({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('invalid-input');
    expect((error as ProgramError).message).toBe(`file "${join(dir, 'missing-ca.crt')}" named in the kubeconfig does not exist`);
  });

  it('sends a static token and basic-auth users as kubectl does', async () => {
    expect(await authorization(new KubeconfigCredentials(configWithUser({ token: 'static' })))).toBe('Bearer static');
    const options: RequestOptions = {};
    await new KubeconfigCredentials(configWithUser({ username: 'admin', password: 'pw' })).apply(options);
    expect(options.auth).toBe('admin:pw');
  });

  it('turns a failing exec plugin into a one-line "unauthorized" error naming the user', async () => {
    const credentials = new KubeconfigCredentials(
      configWithUser({
        exec: { command: process.execPath, args: ['-e', 'console.error("token expired\\nrun aws sso login"); process.exit(1)'] },
      }),
    );
    const error = await credentials.apply({}).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('unauthorized');
    expect((error as ProgramError).message).toBe('cannot get credentials for user "u": token expired');
  });

  it('reports an exec plugin that is not installed', async () => {
    const credentials = new KubeconfigCredentials(configWithUser({ exec: { command: join(dir, 'no-such-plugin') } }));
    await expect(credentials.apply({})).rejects.toThrow(/cannot get credentials for user "u": spawn .*no-such-plugin ENOENT/);
  });

  it('applies CA, client certificate and key, preferring data over files as kubectl does', async () => {
    const [file, data] = TEST_TLS;
    writeFileSync(join(dir, 'ca.crt'), file.cert);
    writeFileSync(join(dir, 'me.crt'), file.cert);
    writeFileSync(join(dir, 'me.key'), file.key);
    const fromFiles: RequestOptions = {};
    await new KubeconfigCredentials({
      cluster: { name: 'c', server: 'https://c', caFile: join(dir, 'ca.crt'), skipTLSVerify: false },
      user: { name: 'u', certFile: join(dir, 'me.crt'), keyFile: join(dir, 'me.key') },
    }).apply(fromFiles);
    expect([fromFiles.ca, fromFiles.cert, fromFiles.key].map(String)).toEqual([file.cert, file.cert, file.key]);
    expect(fromFiles.rejectUnauthorized).toBeUndefined();

    const base64 = (text: string): string => Buffer.from(text).toString('base64');
    const both: RequestOptions = {};
    await new KubeconfigCredentials({
      cluster: { name: 'c', server: 'https://c', caFile: join(dir, 'ca.crt'), caData: base64(data.cert), skipTLSVerify: false },
      user: { name: 'u', certFile: join(dir, 'me.crt'), certData: base64(data.cert), keyData: base64(data.key) },
    }).apply(both);
    expect([both.ca, both.cert, both.key].map(String)).toEqual([data.cert, data.cert, data.key]);
  });

  it('refuses a client certificate or key that is not PEM as bad input, before any request', async () => {
    const base64 = (text: string): string => Buffer.from(text).toString('base64');
    const credentials = new KubeconfigCredentials({
      cluster: { name: 'c', server: 'https://c', skipTLSVerify: false },
      user: { name: 'u', certData: base64('not a certificate'), keyData: base64('SECRET-KEY-MATERIAL') },
    });
    const error = (await credentials.apply({}).catch((caught: unknown) => caught)) as ProgramError;
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(error.message).toMatch(/^the certificate authority or client certificate\/key of cluster "c" and user "u" in the kubeconfig is not usable: .*PEM/);
    expect(error.message).not.toContain('SECRET-KEY-MATERIAL');
  });

  it('turns off verification for insecure-skip-tls-verify and sets tls-server-name, even without a user', async () => {
    const options: RequestOptions = {};
    await new KubeconfigCredentials({
      cluster: { name: 'c', server: 'https://c', skipTLSVerify: true, tlsServerName: 'api.internal' },
      user: undefined,
    }).apply(options);
    expect(options).toMatchObject({ rejectUnauthorized: false, servername: 'api.internal' });
  });

  it('sends basic auth and impersonation headers from a kubeconfig file', async () => {
    const file = join(dir, 'config');
    writeFileSync(
      file,
      [
        'clusters: [{name: c, cluster: {server: "https://c"}}]',
        'users: [{name: u, user: {username: admin, password: secret, as: jane, as-groups: [ops]}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
    const options: RequestOptions = {};
    await new KubeconfigCredentials(loadKubeConfig({ kubeconfig: file })).apply(options);
    expect(options.auth).toBe('admin:secret');
    expect(options.headers).toMatchObject({ 'Impersonate-User': 'jane', 'Impersonate-Group': ['ops'] });
    expect((options.headers as Record<string, unknown>).Authorization).toBeUndefined();
  });

  it('reads a relative tokenFile next to the kubeconfig, trimmed, and prefers it to a static token', async () => {
    mkdirSync(join(dir, 'kube'));
    writeFileSync(join(dir, 'kube', 'token'), 'from-file\n');
    const file = join(dir, 'kube', 'config');
    writeFileSync(
      file,
      [
        'clusters: [{name: c, cluster: {server: "https://c"}}]',
        'users: [{name: u, user: {token: static, tokenFile: token}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
    expect(await authorization(new KubeconfigCredentials(loadKubeConfig({ kubeconfig: file })))).toBe('Bearer from-file');
  });

  it('names a token file that does not exist', async () => {
    const missing = join(dir, 'no-token');
    const error = await new KubeconfigCredentials(configWithUser({ tokenFile: missing })).apply({}).catch((caught: unknown) => caught);
    expect((error as ProgramError).code).toBe('invalid-input');
    expect((error as ProgramError).message).toBe(`file "${missing}" named in the kubeconfig does not exist`);
  });
});
