import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeConfig } from './load-kube-config.js';
import { serverUrlProblem, serverWithoutCredentials } from './server-url.js';

function kubeconfigWithServer(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubetrack-server-')), 'config');
  writeFileSync(
    file,
    `clusters: [{ name: c, cluster: { server: ${JSON.stringify(server)} } }]\nusers: [{ name: u, user: {} }]\ncontexts: [{ name: x, context: { cluster: c, user: u } }]\ncurrent-context: x\n`,
  );
  return file;
}

describe('kubeconfig server URLs', () => {
  it('drops user:password@ as the file is read, so no message, report or request carries the password', () => {
    const loaded = loadKubeConfig({ kubeconfig: kubeconfigWithServer('https://admin:PASS@127.0.0.1:6443/prefix') });
    expect(loaded.server).toBe('https://127.0.0.1:6443/prefix');
    expect(JSON.stringify(loaded)).not.toContain('PASS');
    expect(serverWithoutCredentials('https://admin:P@SS@exa mple')).toBe('https://exa mple');
  });

  it.each([
    ['https://127.0.0.1:99999', 'is not a valid URL'],
    ['https://exa mple:443', 'is not a valid URL'],
    ['https://[::1', 'is not a valid URL'],
    ['ftp://host', 'is not an http(s) URL'],
    ['https://127.0.0.1:0', 'has port 0'],
  ])('refuses %s as bad input: it %s', (server, problem) => {
    expect(serverUrlProblem(server)).toBe(problem);
    const file = kubeconfigWithServer(server);
    expect(() => loadKubeConfig({ kubeconfig: file })).toThrow(`has server ${JSON.stringify(server)}, which ${problem}`);
  });

  it('accepts http(s) URLs with ports, IPv6 hosts and path prefixes', () => {
    expect(['https://127.0.0.1:6443', 'http://[::1]:8080/k8s', 'https://api.example.com'].map(serverUrlProblem)).toEqual([undefined, undefined, undefined]);
  });
});
