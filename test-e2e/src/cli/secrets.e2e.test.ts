import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect } from 'vitest';
import { clusterKubeconfigPath, e2eTest, runKubetrack, serviceAccountKubeconfig, type KubetrackResult } from '../harness/index.js';
import { STACK_FRAME, tempDir, writeTemp } from './cli-helpers.js';

const TOKEN = 'kt-secret-bearer-token-7f3a9c';
const PASSWORD = 'kt-secret-basic-password-51e2';
const URL_PASSWORD = 'kt-secret-url-password-c0de';
const EXEC_SECRET = 'kt-secret-exec-env-9b1d';

interface ClusterEntry {
  server: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
}

/** The test cluster's server and CA, and its admin user's client certificate and key (base64 PEM). */
function clusterMaterial(): { cluster: ClusterEntry; certData: string; keyData: string } {
  const config = parse(readFileSync(clusterKubeconfigPath(), 'utf8')) as {
    clusters: Array<{ cluster: ClusterEntry }>;
    users: Array<{ user: Record<string, string> }>;
  };
  const user = config.users[0]!.user;
  const pem = (data: string | undefined, file: string | undefined) => data ?? Buffer.from(readFileSync(file!, 'utf8')).toString('base64');
  return {
    cluster: config.clusters[0]!.cluster,
    certData: pem(user['client-certificate-data'], user['client-certificate']),
    keyData: pem(user['client-key-data'], user['client-key']),
  };
}

function kubeconfig(name: string, cluster: ClusterEntry, user: Record<string, unknown>): string {
  return writeTemp(tempDir('kubetrack-secrets-'), `${name}.kubeconfig`, stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u', namespace: 'default' } }],
    'current-context': 'x',
  }));
}

/** Every way the outcome is printed: plain, --debug (stacks and causes), and the JSON report. */
async function runAllOutputs(file: string, extraEnv: Record<string, string> = {}): Promise<KubetrackResult[]> {
  const base = ['track', 'deploy/web', '--timeout', '20s', '--kubeconfig', file];
  return Promise.all([base, [...base, '--debug'], [...base, '-o', 'json'], [...base, '-o', 'ndjson', '--debug']].map((args) => runKubetrack(args, { env: extraEnv })));
}

function expectNoSecrets(results: readonly KubetrackResult[], secrets: readonly string[], code: number): void {
  for (const result of results) {
    expect(result.code, result.stderr).toBe(code);
    const output = result.stdout + result.stderr;
    for (const secret of secrets) expect(output, `a secret leaked:\n${output}`).not.toContain(secret);
  }
  // Without --debug: one line, no stack.
  expect(results[0]!.stderr).not.toMatch(STACK_FRAME);
}

describe.concurrent('no credential reaches any output, --debug included', () => {
  e2eTest('401: a bad bearer token, a basic-auth password and a password in the server URL', async () => {
    const { cluster } = clusterMaterial();
    const server = cluster.server.replace('https://', `https://admin:${URL_PASSWORD}@`);
    const file = kubeconfig('unauthorized', { ...cluster, server }, { token: TOKEN, username: 'admin', password: PASSWORD });
    const results = await runAllOutputs(file);
    expectNoSecrets(results, [TOKEN, PASSWORD, URL_PASSWORD], 3);
    expect(results[0]!.stderr).toMatch(/^kubetrack: unauthorized: the API server at https:\/\/127\.0\.0\.1:\d+ rejected the credentials/);
  });

  e2eTest('403: a real ServiceAccount token without RBAC', async ({ namespace }) => {
    const file = serviceAccountKubeconfig(namespace, 'nobody');
    const token = (parse(readFileSync(await file, 'utf8')) as { users: Array<{ user: { token: string } }> }).users[0]!.user.token;
    const results = await runAllOutputs(await file);
    expectNoSecrets(results, [token], 3);
    expect(results[0]!.stdout + results[0]!.stderr).toMatch(/forbidden: cannot (list|watch|get) deployments/);
  });

  e2eTest('TLS failure: the real API server, but its CA not trusted (a client key and a token configured)', async () => {
    const { cluster, certData, keyData } = clusterMaterial();
    const file = kubeconfig('untrusted', { server: cluster.server }, { token: TOKEN, 'client-certificate-data': certData, 'client-key-data': keyData });
    const results = await runAllOutputs(file);
    const key = Buffer.from(keyData, 'base64').toString();
    const keyBody = key.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
    expectNoSecrets(results, [TOKEN, keyData, certData, keyBody.slice(0, 40)], 3);
    expect(results[0]!.stderr).toMatch(/certificate/);
  });

  e2eTest('an exec credential plugin that fails, with a secret in its environment and arguments', async () => {
    const { cluster } = clusterMaterial();
    const file = kubeconfig('exec', cluster, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'sh',
        args: ['-c', 'exit 1', `--password=${EXEC_SECRET}`],
        env: [{ name: 'KT_SECRET', value: EXEC_SECRET }],
        interactiveMode: 'Never',
      },
    });
    const results = await runAllOutputs(file);
    expectNoSecrets(results, [EXEC_SECRET], 3);
    expect(results[0]!.stderr).toMatch(/cannot get credentials for user "u"/);
  });
});
