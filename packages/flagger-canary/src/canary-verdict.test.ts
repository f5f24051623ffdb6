import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canaryVerdict } from './canary-verdict.js';
import { fixtureCases } from '@kubetrack/plugin-testing';

describe('canaryVerdict', () => {
  for (const fixture of fixtureCases(fileURLToPath(new URL('./fixtures', import.meta.url)))) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      const verdict = canaryVerdict(fixture.snapshot, fixture.context);
      expect(verdict).toMatchObject(fixture.expect);
      // Only a terminal failure carries a code.
      if (verdict.state !== 'failed') expect(verdict.code).toBeUndefined();
    });
  }
});
