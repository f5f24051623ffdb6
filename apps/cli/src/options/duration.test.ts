import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, tryParseDuration } from './duration.js';

describe('tryParseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['90', 90_000],
    ['1.5', 1500],
    ['1.5h', 5_400_000],
    ['2m30s', 150_000],
    ['0', 0],
    ['250us', 0.25],
  ])('reads %s as %d ms', (text, ms) => {
    expect(tryParseDuration(text)).toBe(ms);
  });

  it.each(['', ' ', 'abc', '5 m', '5d', '-5s', 'm5', '1h30'])('rejects %j', (text) => {
    expect(tryParseDuration(text)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it('names the flag and shows examples when the value is bad', () => {
    expect(() => parseDuration('soon', '--timeout')).toThrow(
      '--timeout: invalid duration "soon" (use e.g. 90s, 5m, 1h30m, 500ms or plain seconds)',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [450, '450ms'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
  ])('renders %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('durations too long to be numbers', () => {
  it('refuses a duration that overflows to Infinity instead of passing it on', () => {
    expect(tryParseDuration(`${'9'.repeat(400)}h`)).toBeUndefined();
    expect(tryParseDuration('9'.repeat(400))).toBeUndefined();
    expect(tryParseDuration('9999999999h')).toBe(9_999_999_999 * 3_600_000);
  });
});
