import { describe, expect, it } from 'vitest';
import { EXCERPT_GAP, ExcerptBuffer } from './excerpt-buffer.js';

describe('ExcerptBuffer', () => {
  it('is the last lines while nothing explaining scrolled out', () => {
    const buffer = ExcerptBuffer.of(3, ['a', 'b', 'c', 'd']);
    expect(buffer.toArray()).toEqual(['b', 'c', 'd']);
    expect(buffer.size).toBe(3);
  });

  it('keeps the error-level lines and stack traces that scrolled out, before the last lines', () => {
    const lines = ['starting', '{"level":"error","msg":"db refused"}', 'retrying', 'panic: gave up', 'goroutine 1 [running]:', 'shutdown 1', 'shutdown 2', 'shutdown 3'];
    expect(ExcerptBuffer.of(3, lines).toArray()).toEqual([
      '{"level":"error","msg":"db refused"}',
      'panic: gave up',
      'goroutine 1 [running]:',
      EXCERPT_GAP,
      'shutdown 1',
      'shutdown 2',
      'shutdown 3',
    ]);
  });

  it('bounds the earlier part too', () => {
    const lines = [...Array.from({ length: 10 }, (_, i) => `level=error msg=e${i}`), 'x', 'y'];
    expect(ExcerptBuffer.of(2, lines).toArray()).toEqual(['level=error msg=e8', 'level=error msg=e9', EXCERPT_GAP, 'x', 'y']);
  });
});
