import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clusterKubeconfigPath } from './kube-clients.js';

/** One container run's output as the local cluster's pod-logs process wrote it. */
export interface WrittenContainerLog {
  pod: string;
  container: string;
  restartCount: number;
  lines: string[];
}

/**
 * What the containers of a namespace really printed: the CRI-format files pod-logs writes under
 * the cluster's run dir (pod-logs/<ns>_<pod>_<uid>/<container>/<restartCount>.log), the ground
 * truth to compare streamed lines with.
 */
export function writtenPodLogs(namespace: string): WrittenContainerLog[] {
  const root = join(dirname(clusterKubeconfigPath()), 'pod-logs');
  if (!existsSync(root)) return [];
  const logs: WrittenContainerLog[] = [];
  for (const podDir of readdirSync(root).filter((name) => name.startsWith(`${namespace}_`))) {
    const pod = podDir.slice(namespace.length + 1).replace(/_[^_]+$/, '');
    for (const container of readdirSync(join(root, podDir))) {
      for (const file of readdirSync(join(root, podDir, container))) {
        const text = readFileSync(join(root, podDir, container, file), 'utf8');
        const lines = text
          .split('\n')
          .filter(Boolean)
          // "<RFC3339Nano> stdout F <text>"
          .map((raw) => raw.replace(/^\S+ (stdout|stderr) [FP] /, ''));
        logs.push({ pod, container, restartCount: Number(file.replace(/\.log$/, '')), lines });
      }
    }
  }
  return logs;
}
