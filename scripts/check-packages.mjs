#!/usr/bin/env node
// Checks every publishable workspace package the way a consumer meets it: packs it with pnpm
// (as `pnpm publish` would), then runs publint (strict: warnings count) and, for packages that
// ship types, @arethetypeswrong/cli with the esm-only profile (our packages are ESM-only, so
// node10 and require() resolutions are out of scope by design).
// Usage: node scripts/check-packages.mjs   (exit 1 and one line per problem when any fails)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);

/** Workspace folders whose package.json is not private. */
export function publishablePackages() {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, group, entry.name))
      .filter((dir) => {
        try {
          return !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private;
        } catch {
          return false;
        }
      }),
  );
}

function run(file, args, cwd) {
  try {
    return { ok: true, output: execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

/** Returns the problems found in one package (empty when it is fine). */
export function checkPackage(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const problems = [];
  const lint = run(bin('publint'), ['--strict', '--pack', 'pnpm', dir], root);
  if (!lint.ok) problems.push(`publint: ${lint.output.trim()}`);
  const shipsTypes = JSON.stringify(manifest.exports ?? {}).includes('"types"');
  if (shipsTypes) {
    const out = mkdtempSync(join(tmpdir(), 'kubetrack-pack-'));
    try {
      run('pnpm', ['pack', '--pack-destination', out], dir);
      const tarball = readdirSync(out).find((name) => name.endsWith('.tgz'));
      if (!tarball) problems.push('pnpm pack wrote no tarball');
      else {
        // Data subpaths (a CRD's YAML) are files to read, not modules to import.
        const dataEntrypoints = Object.keys(manifest.exports ?? {}).filter((key) => /\.ya?ml$/.test(key));
        const exclude = dataEntrypoints.length > 0 ? ['--exclude-entrypoints', ...dataEntrypoints] : [];
        const args = [join(out, tarball), '--profile', 'esm-only', '--format', 'ascii', '--no-color', ...exclude];
        const types = run(bin('attw'), args, root);
        if (!types.ok) problems.push(`attw: ${types.output.trim()}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return problems.map((problem) => `${manifest.name}: ${problem}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = publishablePackages().flatMap(checkPackage);
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'packages: all good' : `packages: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
