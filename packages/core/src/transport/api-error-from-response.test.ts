import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from './api-error-from-response.js';
import { parseRetryAfter } from './retry-after.js';

describe('apiErrorFromResponse', () => {
  it('uses the metav1.Status message and reason', () => {
    const error = apiErrorFromResponse({
      status: 410,
      body: JSON.stringify({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' }),
      verb: 'GET',
      path: '/api/v1/pods',
    });
    expect(error.status).toBe(410);
    expect(error.details).toMatchObject({ reason: 'Expired', verb: 'GET', path: '/api/v1/pods' });
    expect(error.message).toBe('GET /api/v1/pods: too old resource version: 1 (5)');
  });

  it('falls back to the status line and a one-line start of the body', () => {
    const error = apiErrorFromResponse({ status: 503, statusText: 'Service Unavailable', body: 'upstream\nreset', verb: 'GET', path: '/x' });
    expect(error.message).toBe('GET /x: 503 Service Unavailable: upstream reset');
    expect(error.details.reason).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
