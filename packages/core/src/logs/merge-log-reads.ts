import type { ContainerLogLine } from './container-log-line.js';
import { compareLogTimestamps, parseLogTimestamp } from './log-timestamp.js';

export interface TaggedLogLine<T> {
  line: ContainerLogLine;
  from: T;
}

/**
 * Merges two plain reads of one container (the current instance, then `previous=true`) into
 * one list in timestamp order. Each read is in order already; they serve either two different
 * instances (disjoint in time) or, when both landed on the same instance, the same lines, of
 * which each pair counts once (taken from `a`).
 */
export function mergeLogReads<T>(a: readonly TaggedLogLine<T>[], b: readonly TaggedLogLine<T>[]): TaggedLogLine<T>[] {
  const merged: TaggedLogLine<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const order = compareTimes(x.line.timestamp, y.line.timestamp);
    if (order === 0 && x.line.text === y.line.text) {
      merged.push(x);
      i++;
      j++;
    } else if (order <= 0) {
      merged.push(x);
      i++;
    } else {
      merged.push(y);
      j++;
    }
  }
  return [...merged, ...a.slice(i), ...b.slice(j)];
}

function compareTimes(a: string | undefined, b: string | undefined): number {
  const x = a === undefined ? undefined : parseLogTimestamp(a);
  const y = b === undefined ? undefined : parseLogTimestamp(b);
  return x && y ? compareLogTimestamps(x, y) : 0;
}
