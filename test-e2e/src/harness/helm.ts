import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterKubeconfigPath } from './kube-clients.js';

const BUILD_HELM = fileURLToPath(new URL('../../cluster/build-helm.sh', import.meta.url));
/** The sample chart the Helm tests install (pod behaviour from values). */
export const SHOP_CHART = fileURLToPath(new URL('../../samples/helm/shop', import.meta.url));
/** The hook's chart (apps/helm-hook/chart): its templates are what a chart author copies. */
export const HOOK_CHART = fileURLToPath(new URL('../../../apps/helm-hook/chart', import.meta.url));

/** A scratch copy of the sample release with the hook templates copied in, as the hook's README tells a chart author to. */
export function chartWithHook(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kubetrack-hook-chart-')), 'shop');
  cpSync(SHOP_CHART, dir, { recursive: true });
  cpSync(join(HOOK_CHART, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

/** helm flags for chartWithHook(): the hook's values, a 60 s tracking timeout, helm's own a bit longer. */
export const HOOK_VALUES = ['-f', join(HOOK_CHART, 'values.yaml'), '--set', 'kubetrackHook.timeout=60s', '--set', 'kubetrackHook.timeoutSeconds=60', '--timeout', '3m'];

const binaries = new Map<3 | 4, string>();

/**
 * The real `helm` CLI of a major version, built from the Go module proxy by cluster/build-helm.sh
 * (a no-op once cached; scripts/test.sh builds it before the suites).
 */
export function helmBinary(major: 3 | 4 = 4): string {
  let binary = binaries.get(major);
  if (!binary) {
    execFileSync('bash', [BUILD_HELM], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 40 * 60_000 });
    binary = `${execFileSync('bash', [BUILD_HELM, '--print-bin', String(major)], { encoding: 'utf8' }).trim()}/helm`;
    binaries.set(major, binary);
  }
  return binary;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Helm keeps its cache, config and plugins under these; a scratch home keeps the user's untouched.
const helmHome = mkdtempSync(join(tmpdir(), 'kubetrack-helm-'));

/** Runs real helm against the test cluster (its admin kubeconfig). */
export function runHelm(args: readonly string[], options: { major?: 3 | 4; timeoutMs?: number } = {}): Promise<HelmResult> {
  const binary = helmBinary(options.major ?? 4);
  return new Promise((resolve) => {
    execFile(
      binary,
      [...args],
      {
        env: {
          PATH: process.env['PATH'],
          HOME: helmHome,
          KUBECONFIG: clusterKubeconfigPath(),
          HELM_CACHE_HOME: join(helmHome, 'cache'),
          HELM_CONFIG_HOME: join(helmHome, 'config'),
          HELM_DATA_HOME: join(helmHome, 'data'),
        },
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
