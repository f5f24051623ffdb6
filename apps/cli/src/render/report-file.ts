import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Report } from '@kubetrack/core';
import type { CliIo } from '../cli-io.js';

/**
 * `--report FILE`: the same JSON as `--output json`, for CI steps that want both a readable log
 * and a machine-readable result. A file that cannot be written costs one line on stderr, never the
 * verdict: the rollout's exit code stands, and the report is still on stdout in json modes.
 */
export async function writeReportFile(path: string, report: Report, io: Pick<CliIo, 'cwd' | 'stderr'>): Promise<void> {
  try {
    await writeFile(resolve(io.cwd, path), `${JSON.stringify(report)}\n`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    io.stderr.write(`kubetrack: could not write the report to ${JSON.stringify(path)} (${reason})\n`);
  }
}
