import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { createKubeTransport } from './create-kube-transport.js';
import { loadKubeConfig, type KubeConfigEnvironment } from './load-kube-config.js';

let dir: string;
let emptyHome: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubetrack-kubeconfig-'));
  emptyHome = join(dir, 'home');
  mkdirSync(emptyHome);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function environment(env: Record<string, string> = {}, homeDir = emptyHome): KubeConfigEnvironment {
  return { env, homeDir, inClusterPathPrefix: join(dir, 'pod') };
}

interface ContextSpec {
  name: string;
  cluster?: string;
  server?: string;
  namespace?: string;
}

function kubeconfigFile(file: string, contexts: ContextSpec[], currentContext?: string): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      ...contexts.map((c) => `- name: ${c.cluster ?? c.name}\n  cluster:\n    server: ${c.server ?? `https://${c.name}.example:6443`}`),
      'users:',
      '- name: me',
      '  user:',
      '    token: t',
      'contexts:',
      ...contexts.map(
        (c) => `- name: ${c.name}\n  context:\n    cluster: ${c.cluster ?? c.name}\n    user: me${c.namespace ? `\n    namespace: ${c.namespace}` : ''}`,
      ),
      ...(currentContext === undefined ? [] : [`current-context: ${currentContext}`]),
    ].join('\n'),
  );
  return path;
}

function failure(action: () => unknown): ProgramError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).message).not.toContain('\n');
    return error as ProgramError;
  }
  throw new Error('expected a ProgramError');
}

describe('loadKubeConfig', () => {
  it('uses the current context, its namespace and server', () => {
    const file = kubeconfigFile('config', [{ name: 'dev', namespace: 'team' }, { name: 'prod' }], 'dev');
    const loaded = loadKubeConfig({ kubeconfig: file }, environment());
    expect(loaded).toMatchObject({ context: 'dev', namespace: 'team', server: 'https://dev.example:6443', source: file });
  });

  it('switches context with --context and falls back to the "default" namespace', () => {
    const file = kubeconfigFile('config', [{ name: 'dev', namespace: 'team' }, { name: 'prod' }], 'dev');
    const loaded = loadKubeConfig({ kubeconfig: file, context: 'prod' }, environment());
    expect(loaded).toMatchObject({ context: 'prod', namespace: 'default', server: 'https://prod.example:6443' });
  });

  it('lets -n override the context namespace', () => {
    const file = kubeconfigFile('config', [{ name: 'dev', namespace: 'team' }], 'dev');
    expect(loadKubeConfig({ kubeconfig: file, namespace: 'other' }, environment()).namespace).toBe('other');
  });

  it('names the available contexts when --context is unknown', () => {
    const file = kubeconfigFile('config', [{ name: 'dev' }, { name: 'prod' }], 'dev');
    const error = failure(() => loadKubeConfig({ kubeconfig: file, context: 'staging' }, environment()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`context "staging" not found in kubeconfig ${file} (available: dev, prod)`);
  });

  it('asks for --context when the file has no current-context', () => {
    const file = kubeconfigFile('config', [{ name: 'dev' }]);
    expect(failure(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toBe(
      `kubeconfig ${file} has no current-context; pass --context (available: dev)`,
    );
  });

  it('names a missing --kubeconfig file', () => {
    const missing = join(dir, 'nope.yaml');
    const error = failure(() => loadKubeConfig({ kubeconfig: missing }, environment()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`kubeconfig file "${missing}" does not exist`);
  });

  it('names a file that is not YAML, in one line', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'clusters: [\n  - name: x\n  oops: : :\n');
    const error = failure(() => loadKubeConfig({ kubeconfig: file }, environment()));
    expect(error.message).toMatch(new RegExp(`^kubeconfig file "${file}" is not valid: `));
  });

  it('names a file with an incomplete cluster entry', () => {
    const file = join(dir, 'incomplete.yaml');
    writeFileSync(file, 'clusters:\n- name: c\n  cluster: {}\ncontexts: []\n');
    expect(failure(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toBe(
      `kubeconfig file "${file}" is not valid: clusters[0].cluster.server is missing`,
    );
  });

  it('names an empty file', () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '\n');
    expect(failure(() => loadKubeConfig({ kubeconfig: file }, environment())).message).toBe(`kubeconfig file "${file}" is empty`);
  });

  it('merges KUBECONFIG like kubectl: first definition and first current-context win, missing files skipped', () => {
    const first = kubeconfigFile('a', [{ name: 'shared', server: 'https://first:6443' }], 'shared');
    const second = kubeconfigFile('b', [{ name: 'shared', server: 'https://second:6443' }, { name: 'extra' }], 'extra');
    const loaded = loadKubeConfig({}, environment({ KUBECONFIG: [join(dir, 'missing'), first, second].join(delimiter) }));
    expect(loaded).toMatchObject({ context: 'shared', server: 'https://first:6443' });
    expect(loadKubeConfig({ context: 'extra' }, environment({ KUBECONFIG: [first, second].join(delimiter) })).server).toBe(
      'https://extra.example:6443',
    );
  });

  it('prefers --kubeconfig over KUBECONFIG', () => {
    const fromEnv = kubeconfigFile('env', [{ name: 'env' }], 'env');
    const explicit = kubeconfigFile('explicit', [{ name: 'explicit' }], 'explicit');
    expect(loadKubeConfig({ kubeconfig: explicit }, environment({ KUBECONFIG: fromEnv })).context).toBe('explicit');
  });

  it('reads ~/.kube/config when nothing else is given', () => {
    mkdirSync(join(emptyHome, '.kube'));
    const file = kubeconfigFile('home-config', [{ name: 'home' }], 'home');
    writeFileSync(join(emptyHome, '.kube', 'config'), readFileSync(file, 'utf8'));
    expect(loadKubeConfig({}, environment()).context).toBe('home');
  });

  it('uses the pod service account when running in a cluster', () => {
    const accountDir = join(dir, 'pod', 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(accountDir, { recursive: true });
    writeFileSync(join(accountDir, 'token'), 'sa-token');
    writeFileSync(join(accountDir, 'namespace'), 'hooks\n');
    const loaded = loadKubeConfig({}, environment({ KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }));
    expect(loaded).toMatchObject({ server: 'https://10.0.0.1:443', namespace: 'hooks', source: 'in-cluster service account' });
  });

  it('says "no kubeconfig found" instead of trying localhost:8080', () => {
    const error = failure(() => loadKubeConfig({}, environment()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('no kubeconfig found: set KUBECONFIG or pass --kubeconfig');
  });

  it('says so when every KUBECONFIG entry is missing', () => {
    const error = failure(() => loadKubeConfig({}, environment({ KUBECONFIG: join(dir, 'x') })));
    expect(error.message).toMatch(/^no kubeconfig found: none of the KUBECONFIG files exist/);
  });

  it('is what createKubeTransport reports too', () => {
    const missing = join(dir, 'nope.yaml');
    expect(() => createKubeTransport({ kubeconfig: missing })).toThrow(ProgramError);
  });
});
