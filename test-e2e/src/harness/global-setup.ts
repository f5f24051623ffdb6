import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { isClusterReachable } from './is-cluster-reachable.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** path of the kubeconfig of the cluster the e2e tests run against */
    kubeconfig: string;
  }
}

const upScript = fileURLToPath(new URL('../../cluster/up.sh', import.meta.url));

/**
 * Starts the local control plane once per test run (cluster:up is idempotent and fast when it
 * already runs) and hands its kubeconfig to the tests. With KUBETRACK_E2E_REUSE=1 and KUBECONFIG
 * pointing at a live cluster, that cluster is used as is. The cluster is left running afterwards.
 */
export default async function setup(project: TestProject): Promise<void> {
  const kubeconfig = await chooseKubeconfig();
  project.provide('kubeconfig', kubeconfig);
  // tests that spawn the CLI find the cluster the way a user's shell would
  process.env['KUBECONFIG'] = kubeconfig;
}

async function chooseKubeconfig(): Promise<string> {
  const existing = process.env['KUBECONFIG'];
  if (process.env['KUBETRACK_E2E_REUSE'] === '1' && existing && (await isClusterReachable(existing))) return existing;

  const { stdout } = await promisify(execFile)('bash', [upScript], { maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60_000 }).catch(
    (error: { stderr?: string; message: string }) => {
      throw new Error(`cluster:up failed: ${error.stderr?.trim().split('\n').slice(-15).join('\n') ?? error.message}`);
    },
  );
  const exportLine = stdout.trim().split('\n').at(-1) ?? '';
  const match = /^export KUBECONFIG=(.+)$/.exec(exportLine);
  if (!match?.[1]) throw new Error(`cluster:up did not end with an export line: ${exportLine}`);
  return match[1];
}
