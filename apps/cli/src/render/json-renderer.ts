import type { TrackMessage } from '@kubetrack/core';
import type { Renderer, TextSink } from './renderer.js';

/** `--output json`: exactly one document, the report, once the run is over. */
export function createJsonRenderer(options: { out: TextSink }): Renderer {
  return {
    render(message: TrackMessage) {
      if (message.type === 'done') options.out.write(`${JSON.stringify(message.report, null, 2)}\n`);
    },
    close() {},
  };
}
