/** A stack trace followed by its causes' (a bug wrapped by core keeps the plugin's own frames). */
export function stackWithCauses(error: Error): string {
  const parts = [error.stack ?? String(error)];
  let cause = error.cause;
  while (cause instanceof Error) {
    parts.push(`caused by: ${cause.stack ?? String(cause)}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}
