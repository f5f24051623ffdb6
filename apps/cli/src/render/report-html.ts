import type { Report, ResourceReport, Timeline, TimelineRow, TimelineState } from '@kubetrack/core';
import { formatDuration } from '../options/duration.js';
import { refOfReport, type ResourceNamer } from './resource-namer.js';

const STATE_COLOR: Record<TimelineState, string> = {
  absent: '#d0d7de',
  progressing: '#54aeff',
  ready: '#2da44e',
  failed: '#cf222e',
  scheduling: '#bf8700',
  creating: '#d4a72c',
  pulling: '#fb8f44',
  running: '#0969da',
  completed: '#8c959f',
  terminating: '#6e7781',
  deleted: '#afb8c1',
};
/** Symbols every common font has (an emoji font is not a given on a CI runner or in headless Chromium). */
const STATUS_ICON = { ready: '✓', failed: '✗', timeout: '⌛', progressing: '…', skipped: '–' } as const;

/** Geometry of the chart, in SVG user units (the SVG scales to the page width). */
export const TIMELINE_LAYOUT = { labelWidth: 260, chartWidth: 720, rowHeight: 24, top: 28 } as const;

/**
 * `--report-html FILE`: one self-contained page (no script, no network: styles and the SVG
 * timeline inline) with the verdict per resource, the timeline, the events and the log tails.
 * Everything from the cluster is HTML-escaped where it is written.
 */
export function renderReportHtml(report: Report, namer: ResourceNamer): string {
  const verdict = report.success ? 'everything is ready' : 'the rollout failed';
  const cards = report.resources.map((resource) => resourceCard(resource, namer)).join('\n');
  const error = report.error?.type === 'program' ? `<p class="error">${esc(report.error.message)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kubetrack: ${esc(verdict)}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 12px; max-width: 1000px; color: #1f2328; }
h1 { font-size: 1.3em; } h1.ok { color: #1a7f37; } h1.bad { color: #cf222e; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 10px 0; overflow-wrap: anywhere; }
.card h2 { font-size: 1em; margin: 0 0 4px; }
.hint { background: #fff8c5; padding: 4px 8px; border-radius: 4px; }
.error { color: #cf222e; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; }
table { border-collapse: collapse; font-size: 13px; } td { border-top: 1px solid #eaeef2; padding: 2px 6px; vertical-align: top; }
/* a phone scrolls the chart sideways rather than shrinking its text away */
.chart { overflow-x: auto; } svg { width: 100%; min-width: 720px; height: auto; } svg text { font: 11px system-ui, sans-serif; }
.legend span { display: inline-block; margin-right: 10px; font-size: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 3px; }
</style>
</head>
<body>
<h1 class="${report.success ? 'ok' : 'bad'}">kubetrack: ${esc(verdict)}</h1>
${error}
${report.timeline ? timelineSvg(report.timeline) : ''}
${cards}
</body>
</html>
`;
}

function resourceCard(resource: ResourceReport, namer: ResourceNamer): string {
  const name = namer.name(refOfReport(resource));
  const parts = [
    `<h2>${STATUS_ICON[resource.status]} ${esc(name)} — ${esc(resource.status)}${resource.code ? ` (<code>${esc(resource.code)}</code>)` : ''} <small>${esc(formatDuration(resource.durationMs))}</small></h2>`,
    `<p>${esc(resource.message)}</p>`,
  ];
  if (resource.hint) parts.push(`<p class="hint"><b>Hint:</b> ${esc(resource.hint)}</p>`);
  if (resource.events.length > 0) {
    const rows = resource.events.map((event) => `<tr><td>${esc(event.type)}</td><td>${esc(event.reason)}</td><td>${esc(event.object)}</td><td>${esc(event.message)}${event.count && event.count > 1 ? ` (x${event.count})` : ''}</td></tr>`);
    parts.push(`<details><summary>Events (${resource.events.length})</summary><table>${rows.join('')}</table></details>`);
  }
  for (const tail of resource.logTail) {
    if (tail.lines.length === 0) continue;
    parts.push(`<details><summary>Last logs of ${esc(tail.pod)}/${esc(tail.container)}${tail.previous ? ' (previous instance)' : ''}</summary><pre>${esc(tail.lines.join('\n'))}</pre></details>`);
  }
  return `<section class="card" data-resource="${esc(name)}" data-status="${esc(resource.status)}">${parts.join('\n')}</section>`;
}

function timelineSvg(timeline: Timeline): string {
  const { labelWidth, chartWidth, rowHeight, top } = TIMELINE_LAYOUT;
  const duration = Math.max(timeline.durationMs, 1);
  const x = (ms: number) => round(labelWidth + (Math.min(ms, duration) / duration) * chartWidth);
  const height = top + timeline.rows.length * rowHeight + 8;
  const ticks = axisTicks(duration).map((ms) => `<line x1="${x(ms)}" y1="${top - 6}" x2="${x(ms)}" y2="${height}" stroke="#eaeef2"/><text x="${x(ms)}" y="${top - 10}" text-anchor="middle">${Math.round(ms / 100) / 10}s</text>`);
  const rows = timeline.rows.map((row, index) => timelineRow(row, top + index * rowHeight, x));
  const used = [...new Set(timeline.rows.flatMap((row) => row.segments.map((segment) => segment.state)))];
  const legend = used.map((state) => `<span><i style="background:${STATE_COLOR[state]}"></i>${state}</span>`).join('');
  return `<h2>Timeline</h2>
<div class="chart"><svg viewBox="0 0 ${labelWidth + chartWidth + 10} ${height}" role="img" aria-label="rollout timeline" data-duration-ms="${timeline.durationMs}">
${ticks.join('\n')}
${rows.join('\n')}
</svg></div>
<p class="legend">${legend} <span>◆ Warning event or restart</span></p>`;
}

function timelineRow(row: TimelineRow, y: number, x: (ms: number) => number): string {
  const { rowHeight } = TIMELINE_LAYOUT;
  const label = row.kind === 'pod' ? `  pod ${row.name}` : row.name;
  const bars = row.segments.map((segment) => {
    const width = Math.max(x(segment.endMs) - x(segment.startMs), 1);
    return `<rect class="segment" data-state="${segment.state}" data-start-ms="${segment.startMs}" data-end-ms="${segment.endMs}" x="${x(segment.startMs)}" y="${y + 4}" width="${round(width)}" height="${rowHeight - 8}" fill="${STATE_COLOR[segment.state]}"><title>${esc(`${row.name}: ${segment.state} ${round(segment.startMs / 1000)}–${round(segment.endMs / 1000)} s`)}</title></rect>`;
  });
  const marks = row.marks.map((mark) => {
    const cx = x(mark.atMs);
    const cy = y + rowHeight / 2;
    return `<path class="mark" data-at-ms="${mark.atMs}" data-reason="${esc(mark.reason)}" d="M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z" fill="#cf222e" stroke="#fff"><title>${esc(`${mark.reason}: ${mark.message}`)}</title></path>`;
  });
  const weight = row.kind === 'resource' ? ' font-weight="bold"' : '';
  return `<g class="row" data-kind="${row.kind}" data-name="${esc(row.name)}"${row.verdict ? ` data-verdict="${esc(row.verdict)}"` : ''}><text x="4" y="${y + rowHeight / 2 + 4}"${weight}>${esc(clip(label, 38))}</text>${bars.join('')}${marks.join('')}</g>`;
}

function axisTicks(durationMs: number): number[] {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  const step = steps.find((candidate) => durationMs / candidate <= 10) ?? 3_600_000 * Math.ceil(durationMs / 36_000_000);
  const ticks: number[] = [];
  for (let ms = 0; ms <= durationMs; ms += step) ticks.push(ms);
  return ticks;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** HTML-escaped, and control characters (a terminal escape in a log line) shown as \u001b text. */
function esc(text: string): string {
  return text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
