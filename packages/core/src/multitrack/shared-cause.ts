import { failureSubject, type Failure } from '../plugin.js';

/**
 * How many objects share the decisive failure's cause: the same code and the same message once
 * each failure's own object name is taken out ("pod/web-1: image x not found" and "pod/web-2:
 * image x not found" are one cause). Returns the suffix that says so, or '' for a cause of one.
 */
export function sharedCauseSuffix(decisive: Failure, failures: readonly Failure[]): string {
  const cause = (failure: Failure) => {
    const { name, container } = failureSubject(failure);
    return `${failure.code}|${container ?? ''}|${name ? failure.message.split(name).join('\u0000') : failure.message}`;
  };
  const wanted = cause(decisive);
  const objects = new Set(failures.filter((failure) => cause(failure) === wanted).map((failure) => failure.object));
  objects.add(decisive.object);
  if (objects.size < 2) return '';
  const kind = failureSubject(decisive).kind.toLowerCase() || 'object';
  return ` — ${objects.size} ${kind}s`;
}
