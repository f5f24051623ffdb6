import { describe, expect, it } from 'vitest';
import { LogLineSplitter, TRUNCATION_MARKER } from './log-line-splitter.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LogLineSplitter', () => {
  it('joins lines split across chunks and keeps the unterminated rest for later', () => {
    const splitter = new LogLineSplitter(1024);
    expect(splitter.push(bytes('one\ntw'))).toEqual(['one']);
    expect(splitter.push(bytes('o'))).toEqual([]);
    expect(splitter.push(bytes('\nthree\nfo'))).toEqual(['two', 'three']);
    expect(splitter.end()).toBe('fo');
  });

  it('reports no partial line when the body ended on a newline', () => {
    const splitter = new LogLineSplitter(1024);
    splitter.push(bytes('a\n\n'));
    expect(splitter.end()).toBeUndefined();
  });

  it('keeps empty lines', () => {
    expect(new LogLineSplitter(1024).push(bytes('a\n\nb\n'))).toEqual(['a', '', 'b']);
  });

  it('decodes multi-byte characters split between chunks', () => {
    const splitter = new LogLineSplitter(1024);
    const encoded = bytes('héllo ✓\n');
    const lines = [...encoded].flatMap((byte) => splitter.push(new Uint8Array([byte])));
    expect(lines).toEqual(['héllo ✓']);
  });

  it('truncates very long lines, marks them, and resumes at the next line', () => {
    const splitter = new LogLineSplitter(10);
    expect(splitter.push(bytes('x'.repeat(7)))).toEqual([]);
    expect(splitter.push(bytes('y'.repeat(100_000)))).toEqual([]);
    expect(splitter.push(bytes('zzz\nnext\n'))).toEqual([`xxxxxxxyyy${TRUNCATION_MARKER}`, 'next']);
  });

  it('truncates an over-long unterminated last line too', () => {
    const splitter = new LogLineSplitter(4);
    splitter.push(bytes('abcdefgh'));
    expect(splitter.end()).toBe(`abcd${TRUNCATION_MARKER}`);
  });
});
