import { describe, expect, it } from 'vitest';
import { compareText } from './compare-text.js';

describe('compareText', () => {
  it('sorts timestamps by time and names by code unit, whatever the locale', () => {
    expect(['2026-12-03T10:00:01Z', '2026-12-03T09:59:59Z', '2026-12-03T10:00:00Z'].sort(compareText)).toEqual([
      '2026-12-03T09:59:59Z',
      '2026-12-03T10:00:00Z',
      '2026-12-03T10:00:01Z',
    ]);
    // localeCompare would put "web-b" before "Web-a" and "web-10" by its own rules; kubectl sorts by bytes.
    expect(['web-b', 'Web-a', 'web-10', 'web-2'].sort(compareText)).toEqual(['Web-a', 'web-10', 'web-2', 'web-b']);
    expect(compareText('same', 'same')).toBe(0);
  });
});
