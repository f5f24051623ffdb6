import { failureSubject, type Failure, type LogSource } from '../plugin.js';

/** When no failure names a container, this many of the newest that printed anything explain it. */
const MAX_UNNAMED = 5;

export interface ContainerRef {
  pod: string;
  container: string;
}

/**
 * The one rule for whose logs explain a resource's outcome, both for the last-lines fetch at a
 * failure and for the report's log tails: the containers its failures name (a subject with a
 * container is that pod's container), once each; when none does (a failed Job, a timeout), the
 * last few of its log sources that have started.
 */
export function explainingContainers(failures: readonly Failure[], sources: readonly LogSource[]): ContainerRef[] {
  const named = new Map<string, ContainerRef>();
  for (const failure of failures) {
    const { name: pod, container } = failureSubject(failure);
    if (container) named.set(`${pod}/${container}`, { pod, container });
  }
  if (named.size > 0) return [...named.values()];
  const started = new Map<string, ContainerRef>();
  for (const { pod, container, started: hasRun } of sources) if (hasRun) started.set(`${pod}/${container}`, { pod, container });
  return [...started.values()].slice(-MAX_UNNAMED);
}
