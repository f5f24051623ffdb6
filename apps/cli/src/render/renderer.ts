import type { TrackMessage } from '@kubetrack/core';

/** Draws the message stream of one run; one implementation per --output mode. */
export interface Renderer {
  render(message: TrackMessage): void;
  /** Flushes anything pending; called once, after `done` or when the run is abandoned. */
  close(): void;
}

/** Where renderers write: a stream, or a string buffer in tests. */
export interface TextSink {
  write(text: string): void;
}
