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
  for (const resource of report.resources) {
    const word = outcomeWord(resource);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
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
      return [`  ${symbols ? colors.green('✓') : outcomeWord(resource).padEnd(7)} ${name} ${colors.dim(`(${took})`)}`];
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

/** The status, except that what was tracked for deletion and is gone is "deleted". */
function outcomeWord(resource: ResourceReport): string {
  return resource.deleted ? 'deleted' : resource.status;
}

function explanation(resource: ResourceReport, colors: Colors): string[] {
  const lines: string[] = [];
  for (const group of groupedWarnings(resource.events).slice(-MAX_EVENTS)) {
    const event = group.first;
    const count = group.count > group.objects ? ` (x${group.count})` : '';
    const about = group.objects > 1 ? `${group.objects} ${lowerKindObject(event.object).split('/')[0]}s` : lowerKindObject(event.object);
    lines.push(`      ${colors.yellow(`${event.type} ${event.reason}`)} ${about}: ${event.message}${count}`);
  }
  for (const tail of resource.logTail) {
    if (tail.lines.length === 0) continue;
    const which = tail.previous ? ' (previous instance)' : '';
    lines.push(`      ${colors.dim(`last logs of ${shortPodName(tail.pod)}/${tail.container}${which}:`)}`);
    for (const line of tail.lines) lines.push(`        ${line}`);
  }
  return lines;
}

/**
 * The same Warning about several objects (each pod's "Error: ErrImagePull") is one line with the
 * number of objects: an event's message with its own object's name taken out is its cause.
 */
function groupedWarnings(events: ResourceReport['events']): { first: ResourceReport['events'][number]; objects: number; count: number }[] {
  const groups = new Map<string, { first: ResourceReport['events'][number]; objects: Set<string>; count: number }>();
  for (const event of events) {
    if (event.type === 'Normal') continue;
    const name = event.object.slice(event.object.indexOf('/') + 1);
    const kind = event.object.slice(0, event.object.indexOf('/'));
    const key = `${event.type}|${event.reason}|${kind}|${name ? event.message.split(name).join('\u0000') : event.message}`;
    const group = groups.get(key) ?? { first: event, objects: new Set<string>(), count: 0 };
    group.objects.add(event.object);
    group.count += event.count ?? 1;
    groups.delete(key);
    groups.set(key, group); // latest last, as the events came
  }
  return [...groups.values()].map((group) => ({ first: group.first, objects: group.objects.size, count: group.count }));
}
