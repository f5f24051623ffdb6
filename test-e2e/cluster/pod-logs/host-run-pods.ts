import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import type { PodLogStore } from './pod-log-store.ts';

/**
 * The image whose pods this process runs for real instead of kwok's stages (which exclude it,
 * see kwok/pod-queries.ts hostRunImage): kubetrack's Helm hook, ghcr.io/kubetrack/helm-hook or
 * any image named kubetrack-helm-hook. Keep the two patterns alike.
 */
export const HOST_RUN_IMAGE = /(^|\/)kubetrack[-/]helm-hook(:|@|$)/;

export const isHostRunPod = (pod: V1Pod): boolean => (pod.spec?.containers ?? []).some((c) => HOST_RUN_IMAGE.test(c.image ?? ''));

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface HostRunOptions {
  core: CoreV1Api;
  store: PodLogStore;
  /** the API server as pods see it (KUBERNETES_SERVICE_HOST/PORT) */
  apiServer: { host: string; port: string };
  caFile: string;
  /** what the image's entrypoint is: a Node program run with this process's node */
  program: string;
  log: (message: string) => void;
}

/**
 * Acts as the kubelet for the hook image: once the scheduler has placed such a pod, it runs the
 * program as a host process the way a container would see it (the pod's ServiceAccount token from
 * the TokenRequest API, bound to the pod, with the CA and namespace bind-mounted at the in-cluster
 * path in a private mount namespace; KUBERNETES_SERVICE_HOST/PORT; the container's env), writes its
 * output as the container's log (so pods/log works), and reports running and the exit in the pod status.
 */
export class HostRunPods {
  readonly #options: HostRunOptions;
  readonly #running = new Map<string, ChildProcess>();
  readonly #started = new Set<string>();

  constructor(options: HostRunOptions) {
    this.#options = options;
    mkdirSync(SERVICE_ACCOUNT_DIR, { recursive: true });
  }

  sync(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    if (!uid || !isHostRunPod(pod) || !pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    if (this.#started.has(uid) || (pod.status?.phase ?? 'Pending') !== 'Pending') return;
    this.#started.add(uid);
    this.#run(pod).catch((error: unknown) => this.#options.log(`host-run ${pod.metadata?.namespace}/${pod.metadata?.name} failed: ${String(error)}`));
  }

  forget(pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? '';
    this.#running.get(uid)?.kill('SIGTERM');
    this.#started.delete(uid);
  }

  async #run(pod: V1Pod): Promise<void> {
    const { core, store, apiServer, caFile, program, log } = this.#options;
    const namespace = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const uid = pod.metadata!.uid!;
    const container = pod.spec!.containers[0]!;
    const serviceAccount = pod.spec!.serviceAccountName ?? 'default';
    const { status: tokenStatus } = await core.createNamespacedServiceAccountToken({
      name: serviceAccount,
      namespace,
      body: { spec: { audiences: [], expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name, uid } } },
    });
    const accountDir = mkdtempSync(join(tmpdir(), `host-run-${name}-`));
    writeFileSync(join(accountDir, 'token'), tokenStatus?.token ?? '');
    writeFileSync(join(accountDir, 'namespace'), namespace);
    copyFileSync(caFile, join(accountDir, 'ca.crt'));

    const containerID = `containerd://${createHash('sha256').update(`${uid}/${container.name}/0`).digest('hex')}`;
    const startedAt = new Date().toISOString();
    store.markHostRun(containerID);
    const base = { name: container.name, image: container.image, imageID: `${container.image}@sha256:${'0'.repeat(64)}`, containerID, restartCount: 0 };
    const condition = (type: string, status: string) => ({ type, status, lastTransitionTime: startedAt });
    const running = await this.#patchStatus(namespace, name, {
      phase: 'Running',
      hostIP: '127.0.0.1',
      podIP: '127.0.0.1',
      startTime: startedAt,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled'].map((type) => condition(type, 'True')),
      containerStatuses: [{ ...base, ready: true, started: true, state: { running: { startedAt } } }],
    });
    store.sync(running);

    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: accountDir,
      HOSTNAME: name,
      KUBERNETES_SERVICE_HOST: apiServer.host,
      KUBERNETES_SERVICE_PORT: apiServer.port,
    };
    for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
    const args = [...(container.command ?? []).slice(1), ...(container.args ?? [])];
    // the kubelet bind-mounts the token volume; a private mount namespace does the same without touching other processes
    const child = spawn('unshare', ['-m', 'sh', '-c', `mount --bind "$0" ${SERVICE_ACCOUNT_DIR} && exec "$@"`, accountDir, process.execPath, program, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#running.set(uid, child);
    log(`host-run ${namespace}/${name}: started ${program} as ServiceAccount ${serviceAccount}`);
    const streams = [child.stdout, child.stderr].map((stream, index) =>
      new Promise<void>((resolve) => {
        createInterface({ input: stream })
          .on('line', (line) => store.appendHostRunLine(containerID, index === 0 ? 'stdout' : 'stderr', line))
          .on('close', resolve);
      }),
    );
    const exitCode = await new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : 143))));
    await Promise.all(streams);
    this.#running.delete(uid);
    rmSync(accountDir, { recursive: true, force: true });
    log(`host-run ${namespace}/${name}: exited ${exitCode}`);
    const finishedAt = new Date().toISOString();
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    const ended = await this.#patchStatus(namespace, name, {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: [
        condition('PodReadyToStartContainers', 'False'),
        condition('Initialized', 'True'),
        { ...condition('ContainersReady', 'False'), reason: 'PodCompleted' },
        { ...condition('Ready', 'False'), reason: 'PodCompleted' },
        condition('PodScheduled', 'True'),
      ],
      containerStatuses: [{ ...base, ready: false, started: false, state: { terminated: { exitCode, reason, startedAt, finishedAt, containerID } } }],
    }).catch((error: unknown) => {
      // the pod may be gone already (the Job controller deletes pods past activeDeadlineSeconds)
      log(`host-run ${namespace}/${name}: cannot report the exit: ${String(error)}`);
      return undefined;
    });
    if (ended) store.sync(ended);
  }

  #patchStatus(namespace: string, name: string, status: Record<string, unknown>): Promise<V1Pod> {
    return this.#options.core.patchNamespacedPodStatus({ name, namespace, body: { status } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  }
}
