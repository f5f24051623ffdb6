import { describe, expect, it } from 'vitest';
import { LineTooLongError, NdjsonDecoder } from './ndjson-decoder.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('NdjsonDecoder', () => {
  it('joins a line split over several chunks', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push(bytes('{"type":"ADD'))).toEqual([]);
    expect(decoder.push(bytes('ED","n":1'))).toEqual([]);
    expect(decoder.push(bytes('}\n'))).toEqual(['{"type":"ADDED","n":1}']);
  });

  it('returns every line of a chunk that holds several, keeping the partial tail', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push(bytes('{"a":1}\n{"b":2}\n{"c"'))).toEqual(['{"a":1}', '{"b":2}']);
    expect(decoder.pendingText).toBe('{"c"');
    expect(decoder.push(bytes(':3}\n'))).toEqual(['{"c":3}']);
  });

  it('keeps a multi-byte character that is split between chunks intact', () => {
    const decoder = new NdjsonDecoder();
    const line = bytes('{"msg":"ünïcødé ✓"}\n');
    // Cut after the first byte of "ü", a two-byte sequence.
    const cut = line.findIndex((byte) => byte >= 0x80) + 1;
    expect(decoder.push(line.slice(0, cut))).toEqual([]);
    expect(decoder.push(line.slice(cut))).toEqual(['{"msg":"ünïcødé ✓"}']);
  });

  it('skips blank lines', () => {
    expect(new NdjsonDecoder().push(bytes('\n\n{"a":1}\n  \n'))).toEqual(['{"a":1}']);
  });
});

describe('NdjsonDecoder limits', () => {
  it('refuses a line that grows past the cap without a newline, then decodes the next one', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 10 });
    expect(decoder.push(bytes('{"a":'))).toEqual([]);
    expect(() => decoder.push(bytes('"0123456789"'))).toThrow(LineTooLongError);
    expect(decoder.pendingText).toBe('');
  });

  it('accepts a line of exactly the cap split over many chunks', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 12 });
    for (const piece of ['{"a"', ':"xx', 'xx"}']) expect(decoder.push(bytes(piece))).toEqual([]);
    expect(decoder.push(bytes('\n'))).toEqual(['{"a":"xxxx"}']);
  });
});
