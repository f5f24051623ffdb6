import { describe, expect, it } from 'vitest';
import { deletedMark, outcomeStatus, sameOutcome } from './tracker-outcome.js';

describe('outcomeStatus', () => {
  it('maps a final outcome to the report status', () => {
    expect(outcomeStatus(undefined)).toBe('progressing');
    expect(outcomeStatus({ kind: 'ready', message: '', at: 0 })).toBe('ready');
    expect(outcomeStatus({ kind: 'failed', code: 'timeout', message: '', at: 0 })).toBe('timeout');
    expect(outcomeStatus({ kind: 'failed', code: 'not-found', message: '', at: 0 })).toBe('failed');
  });
});

describe('sameOutcome', () => {
  it('tells failures apart by code and message, not by time', () => {
    const failed = { kind: 'failed', code: 'process-crashing', message: 'crashed (2 failures, 1 allowed)', at: 1 } as const;
    expect(sameOutcome(failed, { ...failed, at: 2 })).toBe(true);
    expect(sameOutcome(failed, { ...failed, message: 'crashed (3 failures, 1 allowed)' })).toBe(false);
    expect(sameOutcome({ kind: 'ready', message: 'a', at: 1 }, { kind: 'ready', message: 'b', at: 2 })).toBe(true);
    expect(sameOutcome(undefined, undefined)).toBe(true);
    expect(sameOutcome(undefined, failed)).toBe(false);
  });
});

describe('deletedMark', () => {
  it('marks only a ready outcome of a resource tracked for deletion', () => {
    const ready = { kind: 'ready', message: 'gone', at: 1 } as const;
    expect(deletedMark(ready, { for: 'delete' })).toEqual({ deleted: true });
    expect(deletedMark(ready, {})).toEqual({});
    expect(deletedMark(undefined, { for: 'delete' })).toEqual({});
    expect(deletedMark({ kind: 'failed', code: 'timeout', message: 'still there', at: 1 }, { for: 'delete' })).toEqual({});
  });
});
