import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeCluster, memoryIo, readyReport, readyRun, testPlugin } from './main-harness.fixture.js';
import { main } from './main.js';
import { scriptedRun } from './render/scripted-messages.fixture.js';

describe('kubetrack main: bad input', () => {
  it.each([
    [['track'], 'kubetrack: track: nothing to track: give RESOURCE (e.g. deploy/web), -f FILE, -l SELECTOR or --helm-release NAME (see kubetrack track --help)'],
    [['track', 'web'], 'kubetrack: invalid resource "web": expected KIND/NAME, e.g. deploy/web, sts/db, job/migrate, Certificate.cert-manager.io/tls'],
    [['track', 'deploy/web', '--timeout', 'soon'], 'kubetrack: --timeout: invalid duration "soon" (use e.g. 90s, 5m, 1h30m, 500ms or plain seconds)'],
    [['track', '-l', 'app in (a', '--kind', 'deploy'], 'kubetrack: invalid label selector "app in (a": unbalanced parentheses'],
    [['track', 'deploy/web', '--output', 'xml'], "kubetrack: option '-o, --output <mode>' argument 'xml' is invalid. Allowed choices are auto, tty, plain, json, ndjson."],
    [['track', 'deploy/web', '--frobnicate'], "kubetrack: unknown option '--frobnicate'"],
    [['trak'], "kubetrack: unknown command 'trak' (did you mean track?)\n"],
    [['track', '-f', '/nonexistent.yaml'], 'kubetrack: cannot read /nonexistent.yaml: no such file or directory'],
    [['multitrack'], 'kubetrack: multitrack: no spec: pass -f SPEC or pipe one in (kubetrack multitrack --help shows the format)'],
    [['schema', 'nope'], 'kubetrack: schema: unknown schema "nope" (expected spec or report)'],
    [['track', 'deploy/web', '--plugin', './no-such-plugin.mjs'], 'kubetrack: --plugin ./no-such-plugin.mjs: no such file'],
  ])('%j → exit 2 with one line', async (argv, message) => {
    const { io, out } = memoryIo();
    const cluster = fakeCluster(readyRun);
    expect(await main(argv, io, cluster)).toBe(2);
    expect(out.stderr.startsWith(message)).toBe(true);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(cluster.tracked).toHaveLength(0);
  });

  it('prints every spec error with its position, then exits 2', async () => {
    const { io, out } = memoryIo({ stdin: 'resources:\n  - kind: deploy\n    nmae: web\n' });
    expect(await main(['multitrack'], io, fakeCluster(readyRun))).toBe(2);
    expect(out.stderr).toBe(
      '<stdin>:2:5: resources[0].name: required field is missing\n<stdin>:3:5: resources[0].nmae: unknown field (did you mean "name"?)\n',
    );
  });

  it('writes a program-error report on stdout with --output json', async () => {
    const { io, out } = memoryIo();
    expect(await main(['track', 'deploy/web', '--timeout', 'x', '-o', 'json'], io, fakeCluster(readyRun))).toBe(2);
    expect(JSON.parse(out.stdout)).toMatchObject({ success: false, error: { type: 'program', code: 'invalid-input' }, resources: [] });
  });

  it('finds the kubeconfig from the environment it is given (KUBECONFIG), not the process\'s', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'kubetrack-env-')), 'config');
    await writeFile(file, 'apiVersion: v1\nkind: Config\nclusters: [\n');
    const { io, out } = memoryIo({ env: { KUBECONFIG: file } });
    expect(await main(['track', 'deploy/web'], io, { builtinPlugins: () => [testPlugin] })).toBe(2);
    expect(out.stderr.startsWith(`kubetrack: kubeconfig file "${file}" is not valid: `)).toBe(true);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 3 with one line when the cluster cannot be reached', async () => {
    const { io, out } = memoryIo();
    const { ProgramError } = await import('@kubetrack/core');
    const connect = async () => {
      throw new ProgramError('cluster-unreachable', 'cannot reach the API server at https://127.0.0.1:6443: connection refused');
    };
    expect(await main(['track', 'deploy/web'], io, { connect, builtinPlugins: () => [testPlugin] })).toBe(3);
    expect(out.stderr).toBe('kubetrack: cannot reach the API server at https://127.0.0.1:6443: connection refused\n');
  });

  it('hides internal errors behind one line unless --debug', async () => {
    const connect = async () => {
      throw new TypeError('boom');
    };
    const quiet = memoryIo();
    expect(await main(['track', 'deploy/web'], quiet.io, { connect, builtinPlugins: () => [testPlugin] })).toBe(1);
    expect(quiet.out.stderr).toBe('kubetrack: internal error: boom (run with --debug for details)\n');
    const loud = memoryIo();
    await main(['track', 'deploy/web', '--debug'], loud.io, { connect, builtinPlugins: () => [testPlugin] });
    expect(loud.out.stderr).toMatch(/TypeError: boom\n\s+at /);
  });
});

describe('kubetrack main: tracking', () => {
  it('tracks resources from arguments with track defaults and exits 0 when ready', async () => {
    const { io, out } = memoryIo();
    const cluster = fakeCluster(readyRun);
    expect(await main(['track', 'deploy/web', '-n', 'prod', '--context', 'kind', '--allow-failures', '2'], io, cluster)).toBe(0);
    expect(cluster.connections[0]).toMatchObject({ context: 'kind', namespace: 'prod' });
    expect(cluster.tracked[0]).toEqual([
      expect.objectContaining({ resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' }, allowFailuresCount: 2, failMode: 'FailWholeDeployProcessImmediately' }),
    ]);
    expect(out.stderr).toBe('kubetrack: tracking deploy/web in namespace prod\n');
    expect(out.stdout).toContain('Summary: 1 ready');
  });

  it('reads a bare --argocd-cm as the default ConfigMap and the next word as a resource', async () => {
    const { io } = memoryIo();
    const cluster = fakeCluster(readyRun, { configMaps: { 'argocd/argocd-cm': {} } });
    expect(await main(['track', '--argocd-cm', 'deploy/web', '-n', 'prod'], io, cluster)).toBe(0);
    expect(cluster.configMapsRead).toEqual(['argocd/argocd-cm']);
    expect(cluster.tracked[0]?.map((spec) => spec.resource.name)).toEqual(['web']);
  });

  it('exits 1 and explains the failure when a resource fails', async () => {
    const { io, out } = memoryIo();
    expect(await main(['track', 'deploy/web', 'job/migrate', '-o', 'plain'], io, fakeCluster(scriptedRun))).toBe(1);
    expect(out.stdout).toContain('deploy/web: failed (process-crashing): container app of pod web-6f7c9d8b5-x2k4q keeps crashing');
    expect(out.stdout).toContain('        panic: simulated crash');
  });

  it('prints exactly one JSON document with --output json', async () => {
    const { io, out } = memoryIo();
    expect(await main(['track', 'deploy/web', '--output', 'json'], io, fakeCluster(scriptedRun))).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ success: false, error: { type: 'rollout', code: 'process-crashing' } });
  });

  it('reads manifests from stdin, namespaces from the context, and says what it skipped', async () => {
    const manifests = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n';
    const { io, out } = memoryIo({ stdin: manifests });
    const cluster = fakeCluster(readyRun);
    expect(await main(['track', '-f', '-'], io, cluster)).toBe(0);
    expect(cluster.tracked[0]?.map((spec) => spec.resource.namespace)).toEqual(['from-context']);
    expect(out.stderr).toContain('kubetrack: skipped 1 objects with nothing to wait for: ConfigMap/cfg\n');
  });

  it('accepts a kubedog MultitrackSpecs JSON on stdin with kubedog defaults', async () => {
    const { io } = memoryIo({ stdin: '{"Deployments":[{"ResourceName":"web","Namespace":"prod"}]}' });
    const cluster = fakeCluster(readyRun);
    expect(await main(['multitrack'], io, cluster)).toBe(0);
    expect(cluster.tracked[0]?.[0]).toMatchObject({ allowFailuresCount: 1, resource: { kind: 'Deployment', namespace: 'prod', name: 'web' } });
  });

  it('tracks what a label selector lists', async () => {
    const { io } = memoryIo();
    const cluster = fakeCluster(readyRun);
    expect(await main(['track', '-l', 'app=web', '--kind', 'deploy', '-n', 'prod'], io, cluster)).toBe(0);
    expect(cluster.tracked[0]?.map((spec) => `${spec.resource.kind}/${spec.resource.name}`)).toEqual(['Deployment/web']);
  });

  it('follow stops cleanly on Ctrl-C, still writes the report, and exits 130', async () => {
    const { io, out, interrupt } = memoryIo();
    const cluster = fakeCluster(readyRun, { hold: true, onTrack: () => setTimeout(() => interrupt('SIGINT'), 5) });
    expect(await main(['follow', 'deploy/web', '-o', 'ndjson'], io, cluster)).toBe(130);
    expect(JSON.parse(out.stdout.trim().split('\n').at(-1)!)).toEqual(readyReport);
  });

  it('loads a third-party plugin named with --plugin', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kubetrack-cli-'));
    await writeFile(
      path.join(dir, 'widgets.mjs'),
      "export default () => ({ apiVersion: 1, name: 'widgets', kinds: [{ group: 'acme.io', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, shortNames: ['wd'] }], evaluate: () => ({ state: 'ready', message: '' }) });",
    );
    const { io } = memoryIo({ cwd: dir });
    const cluster = fakeCluster(readyRun);
    expect(await main(['track', 'wd/w1', '--plugin', './widgets.mjs'], io, cluster)).toBe(0);
    expect(cluster.tracked[0]?.[0]?.resource).toMatchObject({ group: 'acme.io', kind: 'Widget', name: 'w1' });
  });

  it('prints the version and JSON schemas without a cluster', async () => {
    const version = memoryIo();
    expect(await main(['version'], version.io)).toBe(0);
    expect(version.out.stdout).toMatch(/^kubetrack \d+\.\d+\.\d+ \(plugin API 1, node v\d+/);
    const schema = memoryIo();
    expect(await main(['schema', 'report'], schema.io)).toBe(0);
    expect(JSON.parse(schema.out.stdout)).toMatchObject({ type: 'object', required: ['success', 'resources'] });
    const help = memoryIo();
    expect(await main(['track', '--help'], help.io)).toBe(0);
    expect(help.out.stdout).toContain('Examples:');
  });
});
