import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { clusterKubeconfigPath, e2eTest, runKubetrack, serviceAccountKubeconfig } from '../harness/index.js';
import { expectOneErrorLine, STACK_FRAME, tempDir, writeTemp } from './cli-helpers.js';

/** Bad input: exactly one clear line on stderr, no stack trace, exit 2 — before any tracking starts. */
describe.concurrent('kubetrack: invalid input exits 2 with one line', () => {
  const dir = tempDir();
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown command', ['trak', 'deploy/web'], /unknown command 'trak' \(did you mean track\?\)$/],
    ['unknown flag', ['track', 'deploy/web', '--tiemout', '5m'], /unknown option '--tiemout' \(did you mean --timeout\?\)$/],
    ['bad duration', ['track', 'deploy/web', '--timeout', '5 minutes'], /--timeout: invalid duration "5 minutes"/],
    ['bad resource argument', ['track', 'deploy/'], /invalid resource "deploy\/"/],
    ['unknown kind', ['track', 'frobnicator/x', '-n', 'default'], /unknown resource type "frobnicator"/],
    ['bad selector', ['track', '-l', 'app in (web', '--kind', 'deploy'], /invalid label selector "app in \(web"/],
    ['unknown output mode', ['track', 'deploy/web', '-o', 'xml'], /argument 'xml' is invalid/],
    ['manifest file that does not exist', ['track', '-f', `${dir}/missing.yaml`], /cannot read .*missing\.yaml: no such file/],
    ['kubeconfig that does not exist', ['track', 'deploy/web', '--kubeconfig', `${dir}/nope.kubeconfig`], /kubeconfig file ".*nope\.kubeconfig" does not exist/],
    ['garbage kubeconfig', ['track', 'deploy/web', '--kubeconfig', writeTemp(dir, 'garbage.kubeconfig', '\u0000\u0001{{{ not yaml')], /kubeconfig .*garbage\.kubeconfig.* not valid/],
    ['kubeconfig without contexts', ['track', 'deploy/web', '--kubeconfig', writeTemp(dir, 'empty.kubeconfig', 'hello: world\n')], /no current-context/],
    ['unknown --context', ['track', 'deploy/web', '--context', 'nope'], /context "nope" not found/],
    ['bad --plugin path', ['track', 'deploy/web', '--plugin', './no-such-plugin.mjs'], /--plugin \.\/no-such-plugin\.mjs: no such file/],
    ['nothing to track', ['track'], /nothing to track/],
    ['unknown schema', ['schema', 'nope'], /unknown schema "nope"/],
    ['missing argument', ['rollout', 'track', 'deployment'], /missing required argument 'name'/],
  ];
  for (const [what, args, pattern] of cases) {
    test(what, async () => {
      const result = await runKubetrack(args, { cwd: dir });
      expectOneErrorLine(result, 2, pattern);
      expect(result.stdout).toBe('');
    });
  }

  test('-o json also puts a program-error report on stdout', async () => {
    const result = await runKubetrack(['track', 'deploy/web', '--timeout', '5 minutes', '-o', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ success: false, error: { type: 'program', code: 'invalid-input' }, resources: [] });
  });

  test('a spec with a typo and a wrong type: one file:line:col: path: message line per problem', async () => {
    const spec = writeTemp(dir, 'spec.yaml', [
      'resources:',
      '  - { kind: deploy, name: web, timout: 5m }',
      '  - kind: deploy',
      '    name: api',
      '    allowFailuresCount: "three"',
      '',
    ].join('\n'));
    const result = await runKubetrack(['multitrack', '-f', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${spec}:2:32: resources[0].timout: unknown field (did you mean "timeout"?)`,
      `${spec}:5:25: resources[1].allowFailuresCount: expected number, got string "three"`,
    ]);
  });

  test('malformed YAML names the file, line and column', async () => {
    const file = writeTemp(dir, 'malformed.yaml', 'resources:\n  - kind: deploy\n   name: [oops\n');
    for (const args of [['multitrack', '-f', file], ['track', '-f', file]]) {
      const result = await runKubetrack(args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    }
  });
});

/** Cluster access: exit 3 with what to check. */
describe.concurrent('kubetrack: cluster access exits 3', () => {
  test('an API server that is not there (127.0.0.1:1) fails fast instead of waiting for the timeout', async () => {
    const { readFileSync } = await import('node:fs');
    const kubeconfig = writeTemp(tempDir(), 'unreachable.kubeconfig', readFileSync(clusterKubeconfigPath(), 'utf8').replace(/server: .*/g, 'server: https://127.0.0.1:1'));
    const result = await runKubetrack(['track', 'deploy/web', '-n', 'default', '--timeout', '60s', '--kubeconfig', kubeconfig]);
    expectOneErrorLine(result, 3, /cannot reach https:\/\/127\.0\.0\.1:1: connection refused \(check KUBECONFIG, --context and that the cluster is running\)/);
    // Far sooner than the 60 s timeout: the refused connection is the answer, not a reason to wait.
    expect(result.durationMs).toBeLessThan(45_000);
  });

  e2eTest('a ServiceAccount without permission: 403 naming verb, resource and namespace', async ({ namespace }) => {
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'nobody');
    const result = await runKubetrack(['track', 'deploy/web', '--timeout', '30s', '-o', 'json'], { env: { KUBECONFIG: kubeconfig } });
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`forbidden: cannot (list|watch|get) deployments\\.apps in namespace "${namespace}"`));
    expect(JSON.parse(result.stdout)).toMatchObject({ success: false, error: { type: 'program', code: 'forbidden' } });
  });

  test('a bad token: 401', async () => {
    const { loadYaml, server, ca } = await clusterInfo();
    void loadYaml;
    const kubeconfig = writeTemp(tempDir(), 'bad-token.kubeconfig', [
      'apiVersion: v1', 'kind: Config',
      `clusters: [{ name: c, cluster: { server: "${server}", certificate-authority: "${ca}" } }]`,
      'users: [{ name: u, user: { token: not-a-real-token } }]',
      'contexts: [{ name: x, context: { cluster: c, user: u, namespace: default } }]',
      'current-context: x', '',
    ].join('\n'));
    const result = await runKubetrack(['track', 'deploy/web', '--timeout', '30s', '--kubeconfig', kubeconfig]);
    expectOneErrorLine(result, 3, /unauthorized: the API server at .* rejected the credentials/);
  });
});

async function clusterInfo(): Promise<{ loadYaml: unknown; server: string; ca: string }> {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const config = parse(readFileSync(clusterKubeconfigPath(), 'utf8')) as { clusters: Array<{ cluster: { server: string; 'certificate-authority'?: string; 'certificate-authority-data'?: string } }> };
  const cluster = config.clusters[0]!.cluster;
  let ca = cluster['certificate-authority'];
  if (!ca) {
    ca = writeTemp(tempDir(), 'ca.crt', Buffer.from(cluster['certificate-authority-data']!, 'base64').toString());
  }
  void writeFileSync;
  return { loadYaml: parse, server: cluster.server, ca };
}
