import { describe, expect, it } from 'vitest';
import { parseContainerLogLine } from './container-log-line.js';

describe('parseContainerLogLine', () => {
  it('separates the runtime timestamp from the text at the first space only', () => {
    expect(parseContainerLogLine('2025-03-01T10:00:05.123456789Z hello  world ')).toEqual({
      timestamp: '2025-03-01T10:00:05.123456789Z',
      text: 'hello  world ',
    });
  });

  it('keeps empty lines', () => {
    expect(parseContainerLogLine('2025-03-01T10:00:05Z ')).toEqual({ timestamp: '2025-03-01T10:00:05Z', text: '' });
    expect(parseContainerLogLine('2025-03-01T10:00:05Z')).toEqual({ timestamp: '2025-03-01T10:00:05Z', text: '' });
  });

  it('drops a Windows line ending', () => {
    expect(parseContainerLogLine('2025-03-01T10:00:05Z done\r').text).toBe('done');
  });

  it('keeps a line without a timestamp whole', () => {
    expect(parseContainerLogLine('not stamped line')).toEqual({ text: 'not stamped line' });
  });
});
