import { isExplainingLine } from './explaining-line.js';
import { RingBuffer } from './ring-buffer.js';

/** Between the explaining lines kept from earlier and the last lines. */
export const EXCERPT_GAP = '…';

/**
 * A container's log excerpt for a report: its last lines, and before them the explaining lines
 * (error-level JSON/logfmt, stack traces) that have scrolled out of that window, so a crash's
 * "ERROR connection refused" survives the hundred lines of shutdown noise printed after it.
 */
export class ExcerptBuffer {
  private readonly last: RingBuffer<string>;
  private readonly earlier: RingBuffer<string>;

  constructor(
    readonly capacity: number,
    earlierCapacity = capacity,
  ) {
    this.last = new RingBuffer(capacity);
    this.earlier = new RingBuffer(earlierCapacity);
  }

  static of(capacity: number, lines: readonly string[]): ExcerptBuffer {
    const buffer = new ExcerptBuffer(capacity);
    for (const line of lines) buffer.push(line);
    return buffer;
  }

  push(line: string): void {
    const leaving = this.last.size === this.capacity ? this.last.oldest() : undefined;
    if (leaving !== undefined && isExplainingLine(leaving)) this.earlier.push(leaving);
    this.last.push(line);
  }

  /** Lines in the last window (what `tailLines` bounds). */
  get size(): number {
    return this.last.size;
  }

  /** The explaining lines from earlier, a gap mark, then the last lines; oldest first in each part. */
  toArray(): string[] {
    const earlier = this.earlier.toArray();
    return earlier.length === 0 ? this.last.toArray() : [...earlier, EXCERPT_GAP, ...this.last.toArray()];
  }
}
