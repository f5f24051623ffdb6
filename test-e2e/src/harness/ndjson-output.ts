import type { Report, TrackMessage } from '@kubetrack/core';

/** `--output ndjson`: every message as it happened, then the report itself as the last line. */
export function parseNdjsonOutput(stdout: string): { messages: TrackMessage[]; report: Report } {
  const lines = stdout.split('\n').filter(Boolean);
  const last = lines.at(-1);
  if (last === undefined) throw new Error('kubetrack printed nothing on stdout');
  return { report: JSON.parse(last) as Report, messages: lines.slice(0, -1).map((line) => JSON.parse(line) as TrackMessage) };
}
