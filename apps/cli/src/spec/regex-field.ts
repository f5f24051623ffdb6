import { logRegexProblem } from '@kubetrack/core';
import * as z from 'zod/mini';
import { described } from './described.js';

/** A log filter in Go (RE2) syntax, checked when the spec is read; core matches it with RE2 as is. */
export const regexField = described(
  z.string().check(
    z.superRefine((pattern, context) => {
      const problem = logRegexProblem(pattern);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `invalid regular expression: ${problem}` });
    }),
  ),
  'Regular expression (Go/RE2 syntax); only matching log lines are shown',
);
