/** A non-2xx answer from the API server (or a failed connection, with `status` 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no response arrived (refused, reset, DNS, TLS). */
    readonly status: number,
    message: string,
    readonly details: {
      /** metav1.Status reason, e.g. "Forbidden", "Expired", "NotFound". */
      reason?: string;
      /** From Retry-After, for 429 and some 5xx. */
      retryAfterMs?: number;
      verb?: string;
      path?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
