import { Writable } from 'node:stream';
import { Log, type LogOptions } from '@kubernetes/client-node';
import { kubeClients } from './kube-clients.js';

export interface PodLogOptions {
  readonly container?: string;
  readonly previous?: boolean;
  readonly timestamps?: boolean;
  readonly tailLines?: number;
  readonly sinceTime?: string;
}

/** a container's log through the pods/log API (kube-apiserver → the node's kubelet endpoint), as lines */
export async function readPodLog(namespace: string, pod: string, options: PodLogOptions = {}): Promise<string[]> {
  const text = await kubeClients().core.readNamespacedPodLog({ name: pod, namespace, ...options });
  return text.split('\n').filter((line, index, lines) => line !== '' || index < lines.length - 1);
}

export interface FollowedLog {
  /** the lines received so far */
  readonly lines: string[];
  /** settles when the server ends the stream (the container exited) */
  readonly ended: Promise<void>;
  stop(): void;
}

/** follows a container's log (pods/log?follow=true), collecting lines as they arrive */
export async function followPodLog(
  namespace: string,
  pod: string,
  container: string,
  options: Omit<LogOptions, 'follow'> = {},
): Promise<FollowedLog> {
  const lines: string[] = [];
  let partial = '';
  let resolveEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      callback();
    },
    final(callback) {
      if (partial !== '') lines.push(partial);
      resolveEnded();
      callback();
    },
  });
  sink.on('close', resolveEnded);
  const abort = await new Log(kubeClients().kc).log(namespace, pod, container, sink, { ...options, follow: true });
  return { lines, ended, stop: () => abort.abort() };
}
