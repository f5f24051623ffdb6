import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';
import { tempDir, writeTemp } from './cli-helpers.js';

const PROBE = fileURLToPath(new URL('./load-probe.cjs', import.meta.url));

interface Loaded {
  /** Node built-ins, e.g. "NativeModule internal/deps/undici/undici". */
  builtins: string[];
  /** The bundle's files this run evaluated. */
  files: string[];
}

/** Runs the CLI with load-probe.cjs preloaded and returns the run's result and what it loaded. */
async function runLoading(args: string[]) {
  const out = join(tempDir('kubetrack-load-'), 'loaded.json');
  const result = await runKubetrack(args, { env: { NODE_OPTIONS: `--require ${PROBE}`, KUBETRACK_LOAD_PROBE: out } });
  const loaded = JSON.parse(readFileSync(out, 'utf8')) as Loaded;
  return { result, loaded, packages: bundledSources(loaded.files) };
}

/** The node_modules files bundled into `files`, from esbuild's `// ../../node_modules/...` source comments. */
function bundledSources(files: readonly string[]): string[] {
  return files.flatMap((url) => [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ (?:\.\.\/)+node_modules\/(\S+)$/gm)].map((match) => match[1]!));
}

/**
 * Memory is a feature (issue 9), and these are the modules that cost the most while doing
 * nothing for a plain run: each was once on the default path by accident and is loaded only
 * when needed now (docs/benchmarks.md has what each costs).
 */
describe('what a run loads', () => {
  const expectLean = ({ loaded, packages }: Awaited<ReturnType<typeof runLoading>>) => {
    // Node's bundled undici (fetch, WebSocket): kubetrack speaks node:http2/https itself.
    expect(loaded.builtins.filter((name) => name.includes('undici'))).toEqual([]);
    // client-node's KubeConfig: only exec plugins, auth providers and proxy-url need it.
    expect(packages.filter((source) => source.includes('@kubernetes+client-node'))).toEqual([]);
    // zod's classic API and its locales: the spec is validated with zod/mini and English messages.
    expect(packages.filter((source) => /\/zod\/v4\/(classic|locales\/(?!en\.js))/.test(source))).toEqual([]);
    expect(loaded.files.length).toBeGreaterThan(0);
  };

  test('kubetrack version loads neither undici, client-node nor zod', async () => {
    const run = await runLoading(['version']);
    expect(run.result.code, run.result.stderr).toBe(0);
    expectLean(run);
    expect(run.packages.filter((source) => source.includes('/zod/'))).toEqual([]);
    // Nor the network stack: node:http2 and node:tls cost more to load than the rest of `version`.
    expect(run.loaded.builtins.filter((name) => /^NativeModule (http2|https|tls|_tls_wrap)$/.test(name))).toEqual([]);
  });

  e2eTest('a multitrack run from a spec loads neither undici, client-node nor zod classic', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', readyAfter: '200ms', logs: ['web listening'] }));
    const spec = writeTemp(tempDir(), 'spec.yaml', `resources:\n  - { kind: Deployment, name: web, namespace: ${namespace}, logRegex: "listening" }\n`);
    const run = await runLoading(['multitrack', '-f', spec, '--timeout', '60s', '-o', 'plain']);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.result.stdout).toContain('web listening');
    // The spec was validated through zod/mini: the guard above is not vacuous.
    expect(run.packages.some((source) => source.includes('/zod/v4/mini/'))).toBe(true);
    expectLean(run);
  });
});
