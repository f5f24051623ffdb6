/** Appended to a line cut at the length limit, so readers know it went on. */
export const TRUNCATION_MARKER = ' [truncated]';

/** 64 KiB of text: more than any sane log line, little enough to hold per container. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/**
 * Turns body chunks into complete lines: UTF-8 sequences and lines may be split anywhere
 * across chunks. Lines longer than `maxLineLength` keep their start and lose the rest, so a
 * container printing megabytes without a newline cannot grow memory.
 */
export class LogLineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private partial = '';
  private truncated = false;

  constructor(private readonly maxLineLength: number = DEFAULT_MAX_LINE_LENGTH) {}

  /** Complete lines in this chunk, without their newlines. */
  push(chunk: Uint8Array): string[] {
    const text = this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.append(text, start, newline);
      lines.push(this.takeLine());
      start = newline + 1;
    }
    this.append(text, start, text.length);
    return lines;
  }

  /** The unterminated last line, if the body ended in the middle of one. */
  end(): string | undefined {
    this.append(this.decoder.decode(), 0, undefined);
    if (this.partial === '' && !this.truncated) return undefined;
    return this.takeLine();
  }

  private append(text: string, start: number, end: number | undefined): void {
    const room = this.maxLineLength - this.partial.length;
    const available = (end ?? text.length) - start;
    if (available <= 0) return;
    if (available > room) this.truncated = true;
    if (room > 0) this.partial += text.slice(start, start + Math.min(room, available));
  }

  private takeLine(): string {
    const line = this.truncated ? this.partial + TRUNCATION_MARKER : this.partial;
    this.partial = '';
    this.truncated = false;
    return line;
  }
}
