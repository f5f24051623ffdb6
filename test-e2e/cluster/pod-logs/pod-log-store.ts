import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { containerInstancesOf, type ContainerInstance } from './container-instances.ts';
import { crashLine, startupLinesOf } from './container-log-lines.ts';
import { type CriLogLine, formatCriLine, nowNs, parseCriLine, splitIntoRecords } from './cri-log-line.ts';
import { parseGoDuration } from './go-duration.ts';

interface InstanceLog {
  readonly path: string;
  ended: boolean;
}

export type LineListener = (line: CriLogLine) => void;

const logEveryAnnotation = 'kubetrack.test/log-every';

/**
 * Writes what each container instance "prints" into a CRI-format file laid out like the
 * kubelet's (<dir>/<ns>_<pod>_<uid>/<container>/<restartCount>.log), as the pod statuses that
 * kwok drives say the instance starts and exits, and tells followers about new lines and ends.
 * Writes are synchronous so a reader that reads a file and then subscribes misses nothing.
 */
export class PodLogStore {
  readonly #dir: string;
  readonly #instances = new Map<string, InstanceLog>();
  readonly #instancesOfPod = new Map<string, Set<string>>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  /** instances a real process runs (HostRunPods): their lines are its output, not the annotations' */
  readonly #hostRun = new Set<string>();
  /** the newest resourceVersion synced per pod: the informer and fresh reads interleave, an older status must not undo a newer one */
  readonly #versions = new Map<string, bigint>();
  /** pods already forgotten: a fresh read that raced the delete must not bring their files back */
  readonly #forgotten = new Set<string>();

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** brings the files in line with the pod's current status */
  sync(pod: V1Pod): void {
    const podKey = keyOf(pod);
    if (this.#forgotten.has(podKey) || !this.#isNewer(podKey, pod)) return;
    const known = this.#instancesOfPod.get(podKey) ?? new Set<string>();
    this.#instancesOfPod.set(podKey, known);
    const seen = new Set<string>();
    for (const instance of containerInstancesOf(pod)) {
      seen.add(instance.containerId);
      const log = this.#instances.get(instance.containerId) ?? this.#start(pod, instance, known);
      if (!instance.running && !log.ended) this.#exit(instance, log);
    }
    for (const containerId of known) {
      const log = this.#instances.get(containerId);
      if (log && !seen.has(containerId) && !log.ended) this.#end(containerId, log);
    }
  }

  /** the pod is gone: its followers end and its files are removed, as the kubelet removes them */
  forget(pod: V1Pod): void {
    const podKey = keyOf(pod);
    for (const containerId of this.#instancesOfPod.get(podKey) ?? []) {
      const log = this.#instances.get(containerId);
      if (log && !log.ended) this.#end(containerId, log);
      this.#instances.delete(containerId);
    }
    this.#instancesOfPod.delete(podKey);
    this.#versions.delete(podKey);
    this.#forgotten.add(podKey);
    rmSync(this.#podDir(pod), { recursive: true, force: true });
  }

  markHostRun(containerId: string): void {
    this.#hostRun.add(containerId);
  }

  /** a line a host-run instance printed; dropped if its pod has not reached the store (it is synced first) */
  appendHostRunLine(containerId: string, stream: 'stdout' | 'stderr', text: string): void {
    const log = this.#instances.get(containerId);
    if (log && !log.ended) this.#append(containerId, log, text, stream);
  }

  has(containerId: string): boolean {
    return this.#instances.has(containerId);
  }

  isEnded(containerId: string): boolean {
    return this.#instances.get(containerId)?.ended ?? true;
  }

  read(containerId: string): CriLogLine[] {
    const log = this.#instances.get(containerId);
    if (!log || !existsSync(log.path)) return [];
    return readFileSync(log.path, 'utf8')
      .split('\n')
      .flatMap((raw) => parseCriLine(raw) ?? []);
  }

  /** calls onLine for each line appended from now on and onEnd once the instance has exited; returns an unsubscribe */
  follow(containerId: string, onLine: LineListener, onEnd: () => void): () => void {
    const lineEvent = `line:${containerId}`;
    const endEvent = `end:${containerId}`;
    this.#events.on(lineEvent, onLine);
    this.#events.once(endEvent, onEnd);
    return () => {
      this.#events.off(lineEvent, onLine);
      this.#events.off(endEvent, onEnd);
    };
  }

  /** resourceVersions are opaque to clients, but the ones etcd hands out are increasing integers, which this test cluster relies on */
  #isNewer(podKey: string, pod: V1Pod): boolean {
    const raw = pod.metadata?.resourceVersion;
    if (raw === undefined || !/^\d+$/.test(raw)) return true;
    const version = BigInt(raw);
    const last = this.#versions.get(podKey);
    if (last !== undefined && version < last) return false;
    this.#versions.set(podKey, version);
    return true;
  }

  #start(pod: V1Pod, instance: ContainerInstance, known: Set<string>): InstanceLog {
    const containerDir = join(this.#podDir(pod), instance.container);
    const path = join(containerDir, `${instance.restartCount}.log`);
    const alreadyWritten = existsSync(path);
    // a file from before a restart of this process is complete for an exited instance
    const log: InstanceLog = { path, ended: alreadyWritten && !instance.running };
    this.#instances.set(instance.containerId, log);
    known.add(instance.containerId);
    if (!alreadyWritten) {
      mkdirSync(containerDir, { recursive: true });
      appendFileSync(path, '');
      if (!this.#hostRun.has(instance.containerId)) this.#print(pod, instance.containerId, log, startupLinesOf(pod, instance.container));
    }
    return log;
  }

  /** all at once, or one line every `kubetrack.test/log-every` while the instance runs (output that outlives a stream) */
  #print(pod: V1Pod, containerId: string, log: InstanceLog, lines: readonly string[]): void {
    const everyMs = parseGoDuration(pod.metadata?.annotations?.[logEveryAnnotation]);
    if (everyMs === undefined) {
      for (const text of lines) this.#append(containerId, log, text);
      return;
    }
    const pending = [...lines];
    const timer = setInterval(() => {
      const text = pending.shift();
      if (text === undefined || log.ended) clearInterval(timer);
      else this.#append(containerId, log, text);
    }, everyMs);
  }

  #exit(instance: ContainerInstance, log: InstanceLog): void {
    if (instance.exitCode !== undefined && instance.exitCode !== 0 && !this.#hostRun.has(instance.containerId)) {
      this.#append(instance.containerId, log, crashLine);
    }
    this.#end(instance.containerId, log);
  }

  /** as a container runtime writes a line: a long one becomes several records (P..., F), each stamped when written */
  #append(containerId: string, log: InstanceLog, text: string, stream: CriLogLine['stream'] = 'stdout'): void {
    const pieces = splitIntoRecords(text);
    pieces.forEach((piece, index) => {
      const line: CriLogLine = { timeNs: nowNs(), stream, text: piece, ...(index < pieces.length - 1 ? { partial: true } : {}) };
      appendFileSync(log.path, formatCriLine(line));
      this.#events.emit(`line:${containerId}`, line);
    });
  }

  #end(containerId: string, log: InstanceLog): void {
    log.ended = true;
    this.#events.emit(`end:${containerId}`);
  }

  #podDir(pod: V1Pod): string {
    const { namespace, name, uid } = pod.metadata ?? {};
    return join(this.#dir, `${namespace}_${name}_${uid}`);
  }
}

function keyOf(pod: V1Pod): string {
  return `${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}`;
}
