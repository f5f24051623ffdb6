import { resourceKey, type TrackMessage } from '@kubetrack/core';
import type { Colors } from './colors.js';
import { formatDuration } from '../options/duration.js';
import { isQuiet } from './is-quiet.js';
import { messageLine, statusLine } from './message-lines.js';
import type { Renderer, TextSink } from './renderer.js';
import type { ResourceNamer } from './resource-namer.js';
import { statusTable } from './status-table.js';
import { summaryLines } from './summary.js';

/**
 * Append-only lines for CI logs: no cursor movement, every line prefixed with what it is
 * about, a status block every --status-progress-period and a summary at the end.
 */
export function createPlainRenderer(options: { out: TextSink; namer: ResourceNamer; colors: Colors }): Renderer {
  const { out, namer, colors } = options;
  const lastStatus = new Map<string, string>();
  let startedAt: number | undefined;
  const write = (line: string) => out.write(`${line}\n`);

  return {
    render(message: TrackMessage) {
      const time = Date.parse(message.time);
      startedAt ??= time;
      switch (message.type) {
        case 'status': {
          const line = statusLine(message, namer);
          const key = resourceKey(message.resource);
          if (lastStatus.get(key) === line) return;
          lastStatus.set(key, line);
          write(line);
          return;
        }
        case 'status-report': {
          const pending = message.resources.filter((line) => line.outcome === 'progressing');
          if (pending.length === 0) return;
          const settled = message.resources.filter((line) => line.outcome !== 'progressing');
          write(colors.bold(`── status after ${formatDuration(time - startedAt)} ──`));
          for (const line of statusTable(pending, namer)) write(line.text);
          if (settled.length > 0) {
            write(`settled: ${settled.map((line) => `${namer.name(line.resource)} ${line.outcome}`).join(', ')}`);
          }
          return;
        }
        case 'done':
          write('');
          for (const line of summaryLines(message.report, namer, colors, false)) write(line);
          return;
        default:
          if (!isQuiet(message)) write(messageLine(message, namer, colors));
      }
    },
    close() {},
  };
}
