import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  it('reads the durations Flagger users write', () => {
    expect(parseGoDuration('1m')).toBe(60_000);
    expect(parseGoDuration('30s')).toBe(30_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('1h')).toBe(3_600_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('1.5m')).toBe(90_000);
  });

  it('rejects what Go would reject', () => {
    expect(parseGoDuration('')).toBeUndefined();
    expect(parseGoDuration('60')).toBeUndefined();
    expect(parseGoDuration('1 m')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
  });
});
