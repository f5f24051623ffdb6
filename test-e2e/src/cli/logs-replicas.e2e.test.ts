import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';
import { expectOneErrorLine, writeTemp, tempDir } from './cli-helpers.js';

/** `[pod/container] line` lines of plain output that end with `text`, by pod. */
function podsPrinting(stdout: string, text: string): Set<string> {
  const pods = new Set<string>();
  for (const line of stdout.split('\n')) {
    const match = /^\[([a-z0-9-]+)\/app\] (.*)$/.exec(line);
    if (match && match[2]!.endsWith(text)) pods.add(match[1]!);
  }
  return pods;
}

describe('which pods stream logs (--logs-replicas, spec logsReplicas)', () => {
  e2eTest('--logs-replicas 1 shows one pod of a three-replica Deployment; all shows every pod', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', replicas: 3, readyAfter: '1s', logs: ['web listening'] }));
    const one = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '-o', 'plain', '--logs-since', 'all', '--logs-replicas', '1']);
    expect(one.code, one.stderr).toBe(0);
    expect(podsPrinting(one.stdout, 'web listening').size, one.stdout).toBe(1);

    const all = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '-o', 'plain', '--logs-since', 'all', '--logs-replicas', 'all']);
    expect(all.code, all.stderr).toBe(0);
    expect(podsPrinting(all.stdout, 'web listening').size, all.stdout).toBe(3);
  });

  e2eTest("a crashing pod's log is in the report even when it is not one of the pods chosen to stream", async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'api', replicas: 3, behavior: 'crashloop', logs: ['api starting'] }));
    const result = await runKubetrack(['track', 'deploy/api', '-n', namespace, '--timeout', '90s', '-o', 'json', '--logs-replicas', '1']);
    expect(result.code, result.stderr).toBe(1);
    const resource = (JSON.parse(result.stdout) as Report).resources[0]!;
    expect(resource.code).toBe('process-crashing');
    const failingPod = /pod\/(api-[a-z0-9]+-[a-z0-9]+)/.exec(resource.message)?.[1];
    expect(failingPod, resource.message).toBeDefined();
    const tail = resource.logTail.find((entry) => entry.pod === failingPod);
    expect(tail?.lines.join('\n'), JSON.stringify(resource.logTail)).toContain('panic: simulated crash');
  });

  e2eTest('the spec option logsReplicas does the same for multitrack', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', replicas: 2, readyAfter: '1s', logs: ['web listening'] }));
    const spec = writeTemp(tempDir(), 'spec.yaml', `resources:\n  - kind: Deployment\n    name: web\n    namespace: ${namespace}\n    logsReplicas: 1\n`);
    const result = await runKubetrack(['multitrack', '-f', spec, '--timeout', '60s', '-o', 'plain', '--logs-since', 'all']);
    expect(result.code, result.stderr).toBe(0);
    expect(podsPrinting(result.stdout, 'web listening').size, result.stdout).toBe(1);
  });

  e2eTest('a bad count is one line and exit 2, in a flag and in a spec', async () => {
    expectOneErrorLine(await runKubetrack(['track', 'deploy/web', '--logs-replicas', '0']), 2, /--logs-replicas: expected a positive whole number or all, got "0"/);
    const spec = writeTemp(tempDir(), 'spec.yaml', 'resources:\n  - kind: Deployment\n    name: web\n    logsReplicas: many\n');
    const bad = await runKubetrack(['multitrack', '-f', spec]);
    expect(bad.code, bad.stderr).toBe(2);
    // Spec errors lead with the file, line and column, as every spec error does.
    expect(bad.stderr.trim()).toMatch(/^\S*spec\.yaml:4:\d+: resources\[0\]\.logsReplicas: invalid value "many"$/);
  });
});
