/**
 * Splits a byte stream into newline-delimited lines. A line may arrive split over many chunks
 * (even inside a multi-byte UTF-8 character) and one chunk may hold many lines; the partial
 * tail is kept until its newline arrives. Blank lines are dropped.
 */
export class NdjsonDecoder {
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';

  /** The complete lines this chunk finished, in order. */
  push(chunk: Uint8Array): string[] {
    const text = this.#pending + this.#decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    return lines.filter((line) => line.trim() !== '');
  }

  /** Bytes received after the last newline (a stream that ended mid-line). */
  get pendingText(): string {
    return this.#pending;
  }
}
