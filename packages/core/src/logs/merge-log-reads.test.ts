import { describe, expect, it } from 'vitest';
import { mergeLogReads } from './merge-log-reads.js';

const at = (second: number, text: string, from: string) => ({ line: { text, timestamp: `2025-03-01T10:00:${String(second).padStart(2, '0')}.5Z` }, from });

describe('mergeLogReads', () => {
  it('orders two instances by time, whichever read served which', () => {
    const current = [at(7, 'run 1 starting', 'current'), at(8, 'run 1 crashed', 'current')];
    const previous = [at(3, 'run 0 starting', 'previous'), at(4, 'run 0 crashed', 'previous')];
    expect(mergeLogReads(current, previous).map(({ line }) => line.text)).toEqual([
      'run 0 starting',
      'run 0 crashed',
      'run 1 starting',
      'run 1 crashed',
    ]);
  });

  it('counts once the lines both reads served from the same instance, identical lines included', () => {
    const lines = (from: string) => [at(3, 'x', from), at(3, 'x', from), at(4, 'y', from)];
    expect(mergeLogReads(lines('current'), lines('previous'))).toEqual(lines('current'));
  });

  it('keeps a read whose other half failed', () => {
    expect(mergeLogReads([], [at(3, 'only', 'previous')])).toEqual([at(3, 'only', 'previous')]);
  });
});
