import type { StatusReportLine } from '@kubetrack/core';
import type { ResourceNamer } from './resource-namer.js';
import { shortPodName } from './short-pod-name.js';

export type TableRow = Pick<StatusReportLine, 'resource' | 'state' | 'message' | 'waitingFor' | 'progress' | 'pods'> &
  Partial<Pick<StatusReportLine, 'outcome' | 'deleted'>>;

export type LineTone = 'heading' | 'progressing' | 'ready' | 'failed' | 'pod' | 'pod-error' | 'waiting';

export interface TableLine {
  text: string;
  tone: LineTone;
}

/**
 * kubedog-style status tables, one per kind: a heading row named after the kind with one
 * column per progress indicator the plugin reports (replicas, upToDate, ...), each resource
 * row followed by its pods and what it still waits for.
 */
export function statusTable(rows: readonly TableRow[], namer: ResourceNamer): TableLine[] {
  const byKind = new Map<string, TableRow[]>();
  for (const row of rows) {
    const key = namer.heading(row.resource);
    byKind.set(key, [...(byKind.get(key) ?? []), row]);
  }
  const lines: TableLine[] = [];
  for (const [heading, kindRows] of byKind) {
    const progressKeys = [...new Set(kindRows.flatMap((row) => Object.keys(row.progress)))];
    const header = [heading, ...progressKeys.map(columnTitle), 'STATE'];
    const cells = kindRows.map((row) => [
      namer.name(row.resource),
      ...progressKeys.map((key) => String(row.progress[key] ?? '-')),
      stateOf(row),
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
    lines.push({ text: align(header, widths), tone: 'heading' });
    kindRows.forEach((row, index) => {
      const state = stateOf(row);
      const settledWell = state === 'ready' || state === 'deleted';
      lines.push({ text: align(cells[index]!, widths), tone: settledWell ? 'ready' : isFailure(state) ? 'failed' : 'progressing' });
      lines.push(...podLines(row));
      if (row.waitingFor.length > 0 && !settledWell) {
        lines.push({ text: `  waiting for: ${row.waitingFor.join(', ')}`, tone: 'waiting' });
      }
    });
  }
  return lines;
}

function podLines(row: TableRow): TableLine[] {
  if (row.pods.length === 0) return [];
  const cells = row.pods.map((pod) => [shortPodName(pod.name), pod.ready, String(pod.restarts), pod.status]);
  const header = ['POD', 'READY', 'RESTARTS', 'STATUS'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const lines: TableLine[] = [{ text: `  ${align(header, widths)}`, tone: 'pod' }];
  row.pods.forEach((pod, index) => {
    const text = `  ${align(cells[index]!, widths)}${pod.error ? `  error: ${pod.error}` : ''}`;
    lines.push({ text: text.trimEnd(), tone: pod.error ? 'pod-error' : 'pod' });
  });
  return lines;
}

function stateOf(row: TableRow): string {
  if (row.deleted) return 'deleted';
  if (row.outcome && row.outcome !== 'progressing') return row.outcome;
  return row.state;
}

function isFailure(state: string): boolean {
  return state === 'failed' || state === 'timeout';
}

/** "upToDate" → "UP-TO-DATE", "replicas" → "REPLICAS". */
export function columnTitle(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toUpperCase();
}

function align(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
}
