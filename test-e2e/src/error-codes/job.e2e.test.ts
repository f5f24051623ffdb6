import { describe, expect } from 'vitest';
import { applyManifests, e2eTest, jobManifest } from '../harness/index.js';
import { expectRolloutFailure, logTailLines, trackJson, trackWhileApplying } from './helpers.js';

describe('job-failed', () => {
  e2eTest('a Job whose pod exits 1 with backoffLimit 0 fails with BackoffLimitExceeded and the pod\'s log', async ({ namespace }) => {
    const result = await trackWhileApplying(
      ['track', 'job/migrate', '-n', namespace, '--timeout', '40s'],
      namespace,
      jobManifest({ name: 'migrate', behavior: 'fail', runFor: '1s', backoffLimit: 0, logs: ['migrate: applying 0042_users'] }),
    );
    expectRolloutFailure(result, 'job-failed', `batch/v1/Job/${namespace}/migrate`);
    const { resource } = result;
    expect(resource.message).toMatch(/migrate/);
    expect(resource.message).toMatch(/BackoffLimitExceeded|backoff limit/i);
    expect(logTailLines(resource)).toEqual(expect.arrayContaining(['migrate: applying 0042_users', 'panic: simulated crash']));
  });

  e2eTest('a Job whose pod succeeds completes with exit 0', async ({ namespace }) => {
    await applyManifests(namespace, jobManifest({ name: 'seed', behavior: 'succeed', runFor: '1s', logs: ['seed: done'] }));
    const result = await trackJson(['track', 'job/seed', '-n', namespace, '--timeout', '40s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.success).toBe(true);
    expect(result.resource).toMatchObject({ kind: 'Job', name: 'seed', status: 'ready' });
    expect(result.resource.code).toBeUndefined();
  });
});
