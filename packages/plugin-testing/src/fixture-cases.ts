import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluateContext, Snapshot, Verdict } from '@kubetrack/core';

/** One readable JSON file per case: what the API server returned, when, and what the rule must say. */
export interface FixtureCase {
  file: string;
  description: string;
  snapshot: Snapshot;
  context: EvaluateContext;
  /** A partial verdict: every field given must match. */
  expect: Partial<Verdict>;
}

interface FixtureFile {
  description: string;
  snapshot: { object?: Snapshot['object']; children?: Snapshot['children']; events?: Snapshot['events'] };
  context?: { now?: string; trackingStartedAt?: string; schedulingGracePeriodMs?: number; options?: Record<string, unknown> };
  expect: Partial<Verdict>;
}

/** Reads every *.json case in a folder; times in `context` are RFC 3339 like the objects' own. */
export function fixtureCases(folder: string): FixtureCase[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(folder, file), 'utf8')) as FixtureFile;
      const context = parsed.context ?? {};
      const trackingStartedAt = parseTime(context.trackingStartedAt ?? '2025-01-01T00:00:00Z', file);
      return {
        file,
        description: parsed.description,
        snapshot: {
          object: parsed.snapshot.object,
          children: parsed.snapshot.children ?? {},
          events: parsed.snapshot.events ?? [],
        },
        context: {
          now: context.now === undefined ? trackingStartedAt : parseTime(context.now, file),
          trackingStartedAt,
          schedulingGracePeriodMs: context.schedulingGracePeriodMs ?? 30_000,
          options: context.options ?? {},
        },
        expect: parsed.expect,
      };
    });
}

function parseTime(text: string, file: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`${file}: ${JSON.stringify(text)} is not an RFC 3339 time`);
  return time;
}
