import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterKubeconfigPath } from './kube-clients.js';

const BUILD_HELM = fileURLToPath(new URL('../../cluster/build-helm.sh', import.meta.url));
/** The sample chart the Helm tests install (pod behaviour from values). */
export const SHOP_CHART = fileURLToPath(new URL('../../samples/helm/shop', import.meta.url));

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
