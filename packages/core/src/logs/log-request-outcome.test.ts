import { describe, expect, it } from 'vitest';
import { ApiError } from '../transport/api-error.js';
import { classifyLogRequestError } from './log-request-outcome.js';

const kind = (error: unknown) => classifyLogRequestError(error).kind;

describe('classifyLogRequestError', () => {
  it('retries later while the container is waiting to start or the pod is unscheduled', () => {
    expect(kind(new ApiError(400, 'container "app" in pod "web-1" is waiting to start: ContainerCreating'))).toBe('not-started');
    expect(kind(new ApiError(400, 'container "app" in pod "web-1" is waiting to start: PodInitializing'))).toBe('not-started');
    expect(kind(new ApiError(400, 'pod web-1 does not have a host assigned'))).toBe('not-started');
  });

  it('knows when there is nothing to read', () => {
    expect(kind(new ApiError(400, 'previous terminated container "app" in pod "web-1" not found'))).toBe('no-logs');
    expect(kind(new ApiError(400, 'container "app" in pod "web-1" is terminated'))).toBe('no-logs');
    expect(kind(new ApiError(404, 'pods "web-1" not found'))).toBe('pod-gone');
  });

  it('gives up on permission problems and bad requests', () => {
    expect(kind(new ApiError(403, 'pods "web-1" is forbidden: cannot get resource "pods/log"'))).toBe('fatal');
    expect(kind(new ApiError(400, 'container nope is not valid for pod web-1'))).toBe('fatal');
    expect(kind(new ApiError(401, 'Unauthorized'))).toBe('unauthorized');
  });

  it('treats cuts, 5xx and 429 as transient, keeping Retry-After', () => {
    expect(kind(new ApiError(0, 'connection reset'))).toBe('transient');
    expect(kind(new ApiError(503, 'unavailable'))).toBe('transient');
    expect(classifyLogRequestError(new ApiError(429, 'slow down', { retryAfterMs: 2000 }))).toEqual({
      kind: 'transient',
      retryAfterMs: 2000,
    });
    expect(kind(new Error('socket hang up'))).toBe('transient');
  });
});
