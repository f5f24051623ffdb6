import type { Report } from '@kubetrack/core';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, listPods, runKubetrack, startKubetrack, waitFor } from '../harness/index.js';
import { STACK_FRAME, tempDir, writeTemp } from './cli-helpers.js';

describe.concurrent('kubetrack multitrack', () => {
  e2eTest("kubetrack's own YAML spec file, per-resource options, a NonBlocking never-ready Deployment does not hold the run", async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web', readyAfter: '500ms' }),
      deploymentManifest({ name: 'api', replicas: 2, readyAfter: '500ms' }),
      deploymentManifest({ name: 'flaky', behavior: 'never-ready' }),
    ]);
    const spec = writeTemp(tempDir(), 'spec.yaml', [
      '# what the release must bring up',
      'defaults:',
      '  timeout: 60s',
      'resources:',
      `  - { kind: deploy, name: web, namespace: ${namespace} }`,
      `  - kind: Deployment`,
      `    name: api`,
      `    namespace: ${namespace}`,
      `    allowFailuresCount: 1`,
      `    logRegex: "(?i)listening"`,
      `  - { kind: deploy, name: flaky, namespace: ${namespace}, trackTerminationMode: NonBlocking }`,
      '',
    ].join('\n'));
    const result = await runKubetrack(['multitrack', '-f', spec, '-o', 'json']);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.success).toBe(true);
    const byName = Object.fromEntries(report.resources.map((r) => [r.name, r.status]));
    expect(byName['web']).toBe('ready');
    expect(byName['api']).toBe('ready');
    expect(byName['flaky']).not.toBe('failed');
  });

  e2eTest('kubedog MultitrackSpecs JSON on stdin: a failing Deployment fails the run (exit 1, plain output)', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'ok', readyAfter: '500ms' }),
      deploymentManifest({ name: 'bad', behavior: 'image-pull-error' }),
    ]);
    const stdin = JSON.stringify({
      Deployments: [
        { ResourceName: 'ok', Namespace: namespace },
        { ResourceName: 'bad', Namespace: namespace, FailMode: 'FailWholeDeployProcessImmediately' },
      ],
    });
    const result = await runKubetrack(['multitrack', '--timeout', '60s', '-o', 'plain'], { stdin });
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/deploy\/bad: failed \(invalid-config\)/);
    expect(result.stdout).toMatch(/Summary: .*1 failed/);
  });
});

describe.concurrent('kubetrack follow', () => {
  e2eTest('prints logs of new pods and events, keeps going after ready, SIGINT → exit 130 with the report', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', readyAfter: '500ms', logs: ['first generation'] }));
    // --show-service-messages: the routine Normal events (ScalingReplicaSet) are printed too
    // The rollout below is applied only once kubetrack follows (its "following" line): a slower start
    // would put the new pod's lines before the run began, older than `--logs-since now` keeps.
    const { result: running } = await startKubetrack(['follow', 'deploy/web', '-n', namespace, '-o', 'plain', '--show-service-messages'], {
      // both, in either order: the rollout's event may come after the new pod's first line
      signal: { send: 'SIGINT', when: /^(?=[\s\S]*second generation)(?=[\s\S]*event Normal ScalingReplicaSet)/ },
      killAfterMs: 60_000,
    });
    // ready first, and follow does not exit on it
    await waitFor(async () => (await listPods(namespace)).some((pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')), {
      description: 'the first pod is ready',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // a rollout: the new pods' logs are streamed as they start
    await applyManifests(namespace, deploymentManifest({ name: 'web', readyAfter: '500ms', logs: ['second generation'] }));
    const result = await running;
    expect(result.signal, result.stdout + result.stderr).toBeNull();
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).toContain('following deploy/web');
    expect(result.stdout).toMatch(/^\[web-[a-z0-9]+\/app\] second generation$/m);
    expect(result.stdout).toMatch(/event Normal ScalingReplicaSet/);
    expect(result.stdout).toMatch(/Summary:/);
  });

  e2eTest('-o json: SIGINT writes the report on stdout, exit 130', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', readyAfter: '500ms' }));
    // -o json prints nothing before the end: the "following" line on stderr says the run is under way
    const result = await runKubetrack(['follow', 'deploy/web', '-n', namespace, '-o', 'json'], {
      signal: { send: 'SIGINT', when: /^kubetrack: following /m, in: 'stderr' },
      killAfterMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(130);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', namespace })]);
  });
});
