import { describe, expect, it } from 'vitest';
import { LogCursor } from './log-cursor.js';

const T = (second: number, nanos = 0) =>
  `2025-03-01T10:00:${String(second).padStart(2, '0')}.${String(nanos).padStart(9, '0')}Z`;

function read(cursor: LogCursor, stamps: readonly string[]): string[] {
  return stamps.filter((stamp) => cursor.accept(stamp));
}

describe('LogCursor', () => {
  it('lets everything through on a first read, out-of-order stamps included', () => {
    const cursor = new LogCursor();
    const stamps = [T(1), T(1), T(3), T(2), T(4)];
    expect(read(cursor, stamps)).toEqual(stamps);
  });

  it('after a cut, drops the replayed lines and keeps the new ones', () => {
    const cursor = new LogCursor();
    read(cursor, [T(1, 100), T(1, 200), T(2, 5)]);
    expect(cursor.sinceTime()).toBe('2025-03-01T10:00:02Z');
    cursor.beginReplay();
    // The server replays from the whole second: one old line, the last one seen, then new ones.
    expect(read(cursor, [T(2, 1), T(2, 5), T(2, 6), T(3)])).toEqual([T(2, 6), T(3)]);
  });

  it('drops by position among lines that share the last timestamp', () => {
    const cursor = new LogCursor();
    read(cursor, [T(5), T(5), T(5)]);
    cursor.beginReplay();
    // Five lines at T(5) exist; three were shown before the cut.
    expect(read(cursor, [T(5), T(5), T(5), T(5), T(5), T(6)])).toEqual([T(5), T(5), T(6)]);
  });

  it("drops the unstamped rest of a long line that opens a replay (the kubelet's sinceTime cut it between records)", () => {
    const cursor = new LogCursor();
    read(cursor, [T(4, 900), T(5, 100)]);
    cursor.beginReplay();
    // the line stamped T(4, 900) went on in records stamped in second 5: those come first, unstamped
    expect([undefined, T(5, 100), T(5, 200)].filter((stamp) => cursor.accept(stamp))).toEqual([T(5, 200)]);
    // lines without a timestamp elsewhere are passed on (a server that stamps nothing)
    expect(cursor.accept(undefined)).toBe(true);
    expect(new LogCursor(T(1)).accept(undefined)).toBe(true);
  });

  it('survives a second cut in the middle of a replay', () => {
    const cursor = new LogCursor();
    read(cursor, [T(5), T(5)]);
    cursor.beginReplay();
    expect(read(cursor, [T(5)])).toEqual([]);
    cursor.beginReplay();
    expect(read(cursor, [T(5), T(5), T(5)])).toEqual([T(5)]);
  });

  it('hides lines older than notBefore but keeps those stamped exactly then', () => {
    const cursor = new LogCursor(T(7, 500));
    expect(cursor.sinceTime()).toBe('2025-03-01T10:00:07Z');
    expect(read(cursor, [T(7, 100), T(7, 500), T(8)])).toEqual([T(7, 500), T(8)]);
  });

  it('keeps notBefore in force when a reconnect happens before any line arrived', () => {
    const cursor = new LogCursor(T(7));
    cursor.beginReplay();
    expect(read(cursor, [T(6), T(7)])).toEqual([T(7)]);
  });

  it('lets unstamped lines through without moving the cursor', () => {
    const cursor = new LogCursor();
    expect(cursor.accept(undefined)).toBe(true);
    expect(cursor.sinceTime()).toBeUndefined();
  });
});
