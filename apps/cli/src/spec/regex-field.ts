import { z } from 'zod';
import { goRegexpToSpecRegex } from './go-regexp.js';

/** A log filter written in Go (RE2) syntax, which JavaScript mostly shares; checked when the spec is read. */
export const regexField = z
  .string()
  .superRefine((pattern, context) => {
    const result = goRegexpToSpecRegex(pattern);
    if (!result.ok) context.addIssue({ code: 'custom', message: `invalid regular expression: ${result.problem}` });
  })
  .describe('Regular expression (Go/RE2 syntax); only matching log lines are shown');

/** The JavaScript form of a regex that regexField accepted. */
export function specRegex(pattern: string): string {
  const result = goRegexpToSpecRegex(pattern);
  if (!result.ok) throw new Error(`unvalidated regex ${pattern}: ${result.problem}`);
  return result.regex;
}
