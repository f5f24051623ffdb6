import { ApiError } from './api-error.js';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'connection closed',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed before the response ended',
};

/** An `ApiError` with status 0 for a request that got no (complete) answer: refused, reset, DNS, TLS. */
export function connectionError(server: string, cause: unknown, what = 'cannot reach'): ApiError {
  return new ApiError(0, `${what} ${server}: ${describeConnectionError(cause)}`, { cause });
}

export function describeConnectionError(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = DESCRIPTIONS[code];
    if (known !== undefined) return known;
    if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_/.test(code)) {
      return `TLS error: ${(cause as Error).message}`;
    }
  }
  return cause instanceof Error ? cause.message.replace(/\s*\n\s*/g, ' ') : String(cause);
}
