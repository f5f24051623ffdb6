#!/usr/bin/env node
// Resident memory of `kubetrack follow` while pods churn: a Deployment scaled up to --batch pods
// and back to 0, --cycles times, in a fresh namespace. Prints RSS at the baseline (tracking, no
// pods), its peak in each cycle and after each scale-down, and at the end after --settle seconds.
// Not a test (no threshold here); the e2e test-e2e/src/outage/pod-churn.outage.e2e.test.ts asserts
// that the tracker's pod cache and log streams return to none.
//   source scripts/env.sh && export KUBECONFIG=$KUBETRACK_CACHE/cluster/kubeconfig
//   pnpm --filter kubetrack build && node bench/pod-churn.mjs --batch 200 --cycles 5
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const k8s = await import(pathToFileURL(path.join(root, 'test-e2e/node_modules/@kubernetes/client-node/dist/index.js')).href);
const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: '200' },
    cycles: { type: 'string', default: '5' },
    settle: { type: 'string', default: '10' },
  },
});
const batch = Number(opts.batch);
const cycles = Number(opts.cycles);
if (!process.env.KUBECONFIG) throw new Error('set KUBECONFIG (export KUBECONFIG=$KUBETRACK_CACHE/cluster/kubeconfig)');

const kc = new k8s.KubeConfig();
kc.loadFromFile(process.env.KUBECONFIG);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const namespace = `bench-churn-${Date.now().toString(36)}`;
await core.createNamespace({ body: { metadata: { name: namespace } } });

const deployment = (replicas) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'churn', namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'churn' } },
    template: {
      metadata: { labels: { app: 'churn' }, annotations: { 'kubetrack.test/ready-after': '500ms', 'kubetrack.test/logs': 'churn: up' } },
      spec: { containers: [{ name: 'app', image: 'kubetrack.test/app' }] },
    },
  },
});
await apps.createNamespacedDeployment({ namespace, body: deployment(0) });
const scale = (replicas) => apps.replaceNamespacedDeployment({ name: 'churn', namespace, body: deployment(replicas) }).catch(async () => {
  // a conflict with the controller's status write: read and retry once
  const live = await apps.readNamespacedDeployment({ name: 'churn', namespace });
  live.spec.replicas = replicas;
  await apps.replaceNamespacedDeployment({ name: 'churn', namespace, body: live });
});
const podCount = async () => (await core.listNamespacedPod({ namespace })).items.length;

const cli = spawn(process.execPath, [path.join(root, 'apps/cli/dist/kubetrack.mjs'), 'follow', 'deploy/churn', '-n', namespace, '-o', 'ndjson', '--logs-since', 'all', '--logs-replicas', 'all'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let logLines = 0;
const linesPerPod = new Map();
let buffered = '';
cli.stdout.setEncoding('utf8').on('data', (chunk) => {
  const lines = (buffered + chunk).split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    if (!line.includes('"type":"log"')) continue;
    const message = JSON.parse(line);
    if (message.type !== 'log') continue;
    logLines++;
    linesPerPod.set(message.pod, [...(linesPerPod.get(message.pod) ?? []), message]);
  }
});
let stderr = '';
cli.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${cli.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 250);

const rows = [];
try {
  while (!/^kubetrack: following /m.test(stderr)) await sleep(100);
  await sleep(3000);
  rows.push(['baseline (following, no pods)', rssMb()]);
  const started = Date.now();
  for (let cycle = 1; cycle <= cycles; cycle++) {
    peak = 0;
    await scale(batch);
    while (linesPerPod.size < cycle * batch) await sleep(250);
    await scale(0);
    while ((await podCount()) > 0) await sleep(500);
    rows.push([`cycle ${cycle}: peak with ${batch} pods`, peak], [`cycle ${cycle}: after scale-down`, rssMb()]);
  }
  await sleep(Number(opts.settle) * 1000);
  rows.push([`end, ${opts.settle}s later (${cycles * batch} pods in ${((Date.now() - started) / 1000).toFixed(0)} s)`, rssMb()]);
} finally {
  clearInterval(sampler);
  cli.kill('SIGINT');
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
}
console.log('| moment | kubetrack RSS (MB) |\n|---|---|');
for (const [moment, mb] of rows) console.log(`| ${moment} | ${mb.toFixed(1)} |`);
console.log(`log lines streamed: ${logLines} from ${linesPerPod.size} pods (each prints one)`);
for (const [pod, messages] of linesPerPod) if (messages.length > 1) console.log(`${pod}: ${JSON.stringify(messages)}`);
