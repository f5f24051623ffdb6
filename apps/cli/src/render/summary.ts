import type { Report, ResourceReport } from '@kubetrack/core';
import type { Colors } from './colors.js';
import { formatDuration } from '../options/duration.js';
import { lowerKindObject, refOfReport, type ResourceNamer } from './resource-namer.js';
import { shortPodName } from './short-pod-name.js';

const MAX_EVENTS = 10;

/**
 * The closing block: one line per resource, and for each that did not make it the code,
 * the message, the Warning events and the log tail that explain it.
 */
export function summaryLines(report: Report, namer: ResourceNamer, colors: Colors, symbols: boolean): string[] {
  const counts = new Map<string, number>();
  for (const resource of report.resources) counts.set(resource.status, (counts.get(resource.status) ?? 0) + 1);
  const tally = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const lines = [colors.bold(`Summary: ${tally || 'nothing tracked'}`)];
  for (const resource of report.resources) lines.push(...resourceLines(resource, namer, colors, symbols));
  if (report.error?.type === 'program') lines.push(colors.red(`error: ${report.error.message}`));
  return lines;
}

function resourceLines(resource: ResourceReport, namer: ResourceNamer, colors: Colors, symbols: boolean): string[] {
  const name = namer.name(refOfReport(resource));
  const took = formatDuration(resource.durationMs);
  switch (resource.status) {
    case 'ready':
      return [`  ${symbols ? colors.green('✓') : 'ready  '} ${name} ${colors.dim(`(${took})`)}`];
    case 'skipped':
      return [`  ${symbols ? colors.dim('-') : 'skipped'} ${name}${resource.message ? colors.dim(`: ${resource.message}`) : ''}`];
    case 'progressing':
      return [`  ${symbols ? colors.yellow('…') : 'pending'} ${name}: ${resource.message}`];
    default:
      return [
        `  ${symbols ? colors.red('✗') : 'FAILED '} ${colors.bold(name)} ${colors.red(`${resource.code ?? resource.status}: ${resource.message}`)} ${colors.dim(`(after ${took})`)}`,
        ...(resource.hint ? [`      ${colors.bold('hint:')} ${resource.hint}`] : []),
        ...explanation(resource, colors),
      ];
  }
}

function explanation(resource: ResourceReport, colors: Colors): string[] {
  const lines: string[] = [];
  const warnings = resource.events.filter((event) => event.type !== 'Normal').slice(-MAX_EVENTS);
  for (const event of warnings) {
    const count = event.count && event.count > 1 ? ` (x${event.count})` : '';
    lines.push(`      ${colors.yellow(`${event.type} ${event.reason}`)} ${lowerKindObject(event.object)}: ${event.message}${count}`);
  }
  for (const tail of resource.logTail) {
    if (tail.lines.length === 0) continue;
    const which = tail.previous ? ' (previous instance)' : '';
    lines.push(`      ${colors.dim(`last logs of ${shortPodName(tail.pod)}/${tail.container}${which}:`)}`);
    for (const line of tail.lines) lines.push(`        ${line}`);
  }
  return lines;
}
