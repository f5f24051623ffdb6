import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canaryVerdict } from './canary-verdict.js';
import { fixtureCases } from './testing/fixture-cases.js';

describe('canaryVerdict', () => {
  for (const fixture of fixtureCases(fileURLToPath(new URL('./fixtures', import.meta.url)))) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      expect(canaryVerdict(fixture.snapshot, fixture.context)).toMatchObject(fixture.expect);
    });
  }
});
