import { describe, expect, it } from 'vitest';
import { compareLogTimestamps, parseLogTimestamp, sinceTimeParam } from './log-timestamp.js';

function parse(text: string) {
  const timestamp = parseLogTimestamp(text);
  if (!timestamp) throw new Error(`not a timestamp: ${text}`);
  return timestamp;
}

describe('log timestamps', () => {
  it('compares at nanosecond precision whatever the number of fraction digits', () => {
    const short = parse('2025-03-01T10:00:05.1Z');
    const long = parse('2025-03-01T10:00:05.100000001Z');
    expect(compareLogTimestamps(short, long)).toBeLessThan(0);
    expect(compareLogTimestamps(long, short)).toBeGreaterThan(0);
    expect(compareLogTimestamps(short, parse('2025-03-01T10:00:05.100000000Z'))).toBe(0);
  });

  it('orders by seconds before fractions, including whole-second stamps', () => {
    expect(compareLogTimestamps(parse('2025-03-01T10:00:05.999999999Z'), parse('2025-03-01T10:00:06Z'))).toBeLessThan(0);
  });

  it('understands zone offsets', () => {
    expect(compareLogTimestamps(parse('2025-03-01T12:00:05.5+02:00'), parse('2025-03-01T10:00:05.5Z'))).toBe(0);
  });

  it('rejects what is not an RFC3339 timestamp', () => {
    expect(parseLogTimestamp('hello')).toBeUndefined();
    expect(parseLogTimestamp('2025-03-01 10:00:05Z')).toBeUndefined();
    expect(parseLogTimestamp('2025-03-01T10:00:05.1234567890Z')).toBeUndefined();
  });

  it('rounds sinceTime down to the whole second', () => {
    expect(sinceTimeParam(parse('2025-03-01T10:00:05.987654321Z'))).toBe('2025-03-01T10:00:05Z');
    expect(sinceTimeParam(parse('2025-03-01T10:00:05Z'))).toBe('2025-03-01T10:00:05Z');
  });
});
