import { createPluginRegistry, ProgramError, type Report, type ResourceKind, type TrackerPlugin, type TrackSpec } from '@kubetrack/core';
import { startTimer } from '@kubetrack/core/internal';
import type { HealthRules } from '@kubetrack/conditions';
import type { CliIo, InterruptSignal } from '../cli-io.js';
import { formatDuration } from '../options/duration.js';
import { trackOptionsFromFlags, type CommonFlags } from '../options/run-flags.js';
import { loadPluginModule } from '../plugins/load-plugin-module.js';
import { compileResourceHealthRules, loadUserHealthRules } from '../plugins/user-health-rules.js';
import { createRenderer, resolveOutputMode } from '../render/create-renderer.js';
import { reportToGitHubActions } from '../render/github-actions.js';
import { writeReportFiles } from '../render/report-file.js';
import { createResourceNamer } from '../render/resource-namer.js';
import { validateLabelSelector } from '../targets/label-selector.js';
import { checkRequestNames } from '../targets/object-name.js';
import { readSourceFile, type SourceText } from '../targets/source-text.js';
import type { TrackOptionsOverrides, TrackRequest } from '../targets/track-request.js';
import type { ConnectCluster } from './cluster-session.js';
import { ExitCode, exitCodeForReport } from './exit-code.js';
import { resolveSpecs } from './resolve-specs.js';
import { helmReleaseRequests } from '../helm/helm-release-requests.js';
import type { HelmReleaseRef } from '../helm/helm-release-ref.js';
import { stackWithCauses } from './stack-with-causes.js';

/** What `main` needs from the outside world beyond the process; tests substitute both. */
export interface CliDependencies {
  builtinPlugins(options: { rules?: SourceText; healthRules?: readonly HealthRules[] }): TrackerPlugin[] | Promise<TrackerPlugin[]>;
  connect: ConnectCluster;
}

/** One tracking command, fully parsed: what to track and with which defaults. */
export interface TrackingJob {
  requests: TrackRequest[];
  /** `-l SELECTOR`: list these kinds and track what matches. */
  selector?: { labelSelector: string; kinds: readonly string[] };
  /** `--helm-release NAME[@REVISION]`: the objects of that release's record. */
  helmRelease?: { ref: HelmReleaseRef; hooks: boolean };
  defaults: Omit<TrackSpec, 'resource'>;
  overrides: TrackOptionsOverrides;
  follow: boolean;
  /** Printed to stderr before tracking starts (skipped objects, spec warnings). */
  notices: string[];
}

const INTERRUPT_EXIT: Record<InterruptSignal, number> = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated };

/** Connects, resolves, tracks and renders; resolves to the exit code. Program errors are thrown. */
export async function runTracking(job: TrackingJob, flags: CommonFlags, io: CliIo, deps: CliDependencies): Promise<number> {
  const trackOptions = trackOptionsFromFlags(flags, job.follow);
  checkRequestNames(job.requests);
  const selector = job.selector && { ...job.selector, labelSelector: validateLabelSelector(job.selector.labelSelector) };
  const rules = flags.rules === undefined ? undefined : await readSourceFile(flags.rules, io.cwd);
  const ruleSources = flags.ruleSources ?? [];
  const needsHealthRules = ruleSources.some((source) => source.flag !== 'rules');
  // Filled in below, after connecting (--argocd-cm reads the cluster); conditions reads it when it judges.
  const healthRules: HealthRules[] = [];
  if (needsHealthRules) healthRules.push(...(await loadUserHealthRules(ruleSources, io.cwd)));
  const plugins = [...(await deps.builtinPlugins({ ...(rules ? { rules } : {}), ...(needsHealthRules ? { healthRules } : {}) }))];
  for (const specifier of flags.plugin) plugins.push(...(await loadPluginModule(specifier, io.cwd)));
  const registry = createPluginRegistry(plugins);
  const mode = resolveOutputMode(flags.output, io);
  if (job.requests.length === 0 && !selector && !job.helmRelease) {
    return nothingToWaitFor(job.notices, mode, io, flags, registry.kinds);
  }

  let interrupted: InterruptSignal | undefined;
  // Until tracking starts, a Ctrl-C or the --timeout ends whatever request is under way (a
  // server trickling its /version answer must not hold the run past either).
  const setup = new AbortController();
  let stop = () => setup.abort(new Error('interrupted'));
  const unsubscribe = io.onInterrupt((signal) => {
    interrupted ??= signal;
    stop();
  });
  const setupDeadline =
    trackOptions.timeoutMs === undefined
      ? undefined
      : startTimer(() => setup.abort(new ProgramError('cluster-unreachable', `no answer from the API server within --timeout ${formatDuration(trackOptions.timeoutMs!)} (check KUBECONFIG, --context and that the cluster is healthy)`)), trackOptions.timeoutMs);
  let session: Awaited<ReturnType<ConnectCluster>>;
  try {
    session = await deps.connect({
      ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
      ...(flags.context === undefined ? {} : { context: flags.context }),
      ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
      env: io.env,
      plugins,
      signal: setup.signal,
      ...(flags.debug ? { trace: (line: string) => io.stderr.write(`kubetrack: debug: ${new Date().toISOString().slice(11, 23)} ${line}\n`) } : {}),
    });
  } catch (error) {
    setupDeadline?.cancel();
    unsubscribe();
    if (interrupted) return INTERRUPT_EXIT[interrupted];
    throw setup.signal.aborted && setup.signal.reason instanceof ProgramError ? setup.signal.reason : error;
  }
  try {
    if (ruleSources.some((source) => source.flag === 'argocd-cm')) {
      const readConfigMap = session.readConfigMapData?.bind(session);
      if (!readConfigMap) throw new ProgramError('invalid-input', '--argocd-cm: this session cannot read ConfigMaps');
      healthRules.splice(0, healthRules.length, ...(await loadUserHealthRules(ruleSources, io.cwd, readConfigMap)));
    }
    const namespace = flags.namespace ?? session.defaultNamespace;
    const requests = [...job.requests];
    const notices = [...job.notices];
    if (job.helmRelease) {
      const release = await helmReleaseRequests(job.helmRelease.ref, namespace, { hooks: job.helmRelease.hooks }, session);
      requests.push(...release.requests);
      notices.push(...release.notices);
      if (requests.length === 0 && !selector) {
        return nothingToWaitFor(notices, mode, io, flags, registry.kinds);
      }
    }
    if (selector) {
      for (const kindName of selector.kinds) {
        const kind = registry.resolveKind(kindName) ?? (await session.discoverKind({ kind: kindName }));
        for (const match of await session.listBySelector(kind, namespace, selector.labelSelector)) {
          requests.push({ kind: kindName, group: kind.group, version: kind.version, name: match.name, ...(match.namespace ? { namespace: match.namespace } : {}), options: {}, origin: `-l ${selector.labelSelector}` });
        }
      }
      if (requests.length === 0) {
        io.stderr.write(`kubetrack: nothing matches -l ${selector.labelSelector} (${selector.kinds.join(', ')} in namespace ${JSON.stringify(namespace)})\n`);
        return ExitCode.ready;
      }
    }
    const resolved = await resolveSpecs({ requests, registry, session, namespace, defaults: job.defaults, overrides: job.overrides });
    resolved.specs = await Promise.all(resolved.specs.map(compileResourceHealthRules));
    setupDeadline?.cancel();
    if (interrupted) return INTERRUPT_EXIT[interrupted];

    const namespaces = new Set(resolved.specs.map((spec) => spec.resource.namespace));
    const namer = createResourceNamer({ kinds: [...registry.kinds, ...resolved.kinds], showNamespace: namespaces.size > 1 });
    for (const notice of notices) io.stderr.write(`kubetrack: ${notice}\n`);
    if (resolved.duplicates.length > 0) io.stderr.write(`kubetrack: listed more than once, tracked once: ${resolved.duplicates.join(', ')}\n`);
    io.stderr.write(`kubetrack: ${describeRun(resolved.specs.map((spec) => namer.name(spec.resource)), namespaces, trackOptions.timeoutMs, job.follow)}\n`);

    const renderer = createRenderer(mode, { io, namer, color: flags.color });
    const run = session.track(resolved.specs, trackOptions);
    stop = () => run.stop();
    let report: Report | undefined;
    try {
      for await (const message of run) {
        renderer.render(message);
        if (message.type === 'done') report = message.report;
      }
    } finally {
      renderer.close();
    }
    report ??= await run.result;
    // Machine output keeps stdout for the report: a program error (403, 401) still gets its line on stderr.
    // An internal error (a bug) gets its line in every mode, and its stack with --debug.
    if (report.error?.code === 'internal') {
      io.stderr.write(`kubetrack: ${report.error.message} (${flags.debug ? 'stack trace follows' : 'run with --debug for details'})\n`);
      if (flags.debug && run.error) io.stderr.write(`${stackWithCauses(run.error)}\n`);
    } else if (report.error?.type === 'program' && (mode === 'json' || mode === 'ndjson')) {
      io.stderr.write(`kubetrack: ${report.error.message}\n`);
    }
    await reportToGitHubActions({ env: io.env, report, namer, err: io.stderr });
    await writeReportFiles(reportFiles(flags), report, namer, io);
    return interrupted ? INTERRUPT_EXIT[interrupted] : exitCodeForReport(report);
  } catch (error) {
    if (interrupted && setup.signal.aborted) return INTERRUPT_EXIT[interrupted];
    throw error;
  } finally {
    setupDeadline?.cancel();
    unsubscribe();
    session.close();
  }
}

async function nothingToWaitFor(notices: readonly string[], mode: string, io: CliIo, flags: CommonFlags, kinds: readonly ResourceKind[]): Promise<number> {
  for (const notice of notices) io.stderr.write(`kubetrack: ${notice}\n`);
  io.stderr.write('kubetrack: nothing to wait for\n');
  const empty: Report = { success: true, resources: [] };
  if (mode === 'json' || mode === 'ndjson') io.stdout.write(`${JSON.stringify(empty)}\n`);
  await writeReportFiles(reportFiles(flags), empty, createResourceNamer({ kinds, showNamespace: false }), io);
  return ExitCode.ready;
}

function describeRun(names: readonly string[], namespaces: ReadonlySet<string | undefined>, timeoutMs: number | undefined, follow: boolean): string {
  const shown = names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
  const where = namespaces.size === 1 && [...namespaces][0] ? ` in namespace ${[...namespaces][0]}` : '';
  const until = follow ? ' (following; Ctrl-C to stop)' : timeoutMs ? ` (timeout ${formatDuration(timeoutMs)})` : '';
  return `${follow ? 'following' : 'tracking'} ${shown}${where}${until}`;
}

function reportFiles(flags: CommonFlags): { json?: string; html?: string } {
  return { ...(flags.report === undefined ? {} : { json: flags.report }), ...(flags.reportHtml === undefined ? {} : { html: flags.reportHtml }) };
}
