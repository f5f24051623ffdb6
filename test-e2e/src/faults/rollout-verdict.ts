import type { Report, TrackMessage } from '@kubetrack/core';
import { expect } from 'vitest';
import { applyManifests, deploymentManifest, startKubetrack, type KubetrackResult } from '../harness/index.js';
import { logLinesNotAsWritten } from '../harness/log-lines-not-as-written.js';
import { podLogFiles } from '../harness/pod-log-files.js';
import { parseNdjsonOutput } from '../harness/ndjson-output.js';

/** A healthy and a broken Deployment, tracked until both are decided (the broken one fails once the healthy one is decided). */
export async function trackRollout(
  namespace: string,
  options: { kubeconfig?: string; readyAfter?: string; env?: Record<string, string> } = {},
): Promise<{ result: KubetrackResult; report: Report; messages: TrackMessage[] }> {
  const { result } = await startKubetrack(
    ['track', 'deploy/web', 'deploy/broken', '-n', namespace, '--timeout', '150s', '--fail-mode', 'HopeUntilEndOfDeployProcess', '-o', 'ndjson'],
    { env: { ...(options.kubeconfig === undefined ? {} : { KUBECONFIG: options.kubeconfig }), ...options.env } },
  );
  await applyManifests(namespace, [
    deploymentManifest({ name: 'web', replicas: 2, readyAfter: options.readyAfter ?? '4s', logs: ['web: starting', 'web: config loaded', 'web: serving'] }),
    deploymentManifest({ name: 'broken', behavior: 'image-pull-error' }),
  ]);
  const finished = await result;
  return { result: finished, ...parseNdjsonOutput(finished.stdout) };
}

/** What a user reads off a run: exit code and each resource's status and code, by name. */
export function verdictOf(run: { result: KubetrackResult; report: Report }): unknown {
  return {
    code: run.result.code,
    success: run.report.success,
    resources: Object.fromEntries(run.report.resources.map((r) => [r.name, { status: r.status, code: r.code }])),
  };
}

/** Each resource was seen once and decided once, in that order; every log line arrived once, as written. */
export function expectFaithfulTranscript(namespace: string, messages: readonly TrackMessage[]): void {
  for (const name of ['web', 'broken']) {
    const types = messages.flatMap((m) => ('resource' in m && m.resource.name === name ? [m.type] : []));
    const decided = types.filter((type) => type === 'ready' || type === 'failed');
    expect(types.filter((type) => type === 'added'), name).toHaveLength(1);
    expect(decided, name).toHaveLength(1);
    expect(types.indexOf('added'), name).toBeLessThan(types.indexOf(decided[0]!));
  }
  expect(logLinesNotAsWritten(namespace, messages)).toEqual([]);
  expect(podLogFiles(namespace).size).toBe(2); // both web pods printed (the broken one never ran)
}
