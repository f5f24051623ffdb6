import { isLogTimestamp } from './log-timestamp.js';

/** One line a container printed. */
export interface ContainerLogLine {
  text: string;
  /** The container runtime's RFC3339Nano timestamp, when the line carried one. */
  timestamp?: string;
}

/** Splits a `timestamps=true` line, "<RFC3339Nano> <text>", into its parts. */
export function parseContainerLogLine(raw: string): ContainerLogLine {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const space = line.indexOf(' ');
  const head = space === -1 ? line : line.slice(0, space);
  if (!isLogTimestamp(head)) return { text: line };
  return { text: space === -1 ? '' : line.slice(space + 1), timestamp: head };
}
