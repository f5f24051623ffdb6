import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fakeCluster, memoryIo, readyRun } from './main-harness.fixture.js';
import { main } from './main.js';

const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;
const dir = mkdtempSync(path.join(tmpdir(), 'kubetrack-malformed-'));
let files = 0;
const writeInput = (text: string) => {
  const file = path.join(dir, `input-${files++}.yaml`);
  writeFileSync(file, text);
  return file;
};

const writePlugin = (source: string) => {
  const file = path.join(dir, `plugin-${files++}.mjs`);
  writeFileSync(file, source);
  return file;
};

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  /** What reached the (fake) cluster to be tracked. */
  tracked: Array<{ name: string; namespace?: string }>;
}

/** Runs the CLI in-process; `main` must resolve, never throw. Without deps.connect it uses the real connection code. */
async function run(argv: string[], options: { stdin?: string; env?: Record<string, string>; realCluster?: boolean } = {}): Promise<Outcome> {
  const { io, out } = memoryIo({ ...(options.stdin === undefined ? {} : { stdin: options.stdin }), ...(options.env ? { env: options.env } : {}), cwd: dir });
  const cluster = fakeCluster(readyRun);
  const code = await main(argv, io, options.realCluster ? {} : cluster);
  return { code, ...out, tracked: cluster.tracked.flat().map((spec) => spec.resource) };
}

/** The contract for bad input: the documented exit code, and only one-line diagnostics, never a stack or an internal error. */
function expectClean(outcome: Outcome, codes: readonly number[]): void {
  expect(codes, outcome.stderr).toContain(outcome.code);
  // Accepted input only ever asks the cluster for names and namespaces it could hold.
  for (const { name, namespace } of outcome.tracked) {
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/);
    if (namespace !== undefined) expect(namespace).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  }
  expect(outcome.stderr).not.toMatch(STACK_FRAME);
  expect(outcome.stderr).not.toContain('internal error');
  if (outcome.code === 2 || outcome.code === 3) {
    const lines = outcome.stderr.split('\n').filter(Boolean);
    expect(lines.length, outcome.stderr).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^(kubetrack: |\S+:\d+:\d+: )/);
  }
}

const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcde'[index]}`).join(',')}]`), ''].join('\n');

describe('findings of the bad-input probe: one line, exit 2', () => {
  it.each([
    ['a YAML alias bomb in -f', ['track', '-f', writeInput(aliasBomb)], /too many alias expansions/],
    ['a YAML alias bomb in a spec', ['multitrack', '-f', writeInput(aliasBomb)], /too many alias expansions/],
    ['nesting deeper than the stack', ['track', '-f', writeInput(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)], /nested too deeply/],
    ['a spec name with an underscore', ['multitrack', '-f', writeInput('resources:\n  - { kind: deploy, name: Web_App, namespace: x }\n')], /:2:5: "Web_App" is not a valid object name/],
    ['a spec name that is a path', ['multitrack', '-f', writeInput('resources:\n  - { kind: deploy, name: ../../etc, namespace: x }\n')], /"\.\.\/\.\.\/etc" is not a valid object name/],
    ['a manifest name with NUL', ['track', '-f', writeInput('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: "a\\0b" }\n')], /"a\\u0000b" is not a valid object name/],
    ['a kubedog spec with a bad namespace', ['multitrack', '-f', writeInput('{"Deployments":[{"ResourceName":"web","Namespace":"Prod_1"}]}')], /"Prod_1" is not a valid namespace/],
    ['-f /dev/zero', ['track', '-f', '/dev/zero'], /\/dev\/zero is larger than 8 MiB/],
    ['--kubeconfig /dev/zero', ['track', 'deploy/web', '--kubeconfig', '/dev/zero'], /kubeconfig file "\/dev\/zero" is larger than 16 MiB/],
    ['--plugin /dev/zero', ['track', 'deploy/web', '--plugin', '/dev/zero'], /--plugin \/dev\/zero: \/dev\/zero is not a regular file/],
    ['a log regex Go refuses', ['track', 'deploy/web', '--log-regex', '(?=x)'], /--log-regex: invalid regular expression: invalid or unsupported Perl syntax/],
    ['a plugin whose kinds are not kinds', ['track', 'deploy/web', '--plugin', writePlugin("export default { apiVersion: 1, name: 'broken', kinds: [{ kind: 5 }], evaluate: () => ({}) };")], /kinds\[0\] is not a resource kind/],
    ['a duration that overflows', ['track', 'deploy/web', '--timeout', `${'9'.repeat(400)}h`], /--timeout: invalid duration/],
  ])('%s', async (_what, argv, message) => {
    const outcome = await run(argv, { realCluster: argv.includes('--kubeconfig') });
    expectClean(outcome, [2]);
    expect(outcome.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(outcome.stderr).toMatch(message);
  });

  it('KUBECONFIG=/dev/zero', async () => {
    // The real connection reads the environment main() is given (a process's own, from the CLI).
    const outcome = await run(['track', 'deploy/web'], { realCluster: true, env: { KUBECONFIG: '/dev/zero' } });
    expectClean(outcome, [2]);
    expect(outcome.stderr).toBe('kubetrack: kubeconfig file "/dev/zero" is larger than 16 MiB (the most kubetrack reads of one input)\n');
  });

  it('stdin larger than the cap', async () => {
    const outcome = await run(['track', '-f', '-'], { stdin: `# ${'x'.repeat(8 * 1024 * 1024)}\n` });
    expectClean(outcome, [2]);
    expect(outcome.stderr).toBe('kubetrack: <stdin> is larger than 8 MiB (the most kubetrack reads of one input)\n');
  });

  it('a password in the server URL appears in no error line, report or --debug output', async () => {
    const kubeconfig = writeInput(stringify({
      clusters: [{ name: 'c', cluster: { server: 'https://admin:kt-url-PASS@127.0.0.1:1' } }],
      users: [{ name: 'u', user: { token: 'kt-token' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }));
    for (const extra of [[], ['--debug'], ['-o', 'json']]) {
      const outcome = await run(['track', 'deploy/web', '--kubeconfig', kubeconfig, ...extra], { realCluster: true });
      expect(outcome.code).toBe(3);
      expect(outcome.stdout + outcome.stderr).not.toMatch(/kt-url-PASS|kt-token/);
      expect(outcome.stderr).toContain('cannot reach https://127.0.0.1:1');
    }
  }, 30_000);
});

/** Text that is mostly YAML: fragments of real specs and manifests, cut, spliced and sprinkled with noise. */
const yamlish = fc
  .tuple(
    fc.array(fc.constantFrom(aliasBomb, '['.repeat(3000), '{a: '.repeat(3000), 'name: Web_App', 'name: ../../etc', 'namespace: Prod_1', 'resources:', '  - kind: deploy', '    name: web', 'defaults: {', 'timeout: 9999999999h', 'logRegex: "(a+)+$"', '&a [*a]', '*b', 'apiVersion: apps/v1', 'kind: List', 'items: [', 'metadata: { name: Web }', '---', '{"Deployments":[', '"ResourceName": 1', ']', '}', '- - -', '? :', '!!binary x', '%YAML 9.9', '\t', '\u0000', '\u001b[2J', 'name: "\\0"'), { maxLength: 12 }),
    fc.string({ maxLength: 40 }),
  )
  .map(([lines, noise]) => `${lines.join('\n')}\n${noise}`);

const anyYamlValue = fc.anything({ maxDepth: 4, withNullPrototype: false, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false, withObjectString: false });

/** Names as users and generators get them wrong: case, underscores, paths, NUL, escapes, length. */
const objectName = fc.oneof(
  fc.constantFrom('web', 'web-1', 'Web_App', '../../etc', 'a\u0000b', 'x\u001b[2J', '-web', 'a'.repeat(300), ''),
  fc.string({ maxLength: 16 }),
);
const duration = fc.oneof(fc.constantFrom('5m', '9999999999h', '1ns', '0', '-1s', `${'9'.repeat(400)}h`, '1e3s'), fc.string({ maxLength: 8 }));
/** A well-formed YAML document whose values are wrong; sometimes with an alias bomb riding along. */
const withBomb = (text: string, bomb: boolean) => (bomb ? `${text}${aliasBomb}` : text);
const structuredSpec = fc
  .tuple(
    fc.array(fc.record({ kind: fc.constantFrom('deploy', 'sts', 'job', 'Deployment', 'ds'), name: objectName, namespace: objectName, timeout: duration, logRegex: fc.constantFrom('(a+)+$', '(?i)err', '(?=x)', '\\x{41}') }, { requiredKeys: ['kind', 'name'] }), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([resources, bomb]) => withBomb(stringify({ resources }), bomb));
const structuredManifests = fc
  .tuple(
    fc.array(fc.record({ apiVersion: fc.constantFrom('apps/v1', 'batch/v1'), kind: fc.constantFrom('Deployment', 'StatefulSet', 'Job'), metadata: fc.record({ name: objectName, namespace: objectName }, { requiredKeys: ['name'] }) }), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([objects, bomb]) => objects.map((object) => withBomb(stringify(object), bomb)).join('---\n'));

describe('generated malformed input never escapes as a crash', () => {
  it('specs (multitrack -f -): exit 0 or 2, one-line diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(structuredSpec, yamlish, anyYamlValue.map((value) => JSON.stringify(value) ?? ''), fc.record({ resources: fc.array(fc.dictionary(fc.constantFrom('kind', 'name', 'namespace', 'timeout', 'logRegex', 'failMode', 'allowFailuresCount', 'apiVersion'), anyYamlValue), { maxLength: 3 }) }).map((value) => stringify(value))), async (text) => {
        expectClean(await run(['multitrack', '-f', '-'], { stdin: text }), [0, 2]);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('manifests (track -f -): exit 0 or 2, one-line diagnostics', async () => {
    const manifest = fc.record({
      apiVersion: fc.oneof(fc.constantFrom('apps/v1', 'v1', 'batch/v1', '/', 'a/b/c', ''), fc.string({ maxLength: 8 }), anyYamlValue),
      kind: fc.oneof(fc.constantFrom('Deployment', 'List', 'ConfigMap', 'Job', 'Web_App', '../x'), fc.string({ maxLength: 8 }), anyYamlValue),
      metadata: fc.oneof(fc.record({ name: fc.oneof(fc.string({ maxLength: 12 }), anyYamlValue), namespace: fc.oneof(fc.string({ maxLength: 12 }), anyYamlValue) }, { requiredKeys: [] }), anyYamlValue),
      items: fc.array(anyYamlValue, { maxLength: 2 }),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(structuredManifests, yamlish, fc.array(manifest, { minLength: 1, maxLength: 3 }).map((docs) => docs.map((doc) => stringify(doc)).join('---\n'))), async (text) => {
        expectClean(await run(['track', '-f', '-'], { stdin: text }), [0, 2]);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('resource arguments and flag values: exit 0 or 2', async () => {
    const flag = fc.constantFrom('--timeout', '--logs-since', '--status-progress-period', '--scheduling-grace', '--log-regex', '--fail-mode', '--allow-failures', '-n', '--kind', '-l', '--output');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('deploy/web', 'Web_App/x', 'deploy/../../etc', 'a/b/c', 'deploy/web\u0000', '/x', 'deploy/')), flag, fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('9999999999h', '1ns', '-1', '(a+)+$', '1e9', '0', 'all', 'now')), async (resource, name, value) => {
        expectClean(await run(['track', resource, name, value]), [0, 2]);
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('kubeconfigs: exit 2 for what cannot be used, 3 for a server that is not there', async () => {
    const server = fc.oneof(
      fc.constantFrom('https://127.0.0.1:1', 'https://u:p@127.0.0.1:1', 'https://127.0.0.1:99999', 'https://[::1', 'ftp://x', 'http://', 'https://127.0.0.1:0', ''),
      fc.string({ maxLength: 20 }),
      anyYamlValue,
    );
    const base64 = fc.oneof(fc.string({ maxLength: 20 }).map((text) => Buffer.from(text).toString('base64')), fc.string({ maxLength: 20 }), anyYamlValue);
    const config = fc.record({
      clusters: fc.oneof(fc.array(fc.record({ name: fc.constantFrom('c', 'd'), cluster: fc.record({ server, 'certificate-authority-data': base64, 'insecure-skip-tls-verify': anyYamlValue }, { requiredKeys: ['server'] }) }), { maxLength: 2 }), anyYamlValue),
      users: fc.oneof(fc.array(fc.record({ name: fc.constant('u'), user: fc.record({ token: anyYamlValue, 'client-certificate-data': base64, 'client-key-data': base64, username: anyYamlValue, password: anyYamlValue }, { requiredKeys: [] }) }), { maxLength: 1 }), anyYamlValue),
      contexts: fc.oneof(fc.constant([{ name: 'x', context: { cluster: 'c', user: 'u' } }]), anyYamlValue),
      'current-context': fc.oneof(fc.constant('x'), anyYamlValue),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: config.map((value) => stringify(value)) }, { weight: 1, arbitrary: yamlish }), async (text) => {
        expectClean(await run(['track', 'deploy/web', '--kubeconfig', writeInput(text)], { realCluster: true }), [2, 3]);
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
