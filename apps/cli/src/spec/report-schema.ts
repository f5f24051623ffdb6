import { PROGRAM_ERROR_CODES, ROLLOUT_ERROR_CODES, type Report } from '@kubetrack/core';
import * as z from 'zod/mini';
import { described } from './described.js';

const outcome = z.enum(['ready', 'failed', 'progressing', 'timeout', 'skipped']);
const timelineState = z.enum(['absent', 'progressing', 'ready', 'failed', 'scheduling', 'creating', 'pulling', 'running', 'completed', 'terminating', 'deleted']);

/**
 * The `--output json` document, mirroring packages/core/src/report.ts (checked below at compile
 * time). `rolloutCodes`: core's base codes plus those the registered plugins declare.
 */
export function reportSchema(rolloutCodes: readonly string[] = ROLLOUT_ERROR_CODES) {
  const rolloutCode = z.enum(rolloutCodes as [string, ...string[]]);
  const anyCode = z.enum([...rolloutCodes, ...PROGRAM_ERROR_CODES] as [string, ...string[]]);
  return described(
    z.object({
      success: z.boolean(),
      error: z.optional(
        z.object({
          type: z.enum(['rollout', 'program']),
          code: anyCode,
          message: z.string(),
          resource: described(z.optional(z.string()), '"apps/v1/Deployment/ns/web" for rollout errors'),
        }),
      ),
      resources: z.array(
        z.object({
          apiVersion: z.string(),
          kind: z.string(),
          namespace: z.optional(z.string()),
          name: z.string(),
          status: outcome,
          deleted: described(z.optional(z.literal(true)), 'tracked for deletion (--for delete) and gone: "ready" means deleted'),
          code: z.optional(rolloutCode),
          message: z.string(),
          hint: described(z.optional(z.string()), 'for a failed resource: the likely fix and the command that shows more'),
          durationMs: z.number(),
          events: z.array(
            z.object({
              type: z.string(),
              reason: z.string(),
              message: z.string(),
              object: described(z.string(), '"Pod/web-6f7c9"'),
              count: z.optional(z.number()),
              time: z.optional(z.string()),
            }),
          ),
          logTail: z.array(
            z.object({ pod: z.string(), container: z.string(), previous: z.boolean(), lines: z.array(z.string()) }),
          ),
        }),
      ),
      timeline: described(
        z.optional(
          z.object({
            startedAt: z.string(),
            durationMs: z.number(),
            rows: z.array(
              z.object({
                kind: z.enum(['resource', 'pod']),
                name: z.string(),
                resource: described(z.string(), '"apps/v1/Deployment/ns/web": the resource the row belongs to'),
                segments: z.array(z.object({ state: timelineState, startMs: z.number(), endMs: z.number() })),
                marks: z.array(z.object({ atMs: z.number(), reason: z.string(), message: z.string() })),
                verdict: z.optional(z.string()),
              }),
            ),
          }),
        ),
        'what happened when, in ms from the start of the run: a row per resource and per pod',
      ),
    }),
    'kubetrack report (--output json, last line of --output ndjson)',
  );
}

// Fails to compile when report.ts changes and this schema does not.
type SchemaReport = z.infer<ReturnType<typeof reportSchema>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Widened<T> = T extends string ? string : T extends object ? { [K in keyof T]: Widened<T[K]> } : T;
const reportSchemaMatchesReport: Same<Widened<SchemaReport>, Widened<Report>> = true;
void reportSchemaMatchesReport;
