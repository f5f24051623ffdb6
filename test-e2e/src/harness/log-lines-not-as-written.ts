import type { TrackMessage } from '@kubetrack/core';
import { podLogFiles } from './pod-log-files.js';

export interface UnfaithfulLog {
  readonly container: string;
  readonly written: readonly string[];
  readonly streamed: readonly string[];
}

/**
 * The containers of `namespace` whose streamed log lines differ from what cluster/pod-logs wrote
 * (every run's lines, in order, each once): [] when kubetrack lost, doubled and reordered nothing.
 */
export function logLinesNotAsWritten(namespace: string, messages: readonly TrackMessage[]): UnfaithfulLog[] {
  const streamed = new Map<string, string[]>();
  for (const m of messages) {
    if (m.type !== 'log') continue;
    const key = `${m.pod}/${m.container}`;
    streamed.set(key, [...(streamed.get(key) ?? []), m.line]);
  }
  const written = podLogFiles(namespace);
  const containers = new Set([...written.keys(), ...streamed.keys()]);
  return [...containers].flatMap((container) => {
    // the files' lines are "<timestamp> <text>"; the stream carries the text
    const lines = (written.get(container) ?? []).flatMap((run) => run.lines.map((line) => line.slice(line.indexOf(' ') + 1)));
    const got = streamed.get(container) ?? [];
    return JSON.stringify(got) === JSON.stringify(lines) ? [] : [{ container, written: lines, streamed: got }];
  });
}
