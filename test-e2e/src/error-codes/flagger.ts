import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { applyManifests, clusterKubeconfigPath, deploymentManifest, kubeClients, waitFor } from '../harness/index.js';
import { customObjects, installCrd } from './helpers.js';

/** Flagger's controller, built from its Go module by test-e2e/cluster/build-flagger.sh, run against the local cluster. */

const buildScript = fileURLToPath(new URL('../../cluster/build-flagger.sh', import.meta.url));

export const canaryApi = { group: 'flagger.app', version: 'v1beta1', plural: 'canaries' };

type Crd = Parameters<typeof installCrd>[0];

/**
 * Builds Flagger if its version is not cached yet (scripts/test.sh builds it before the tests, so
 * this is a lookup there) and returns the directory holding `flagger` and its own `crd.yaml`.
 */
export async function flaggerBin(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [buildScript], { maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60_000 }).catch(
    (error: { stderr?: string; message: string }) => {
      throw new Error(`build-flagger.sh failed: ${error.stderr?.trim().split('\n').slice(-15).join('\n') ?? error.message}`);
    },
  );
  return stdout.trim().split('\n').at(-1)!;
}

/** The CRDs shipped with the Flagger version that runs (Canary, MetricTemplate, AlertProvider). */
export function flaggerCrds(bin: string): Crd[] {
  const documents = parseAllDocuments(indentQuotedContinuations(readFileSync(join(bin, 'crd.yaml'), 'utf8')));
  const broken = documents.flatMap((document) => document.errors);
  if (broken.length) throw new Error(`${join(bin, 'crd.yaml')}: ${broken[0]!.message}`);
  return documents
    .map((document) => document.toJSON() as Crd | null)
    .filter((crd): crd is Crd => crd?.kind === 'CustomResourceDefinition');
}

/**
 * Flagger's crd.yaml continues some single-quoted descriptions on lines indented like their key,
 * which Go's YAML parser accepts and the yaml package does not: indent those lines one step more.
 */
function indentQuotedContinuations(text: string): string {
  let open = false;
  return text
    .split('\n')
    .map((line) => {
      const continued = open;
      const quotes = (continued ? line : line.replace(/^[^']*?:\s*(?='|$)/, '')).replace(/''/g, '').split("'").length - 1;
      if (!continued) open = /^\s*[\w-]+:\s*'/.test(line) && quotes % 2 === 1;
      else open = quotes % 2 === 0;
      return continued ? `  ${line}` : line;
    })
    .join('\n');
}

export async function installFlaggerCrds(bin: string): Promise<void> {
  for (const crd of flaggerCrds(bin)) await installCrd(crd);
}

export interface RunningFlagger {
  /** what Flagger printed so far, for assertion messages */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a Flagger that watches only `namespace`, with the kubernetes provider (no mesh).
 * No canary here has metric checks, so the metrics server is never queried; Flagger pings it
 * once at start and logs that it is unreachable.
 */
export function startFlagger(bin: string, namespace: string): RunningFlagger {
  const child: ChildProcess = spawn(
    join(bin, 'flagger'),
    [
      `-kubeconfig=${clusterKubeconfigPath()}`,
      '-mesh-provider=kubernetes',
      `-namespace=${namespace}`,
      '-metrics-server=http://127.0.0.1:1',
      '-log-level=info',
      '-zap-encoding=console',
      // how soon a new Canary gets its analysis job (the analysis itself runs every analysis.interval)
      '-control-loop-interval=1s',
      // Flagger listens on ":<port>"; 0 lets several run side by side
      '-port=0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface WebhookServer {
  url(path: string): string;
  /** from now on, answer this path with this status code */
  answer(path: string, status: number): void;
  /** how many times Flagger called this path */
  calls(path: string): number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering Flagger's webhooks: each path with a fixed status code. */
export async function startWebhookServer(initialStatusByPath: Record<string, number>): Promise<WebhookServer> {
  const calls = new Map<string, number>();
  const statusByPath: Record<string, number> = { ...initialStatusByPath };
  const server: Server = createServer((request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    request.resume();
    const status = statusByPath[path] ?? 404;
    response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : `answered ${status} by the test`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    answer: (path, status) => {
      statusByPath[path] = status;
    },
    calls: (path) => calls.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CanaryWebhook {
  name: string;
  type: 'confirm-rollout' | 'pre-rollout' | 'rollout' | 'confirm-promotion' | 'post-rollout';
  url: string;
}

/**
 * A Canary for Deployment `name`, tuned for short tests: Flagger's shortest analysis interval
 * (it raises anything below 10s to 10s), one blue/green iteration (the kubernetes provider
 * shifts no traffic), and `threshold` failed checks before a rollback.
 */
export function canaryManifest(name: string, options: { threshold?: number; webhooks?: CanaryWebhook[] } = {}): KubernetesObject {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      progressDeadlineSeconds: 60,
      service: { port: 80 },
      analysis: {
        interval: '10s',
        threshold: options.threshold ?? 2,
        iterations: 1,
        webhooks: (options.webhooks ?? []).map((webhook) => ({ ...webhook, timeout: '5s' })),
      },
    },
  } as KubernetesObject;
}

interface CanaryObject {
  status?: { phase?: string; lastPromotedSpec?: string; lastAppliedSpec?: string; lastTransitionTime?: string };
}

export async function readCanary(namespace: string, name: string): Promise<CanaryObject> {
  return (await customObjects().getNamespacedCustomObject({ ...canaryApi, namespace, name })) as CanaryObject;
}

/** Waits until Flagger reports this phase for the Canary. */
export async function waitForCanaryPhase(namespace: string, name: string, phase: string, flagger: RunningFlagger, timeoutMs = 90_000) {
  return waitFor(async () => ((await readCanary(namespace, name)).status?.phase === phase ? true : undefined), {
    description: `canary/${name} to reach ${phase}; flagger said:\n${flagger.output().slice(-3_000)}`,
    timeoutMs,
    intervalMs: 250,
  });
}

/** Revision label on the pod template: each new value is a new revision for Flagger. */
export const revisionAnnotation = 'kubetrack.test/revision';

/** Applies Deployment `name` and its Canary, and waits until Flagger has created the primary (Initialized). */
export async function initializedCanary(
  namespace: string,
  name: string,
  flagger: RunningFlagger,
  canary: KubernetesObject = canaryManifest(name),
): Promise<void> {
  await applyManifests(namespace, deploymentManifest({ name, replicas: 1, annotations: { [revisionAnnotation]: 'v1' } }));
  await applyManifests(namespace, canary);
  await waitForCanaryPhase(namespace, name, 'Initialized', flagger);
}

/**
 * A new revision of the Deployment, as a user's `kubectl apply` of a new image would make: only the
 * pod template changes (Flagger owns the replica count of a Deployment it manages).
 */
export async function rollOut(namespace: string, name: string, revision: string): Promise<void> {
  await kubeClients().objects.patch(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: { template: { metadata: { annotations: { [revisionAnnotation]: revision } } } },
    } as KubernetesObject,
    undefined,
    undefined,
    'kubetrack-e2e-rollout',
    undefined,
    PatchStrategy.MergePatch,
  );
}

/** The revision the primary (what users get) runs: Flagger copies the canary's template there on promotion. */
export async function primaryRevision(namespace: string, name: string): Promise<string | undefined> {
  const primary = await kubeClients().apps.readNamespacedDeployment({ namespace, name: `${name}-primary` });
  return primary.spec?.template.metadata?.annotations?.[revisionAnnotation];
}
