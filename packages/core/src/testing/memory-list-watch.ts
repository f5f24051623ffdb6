import type { KubeObject } from '../kube-object.js';
import type { KubeStream } from '../transport/kube-transport.js';
import type { ListOptions, ListPage, ListWatch, WatchOptions } from '../watch/list-watch.js';

/** A watch response a test writes to line by line, and can end. */
export class MemoryWatchStream implements KubeStream {
  readonly options: WatchOptions;
  closed = false;
  #cut: Error | undefined;
  readonly #chunks: Uint8Array[] = [];
  #wake: (() => void) | undefined;

  constructor(options: WatchOptions) {
    this.options = options;
  }

  /** One watch event, as the API server frames it. */
  send(type: string, object: KubeObject): void {
    this.#chunks.push(new TextEncoder().encode(`${JSON.stringify({ type, object })}\n`));
    this.#wake?.();
  }

  close(): void {
    this.closed = true;
    this.#wake?.();
  }

  /** The connection is lost: the body fails with `error` once what was sent is read. */
  cut(error: Error): void {
    this.#cut = error;
    this.close();
  }

  get body(): AsyncIterable<Uint8Array> {
    return { [Symbol.asyncIterator]: () => this.#read() };
  }

  async *#read(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.#cut) throw this.#cut;
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }
}

/**
 * A `ListWatch` without a server, for tests that drive the reflector's protocol step by step
 * (typically with a `FakeClock`): each `list`/`watch` call takes the next scripted answer.
 * An `Error` answer is thrown; a `watch` answered `'open'` returns a stream the test feeds.
 */
export class MemoryListWatch implements ListWatch {
  readonly description = '/memory/things';
  readonly lists: ListOptions[] = [];
  readonly watches: MemoryWatchStream[] = [];
  credentialRefreshes = 0;
  readonly #listAnswers: Array<ListPage | Error>;
  readonly #watchAnswers: Array<'open' | Error>;

  constructor(script: { lists: Array<ListPage | Error>; watches: Array<'open' | Error> }) {
    this.#listAnswers = [...script.lists];
    this.#watchAnswers = [...script.watches];
  }

  async list(options: ListOptions): Promise<ListPage> {
    this.lists.push(options);
    const answer = this.#listAnswers.shift() ?? new Error('MemoryListWatch: no LIST answer left');
    if (answer instanceof Error) throw answer;
    return structuredClone(answer);
  }

  async watch(options: WatchOptions): Promise<KubeStream> {
    const answer = this.#watchAnswers.shift() ?? new Error('MemoryListWatch: no WATCH answer left');
    if (answer instanceof Error) throw answer;
    const stream = new MemoryWatchStream(options);
    // As a real transport does: the request's signal ends the response.
    options.signal.addEventListener('abort', () => stream.close(), { once: true });
    this.watches.push(stream);
    return stream;
  }

  async refreshCredentials(): Promise<void> {
    this.credentialRefreshes++;
  }
}
