import { describe, expect, it } from 'vitest';
import { visibleDeep, visibleText } from './visible-text.js';

describe('visibleDeep', () => {
  it('shows every control character inside nested cluster text and leaves the original untouched', () => {
    const message = { type: 'log', pod: 'web', lines: ['ok', 'bell\u0007'], event: { reason: 'Bad\u001b[2J', count: 2 } };
    const shown = visibleDeep(message);
    expect(shown).toEqual({ type: 'log', pod: 'web', lines: ['ok', 'bell\\u0007'], event: { reason: 'Bad\\u001b[2J', count: 2 } });
    expect(message.lines[1]).toBe('bell\u0007');
    expect(message.event.reason).toBe('Bad\u001b[2J');
  });

  it('returns clean parts as they are, so a clean message costs no copy', () => {
    const clean = { resource: { kind: 'Deployment', name: 'web' }, lines: ['a', 'b'] };
    const dirty = { clean: clean.resource, text: 'x\r' };
    expect(visibleDeep(clean)).toBe(clean);
    const shown = visibleDeep(dirty);
    expect(shown).not.toBe(dirty);
    expect(shown.clean).toBe(clean.resource);
    expect(visibleText('tab\tkept')).toBe('tab\tkept');
  });
});
