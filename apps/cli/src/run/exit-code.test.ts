import { describe, expect, it } from 'vitest';
import { ApiError, ProgramError, type Report } from '@kubetrack/core';
import { describeError, exitCodeForReport } from './exit-code.js';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', message: '', durationMs: 1, events: [], logTail: [] };

describe('exit codes', () => {
  it.each<[string, Report, number]>([
    ['everything ready', { success: true, resources: [{ ...resource, status: 'ready' }] }, 0],
    ['a resource failed', { success: false, error: { type: 'rollout', code: 'invalid-config', message: 'x' }, resources: [{ ...resource, status: 'failed' }] }, 1],
    ['a resource timed out', { success: false, error: { type: 'rollout', code: 'timeout', message: 'x' }, resources: [{ ...resource, status: 'timeout' }] }, 1],
    ['the input was invalid', { success: false, error: { type: 'program', code: 'invalid-input', message: 'x' }, resources: [] }, 2],
    ['the cluster was unreachable', { success: false, error: { type: 'program', code: 'cluster-unreachable', message: 'x' }, resources: [] }, 3],
    ['access was forbidden', { success: false, error: { type: 'program', code: 'forbidden', message: 'x' }, resources: [] }, 3],
    ['credentials were refused', { success: false, error: { type: 'program', code: 'unauthorized', message: 'x' }, resources: [] }, 3],
    ['kubetrack or a plugin hit a bug', { success: false, error: { type: 'program', code: 'internal', message: 'x' }, resources: [] }, 1],
  ])('%s', (_, report, code) => {
    expect(exitCodeForReport(report)).toBe(code);
  });

  it('maps thrown errors to one line and an exit code', () => {
    expect(describeError(new ProgramError('invalid-input', 'bad'))).toEqual({ message: 'bad', exitCode: 2, internal: false });
    expect(describeError(new ProgramError('forbidden', 'no'))).toMatchObject({ exitCode: 3 });
    expect(describeError(new ApiError(0, 'connect ECONNREFUSED 127.0.0.1:6443'))).toEqual({
      message: 'cannot reach the API server: connect ECONNREFUSED 127.0.0.1:6443 (check KUBECONFIG, --context and that the cluster is running)',
      exitCode: 3,
      internal: false,
    });
    expect(describeError(new ApiError(401, 'Unauthorized'))).toMatchObject({ exitCode: 3, message: expect.stringMatching(/^unauthorized/) });
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'x')\n    at foo"))).toEqual({
      message: "internal error: Cannot read properties of undefined (reading 'x') (run with --debug for details)",
      exitCode: 1,
      internal: true,
    });
  });
});
