import { ApiError } from './api-error.js';
import { parseRetryAfter } from './retry-after.js';

/** What a metav1.Status body carries that an error message needs. */
interface StatusBody {
  kind?: unknown;
  message?: unknown;
  reason?: unknown;
}

/**
 * Builds the `ApiError` for a non-2xx response: the metav1.Status message and reason when
 * the body is one, else the HTTP status line and the start of the body, always one line.
 */
export function apiErrorFromResponse(response: {
  status: number;
  statusText?: string;
  retryAfter?: string;
  body: string;
  verb: string;
  path: string;
}): ApiError {
  const status = parseStatusBody(response.body);
  const reason = typeof status?.reason === 'string' && status.reason !== '' ? status.reason : undefined;
  const serverMessage = typeof status?.message === 'string' && status.message !== '' ? status.message : undefined;
  const fallback = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}${
    response.body.trim() === '' ? '' : `: ${response.body.trim().slice(0, 200)}`
  }`;
  const retryAfterMs = parseRetryAfter(response.retryAfter);
  return new ApiError(response.status, oneLine(`${response.verb} ${response.path}: ${serverMessage ?? fallback}`), {
    ...(reason === undefined ? {} : { reason }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    verb: response.verb,
    path: response.path,
  });
}

function parseStatusBody(body: string): StatusBody | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
