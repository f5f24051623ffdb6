import type { KubeTransport } from '../transport/kube-transport.js';
import { parseContainerLogLine, type ContainerLogLine } from './container-log-line.js';
import { LogLineSplitter } from './log-line-splitter.js';
import { podLogPath } from './pod-log-path.js';

export interface PreviousLogsRequest {
  namespace: string;
  pod: string;
  container: string;
  /** Only the last lines; bounds memory for a chatty crashed instance. */
  tailLines?: number;
  /** RFC3339; only lines from this second on. */
  sinceTime?: string;
  signal?: AbortSignal;
  maxLineLength?: number;
  /** false: the current instance's log (one GET, no follow). Default true. */
  previous?: boolean;
}

/**
 * The logs of the container's previous (terminated) instance, in one GET with
 * `previous=true`. Throws `ApiError` as the transport does (400 when there is no previous instance).
 */
export async function fetchPreviousLogs(transport: KubeTransport, request: PreviousLogsRequest): Promise<ContainerLogLine[]> {
  const stream = await transport.stream({
    path: podLogPath(request.namespace, request.pod),
    query: {
      container: request.container,
      previous: request.previous ?? true,
      timestamps: true,
      tailLines: request.tailLines,
      sinceTime: request.sinceTime,
    },
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const splitter = new LogLineSplitter(request.maxLineLength);
  const raw: string[] = [];
  try {
    for await (const chunk of stream.body) raw.push(...splitter.push(chunk));
  } finally {
    stream.close();
  }
  const last = splitter.end();
  if (last !== undefined) raw.push(last);
  return raw.map(parseContainerLogLine);
}
