import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { fileURLToPath } from 'node:url';
import { CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import type { Report, ResourceReport } from '@kubetrack/core';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { applyManifests, kubeClients, runKubetrack, startKubetrack, waitFor, type KubetrackResult, type RunKubetrackOptions } from '../harness/index.js';

export interface TrackResult extends KubetrackResult {
  report: Report;
  /** the first (usually only) resource of the report */
  resource: ResourceReport;
}

/** Runs `kubetrack ARGS --output json` and parses the report; asserts there is no stack trace. */
export async function trackJson(args: readonly string[], options?: RunKubetrackOptions): Promise<TrackResult> {
  return parseJsonReport(await runKubetrack([...args, '--output', 'json'], options));
}

/** `reportText`: the JSON report (all of stdout with `--output json`, its last line with ndjson). */
function parseJsonReport(result: KubetrackResult, reportText = result.stdout): TrackResult {
  expect(result.stderr, 'no stack trace on stderr').not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  let report: Report;
  try {
    report = JSON.parse(reportText) as Report;
  } catch {
    throw new Error(`kubetrack exited ${result.code} without a JSON report.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return { ...result, report, resource: report.resources[0]! };
}

/**
 * Like trackJson, with `--output ndjson`: runs `action` once stdout has a message matching `when`
 * (e.g. the resource's first status), so the test acts on what kubetrack has seen, however long
 * node takes to start here. The last line is the report, as `--output json` prints it.
 */
export async function trackJsonActingOn(args: readonly string[], when: RegExp, action: () => Promise<unknown>): Promise<TrackResult> {
  let acting: Promise<unknown> | undefined;
  const result = await runKubetrack([...args, '--output', 'ndjson'], {
    onOutput: (stdout) => {
      if (!acting && when.test(stdout)) acting = action();
    },
  });
  await acting;
  expect(acting, `no message matched ${when}; stdout: ${result.stdout}`).toBeDefined();
  return parseJsonReport(result, result.stdout.trimEnd().split('\n').at(-1) ?? '');
}

/** Asserts the shape every failed rollout shares: exit 1, a rollout error with this code naming the resource. */
export function expectRolloutFailure(result: TrackResult, code: string, resourceId: string): void {
  expect(result.code, `exit code; stderr: ${result.stderr}`).toBe(1);
  expect(result.report.success).toBe(false);
  expect(result.report.error).toMatchObject({ type: 'rollout', code, resource: resourceId });
  expect(result.resource.code).toBe(code);
}

/**
 * Starts `kubetrack ... --output json`, then applies the manifests a moment later, so the pods
 * start while kubetrack follows them and their whole output is in the report. (Applied first, a
 * pod that crashes within a second may have crashed before a slow-starting CLI tracks it: its
 * lines are then older than the tracking start and `--logs-since now` leaves them out.)
 */
export async function trackWhileApplying(
  args: readonly string[],
  namespace: string,
  manifests: Parameters<typeof applyManifests>[1],
): Promise<TrackResult> {
  // Applied once the CLI says it is tracking: it prints that line just before the run starts.
  const { result } = await startKubetrack([...args, '--output', 'json']);
  await applyManifests(namespace, manifests);
  return parseJsonReport(await result);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lines of the log tails kept for the resource (all pods, containers and instances). */
export function logTailLines(resource: ResourceReport, filter: { previous?: boolean } = {}): string[] {
  return (resource.logTail ?? [])
    .filter((tail) => filter.previous === undefined || tail.previous === filter.previous)
    .flatMap((tail) => tail.lines);
}

export function customObjects(): CustomObjectsApi {
  return kubeClients().kc.makeApiClient(CustomObjectsApi);
}

/**
 * Server-side applies a cluster-scoped object as raw JSON. The harness's applyManifests goes through
 * client-node's typed serializer, which drops CRD schema keys such as `x-kubernetes-preserve-unknown-fields`
 * (and then the API server prunes every spec/status field of the custom resources).
 */
async function rawApply(path: string, object: unknown): Promise<void> {
  const { kc } = kubeClients();
  const server = new URL(kc.getCurrentCluster()!.server);
  const options: RequestOptions = {
    method: 'PATCH',
    hostname: server.hostname,
    port: server.port,
    path: `${path}?fieldManager=kubetrack-e2e&force=true`,
    headers: { 'Content-Type': 'application/apply-patch+yaml', Accept: 'application/json' },
  };
  await kc.applyToHTTPSOptions(options);
  await new Promise<void>((resolve, reject) => {
    const req = request(options, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`apply ${path}: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(object));
  });
}

/** Applies a CustomResourceDefinition (shared by all tests, idempotent) and waits until it is served. */
export async function installCrd(crd: KubernetesObject & { spec: { group: string; names: { plural: string } } }): Promise<void> {
  await rawApply(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata!.name}`, crd);
  const { group, names } = crd.spec;
  const version = (crd.spec as unknown as { versions: { name: string }[] }).versions[0]!.name;
  const api = customObjects();
  // Established=True is not enough: discovery and the handler must serve the new resource.
  await waitFor(
    async () => {
      await api.listClusterCustomObject({ group, version, plural: names.plural, limit: 1 });
      return true;
    },
    { description: `CRD ${names.plural}.${group} to be served`, timeoutMs: 30_000 },
  );
}

/** The CRD YAML shipped in a workspace package, e.g. packages/flagger-canary/crd/canaries.flagger.app.yaml */
export function crdFromRepo(relativePath: string): KubernetesObject & { spec: { group: string; names: { plural: string } } } {
  const file = fileURLToPath(new URL(`../../../${relativePath}`, import.meta.url));
  return parse(readFileSync(file, 'utf8'));
}

/** Writes `.status` through the status subresource, as a controller does (JSON patch: add replaces it whole). */
export async function writeStatus(
  target: { group: string; version: string; plural: string; namespace: string; name: string },
  status: Record<string, unknown>,
): Promise<void> {
  await customObjects().patchNamespacedCustomObjectStatus({
    ...target,
    body: [{ op: 'add', path: '/status', value: status }],
  });
}

/** Reads a custom object's metadata.generation. */
export async function generationOf(target: { group: string; version: string; plural: string; namespace: string; name: string }): Promise<number> {
  const object = (await customObjects().getNamespacedCustomObject(target)) as { metadata: { generation: number } };
  return object.metadata.generation;
}

/** A minimal namespaced CRD with a status subresource and free-form spec/status. */
export function minimalCrd(options: { group: string; kind: string; plural: string; version?: string; shortNames?: string[] }) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${options.plural}.${options.group}` },
    spec: {
      group: options.group,
      scope: 'Namespaced',
      names: {
        kind: options.kind,
        listKind: `${options.kind}List`,
        plural: options.plural,
        singular: options.kind.toLowerCase(),
        ...(options.shortNames ? { shortNames: options.shortNames } : {}),
      },
      versions: [
        {
          name: options.version ?? 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}
