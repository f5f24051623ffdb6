import { describe, expect, it } from 'vitest';
import { isExplainingLine } from './explaining-line.js';

describe('isExplainingLine', () => {
  it.each([
    '{"level":"error","msg":"connection refused","addr":"db:5432"}',
    '{"severity":"FATAL","message":"cannot open config"}',
    '{"log":{"level":"error"},"message":"ecs style"}',
    '{"level":50,"msg":"pino error"}',
    'ts=2026-12-01T10:00:00Z level=error msg="db unreachable"',
    'time="x" level="fatal" msg=bye',
    '    at Server.listen (node:net:1234:5)',
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 3, in <module>',
    'panic: runtime error: invalid memory address',
    'goroutine 1 [running]:',
    'java.lang.IllegalStateException: no datasource',
  ])('%s', (line) => expect(isExplainingLine(line)).toBe(true));

  it.each([
    'server listening on :8080',
    'an error occurred somewhere', // plain lines are judged by position only
    '{"level":"info","msg":"ready"}',
    '{"level":30,"msg":"pino info"}',
    'level=info msg="error budget fine"',
    '{not json',
  ])('not: %s', (line) => expect(isExplainingLine(line)).toBe(false));
});
