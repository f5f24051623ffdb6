import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { parseKubeconfig, readKubeconfigFile } from './kubeconfig-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubetrack-kubeconfig-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const FULL = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: files
  cluster:
    server: https://files.example:6443/
    certificate-authority: certs/ca.crt
    tls-server-name: api.internal
- name: data
  cluster:
    server: https://data.example:6443
    certificate-authority-data: Q0E=
    insecure-skip-tls-verify: true
    proxy-url: socks5://proxy:1080
users:
- name: cert-files
  user:
    client-certificate: certs/me.crt
    client-key: /abs/me.key
    tokenFile: token
- name: cert-data
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
    token: static
- name: basic
  user:
    username: admin
    password: 1234
    as: someone
    as-groups: [ops, dev]
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: bin/get-token
      args: [--cluster, dev]
- name: plugin-on-path
  user:
    exec:
      command: aws
    auth-provider:
      name: oidc
      config:
        idp-issuer-url: https://issuer
- name: bare
contexts:
- name: dev
  context:
    cluster: files
    user: cert-files
    namespace: team
- name: no-user
  context:
    cluster: data
`;

describe('parseKubeconfig', () => {
  it('reads clusters, users, contexts and the current context', () => {
    const config = parseKubeconfig(FULL, '/home/me/.kube');
    expect(config.currentContext).toBe('dev');
    expect(config.contexts).toEqual([
      { name: 'dev', cluster: 'files', user: 'cert-files', namespace: 'team' },
      { name: 'no-user', cluster: 'data' },
    ]);
    expect(config.clusters).toEqual([
      {
        name: 'files',
        server: 'https://files.example:6443',
        caFile: '/home/me/.kube/certs/ca.crt',
        skipTLSVerify: false,
        tlsServerName: 'api.internal',
      },
      { name: 'data', server: 'https://data.example:6443', caData: 'Q0E=', skipTLSVerify: true, proxyUrl: 'socks5://proxy:1080' },
    ]);
  });

  it('makes file paths relative to the kubeconfig directory, data fields stay as written', () => {
    const users = parseKubeconfig(FULL, '/home/me/.kube').users;
    expect(users[0]).toEqual({
      name: 'cert-files',
      certFile: '/home/me/.kube/certs/me.crt',
      keyFile: '/abs/me.key',
      tokenFile: '/home/me/.kube/token',
    });
    expect(users[1]).toEqual({ name: 'cert-data', certData: 'Q0VSVA==', keyData: 'S0VZ', token: 'static' });
  });

  it('reads basic auth (a numeric password as written) and impersonation', () => {
    expect(parseKubeconfig(FULL, '/k').users[2]).toEqual({
      name: 'basic',
      username: 'admin',
      password: '1234',
      impersonateUser: 'someone',
      impersonateGroups: ['ops', 'dev'],
    });
  });

  it('keeps exec and auth-provider as written, resolving an exec command only when it is a path', () => {
    const users = parseKubeconfig(FULL, '/k').users;
    expect(users[3]?.exec).toEqual({ apiVersion: 'client.authentication.k8s.io/v1', command: '/k/bin/get-token', args: ['--cluster', 'dev'] });
    expect(users[4]?.exec).toEqual({ command: 'aws' });
    expect(users[4]?.authProvider).toEqual({ name: 'oidc', config: { 'idp-issuer-url': 'https://issuer' } });
    expect(users[5]).toEqual({ name: 'bare' });
  });

  it('accepts client-node\'s "token-file" spelling too', () => {
    const config = parseKubeconfig('users:\n- name: u\n  user:\n    token-file: t.txt\n', '/k');
    expect(config.users[0]?.tokenFile).toBe('/k/t.txt');
  });

  it('takes only a literal true as insecure-skip-tls-verify', () => {
    const config = parseKubeconfig('clusters:\n- name: c\n  cluster:\n    server: https://c\n    insecure-skip-tls-verify: "true"\n', '/k');
    expect(config.clusters[0]?.skipTLSVerify).toBe(false);
  });

  it('treats missing lists as empty and names incomplete entries like client-node', () => {
    expect(parseKubeconfig('apiVersion: v1\n', '/k')).toEqual({ clusters: [], users: [], contexts: [] });
    expect(() => parseKubeconfig('clusters:\n- cluster: {server: https://x}\n', '/k')).toThrow('clusters[0].name is missing');
    expect(() => parseKubeconfig('clusters:\n- name: c\n', '/k')).toThrow('clusters[0].cluster is missing');
    expect(() => parseKubeconfig('users:\n- user: {}\n', '/k')).toThrow('users[0].name is missing');
    expect(() => parseKubeconfig('contexts:\n- name: x\n  context: {user: u}\n', '/k')).toThrow('contexts[0].context.cluster is missing');
    expect(() => parseKubeconfig('- just\n- a list\n', '/k')).toThrow('not a YAML mapping');
  });
});

describe('readKubeconfigFile', () => {
  it('resolves relative paths against the directory of the file', () => {
    const file = join(dir, 'config');
    writeFileSync(file, 'clusters:\n- name: c\n  cluster:\n    server: https://c\n    certificate-authority: ca.crt\n');
    expect(readKubeconfigFile(file).clusters[0]?.caFile).toBe(join(dir, 'ca.crt'));
  });

  it('reports YAML errors, duplicate keys included, in one line naming the file', () => {
    const file = join(dir, 'dup');
    writeFileSync(file, 'clusters: []\nclusters: []\n');
    const error = (() => {
      try {
        readKubeconfigFile(file);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).message).toMatch(new RegExp(`^kubeconfig file "${file}" is not valid: \\S`));
    expect((error as ProgramError).message).not.toContain('\n');
  });
});
