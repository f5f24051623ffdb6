import { describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { ApiError } from './api-error.js';
import { toProgramError } from './to-program-error.js';

const WATCH_DEPLOYMENTS = { verb: 'watch', resource: 'deployments.apps', namespace: 'x' };

describe('toProgramError', () => {
  it('names verb, resource and namespace for a 403', () => {
    const error = toProgramError(new ApiError(403, 'GET /apis/apps/v1/namespaces/x/deployments: forbidden'), WATCH_DEPLOYMENTS);
    expect(error?.code).toBe('forbidden');
    expect(error?.message).toBe(
      'forbidden: cannot watch deployments.apps in namespace "x" (check RBAC: the user needs "watch" on deployments.apps)',
    );
  });

  it('says "at cluster scope" without a namespace', () => {
    const error = toProgramError(new ApiError(403, 'forbidden'), { verb: 'list', resource: 'nodes' });
    expect(error?.message).toMatch(/^forbidden: cannot list nodes at cluster scope/);
  });

  it('maps 401 to unauthorized and a failed connection to cluster-unreachable', () => {
    expect(toProgramError(new ApiError(401, 'Unauthorized'), WATCH_DEPLOYMENTS)?.code).toBe('unauthorized');
    const unreachable = toProgramError(new ApiError(0, 'cannot reach https://k:6443: connection refused'), WATCH_DEPLOYMENTS);
    expect(unreachable?.code).toBe('cluster-unreachable');
    expect(unreachable?.message).toBe('cannot reach https://k:6443: connection refused');
  });

  it('reads a 404 on list/watch as a resource type the server does not serve', () => {
    const error = toProgramError(new ApiError(404, 'not found'), { verb: 'list', resource: 'canaries.flagger.app', namespace: 'x' });
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).toBe('the server does not serve canaries.flagger.app (is its CustomResourceDefinition installed?)');
  });

  it('passes ProgramErrors through and leaves other errors to the caller', () => {
    const programError = new ProgramError('invalid-input', 'bad');
    expect(toProgramError(programError, WATCH_DEPLOYMENTS)).toBe(programError);
    expect(toProgramError(new TypeError('bug'), WATCH_DEPLOYMENTS)).toBeUndefined();
  });
});
