import type { Timeline, TimelineState } from '@kubetrack/core';

/** Mermaid's gantt task tags: `crit` (red) for failures, `done` (grey) for what ended well, `active` for work. */
const TAG: Record<TimelineState, string> = {
  absent: 'done',
  progressing: 'active',
  ready: 'done',
  failed: 'crit',
  scheduling: 'active',
  creating: 'active',
  pulling: 'active',
  running: 'active',
  completed: 'done',
  terminating: 'done',
  deleted: 'done',
};

/**
 * The timeline as a Mermaid `gantt` block for $GITHUB_STEP_SUMMARY (GitHub renders Mermaid in
 * Markdown): a section per resource, a bar per state of it and of each of its pods, Warning
 * events and restarts as milestones. Times are ms from the start (`dateFormat x` takes epoch ms,
 * and the axis shows seconds).
 */
export function timelineMermaid(timeline: Timeline, title: string): string {
  const lines = ['```mermaid', 'gantt', `  title ${label(title)}`, '  dateFormat x', '  axisFormat %S s'];
  let section = '';
  for (const row of timeline.rows) {
    if (row.kind === 'resource' && row.resource !== section) {
      section = row.resource;
      lines.push(`  section ${label(row.name)}${row.verdict ? ` (${label(row.verdict)})` : ''}`);
    }
    const who = row.kind === 'pod' ? `pod ${row.name}` : row.name;
    for (const segment of row.segments) {
      if (segment.state === 'absent' && segment.endMs === segment.startMs) continue;
      const end = Math.max(segment.endMs, segment.startMs + 1);
      lines.push(`  ${label(`${who} ${segment.state}`)} :${TAG[segment.state]}, ${segment.startMs}, ${end}`);
    }
    for (const mark of row.marks.slice(-5)) lines.push(`  ${label(`${who} ${mark.reason}`)} :milestone, ${mark.atMs}, 0ms`);
  }
  lines.push('```');
  return lines.join('\n');
}

/**
 * Mermaid's gantt syntax gives `:` and `#` (and a line break) a meaning in a task name; cluster
 * text must not end the block either, so only plain characters pass.
 */
function label(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._/()-]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || '-';
}
