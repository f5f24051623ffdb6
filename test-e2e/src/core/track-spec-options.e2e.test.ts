import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest } from '../harness/index.js';
import { deploy, libraryTest as e2eTest, linesByContainer, ofResource, resourceReport, track, transcript } from './library.js';


const twoContainers = [
  { name: 'app', image: 'nginx:1.27' },
  { name: 'side', image: 'busybox:1.36' },
];

describe.concurrent('TrackSpec options on the real control plane', () => {
  e2eTest('failMode: FailWhole ends the run at once; IgnoreAndContinue goes on; HopeUntilEnd waits for the others', async ({ namespace, lib }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'slow', readyAfter: '4s' }),
      deploymentManifest({ name: 'ignored', behavior: 'image-pull-error' }),
      deploymentManifest({ name: 'hoping', behavior: 'image-pull-error' }),
    ]);
    // IgnoreAndContinue + HopeUntilEnd + a slow healthy one
    const { messages, report } = await track(
      lib,
      [
        deploy(namespace, 'slow'),
        deploy(namespace, 'ignored', { failMode: 'IgnoreAndContinueDeployProcess' }),
        deploy(namespace, 'hoping', { failMode: 'HopeUntilEndOfDeployProcess' }),
      ],
      { timeoutMs: 60_000 },
    );
    const order = messages.filter((m) => m.type === 'ready' || m.type === 'failed').map((m) => `${m.type}:${'resource' in m ? m.resource.name : ''}`);
    expect(order, transcript(messages)).toEqual(['failed:ignored', 'ready:slow', 'failed:hoping']);
    expect(resourceReport(report, 'slow').status).toBe('ready');
    expect(resourceReport(report, 'ignored')).toMatchObject({ status: 'failed', code: 'invalid-config' });
    expect(resourceReport(report, 'hoping')).toMatchObject({ status: 'failed', code: 'invalid-config' });
    expect(report.success).toBe(false);
    expect(report.error).toMatchObject({ code: 'invalid-config', resource: `apps/v1/Deployment/${namespace}/hoping` });

    // FailWhole: the same slow Deployment is still progressing when the run ends
    await applyManifests(namespace, [deploymentManifest({ name: 'slow2', readyAfter: '20s' })]);
    // slow2 needs 20 s: still progressing in the report means the run did not wait for it.
    const whole = await track(lib, [deploy(namespace, 'slow2'), deploy(namespace, 'ignored')], { timeoutMs: 60_000 });
    expect(whole.report.error).toMatchObject({ code: 'invalid-config', resource: `apps/v1/Deployment/${namespace}/ignored` });
    expect(resourceReport(whole.report, 'slow2').status).toBe('progressing');
  });

  e2eTest('allowFailuresCount 2: a crashlooping Deployment fails at the 3rd crash, failures counted 1/2, 2/2, 3/2', async ({ namespace, lib }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'crash', behavior: 'crashloop', runFor: '500ms' }));
    const { messages, report } = await track(lib, [deploy(namespace, 'crash', { allowFailuresCount: 2 })], { timeoutMs: 60_000 });
    const failures = ofResource(messages, 'failure');
    expect(failures.map((f) => `${f.count}/${f.allowed}`), transcript(messages)).toEqual(['1/2', '2/2', '3/2']);
    expect(new Set(failures.map((f) => f.failure.id)).size).toBe(3);
    const failed = ofResource(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(messages.indexOf(failed[0]!)).toBeGreaterThan(messages.indexOf(failures[2]!));
    expect(report.error).toMatchObject({ code: 'process-crashing' });
    expect(report.error?.message).toContain('(3 failures, 2 allowed)');
  });

  e2eTest('failureThresholdSeconds: a failure counts only once it persisted that long', async ({ namespace, lib }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'persisting', behavior: 'image-pull-error' }),
      deploymentManifest({ name: 'patient', behavior: 'image-pull-error' }),
    ]);
    const { messages, report, arrivedAt } = await track(
      lib,
      [
        deploy(namespace, 'persisting', { failureThresholdSeconds: 3, failMode: 'IgnoreAndContinueDeployProcess' }),
        // threshold longer than its own timeout: never counts, ends as a timeout
        deploy(namespace, 'patient', { failureThresholdSeconds: 60, timeoutMs: 6_000, failMode: 'IgnoreAndContinueDeployProcess' }),
      ],
      { timeoutMs: 60_000 },
    );
    const firstWarning = messages.findIndex((m) => m.type === 'event' && m.resource.name === 'persisting' && m.event.type === 'Warning');
    const failed = messages.findIndex((m) => m.type === 'failed' && m.resource.name === 'persisting');
    expect(firstWarning, transcript(messages)).toBeGreaterThanOrEqual(0);
    expect(failed).toBeGreaterThan(firstWarning);
    expect(arrivedAt[failed]! - arrivedAt[firstWarning]!).toBeGreaterThanOrEqual(2_500);
    expect(resourceReport(report, 'persisting')).toMatchObject({ status: 'failed', code: 'invalid-config' });
    // timeoutMs per resource
    expect(resourceReport(report, 'patient')).toMatchObject({ status: 'timeout', code: 'timeout' });
    expect(resourceReport(report, 'patient').durationMs).toBeGreaterThanOrEqual(6_000);
    expect(resourceReport(report, 'patient').durationMs).toBeLessThan(9_000);
    expect(ofResource(messages, 'failure', 'patient')).toEqual([]);
  });

  e2eTest('NonBlocking does not hold the run; noActivityTimeout fails an idle resource', async ({ namespace, lib }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'ok', readyAfter: '2s' }),
      deploymentManifest({ name: 'background', behavior: 'never-ready' }),
    ]);
    // background never becomes ready: success (not a timeout) means the run did not wait for it.
    const { report } = await track(
      lib,
      [deploy(namespace, 'ok'), deploy(namespace, 'background', { trackTerminationMode: 'NonBlocking' })],
      { timeoutMs: 60_000 },
    );
    expect(report.success).toBe(true);
    expect(resourceReport(report, 'background').status).toBe('progressing');

    const idle = await track(lib, [deploy(namespace, 'background', { noActivityTimeoutMs: 3_000 })], { timeoutMs: 60_000 });
    expect(resourceReport(idle.report, 'background')).toMatchObject({ status: 'timeout', code: 'timeout' });
    expect(resourceReport(idle.report, 'background').message).toMatch(/no activity for 3s/);
  });

  e2eTest('log filters: logRegex, logRegexByContainerName, skipLogs, skipLogsForContainers, showLogsOnlyForContainers; skipEvents', async ({ namespace, lib }) => {
    const logs = ['alpha one', 'beta two', 'alpha three'];
    await applyManifests(namespace, [
      deploymentManifest({ name: 'regex', logs }),
      deploymentManifest({ name: 'byname', logs, containers: twoContainers }),
      deploymentManifest({ name: 'skipall', logs }),
      deploymentManifest({ name: 'skipside', logs, containers: twoContainers }),
      deploymentManifest({ name: 'onlyside', logs, containers: twoContainers }),
      deploymentManifest({ name: 'noevents', logs }),
    ]);
    const { messages, report } = await track(
      lib,
      [
        deploy(namespace, 'regex', { logRegex: '^alpha' }),
        deploy(namespace, 'byname', { logRegexByContainerName: { side: 'two$' } }),
        deploy(namespace, 'skipall', { skipLogs: true }),
        deploy(namespace, 'skipside', { skipLogsForContainers: ['side'] }),
        deploy(namespace, 'onlyside', { showLogsOnlyForContainers: ['side'] }),
        deploy(namespace, 'noevents', { skipEvents: true }),
      ],
      { timeoutMs: 60_000, logsSince: 'all' },
    );
    expect(report.success, transcript(messages)).toBe(true);
    const containers = (name: string) =>
      Object.fromEntries([...linesByContainer(messages, name)].map(([key, lines]) => [key.split('/')[1], lines]));
    expect(containers('regex')).toEqual({ app: ['alpha one', 'alpha three'] });
    expect(containers('byname')).toEqual({ app: logs, side: ['beta two'] });
    expect(containers('skipall')).toEqual({});
    expect(containers('skipside')).toEqual({ app: logs });
    expect(containers('onlyside')).toEqual({ side: logs });
    expect(containers('noevents')).toEqual({ app: logs });
    expect(ofResource(messages, 'event', 'noevents')).toEqual([]);
    // the others do see events (ScalingReplicaSet, Scheduled...)
    expect(ofResource(messages, 'event', 'regex').length).toBeGreaterThan(0);
  });
});
