import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `pnpm lint`; it has no type declarations
import { checkPackage, publishablePackages } from '../../../scripts/check-packages.mjs';

/** What a consumer of the published packages meets: publint (strict) and arethetypeswrong on the packed tarball. */
describe('published packages', () => {
  const packages = (publishablePackages as () => string[])();

  it('are found', () => {
    expect(packages.map((dir) => dir.split('/').slice(-2).join('/'))).toEqual(
      expect.arrayContaining(['packages/core', 'packages/workloads', 'apps/cli']),
    );
  });

  it.each(packages.map((dir) => [dir.split('/').slice(-2).join('/'), dir]))(
    '%s passes publint and arethetypeswrong',
    (_name, dir) => {
      expect((checkPackage as (dir: string) => string[])(dir)).toEqual([]);
    },
    60_000,
  );
});
