import type { InformerEvent, InformerHandler } from './shared-informer.js';

/**
 * client-go's processorListener: one handler's own buffer. The informer only appends to it,
 * so however long a handler takes, the watch read loop goes on reading (and the store stays
 * current); the handler gets its events in order, in a later turn of the event loop.
 */
export class ProcessorListener {
  #queue: InformerEvent[] = [];
  #head = 0;
  #scheduled = false;
  #running = false;
  #stopped = false;

  constructor(
    private readonly handler: InformerHandler,
    /** A throwing handler is reported and skipped, never fatal to the informer or to the other handlers. */
    private readonly onHandlerError: (error: unknown) => void,
  ) {}

  add(events: readonly InformerEvent[]): void {
    if (this.#stopped || events.length === 0) return;
    for (const event of events) this.#queue.push(event);
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.flush();
    });
  }

  /** Delivers what is buffered now. A no-op inside the handler itself: its current delivery continues. */
  flush(): void {
    if (this.#running) return;
    this.#running = true;
    try {
      // Events added while delivering join the end of the queue and go out in this same loop.
      while (!this.#stopped && this.#head < this.#queue.length) {
        const event = this.#queue[this.#head++] as InformerEvent;
        try {
          this.handler(event);
        } catch (error) {
          this.onHandlerError(error);
        }
      }
    } finally {
      this.#running = false;
      if (this.#head >= this.#queue.length) {
        this.#queue = [];
        this.#head = 0;
      }
    }
  }

  /** No more deliveries, buffered events included. */
  stop(): void {
    this.#stopped = true;
    this.#queue = [];
    this.#head = 0;
  }
}
