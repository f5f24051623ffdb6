import { readdirSync, readFileSync } from 'node:fs';
import type { EvaluateContext, KubeEvent, KubeObject, TrackerPlugin, Verdict } from '@kubetrack/core';
import { expect, it } from 'vitest';

/** One case of a readiness rule, as a reviewer reads it: objects as the API server returns them, and the verdict. */
export interface VerdictFixture {
  description: string;
  snapshot: { object?: KubeObject; children?: Record<string, KubeObject[]>; events?: KubeEvent[] };
  context: { now: string; trackingStartedAt: string; schedulingGracePeriodMs?: number; options?: Record<string, unknown> };
  /** A partial Verdict; in failures, `permanent: false` means "not permanent". */
  expect: Partial<Verdict>;
}

export function loadVerdictFixtures(dir: URL): (VerdictFixture & { file: string })[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as VerdictFixture) }));
}

export function evaluateFixture(plugin: TrackerPlugin, fixture: VerdictFixture): Verdict {
  const context: EvaluateContext = {
    now: Date.parse(fixture.context.now),
    trackingStartedAt: Date.parse(fixture.context.trackingStartedAt),
    schedulingGracePeriodMs: fixture.context.schedulingGracePeriodMs ?? 30_000,
    options: fixture.context.options ?? {},
  };
  const { object, children = {}, events = [] } = fixture.snapshot;
  return plugin.evaluate({ object, children, events }, context);
}

/** Registers one test per JSON file in `dir`: adding a case is adding a file. */
export function testVerdictFixtures(plugin: TrackerPlugin, dir: URL): void {
  const fixtures = loadVerdictFixtures(dir);
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(0));
  it.each(fixtures)('$file: $description', (fixture) => {
    const verdict = evaluateFixture(plugin, fixture);
    const comparable = {
      ...verdict,
      ...(verdict.failures ? { failures: verdict.failures.map((f) => ({ ...f, permanent: f.permanent ?? false })) } : {}),
    };
    expect(comparable).toMatchObject(fixture.expect);
    if (fixture.expect.state !== 'failed') expect(verdict.code).toBeUndefined();
    if (!('failures' in fixture.expect) && verdict.state !== 'progressing') expect(verdict.failures ?? []).toEqual([]);
    if (!('recheckAfterMs' in fixture.expect)) expect(verdict.recheckAfterMs).toBeUndefined();
    if (!('childrenBehind' in fixture.expect)) expect(verdict.childrenBehind).toBeUndefined();
  });
}
