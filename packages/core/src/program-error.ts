import type { ProgramErrorCode } from './error-code.js';

/**
 * An error that stops the whole program rather than failing one resource: bad input,
 * a cluster that cannot be reached, authenticated against or is forbidden, or a bug (`internal`).
 * Its message is one line, fit to print as is.
 */
export class ProgramError extends Error {
  override readonly name = 'ProgramError';
  constructor(
    readonly code: ProgramErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isProgramError(error: unknown): error is ProgramError {
  return error instanceof ProgramError;
}
