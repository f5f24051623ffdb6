import { describe, expect } from 'vitest';
import { e2eTest } from '../harness/index.js';
import { expectRolloutFailure, trackJson } from './helpers.js';

describe('not-found', () => {
  e2eTest('a Deployment that never appears fails with not-found when the timeout runs out', async ({ namespace }) => {
    const result = await trackJson(['track', 'deploy/ghost', '-n', namespace, '--timeout', '3s']);
    expectRolloutFailure(result, 'not-found', `apps/v1/Deployment/${namespace}/ghost`);
    expect(result.resource).toMatchObject({ kind: 'Deployment', name: 'ghost', namespace, status: 'failed' });
    expect(result.resource.message).toMatch(/ghost/);
    expect(result.resource.message).toMatch(/not found|never appeared|does not exist/i);
  });
});
