import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cliDir = fileURLToPath(new URL('../../../apps/cli', import.meta.url));
const version = (JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { version: string }).version;

describe('npm pack of kubetrack', () => {
  it('installs into an empty folder, and `npx kubetrack version` runs from the tarball', () => {
    const packed = mkdtempSync(join(tmpdir(), 'kubetrack-packed-'));
    execFileSync('pnpm', ['pack', '--pack-destination', packed], { cwd: cliDir, stdio: 'ignore' });
    const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const project = mkdtempSync(join(tmpdir(), 'kubetrack-consumer-'));
    // The tarball has no dependencies (one self-contained bundle), so this needs no registry.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(packed, tarball!)], {
      cwd: project,
      stdio: 'ignore',
    });
    const output = execFileSync('npx', ['--no-install', 'kubetrack', 'version'], { cwd: project, encoding: 'utf8' });
    expect(output).toMatch(new RegExp(`^kubetrack ${version.replaceAll('.', '\\.')} `));
  }, 120_000);
});
