import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { KubeconfigCredentials } from './kubeconfig-credentials.js';
import { loadKubeConfig } from './load-kube-config.js';

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

function configWithUser(user: Record<string, unknown>): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://c.example:6443', skipTLSVerify: false }],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

describe('KubeconfigCredentials', () => {
  it('re-reads a service-account token file only after refresh()', async () => {
    const accountDir = join(dir, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(accountDir, { recursive: true });
    writeFileSync(join(accountDir, 'token'), 'first');
    writeFileSync(join(accountDir, 'ca.crt'), 'not checked until a TLS handshake');
    const loaded = loadKubeConfig({}, { env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' }, homeDir: dir, inClusterPathPrefix: dir });
    const credentials = new KubeconfigCredentials(loaded.config);

    expect(await authorization(credentials)).toBe('Bearer first');
    writeFileSync(join(accountDir, 'token'), 'rotated');
    expect(await authorization(credentials)).toBe('Bearer first');
    credentials.refresh();
    expect(await authorization(credentials)).toBe('Bearer rotated');
  });

  it('names a CA file the kubeconfig points to that does not exist', async () => {
    const config = configWithUser({ token: 't' });
    config.getClusters()[0]!.caFile = join(dir, 'missing-ca.crt');
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
});
