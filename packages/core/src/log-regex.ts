import { RE2JS } from 're2js';

/** A compiled TrackSpec.logRegex: a line is shown when the pattern matches somewhere in it. */
export interface LogRegex {
  test(line: string): boolean;
}

/**
 * Compiles a log filter in Go (RE2) syntax, as kubedog specs carry them. RE2 matches in time
 * linear in the line, so a pattern like `(a+)+$` cannot pin the CPU on a hostile log line
 * (JavaScript's backtracking RegExp would, and would also ignore timeouts and signals).
 * Throws with the parser's reason on a bad pattern; `logRegexProblem` checks first.
 */
export function compileLogRegex(pattern: string): LogRegex {
  const compiled = RE2JS.compile(pattern);
  return { test: (line) => compiled.matcher(line).find() };
}

/** Why `pattern` is not a valid Go regular expression, or undefined when it is. */
export function logRegexProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return String((error as Error).message).replace(/^error parsing regexp: /, '');
  }
}
