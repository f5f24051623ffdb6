#!/usr/bin/env node
// Side-by-side benchmark of kubetrack and kubedog v0.13.0 on the local cluster (see bench/README.md).
//
//   source scripts/env.sh && export KUBECONFIG=$KUBETRACK_CACHE/cluster/kubeconfig
//   pnpm --filter kubetrack build && node bench/run.mjs [--sizes 10,100,500] [--rounds 1] [--no-failfast] [--skip-logs]
//
// Not a test: it is never collected by vitest (no *.test.* files here) and prints a Markdown report.
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, statSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync, existsSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const k8s = await import(
  pathToFileURL(path.join(root, 'test-e2e/node_modules/@kubernetes/client-node/dist/index.js')).href
);

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,500' },
    rounds: { type: 'string', default: '1' },
    'ready-after': { type: 'string', default: '2s' },
    order: { type: 'string', default: 'alternate' }, // alternate | kubedog-first | kubetrack-first
    failfast: { type: 'boolean', default: true },
    'no-failfast': { type: 'boolean', default: false },
    start: { type: 'string', default: 'tool-first' }, // tool-first | apply-first
    'arm-ms': { type: 'string', default: '3000' },
    tools: { type: 'string', default: 'kubedog,kubetrack' },
    out: { type: 'string' },
    'sample-ms': { type: 'string', default: '100' },
    'metrics-ms': { type: 'string', default: '250' },
    timeout: { type: 'string', default: '600' },
    // Both tools told not to show logs (kubedog's SkipLogs in the spec): the same work on each side.
    'skip-logs': { type: 'boolean', default: false },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const rounds = Number(opts.rounds);
const tools = opts.tools.split(',');
const sampleMs = Number(opts['sample-ms']);
const metricsMs = Number(opts['metrics-ms']);
const timeoutSec = Number(opts.timeout);
const outDir = opts.out ?? path.join(os.tmpdir(), `kubetrack-bench-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(outDir, { recursive: true });

const kubeconfigPath = process.env.KUBECONFIG;
if (!kubeconfigPath) throw new Error('set KUBECONFIG (export KUBECONFIG=$KUBETRACK_CACHE/cluster/kubeconfig)');
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfigPath);
const server = new URL(kc.getCurrentCluster().server);
const apiPort = Number(server.port || 443);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);

// A kubetrack-only before/after comparison needs no kubedog build.
const kubedogBin = tools.includes('kubedog')
  ? execFileSync('bash', [path.join(root, 'bench/build-kubedog.sh')], { encoding: 'utf8' }).trim()
  : 'kubedog/not-measured';
const builtBundle = process.env.KUBETRACK_BUNDLE ?? path.join(root, 'apps/cli/dist/kubetrack.mjs');
if (!existsSync(builtBundle)) throw new Error('build the CLI first: pnpm --filter kubetrack build');
// Snapshot the bundle (its entry and the lazy chunks beside it): a rebuild of apps/cli/dist during the run must not change what we measure.
const kubetrackBundle = path.join(outDir, 'kubetrack', 'kubetrack.mjs');
mkdirSync(path.dirname(kubetrackBundle), { recursive: true });
copyFileSync(builtBundle, kubetrackBundle);
const builtChunks = path.join(path.dirname(builtBundle), 'chunks');
if (existsSync(builtChunks)) cpSync(builtChunks, path.join(path.dirname(kubetrackBundle), 'chunks'), { recursive: true });
execFileSync(process.execPath, [kubetrackBundle, 'version'], { stdio: 'ignore' });
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) is needed for rusage (apt-get install time)');

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 23)}]`, ...a);
const now = () => performance.timeOrigin + performance.now();

// ---------- cluster helpers ----------

async function createNamespace(name) {
  await core.createNamespace({ body: { metadata: { name, labels: { 'kubetrack.bench': 'true' } } } });
  for (let i = 0; i < 200; i++) {
    try {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`namespace ${name}: no default ServiceAccount`);
}

async function deleteNamespace(name) {
  try {
    await core.deleteNamespace({ name });
  } catch (error) {
    if (error?.code === 404) return;
    throw error;
  }
  // Wait until it is gone, so the garbage collector's work does not overlap the next measurement.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      await core.readNamespace({ name });
    } catch (error) {
      if (error?.code === 404) return;
    }
    await sleep(250);
  }
  log(`namespace ${name} still terminating after 300s; continuing`);
}

function deployment(name, annotations) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: { containers: [{ name: 'app', image: 'registry.example/bench:1' }] },
      },
    },
  };
}

async function createDeployments(namespace, count, annotations) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await apps.createNamespacedDeployment({ namespace, body: deployment(`d-${i}`, annotations) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, count) }, worker));
}

function spec(namespace, names) {
  const skip = opts['skip-logs'] ? { SkipLogs: true } : {};
  return JSON.stringify({ Deployments: names.map((name) => ({ ResourceName: name, Namespace: namespace, ...skip })) });
}

// ---------- our own observer: when did each Deployment become ready, when did a pod show ErrImagePull ----------

function deploymentReady(d) {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want
  );
}

async function startObserver(namespace) {
  const state = { events: 0, readyAt: new Map(), imageErrorAt: undefined, imageErrorReason: undefined, requests: [] };
  const watch = new k8s.Watch(kc);
  // client-node aborts a watch silent for 30s; kubedog can take minutes at N=500 (QPS 5).
  watch.requestTimeoutMs = 24 * 3600_000;
  const onError = (what) => (error) => {
    if (error && !state.stopped) log(`observer ${what} watch ended: ${error?.message ?? error}`);
  };
  state.requests.push(
    await watch.watch(
      `/apis/apps/v1/namespaces/${namespace}/deployments`,
      { allowWatchBookmarks: true },
      (type, d) => {
        const t = now();
        if (type === 'BOOKMARK' || !d?.metadata?.name) return;
        state.events++;
        if (deploymentReady(d)) {
          if (!state.readyAt.has(d.metadata.name)) state.readyAt.set(d.metadata.name, t);
        }
      },
      onError('deployments'),
    ),
  );
  state.requests.push(
    await watch.watch(
      `/api/v1/namespaces/${namespace}/pods`,
      { allowWatchBookmarks: true },
      (type, pod) => {
        const t = now();
        if (type === 'BOOKMARK') return;
        if (state.imageErrorAt !== undefined) return;
        for (const cs of pod.status?.containerStatuses ?? []) {
          const reason = cs.state?.waiting?.reason;
          if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') {
            state.imageErrorAt = t;
            state.imageErrorReason = reason;
          }
        }
      },
      onError('pods'),
    ),
  );
  state.stop = () => {
    state.stopped = true;
    for (const r of state.requests) r?.abort?.();
  };
  await sleep(200); // let the initial (empty) lists complete
  return state;
}

// ---------- samplers ----------

/** apiserver-side view: concurrent namespaced WATCH requests and pods/log streams (all clients). */
function fetchMetrics() {
  return new Promise((resolve, reject) => {
    const options = {};
    kc.applyToHTTPSOptions(options).then(() => {
      const req = https.get(
        { ...options, host: server.hostname, port: apiPort, path: '/metrics', agent: undefined },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            let watches = 0;
            let logs = 0;
            for (const m of body.matchAll(/^apiserver_longrunning_requests\{([^}]*)\} (\S+)$/gm)) {
              const labels = m[1];
              const v = Number(m[2]);
              if (labels.includes('verb="WATCH"') && !labels.includes('scope="cluster"')) watches += v;
              if (labels.includes('subresource="log"')) logs += v;
            }
            // Counters of every client (controllers too): a run's share is the Δ around it, namespaced only.
            const requests = {};
            for (const m of body.matchAll(/^apiserver_request_total\{([^}]*)\} (\S+)$/gm)) {
              const labels = m[1];
              if (labels.includes('scope="cluster"')) continue;
              const verb = /verb="([^"]*)"/.exec(labels)?.[1] ?? '?';
              requests[verb] = (requests[verb] ?? 0) + Number(m[2]);
            }
            resolve({ watches, logs, requests });
          });
        },
      );
      req.on('error', reject);
    }, reject);
  });
}

// CPU the control plane's own processes spend (user+sys, from /proc/PID/stat): a tool that is slow
// to read its watches, or asks for more, makes the apiserver and the controllers work more or wait.
const CLUSTER_COMMANDS = new Set(['etcd', 'kube-apiserver', 'kube-controller', 'kube-scheduler', 'kwok']);
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
function clusterPids() {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && CLUSTER_COMMANDS.has(readOr(`/proc/${entry}/comm`).trim()));
}
function readOr(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
function clusterCpuS(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readOr(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / clockTicks;
}

function socketInodesToApi() {
  // inode -> true for ESTABLISHED IPv4/IPv6 sockets whose remote port is the API server's.
  const result = new Set();
  const portHex = apiPort.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOr(file).split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      if (f[3] !== '01') continue;
      if (f[2].split(':')[1] !== portHex) continue;
      result.add(f[9]);
    }
  }
  return result;
}

function toolSockets(pid) {
  const inodes = [];
  let entries;
  try {
    entries = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  for (const fd of entries) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (link.startsWith('socket:[')) inodes.push(link.slice(8, -1));
    } catch {
      /* closed meanwhile */
    }
  }
  return inodes;
}

function readChildPid(parentPid) {
  try {
    const text = readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, 'utf8').trim();
    return text ? Number(text.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

function loadAvg() {
  return os.loadavg().map((v) => v.toFixed(2)).join(' ');
}

// ---------- running a tool ----------

function toolCommand(tool) {
  if (tool === 'kubedog') {
    return {
      cmd: kubedogBin,
      args: ['multitrack', '--kube-config', kubeconfigPath, '-t', String(timeoutSec), '--status-progress-period', '-1'],
      env: { KUBEDOG_NO_COLOR: '1' },
    };
  }
  return {
    cmd: process.execPath,
    args: [kubetrackBundle, 'multitrack', '-f', '-', '--kubeconfig', kubeconfigPath, '--output', 'plain',
      '--timeout', `${timeoutSec}s`, '--status-progress-period', '-1', '--no-color'],
    env: {},
  };
}

/**
 * Starts the tool under GNU time (exact user+sys CPU and max RSS from rusage) and samples, while it
 * runs, the TCP connections it holds to the API server and the apiserver's long-running request gauges.
 */
function runTool(tool, specJson, label) {
  const { cmd, args, env } = toolCommand(tool);
  const timeFile = path.join(outDir, `${label}.time`);
  const outFile = path.join(outDir, `${label}.out`);
  const chunks = [];
  const started = now();
  const child = spawn(TIME, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c) => chunks.push(c));
  child.stderr.on('data', (c) => chunks.push(c));
  child.stdin.end(specJson);

  const sample = { tcpPeak: 0, tcpDistinct: new Set(), metricsPeak: { watches: 0, logs: 0 }, metricsSamples: 0 };
  let pid;
  let done = false;
  const tcpTimer = setInterval(() => {
    pid ??= readChildPid(child.pid);
    if (!pid) return;
    const inodes = toolSockets(pid);
    if (!inodes) return;
    const api = socketInodesToApi();
    let n = 0;
    for (const i of inodes) {
      if (api.has(i)) {
        n++;
        sample.tcpDistinct.add(i);
      }
    }
    sample.tcpPeak = Math.max(sample.tcpPeak, n);
  }, sampleMs);
  const metricsLoop = (async () => {
    while (!done) {
      try {
        const m = await fetchMetrics();
        sample.metricsPeak.watches = Math.max(sample.metricsPeak.watches, m.watches);
        sample.metricsPeak.logs = Math.max(sample.metricsPeak.logs, m.logs);
        sample.metricsSamples++;
      } catch {
        /* ignore */
      }
      await sleep(metricsMs);
    }
  })();

  return new Promise((resolve) => {
    child.on('exit', async (code) => {
      const exited = now();
      done = true;
      clearInterval(tcpTimer);
      await metricsLoop;
      const output = Buffer.concat(chunks).toString('utf8');
      writeFileSync(outFile, output);
      const [elapsed, user, sys, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      resolve({
        tool,
        exitCode: code,
        started,
        exited,
        wallMs: exited - started,
        timeElapsedS: elapsed,
        cpuS: user + sys,
        userS: user,
        sysS: sys,
        maxRssMb: maxRssKb / 1024,
        tcpPeak: sample.tcpPeak,
        tcpDistinct: sample.tcpDistinct.size,
        metricsPeak: sample.metricsPeak,
        metricsSamples: sample.metricsSamples,
        outputTail: output.trim().split('\n').slice(-4).join('\n'),
        outFile,
      });
    });
  });
}

// ---------- scenarios ----------

let nsCounter = 0;
const runId = Date.now().toString(36);

async function rolloutScenario(tool, n, round) {
  const namespace = `bench-${runId}-${tool}-${n}-${round}-${nsCounter++}`;
  await createNamespace(namespace);
  const observer = await startObserver(namespace);
  const baseline = await fetchMetrics();
  const load = loadAvg();
  const names = Array.from({ length: n }, (_, i) => `d-${i}`);
  const label = `${tool}-${n}-r${round}`;
  let running;
  if (opts.start === 'tool-first') {
    // The tool is watching (and settled) before the Deployments appear: the last status change then
    // happens while it is in steady state, so the latency below is not its startup time.
    running = runTool(tool, spec(namespace, names), label);
    await sleep(Number(opts['arm-ms']));
  }
  const pids = clusterPids();
  const clusterCpuAtApply = clusterCpuS(pids);
  const applyStart = now();
  await createDeployments(namespace, n, { 'kubetrack.test/ready-after': opts['ready-after'] });
  const applyEnd = now();
  // The control plane's CPU from the apply to the last Deployment ready: the same window for both
  // tools (kubedog keeps running long after it).
  let toolExited = false;
  const clusterCpuToReady = (async () => {
    while (!toolExited && observer.readyAt.size < n) await sleep(20);
    return clusterCpuS(pids) - clusterCpuAtApply;
  })();
  // apply-first: CI usage, the tool starts right after `kubectl apply` returns.
  running ??= runTool(tool, spec(namespace, names), label);
  const result = await running;
  toolExited = true;
  const clusterCpuToReadyS = await clusterCpuToReady;
  const after = await fetchMetrics().catch(() => undefined);
  const requestsByVerb = {};
  for (const [verb, total] of Object.entries(after?.requests ?? {})) {
    const delta = total - (baseline.requests[verb] ?? 0);
    if (delta > 0) requestsByVerb[verb] = delta;
  }
  // Let the observer catch up with anything still in flight (it may lag under load).
  for (let i = 0; i < 100 && names.some((name) => !observer.readyAt.has(name)); i++) await sleep(100);
  observer.stop();
  const readyTimes = names.map((name) => observer.readyAt.get(name)).filter((t) => t !== undefined);
  const lastReadyAt = readyTimes.length === n ? Math.max(...readyTimes) : undefined;
  const r = {
    scenario: 'rollout',
    n,
    round,
    namespace,
    load,
    applyMs: applyEnd - applyStart,
    clusterCpuToReadyS,
    verdictAfterApplyMs: result.exited - applyStart,
    readyObserved: readyTimes.length,
    observerEvents: observer.events,
    lastReadyFromApplyMs: lastReadyAt === undefined ? undefined : lastReadyAt - applyStart,
    verdictLatencyMs: lastReadyAt === undefined ? undefined : result.exited - lastReadyAt,
    watchStreamsPeak: result.metricsPeak.watches - baseline.watches,
    logStreamsPeak: result.metricsPeak.logs - baseline.logs,
    requestsByVerb,
    ...result,
  };
  log(
    `${tool} N=${n}: exit ${r.exitCode} wall ${fmt(r.wallMs)}ms latency ${fmt(r.verdictLatencyMs)}ms ` +
      `rss ${fmt(r.maxRssMb, 1)}MB cpu ${fmt(r.cpuS, 2)}s tcp ${r.tcpPeak} (distinct ${r.tcpDistinct}) ` +
      `observed ${r.readyObserved}/${n} ready (${r.observerEvents} events) ` +
      `watches ${r.watchStreamsPeak} logs ${r.logStreamsPeak} requests ${JSON.stringify(requestsByVerb)} load ${load}`,
  );
  await deleteNamespace(namespace);
  return r;
}

async function failFastScenario(tool, round) {
  const namespace = `bench-${runId}-${tool}-ff-${round}-${nsCounter++}`;
  await createNamespace(namespace);
  const observer = await startObserver(namespace);
  const load = loadAvg();
  // The tool is already watching when the broken Deployment appears, so what we time is detection, not startup.
  const running = runTool(tool, spec(namespace, ['broken']), `${tool}-failfast-r${round}`);
  await sleep(Number(opts['arm-ms']));
  const applied = now();
  await apps.createNamespacedDeployment({
    namespace,
    body: deployment('broken', { 'kubetrack.test/behavior': 'image-pull-error' }),
  });
  const result = await running;
  await sleep(300);
  observer.stop();
  const r = {
    scenario: 'failfast',
    n: 1,
    round,
    namespace,
    load,
    imageErrorReason: observer.imageErrorReason,
    errorFromApplyMs: observer.imageErrorAt === undefined ? undefined : observer.imageErrorAt - applied,
    verdictAfterApplyMs: result.exited - applied,
    failFastLatencyMs: observer.imageErrorAt === undefined ? undefined : result.exited - observer.imageErrorAt,
    ...result,
  };
  log(
    `${tool} fail-fast: exit ${r.exitCode} first ${r.imageErrorReason} at +${fmt(r.errorFromApplyMs)}ms, ` +
      `exit ${fmt(r.failFastLatencyMs)}ms later; rss ${fmt(r.maxRssMb, 1)}MB cpu ${fmt(r.cpuS, 2)}s\n${r.outputTail}`,
  );
  await deleteNamespace(namespace);
  return r;
}

// ---------- report ----------

function fmt(v, digits = 0) {
  return v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);
}
function median(values) {
  const v = values.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (!v.length) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? '–' : (a / b).toFixed(2);
}

function gitDescribe() {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    return `${head} (bundle ${new Date(statSync(builtBundle).mtimeMs).toISOString().slice(0, 19)}Z)`;
  } catch {
    return '?';
  }
}

function report(results) {
  const lines = [];
  lines.push(`Machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, kubetrack ${gitDescribe()}, kubedog ${path.basename(path.dirname(kubedogBin))}; ready-after ${opts['ready-after']}; rounds ${rounds} (medians); start ${opts.start} (arm ${opts['arm-ms']}ms)${opts['skip-logs'] ? '; SkipLogs for both tools' : ''}`);
  lines.push('');
  const metrics = [
    ['time to verdict from the start of apply (ms)', (r) => r.verdictAfterApplyMs, 0],
    ['last Deployment ready, from the start of apply (ms; cluster, not tool)', (r) => r.lastReadyFromApplyMs, 0],
    ['the apply: N creates from the bench (ms)', (r) => r.applyMs, 0],
    ['control plane CPU from the apply to the last ready (s; etcd, apiserver, controllers, kwok)', (r) => r.clusterCpuToReadyS, 2],
    ['verdict latency after last Deployment ready (ms)', (r) => r.verdictLatencyMs, 0],
    ['peak RSS (MB)', (r) => r.maxRssMb, 1],
    ['CPU user+sys (s)', (r) => r.cpuS, 2],
    ['peak TCP connections to the API server', (r) => r.tcpPeak, 0],
    ['distinct TCP connections opened', (r) => r.tcpDistinct, 0],
    ['peak namespaced WATCH streams (apiserver gauge, Δ baseline)', (r) => r.watchStreamsPeak, 0],
    ['peak pods/log streams (apiserver gauge, Δ baseline)', (r) => r.logStreamsPeak, 0],
    ...['LIST', 'WATCH', 'GET', 'POST', 'PATCH', 'PUT'].map((verb) => [
      `namespaced ${verb} requests during the run (apiserver_request_total Δ, all clients)`,
      (r) => r.requestsByVerb?.[verb] ?? 0,
      0,
    ]),
  ];
  lines.push('| N | metric | kubedog | kubetrack | kubetrack/kubedog |');
  lines.push('|---:|---|---:|---:|---:|');
  for (const n of sizes) {
    for (const [name, get, digits] of metrics) {
      const kd = median(results.filter((r) => r.scenario === 'rollout' && r.n === n && r.tool === 'kubedog').map(get));
      const kt = median(results.filter((r) => r.scenario === 'rollout' && r.n === n && r.tool === 'kubetrack').map(get));
      lines.push(`| ${n} | ${name} | ${fmt(kd, digits)} | ${fmt(kt, digits)} | ${ratio(kt, kd)} |`);
    }
  }
  const ff = results.filter((r) => r.scenario === 'failfast');
  if (ff.length) {
    lines.push('');
    lines.push('| fail-fast (1 Deployment, image-pull-error) | kubedog | kubetrack | kubetrack/kubedog |');
    lines.push('|---|---:|---:|---:|');
    const row = (name, get, digits) => {
      const kd = median(ff.filter((r) => r.tool === 'kubedog').map(get));
      const kt = median(ff.filter((r) => r.tool === 'kubetrack').map(get));
      lines.push(`| ${name} | ${fmt(kd, digits)} | ${fmt(kt, digits)} | ${ratio(kt, kd)} |`);
    };
    row('exit after the pod first showed ErrImagePull (ms)', (r) => r.failFastLatencyMs, 0);
    row('exit code', (r) => r.exitCode, 0);
    row('peak RSS (MB)', (r) => r.maxRssMb, 1);
    row('CPU user+sys (s)', (r) => r.cpuS, 2);
  }
  lines.push('');
  lines.push('Per run:');
  lines.push('');
  lines.push('| scenario | N | round | tool | exit | last ready / first error after apply, ms | exit after apply, ms | latency ms | RSS MB | CPU s | TCP peak | watches | log streams | load (1/5/15m) |');
  lines.push('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    lines.push(
      `| ${r.scenario} | ${r.n} | ${r.round} | ${r.tool} | ${r.exitCode} | ` +
        `${fmt(r.scenario === 'rollout' ? r.lastReadyFromApplyMs : r.errorFromApplyMs)} | ${fmt(r.verdictAfterApplyMs)} | ` +
        `${fmt(r.scenario === 'rollout' ? r.verdictLatencyMs : r.failFastLatencyMs)} | ${fmt(r.maxRssMb, 1)} | ${fmt(r.cpuS, 2)} | ` +
        `${r.tcpPeak} | ${r.watchStreamsPeak ?? '–'} | ${r.logStreamsPeak ?? '–'} | ${r.load} |`,
    );
  }
  return lines.join('\n');
}

// ---------- main ----------

log(`kubedog: ${kubedogBin}`);
log(`kubetrack: ${kubetrackBundle}`);
log(`API server ${server.host}; raw output in ${outDir}`);
const results = [];
let flip = 0;
const orderFor = () => {
  const ordered = opts.order === 'kubetrack-first' ? [...tools].reverse() : [...tools];
  if (opts.order === 'alternate' && flip++ % 2 === 1) ordered.reverse();
  return ordered;
};
for (let round = 1; round <= rounds; round++) {
  // Saved after every measurement: a crash (e.g. someone restarts the API server) keeps what was measured.
  const keep = (r) => {
    results.push(r);
    writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
  };
  for (const n of sizes) {
    for (const tool of orderFor()) keep(await rolloutScenario(tool, n, round));
  }
  if (opts.failfast && !opts['no-failfast']) {
    for (const tool of orderFor()) keep(await failFastScenario(tool, round));
  }
}
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
const md = report(results);
writeFileSync(path.join(outDir, 'report.md'), `${md}\n`);
console.log(md);
log(`report: ${path.join(outDir, 'report.md')}`);
