import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jobVerdict } from './job-verdict.js';
import { fixtureCases } from '@kubetrack/plugin-testing';

describe('jobVerdict', () => {
  for (const fixture of fixtureCases(fileURLToPath(new URL('./fixtures', import.meta.url)))) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      const verdict = jobVerdict(fixture.snapshot, fixture.context);
      expect(verdict).toMatchObject(fixture.expect);
      // Only a terminal failure carries a code; anything else must not look like one.
      if (verdict.state !== 'failed') expect(verdict.code).toBeUndefined();
      if (!('failures' in fixture.expect)) expect(verdict.failures ?? []).toEqual([]);
    });
  }
});
