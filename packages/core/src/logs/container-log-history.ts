import type { ContainerInstance } from './container-instance.js';
import type { ContainerLogStreamEnd } from './container-log-stream.js';
import { LogCursor } from './log-cursor.js';
import { ExcerptBuffer } from './excerpt-buffer.js';

/**
 * What outlives one follower of a container: how far its log was read and its last lines.
 * Handed to a new follower when a pod comes back into the resource's sources, so nothing repeats.
 */
export class ContainerLogHistory {
  readonly cursor: LogCursor;
  current: ExcerptBuffer;
  previous: ExcerptBuffer | undefined;
  /** The last instance followed and how its stream ended. */
  last: { instance: ContainerInstance; end: ContainerLogStreamEnd } | undefined;

  constructor(
    readonly tailLines: number,
    notBefore?: string,
  ) {
    this.cursor = new LogCursor(notBefore);
    this.current = new ExcerptBuffer(tailLines);
  }

  /** A new instance begins: its lines start a fresh tail, the old tail becomes "previous". */
  startInstance(): void {
    if (this.current.size > 0 || this.last) {
      this.previous = this.current;
      this.current = new ExcerptBuffer(this.tailLines);
    }
  }

  /** Lines of an instance that was never followed: they replace the previous tail. */
  startMissedInstance(): ExcerptBuffer {
    this.previous = new ExcerptBuffer(this.tailLines);
    return this.previous;
  }
}
