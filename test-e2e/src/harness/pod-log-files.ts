import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clusterKubeconfigPath } from './kube-clients.js';

/** one container run's output as cluster/pod-logs wrote it: "<RFC3339Nano> <text>" per line, as pods/log?timestamps=true serves it */
export interface ContainerRunLog {
  readonly restartCount: number;
  readonly lines: readonly string[];
}

/**
 * What the containers of a namespace's pods printed, read from the files pod-logs keeps in the
 * cluster run dir (`pod-logs/<ns>_<pod>_<uid>/<container>/<restartCount>.log`, CRI format; the
 * run dir holds the kubeconfig): "pod/container" → runs, oldest first. The ground truth a log
 * client is compared with; a pod's files go when the pod is deleted.
 */
export function podLogFiles(namespace: string): Map<string, ContainerRunLog[]> {
  const root = join(dirname(clusterKubeconfigPath()), 'pod-logs');
  const byContainer = new Map<string, ContainerRunLog[]>();
  if (!existsSync(root)) return byContainer;
  for (const podDir of readdirSync(root)) {
    if (!podDir.startsWith(`${namespace}_`)) continue;
    // <ns>_<pod>_<uid>: names and namespaces have no "_", uids neither
    const pod = podDir.slice(namespace.length + 1, podDir.lastIndexOf('_'));
    for (const container of readdirSync(join(root, podDir))) {
      const runs = readdirSync(join(root, podDir, container))
        .filter((file) => /^\d+\.log$/.test(file))
        .map((file) => ({
          restartCount: Number.parseInt(file, 10),
          lines: joinRecords(readFileSync(join(root, podDir, container, file), 'utf8')),
        }))
        .sort((a, b) => a.restartCount - b.restartCount);
      byContainer.set(`${pod}/${container}`, runs);
    }
  }
  return byContainer;
}

/** CRI records to lines as the kubelet serves them: a line split into P records is one line, stamped with its first record's time */
function joinRecords(file: string): string[] {
  const lines: string[] = [];
  let open: string | undefined;
  for (const raw of file.split('\n')) {
    const match = /^(\S+) (?:stdout|stderr) ([FP]) (.*)$/.exec(raw);
    if (!match) continue;
    open = (open ?? `${match[1]} `) + match[3];
    if (match[2] === 'F') {
      lines.push(open);
      open = undefined;
    }
  }
  return lines;
}
