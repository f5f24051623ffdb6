import { describe, expect, it } from 'vitest';
import { compileLogRegex, logRegexProblem } from './log-regex.js';

describe('log filters in Go (RE2) syntax', () => {
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
    ['a(?i)b', 'aB', true],
    ['\\x{41}BC', 'ABC', true],
    ['\\pL+', 'λόγος', true],
    ['(?U)a+', 'aaa', true],
  ])('%s on %j → %s', (pattern, line, expected) => {
    expect(compileLogRegex(pattern).test(line)).toBe(expected);
  });

  it.each([
    ['foo(?=bar)', 'invalid or unsupported Perl syntax: `(?='],
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['[abc', 'missing closing ]'],
    ['a(b', 'missing closing )'],
    ['[[:nope:]]', 'invalid character class range'],
    ['a{1001}', 'invalid repeat count'],
  ])('refuses %j with the reason Go gives', (pattern, problem) => {
    expect(logRegexProblem(pattern)).toContain(problem);
    expect(() => compileLogRegex(pattern)).toThrow();
  });

  it('matches a catastrophic-backtracking pattern against a hostile line in linear time', () => {
    // With a backtracking engine this line takes minutes (2^40 paths); the test would hang, not fail slowly.
    const hostile = `${'a'.repeat(40)}!`;
    expect(compileLogRegex('(a+)+$').test(hostile)).toBe(false);
    expect(compileLogRegex('(a|aa)+$').test(`${'a'.repeat(5000)}!`)).toBe(false);
  });
});
