import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCappedFile, readCappedFileSync } from './read-capped-file.js';

describe('reading input files under a cap', () => {
  it('refuses /dev/zero after the cap instead of reading for ever', async () => {
    expect(() => readCappedFileSync('/dev/zero', 'kubeconfig file "/dev/zero"', 1024 * 1024)).toThrow(
      'kubeconfig file "/dev/zero" is larger than 1 MiB (the most kubetrack reads of one input)',
    );
    await expect(readCappedFile('/dev/zero', '/dev/zero', 1000)).rejects.toThrow('/dev/zero is larger than 1000 bytes');
  });

  it('reads a file up to the cap exactly, and refuses one byte more', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'kubetrack-cap-')), 'spec.yaml');
    await writeFile(file, 'x'.repeat(100));
    expect(readCappedFileSync(file, 'spec', 100).length).toBe(100);
    expect((await readCappedFile(file, 'spec', 100)).toString()).toBe('x'.repeat(100));
    await expect(readCappedFile(file, 'spec', 99)).rejects.toThrow('spec is larger than 99 bytes');
  });

  it('passes file-system errors through for the caller to word', () => {
    expect(() => readCappedFileSync('/nonexistent/kubeconfig', 'kubeconfig')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
