import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conditions } from './conditions.js';
import { fixtureCases } from './testing/fixture-cases.js';

describe('conditions plugin verdicts', () => {
  const plugin = conditions();
  for (const fixture of fixtureCases(fileURLToPath(new URL('./fixtures', import.meta.url)))) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      expect(plugin.evaluate(fixture.snapshot, fixture.context)).toMatchObject(fixture.expect);
    });
  }
});
