import { compareLogTimestamps, parseLogTimestamp, sinceTimeParam, type LogTimestamp } from './log-timestamp.js';

/**
 * Remembers how far a container's log has been read, so a reconnect with `sinceTime` shows
 * each line exactly once. The kubelet replays its log file in order from the start of
 * sinceTime's second, so after a cut the replay holds, in file order: lines older than the
 * last one seen (drop), then the lines stamped with exactly the last timestamp, the first
 * `linesAtLast` of which were already shown (drop by position, which stays right even when
 * several identical lines share a timestamp), then new lines. Memory is O(1).
 *
 * One cursor may span several instances of a container (they run one after another, so
 * their timestamps keep increasing), which also de-duplicates a `previous=true` fetch
 * against the instance streams around it.
 */
export class LogCursor {
  private last: LogTimestamp | undefined;
  private linesAtLast = 0;
  /** While replaying: lines before this are old; undefined once past it. */
  private replayFloor: LogTimestamp | undefined;
  private replaySkip = 0;
  /** The next line is the first of a replay. */
  private replayStart = false;

  /** @param notBefore RFC3339 time before which lines are not shown at all (logs-since). */
  constructor(notBefore?: string) {
    this.replayFloor = notBefore === undefined ? undefined : parseLogTimestamp(notBefore);
  }

  /** The `sinceTime` to (re)connect with: where reading stopped, or the notBefore time. */
  sinceTime(): string | undefined {
    const from = this.last ?? this.replayFloor;
    return from && sinceTimeParam(from);
  }

  /** Call on every new connection or fetch that may replay lines already shown. */
  beginReplay(): void {
    if (!this.last) return;
    this.replayFloor = this.last;
    this.replaySkip = this.linesAtLast;
    this.replayStart = true;
  }

  /** Whether a line with this timestamp is new; counts it as shown if so. */
  accept(timestamp: string | undefined): boolean {
    const time = timestamp === undefined ? undefined : parseLogTimestamp(timestamp);
    const first = this.replayStart;
    this.replayStart = false;
    // The runtime stores a line over 16 KiB as several records, each with its own time, and
    // the kubelet filters sinceTime by record but stamps only a line's first one: a replay
    // whose second falls inside such a line opens with the rest of it, unstamped. That line
    // was shown whole before (it began before the last line seen).
    if (!time) return !(first && this.last !== undefined);
    if (this.replayFloor) {
      const order = compareLogTimestamps(time, this.replayFloor);
      if (order < 0) return false;
      if (order === 0 && this.replaySkip > 0) {
        this.replaySkip--;
        return false;
      }
      if (order > 0) this.replayFloor = undefined;
    }
    const order = this.last ? compareLogTimestamps(time, this.last) : 1;
    if (order > 0) {
      this.last = time;
      this.linesAtLast = 1;
    } else if (order === 0) {
      this.linesAtLast++;
    }
    return true;
  }
}
