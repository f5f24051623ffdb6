import { resourceKey, type TrackMessage } from '@kubetrack/core';
import { formatDuration } from '../options/duration.js';
import { podColor, type Colors } from './colors.js';
import { isQuiet } from './is-quiet.js';
import { logPrefix, messageLine } from './message-lines.js';
import type { Renderer, TextSink } from './renderer.js';
import type { ResourceNamer } from './resource-namer.js';
import { statusTable, type LineTone, type TableRow } from './status-table.js';
import { summaryLines } from './summary.js';

export interface TtyRendererOptions {
  out: TextSink;
  namer: ResourceNamer;
  colors: Colors;
  /** Terminal size; the live table is cut to fit so redrawing never scrolls. */
  columns: number;
  rows: number;
  now?: () => number;
  /** Delay that batches bursts of log lines into one redraw. */
  redrawDelayMs?: number;
}

const ERASE_DOWN = '\u001b[J';
const cursorUp = (lines: number) => `\u001b[${lines}A`;
// eslint-disable-next-line no-control-regex
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the colour escapes it measures around
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * A live status table redrawn in place at the bottom of the terminal, with logs, events and
 * failures scrolling above it; the table gives way to the summary at the end.
 */
export function createTtyRenderer(options: TtyRendererOptions): Renderer {
  const { out, namer, colors } = options;
  const now = options.now ?? Date.now;
  const rows = new Map<string, TableRow>();
  let pending: string[] = [];
  let liveLines = 0;
  let startedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const ticker = setInterval(() => flush(), 1000);
  ticker.unref?.();

  const tones: Record<LineTone, (text: string) => string> = {
    heading: colors.bold,
    progressing: colors.yellow,
    ready: colors.green,
    failed: colors.red,
    pod: colors.dim,
    'pod-error': colors.red,
    waiting: colors.blue,
  };

  function schedule(): void {
    if (timer || closed) return;
    timer = setTimeout(flush, options.redrawDelayMs ?? 50);
    timer.unref?.();
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    let text = liveLines > 0 ? `${cursorUp(liveLines)}\r${ERASE_DOWN}` : '';
    for (const line of pending) text += `${line}\n`;
    pending = [];
    const live = closed ? [] : liveArea();
    for (const line of live) text += `${line}\n`;
    liveLines = live.length;
    if (text) out.write(text);
  }

  function liveArea(): string[] {
    const active = [...rows.values()].filter((row) => !isSettled(row));
    const width = Math.max(20, options.columns - 1);
    const lines = statusTable(active, namer).map((line) => tones[line.tone](truncate(line.text, width)));
    const settled = rows.size - active.length;
    const elapsed = startedAt === undefined ? '' : ` · ${formatDuration(Math.max(0, now() - startedAt))}`;
    const footer = colors.dim(truncate(`tracking ${active.length} of ${rows.size}${settled ? ` · ${settled} settled` : ''}${elapsed}`, width));
    const room = Math.max(1, options.rows - 2);
    if (lines.length >= room) {
      const hidden = lines.length - room + 1;
      return [...lines.slice(0, room - 1), colors.dim(`… ${hidden} more lines`), footer];
    }
    return [...lines, footer];
  }

  function row(message: Extract<TrackMessage, { resource: unknown }>): TableRow {
    const key = resourceKey(message.resource);
    let existing = rows.get(key);
    if (!existing) {
      existing = { resource: message.resource, state: 'progressing', message: '', waitingFor: [], progress: {}, pods: [] };
      rows.set(key, existing);
    }
    return existing;
  }

  return {
    render(message: TrackMessage) {
      startedAt ??= Date.parse(message.time);
      switch (message.type) {
        case 'added':
          row(message);
          break;
        case 'status':
          Object.assign(row(message), {
            state: message.state,
            message: message.message,
            waitingFor: message.waitingFor,
            progress: message.progress,
            pods: message.pods,
          });
          break;
        case 'status-report':
          for (const line of message.resources) rows.set(resourceKey(line.resource), { ...rows.get(resourceKey(line.resource)), ...line });
          break;
        case 'log':
          pending.push(`${logPrefix(message.pod, message.container, colors, podColor(colors, message.pod))} ${message.line}`);
          break;
        case 'ready':
          row(message).state = 'ready';
          pending.push(`${colors.green('✓')} ${messageLine(message, namer, colors)}`);
          break;
        case 'failed':
          row(message).state = 'failed';
          pending.push(`${colors.red('✗')} ${messageLine(message, namer, colors)}`);
          break;
        case 'done':
          closed = true;
          clearInterval(ticker);
          pending.push('', ...summaryLines(message.report, namer, colors, true));
          flush();
          return;
        default:
          if (!isQuiet(message)) pending.push(messageLine(message, namer, colors));
      }
      schedule();
    },
    close() {
      closed = true;
      clearInterval(ticker);
      flush();
    },
  };
}

/** Out of the live table: its verdict was announced, or a status report says the run settled it. */
function isSettled(row: TableRow): boolean {
  return row.state === 'ready' || row.state === 'failed' || (row.outcome !== undefined && row.outcome !== 'progressing');
}

function truncate(text: string, width: number): string {
  const plain = text.replace(ANSI, '');
  return plain.length <= width ? text : `${plain.slice(0, width - 1)}…`;
}
