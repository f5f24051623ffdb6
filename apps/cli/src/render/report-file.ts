import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Report } from '@kubetrack/core';
import type { CliIo } from '../cli-io.js';
import { renderReportHtml } from './report-html.js';
import type { ResourceNamer } from './resource-namer.js';

export interface ReportFiles {
  /** `--report FILE`: the same JSON as `--output json`. */
  json?: string;
  /** `--report-html FILE`: one self-contained page. */
  html?: string;
}

/**
 * The report files a CI step keeps besides the readable log. A file that cannot be written costs
 * one line on stderr, never the verdict: the rollout's exit code stands, and the report is still
 * on stdout in the json modes.
 */
export async function writeReportFiles(files: ReportFiles, report: Report, namer: ResourceNamer, io: Pick<CliIo, 'cwd' | 'stderr'>): Promise<void> {
  const writes: [string | undefined, () => string][] = [
    [files.json, () => `${JSON.stringify(report)}\n`],
    [files.html, () => renderReportHtml(report, namer)],
  ];
  for (const [path, render] of writes) {
    if (path === undefined) continue;
    try {
      await writeFile(resolve(io.cwd, path), render());
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      io.stderr.write(`kubetrack: could not write the report to ${JSON.stringify(path)} (${reason})\n`);
    }
  }
}
