import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Writes objects as one multi-document YAML file for `track -f`; returns its path. */
export function manifestFile(objects: readonly object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubetrack-kinds-')), 'release.yaml');
  writeFileSync(file, objects.map((object) => stringify(object)).join('---\n'));
  return file;
}
