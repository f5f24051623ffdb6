import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, runKubetrack } from '../harness/index.js';

/** The walking skeleton: the built CLI judging real Deployments on the real control plane. */
describe('kubetrack track deploy/NAME', () => {
  e2eTest('exits 0 once a Deployment is ready, streaming its pods\' logs', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web', replicas: 2, readyAfter: '2s', logs: ['booting web', 'listening on :8080'] }),
    ]);
    const result = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '--output', 'plain']);
    expect(result.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/deploy\/web: ready/);
    // log lines prefixed with pod and container, each line of each pod once
    const logLines = result.stdout.split('\n').filter((line) => /^\[web-[a-z0-9]+\/app\] /.test(line));
    expect(logLines.filter((l) => l.endsWith(' booting web'))).toHaveLength(2);
    expect(logLines.filter((l) => l.endsWith(' listening on :8080'))).toHaveLength(2);
  });

  e2eTest('exits 1 with invalid-config naming the pod and container when the image cannot be pulled', async ({ namespace }) => {
    await applyManifests(namespace, [deploymentManifest({ name: 'api', behavior: 'image-pull-error' })]);
    const result = await runKubetrack(['track', 'deploy/api', '-n', namespace, '--timeout', '60s', '--output', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.success).toBe(false);
    expect(report.error).toMatchObject({ type: 'rollout', code: 'invalid-config', resource: `apps/v1/Deployment/${namespace}/api` });
    const resource = report.resources[0]!;
    expect(resource).toMatchObject({ kind: 'Deployment', name: 'api', namespace, status: 'failed', code: 'invalid-config' });
    expect(resource.message).toMatch(/pod\/api-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toContain('container "app"');
    expect(resource.events.some((e) => e.type === 'Warning' && e.object.startsWith('Pod/api-'))).toBe(true);
  });

  e2eTest('tracks kubedog MultitrackSpecs JSON from stdin unchanged', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'one' }),
      deploymentManifest({ name: 'two', replicas: 2 }),
    ]);
    const spec = JSON.stringify({
      Deployments: [
        { ResourceName: 'one', Namespace: namespace },
        { ResourceName: 'two', Namespace: namespace, FailMode: 'HopeUntilEndOfDeployProcess', AllowFailuresCount: 3, SkipLogsForContainers: ['two'] },
      ],
    });
    const result = await runKubetrack(['multitrack', '--timeout', '60s', '--output', 'json'], { stdin: spec });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.resources.map((r) => [r.name, r.status])).toEqual([
      ['one', 'ready'],
      ['two', 'ready'],
    ]);
  });
});
