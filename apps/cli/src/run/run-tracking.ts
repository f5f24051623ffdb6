import { createPluginRegistry, type Report, type TrackerPlugin, type TrackSpec } from '@kubetrack/core';
import type { CliIo, InterruptSignal } from '../cli-io.js';
import { formatDuration } from '../options/duration.js';
import { trackOptionsFromFlags, type CommonFlags } from '../options/run-flags.js';
import { loadPluginModule } from '../plugins/load-plugin-module.js';
import { createRenderer, resolveOutputMode } from '../render/create-renderer.js';
import { reportToGitHubActions } from '../render/github-actions.js';
import { createResourceNamer } from '../render/resource-namer.js';
import { validateLabelSelector } from '../targets/label-selector.js';
import { readSourceFile, type SourceText } from '../targets/source-text.js';
import type { TrackOptionsOverrides, TrackRequest } from '../targets/track-request.js';
import type { ConnectCluster } from './cluster-session.js';
import { ExitCode, exitCodeForReport } from './exit-code.js';
import { resolveSpecs } from './resolve-specs.js';
import { stackWithCauses } from './stack-with-causes.js';

/** What `main` needs from the outside world beyond the process; tests substitute both. */
export interface CliDependencies {
  builtinPlugins(options: { rules?: SourceText }): TrackerPlugin[] | Promise<TrackerPlugin[]>;
  connect: ConnectCluster;
}

/** One tracking command, fully parsed: what to track and with which defaults. */
export interface TrackingJob {
  requests: TrackRequest[];
  /** `-l SELECTOR`: list these kinds and track what matches. */
  selector?: { labelSelector: string; kinds: readonly string[] };
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
  const selector = job.selector && { ...job.selector, labelSelector: validateLabelSelector(job.selector.labelSelector) };
  const rules = flags.rules === undefined ? undefined : await readSourceFile(flags.rules, io.cwd);
  const plugins = [...(await deps.builtinPlugins(rules ? { rules } : {}))];
  for (const specifier of flags.plugin) plugins.push(...(await loadPluginModule(specifier, io.cwd)));
  const registry = createPluginRegistry(plugins);
  const mode = resolveOutputMode(flags.output, io);
  if (job.requests.length === 0 && !selector) {
    for (const notice of job.notices) io.stderr.write(`kubetrack: ${notice}\n`);
    io.stderr.write('kubetrack: nothing to wait for\n');
    if (mode === 'json' || mode === 'ndjson') io.stdout.write(`${JSON.stringify({ success: true, resources: [] })}\n`);
    return ExitCode.ready;
  }

  let interrupted: InterruptSignal | undefined;
  let stop = () => {};
  const unsubscribe = io.onInterrupt((signal) => {
    interrupted ??= signal;
    stop();
  });
  const session = await deps.connect({
    ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
    ...(flags.context === undefined ? {} : { context: flags.context }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    plugins,
  });
  try {
    const namespace = flags.namespace ?? session.defaultNamespace;
    const requests = [...job.requests];
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
    if (interrupted) return INTERRUPT_EXIT[interrupted];

    const namespaces = new Set(resolved.specs.map((spec) => spec.resource.namespace));
    const namer = createResourceNamer({ kinds: [...registry.kinds, ...resolved.kinds], showNamespace: namespaces.size > 1 });
    for (const notice of job.notices) io.stderr.write(`kubetrack: ${notice}\n`);
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
    return interrupted ? INTERRUPT_EXIT[interrupted] : exitCodeForReport(report);
  } finally {
    unsubscribe();
    session.close();
  }
}

function describeRun(names: readonly string[], namespaces: ReadonlySet<string | undefined>, timeoutMs: number | undefined, follow: boolean): string {
  const shown = names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
  const where = namespaces.size === 1 && [...namespaces][0] ? ` in namespace ${[...namespaces][0]}` : '';
  const until = follow ? ' (following; Ctrl-C to stop)' : timeoutMs ? ` (timeout ${formatDuration(timeoutMs)})` : '';
  return `${follow ? 'following' : 'tracking'} ${shown}${where}${until}`;
}
