import { appendFile } from 'node:fs/promises';
import type { Report } from '@kubetrack/core';
import { formatDuration } from '../options/duration.js';
import { refOfReport, type ResourceNamer } from './resource-namer.js';
import { timelineMermaid } from './timeline-mermaid.js';

/** `::error title=...::message` workflow commands, one per resource that did not become ready. */
export function githubAnnotations(report: Report, namer: ResourceNamer): string[] {
  const lines: string[] = [];
  for (const resource of report.resources) {
    if (resource.status !== 'failed' && resource.status !== 'timeout') continue;
    const name = namer.name(refOfReport(resource));
    const title = `kubetrack: ${name} ${resource.code ?? resource.status}`;
    const warnings = resource.events.filter((event) => event.type !== 'Normal').slice(-3);
    const body = [
      resource.message,
      ...(resource.hint ? [`Hint: ${resource.hint}`] : []),
      ...warnings.map((event) => `${event.reason} ${event.object}: ${event.message}`),
    ].join('\n');
    lines.push(`::error title=${escapeProperty(title)}::${escapeData(body)}`);
  }
  if (report.error?.type === 'program') {
    lines.push(`::error title=${escapeProperty(`kubetrack: ${report.error.code}`)}::${escapeData(report.error.message)}`);
  }
  return lines;
}

/** A Markdown table for $GITHUB_STEP_SUMMARY. */
export function githubStepSummary(report: Report, namer: ResourceNamer): string {
  const icon = { ready: '✅', failed: '❌', timeout: '⏱️', progressing: '⏳', skipped: '➖' } as const;
  const rows = report.resources.map((resource) => {
    const name = namer.name(refOfReport(resource));
    const hint = resource.hint ? `<br>**Hint:** ${cell(resource.hint)}` : '';
    const detail = resource.status === 'ready' ? '' : `${resource.code ? `\`${resource.code}\` ` : ''}${cell(resource.message)}${hint}`;
    return `| ${icon[resource.status]} | \`${name}\` | ${resource.status} | ${formatDuration(resource.durationMs)} | ${detail} |`;
  });
  const heading = report.success ? '### kubetrack: everything is ready' : '### kubetrack: the rollout failed';
  const lines = [heading, '', '| | Resource | Status | Took | Why |', '|---|---|---|---|---|', ...rows];
  if (report.timeline && report.timeline.rows.length > 0) lines.push('', timelineMermaid(report.timeline, 'rollout timeline (seconds from the start)'));
  const failedWithLogs = report.resources.filter((resource) => resource.status !== 'ready' && resource.logTail.some((tail) => tail.lines.length > 0));
  for (const resource of failedWithLogs) {
    lines.push('', `<details><summary>Last logs of ${namer.name(refOfReport(resource))}</summary>`, '', '```');
    for (const tail of resource.logTail) lines.push(`# ${tail.pod}/${tail.container}${tail.previous ? ' (previous)' : ''}`, ...tail.lines);
    lines.push('```', '</details>');
  }
  if (report.error?.type === 'program') lines.push('', `**Error:** ${cell(report.error.message)}`);
  return `${lines.join('\n')}\n`;
}

/** Writes both when running in GitHub Actions; a summary file that cannot be written is only a warning. */
export async function reportToGitHubActions(options: {
  env: Readonly<Record<string, string | undefined>>;
  report: Report;
  namer: ResourceNamer;
  err: { write(text: string): void };
}): Promise<void> {
  if (options.env.GITHUB_ACTIONS !== 'true') return;
  // Annotations go to stderr: stdout may be a JSON document, and the runner reads both.
  for (const line of githubAnnotations(options.report, options.namer)) options.err.write(`${line}\n`);
  const summaryFile = options.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  try {
    await appendFile(summaryFile, githubStepSummary(options.report, options.namer));
  } catch (error) {
    options.err.write(`kubetrack: warning: cannot write GITHUB_STEP_SUMMARY: ${(error as Error).message}\n`);
  }
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
