/**
 * kube-apiserver refuses objects over ~3 MB (etcd's 1.5 MB request limit, JSON-expanded); a
 * watch line several times that is a broken or hostile server, not a resource.
 */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** A line grew past the decoder's cap without a newline. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(readonly maxBytes: number) {
    super(`a line longer than ${Math.round(maxBytes / (1024 * 1024))} MiB without a newline`);
  }
}

/**
 * Splits a byte stream into newline-delimited lines. A line may arrive split over many chunks
 * (even inside a multi-byte UTF-8 character) and one chunk may hold many lines; the partial
 * tail is kept until its newline arrives. Blank lines are dropped.
 *
 * Only each new chunk is searched for a newline and the tail is kept as a list of pieces, so a
 * long line costs its length once, not once per chunk; past `maxLineBytes` it throws
 * `LineTooLongError` instead of growing without limit.
 */
export class NdjsonDecoder {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #maxLineBytes: number;
  #pending: string[] = [];
  #pendingBytes = 0;

  constructor(options: { maxLineBytes?: number } = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** The complete lines this chunk finished, in order. */
  push(chunk: Uint8Array): string[] {
    const text = this.#decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.#pending.push(text.slice(start, newline));
      const line = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
      this.#pending = [];
      this.#pendingBytes = 0;
      if (line.trim() !== '') lines.push(line);
      start = newline + 1;
    }
    if (start < text.length) {
      this.#pending.push(start === 0 ? text : text.slice(start));
      // UTF-16 length bounds the UTF-8 size from below closely enough for a cap.
      this.#pendingBytes += text.length - start;
      if (this.#pendingBytes > this.#maxLineBytes) {
        this.#pending = [];
        this.#pendingBytes = 0;
        throw new LineTooLongError(this.#maxLineBytes);
      }
    }
    return lines;
  }

  /** Bytes received after the last newline (a stream that ended mid-line). */
  get pendingText(): string {
    return this.#pending.join('');
  }
}
