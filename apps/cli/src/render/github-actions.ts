import { appendFile } from 'node:fs/promises';
import type { Report } from '@kubetrack/core';
import { formatDuration } from '../options/duration.js';
import type { OutputStream } from '../cli-io.js';
import { refOfReport, type ResourceNamer } from './resource-namer.js';
import { timelineMermaid } from './timeline-mermaid.js';
import { visibleDeep, visibleLines } from './visible-text.js';
import type { GuardedStream } from './workflow-command-guard.js';

/**
 * `::error title=...::message` workflow commands, one per resource that did not become ready.
 * Text from the cluster is made visible first: the runner's log viewer would act on escapes.
 */
export function githubAnnotations(clusterReport: Report, namer: ResourceNamer): string[] {
  const report = visibleDeep(clusterReport);
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
    lines.push(`::error title=${escapeProperty(`kubetrack: ${report.error.code}`)}::${escapeData(visibleLines(clusterReport.error!.message))}`);
  }
  return lines;
}

/** A Markdown table for $GITHUB_STEP_SUMMARY; log lines go in a code block none of them can close. */
export function githubStepSummary(clusterReport: Report, namer: ResourceNamer): string {
  const report = visibleDeep(clusterReport);
  const icon = { ready: '✅', failed: '❌', timeout: '⏱️', progressing: '⏳', skipped: '➖' } as const;
  const rows = report.resources.map((resource) => {
    const name = namer.name(refOfReport(resource));
    const hint = resource.hint ? `<br>**Hint:** ${cell(resource.hint)}` : '';
    const detail = resource.status === 'ready' ? '' : `${resource.code ? `\`${resource.code}\` ` : ''}${cell(resource.message)}${hint}`;
    return `| ${icon[resource.status]} | \`${cell(name)}\` | ${resource.status} | ${formatDuration(resource.durationMs)} | ${detail} |`;
  });
  const heading = report.success ? '### kubetrack: everything is ready' : '### kubetrack: the rollout failed';
  const lines = [heading, '', '| | Resource | Status | Took | Why |', '|---|---|---|---|---|', ...rows];
  if (report.timeline && report.timeline.rows.length > 0) lines.push('', timelineMermaid(report.timeline, 'rollout timeline (seconds from the start)'));
  const failedWithLogs = report.resources.filter((resource) => resource.status !== 'ready' && resource.logTail.some((tail) => tail.lines.length > 0));
  for (const resource of failedWithLogs) {
    const block = resource.logTail.flatMap((tail) => [`# ${tail.pod}/${tail.container}${tail.previous ? ' (previous)' : ''}`, ...tail.lines]);
    const fence = codeFence(block);
    lines.push('', `<details><summary>Last logs of ${htmlText(namer.name(refOfReport(resource)))}</summary>`, '', fence, ...block, fence, '</details>');
  }
  if (report.error?.type === 'program') lines.push('', `**Error:** ${cell(visibleLines(clusterReport.error!.message))}`);
  return `${lines.join('\n')}\n`;
}

/** Writes both when running in GitHub Actions; a summary file that cannot be written is only a warning. */
export async function reportToGitHubActions(options: {
  env: Readonly<Record<string, string | undefined>>;
  report: Report;
  namer: ResourceNamer;
  err: OutputStream & Partial<Pick<GuardedStream, 'writeWorkflowCommand'>>;
}): Promise<void> {
  if (options.env.GITHUB_ACTIONS !== 'true') return;
  const { err } = options;
  // Annotations go to stderr: stdout may be a JSON document, and the runner reads both.
  for (const line of githubAnnotations(options.report, options.namer)) {
    if (err.writeWorkflowCommand) err.writeWorkflowCommand(line);
    else err.write(`${line}\n`);
  }
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

/** One table cell: no column break, no HTML (an <img> in an event message would be fetched). */
function cell(text: string): string {
  return htmlText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** CommonMark closes a fence only with at least as many backticks as opened it. */
function codeFence(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  return '`'.repeat(longest + 1);
}
