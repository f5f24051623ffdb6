import type { TrackMessage } from '@kubetrack/core';
import type { Renderer, TextSink } from './renderer.js';

/**
 * `--output ndjson`: every message as one JSON line as it happens; the `done` message is
 * written as the bare report, so the last line is the same document `--output json` prints.
 */
export function createNdjsonRenderer(options: { out: TextSink }): Renderer {
  return {
    render(message: TrackMessage) {
      options.out.write(`${JSON.stringify(message.type === 'done' ? message.report : message)}\n`);
    },
    close() {},
  };
}
