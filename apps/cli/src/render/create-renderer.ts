import type { CliIo } from '../cli-io.js';
import type { OutputMode } from '../options/run-flags.js';
import { createColors } from './colors.js';
import { createJsonRenderer } from './json-renderer.js';
import { createNdjsonRenderer } from './ndjson-renderer.js';
import { createPlainRenderer } from './plain-renderer.js';
import { coalescedSink } from './coalesced-sink.js';
import type { Renderer, TextSink } from './renderer.js';
import type { ResourceNamer } from './resource-namer.js';
import { createTtyRenderer } from './tty-renderer.js';
import { visibleDeep } from './visible-text.js';

/** `auto` is tty on a terminal and plain everywhere else (CI logs, pipes, files). */
export function resolveOutputMode(mode: OutputMode, io: Pick<CliIo, 'stdout' | 'env'>): Exclude<OutputMode, 'auto'> {
  if (mode !== 'auto') return mode;
  return io.stdout.isTTY && io.env.TERM !== 'dumb' ? 'tty' : 'plain';
}

/** NO_COLOR and --no-color always win; plain output is colourless unless FORCE_COLOR asks. */
export function colorsEnabled(mode: Exclude<OutputMode, 'auto'>, io: Pick<CliIo, 'env'>, colorFlag: boolean): boolean {
  if (!colorFlag || (io.env.NO_COLOR ?? '') !== '') return false;
  if (mode === 'tty') return true;
  if (mode === 'plain') return (io.env.FORCE_COLOR ?? '') !== '' && io.env.FORCE_COLOR !== '0';
  return false;
}

export function createRenderer(
  mode: Exclude<OutputMode, 'auto'>,
  options: { io: CliIo; namer: ResourceNamer; color: boolean },
): Renderer {
  const { io, namer } = options;
  const colors = createColors(colorsEnabled(mode, io, options.color));
  switch (mode) {
    case 'json':
      return createJsonRenderer({ out: io.stdout });
    case 'ndjson':
      return coalesced(io.stdout, (out) => createNdjsonRenderer({ out }));
    case 'tty':
      return showingControlCharacters(createTtyRenderer({ out: io.stdout, namer, colors, columns: io.stdout.columns ?? 100, rows: io.stdout.rows ?? 30 }));
    case 'plain':
      return coalesced(io.stdout, (out) => showingControlCharacters(createPlainRenderer({ out, namer, colors })));
  }
}

/** Line renderers write through a sink that batches one event-loop turn's lines; closing flushes them. */
function coalesced(stdout: TextSink, create: (out: TextSink) => Renderer): Renderer {
  const out = coalescedSink(stdout);
  const renderer = create(out);
  return {
    render: (message) => renderer.render(message),
    close: () => {
      renderer.close();
      out.flush();
    },
  };
}

/** Text renderers get cluster text with its control characters made visible, before they add their own escapes. */
function showingControlCharacters(renderer: Renderer): Renderer {
  return { render: (message) => renderer.render(visibleDeep(message)), close: () => renderer.close() };
}
