import { logRegexProblem } from '@kubetrack/core';
import { z } from 'zod';

/** A log filter in Go (RE2) syntax, checked when the spec is read; core matches it with RE2 as is. */
export const regexField = z
  .string()
  .superRefine((pattern, context) => {
    const problem = logRegexProblem(pattern);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `invalid regular expression: ${problem}` });
  })
  .describe('Regular expression (Go/RE2 syntax); only matching log lines are shown');
