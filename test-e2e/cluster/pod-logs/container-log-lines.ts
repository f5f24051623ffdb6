import type { V1Pod } from '@kubernetes/client-node';

const logsAnnotation = 'kubetrack.test/logs';

/**
 * What a container prints when it starts: the pod's `kubetrack.test/logs` annotation, one line per
 * newline (a literal backslash-n also separates, for annotations written on one line), or a few
 * startup lines when there is none.
 */
export function startupLinesOf(pod: V1Pod, container: string): string[] {
  const annotation = pod.metadata?.annotations?.[logsAnnotation];
  if (annotation === undefined) {
    return [`${container}: starting`, `${container}: configuration loaded`, `${container}: running`];
  }
  return annotation.split(/\r?\n|\\n/).filter((line, index, lines) => line !== '' || index < lines.length - 1);
}

/** the last line of a container that exits with an error */
export const crashLine = 'panic: simulated crash';
