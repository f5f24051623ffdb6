import { describe, expect, it } from 'vitest';
import { goRegexpToSpecRegex, translateGoRegexp } from './go-regexp.js';

function matches(goPattern: string, line: string): boolean {
  const result = goRegexpToSpecRegex(goPattern);
  if (!result.ok) throw new Error(result.problem);
  return new RegExp(result.regex).test(line);
}

describe('Go regular expressions in kubedog specs', () => {
  it.each([
    ['error|warn', 'a warning here', true],
    ['(?i)error', 'ERROR: disk full', true],
    ['(?i)error', 'all good', false],
    ['^\\[(?P<level>[A-Z]+)\\]', '[INFO] started', true],
    ['\\Aready\\z', 'ready', true],
    ['\\Aready\\z', 'not ready', false],
    ['[[:digit:]]{3}', 'status 500', true],
    ['[[:upper:]][[:lower:]]+', 'hello World', true],
    ['\\Q1.5+\\E', 'version 1.5+', true],
    ['\\Q1.5+\\E', 'version 1x5', false],
    ['[]a]', ']', true],
    ['(?s)begin.end', 'begin\nend', true],
    ['(?i:warn)ing', 'WARNing', true],
  ])('%s on %j → %s', (pattern, line, expected) => {
    expect(matches(pattern, line)).toBe(expected);
  });

  it.each([
    ['foo(?=bar)', 'lookahead and lookbehind are not supported'],
    ['(a)\\1', 'backreferences are not supported'],
    ['a(?i)b', 'flags like (?i) are only supported at the start'],
    ['(?U)a+', 'ungreedy'],
    ['\\pL+', 'Unicode classes'],
    ['[abc', 'missing closing ]'],
    ['a(b', 'Unterminated group'],
    ['[[:nope:]]', 'unknown character class [:nope:]'],
  ])('refuses %j with a reason', (pattern, problem) => {
    const result = translateGoRegexp(pattern);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(problem);
  });
});
