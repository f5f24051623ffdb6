import { Command, Option } from 'commander';
import { createPluginRegistry, PLUGIN_API_VERSION, ProgramError, TRACK_DEFAULTS } from '@kubetrack/core';
import packageJson from '../package.json' with { type: 'json' };
import type { CliIo } from './cli-io.js';
import { addCommonOptions, addResourceOptions, collect, examples } from './commands/common-options.js';
import { targetsFromFlags, type TargetFlags } from './commands/targets-from-flags.js';
import { overridesFromFlags, type CommonFlags, type ResourceFlags } from './options/run-flags.js';
import { resolveOutputMode } from './render/create-renderer.js';
import { loadPluginModule } from './plugins/load-plugin-module.js';
import type { CliDependencies, TrackingJob } from './run/run-tracking.js';
// The spec and schema code (zod, ~0.7 MB) is imported where it is used: version, track and follow never parse it.
import { SCHEMA_NAMES, type SchemaName } from './spec/schema-names.js';
import { readSourceFile, stdinSource, type SourceText } from './targets/source-text.js';

export const VERSION = packageJson.version;

/** What an action decided; `main` turns it into the process outcome. */
export interface ProgramState {
  exitCode: number;
  /** Set once flags are known: program errors then also go to stdout as a JSON report. */
  machineOutput: boolean;
}

export function buildProgram(io: CliIo, deps: () => Promise<CliDependencies>, state: ProgramState): Command {
  const program = new Command('kubetrack')
    .description('Track Kubernetes resources while they roll out: ready or failed, why, with pod logs and events.')
    .version(`kubetrack ${VERSION}`, '--version', 'print the version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line: commander puts its "(Did you mean ...?)" suggestion on a line of its own.
      outputError: (text, write) => write(`kubetrack: ${text.replace(/^error: /, '').replace(/\n\((Did you mean [^)]*)\)/, (_, hint: string) => ` (${hint.replace(/^D/, 'd')})`)}`),
    })
    .addHelpText(
      'after',
      `${examples([
        'kubetrack track deploy/web sts/db -n prod --timeout 5m',
        'helm template my-app ./chart | kubectl apply -f - && helm template my-app ./chart | kubetrack track -f -',
        'kubetrack multitrack -f spec.yaml',
        'kubetrack follow deploy/web',
      ])}\nExit codes: 0 ready · 1 a resource failed or timed out, or an internal error · 2 invalid input · 3 cluster unreachable or access denied · 130/143 interrupted\n`,
    );

  const track = async (resources: string[], flags: CommonFlags & ResourceFlags & TargetFlags & { for?: 'ready' | 'delete' }, follow: boolean, command: string) => {
    state.machineOutput = isMachine(flags, io);
    const forDelete = flags.for === 'delete';
    const targets = await targetsFromFlags(command, resources, flags, io, { forDelete });
    const overrides = { ...overridesFromFlags(flags), ...(forDelete ? { for: 'delete' as const } : {}) };
    const job: TrackingJob = { ...targets, defaults: TRACK_DEFAULTS, overrides, follow };
    state.exitCode = await runJob(job, flags, io, deps);
  };

  const trackCommand = program
    .command('track')
    .description('track resources until they are ready (or fail, or time out)')
    .argument('[resources...]', 'KIND/NAME: deploy/web, sts/db, ds/agent, job/migrate, pod/x, canary/app, Kind.group/name')
    .option('-f, --filename <file|dir|->', 'manifests to track (YAML/JSON, multi-document, kind: List; - for stdin; repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('-l, --selector <selector>', 'track the objects matching this label selector')
    .option('--kind <kinds>', 'kinds to list with -l, comma-separated (default: deployment,statefulset,daemonset,job)')
    .option('--helm-release <name[@revision]>', "track exactly the objects of a Helm release (its record Secret in -n; default: the latest revision)")
    .option('--helm-hooks', "with --helm-release: track the release's hooks too (default: listed and skipped)")
    .addOption(new Option('--for <what>', 'wait until the resources are ready, or until they are deleted (gone)').choices(['ready', 'delete']).default('ready'));
  addResourceOptions(addCommonOptions(trackCommand))
    .addHelpText(
      'after',
      examples([
        'kubetrack track deploy/web',
        'kubetrack track deploy/web job/migrate -n prod --timeout 10m --output json',
        'kubectl apply -f k8s/ -o yaml | kubetrack track -f -',
        'kubetrack track -f k8s/ --logs-since 1m',
        'kubetrack track -l app.kubernetes.io/instance=shop --kind deploy,sts',
        'helm upgrade --install shop ./chart -n prod && kubetrack track --helm-release shop -n prod',
        'kubetrack track Certificate.cert-manager.io/tls --rules rules.yaml',
        'kubectl delete -f k8s/ --wait=false && kubetrack track --for delete -f k8s/ --timeout 2m',
      ]),
    )
    .action((resources: string[], flags) => track(resources, flags, false, 'track'));

  const followCommand = program
    .command('follow')
    .description('tail -f for rollouts: logs, events and status until Ctrl-C; never exits on ready')
    .argument('[resources...]', 'KIND/NAME, as for track')
    .option('-f, --filename <file|dir|->', 'manifests to follow', (value: string, previous: string[]) => [...previous, value], [])
    .option('-l, --selector <selector>', 'follow the objects matching this label selector')
    .option('--kind <kinds>', 'kinds to list with -l, comma-separated');
  addResourceOptions(addCommonOptions(followCommand))
    .addHelpText('after', examples(['kubetrack follow deploy/web', 'kubetrack follow deploy/web --logs-since 10m -n prod']))
    .action((resources: string[], flags) => track(resources, flags, true, 'follow'));

  const multitrackCommand = program
    .command('multitrack')
    .description("track what a spec lists: kubetrack's YAML/JSON spec, or kubedog's MultitrackSpecs JSON as is")
    .option('-f, --filename <spec|->', 'the spec file (default: stdin)');
  addCommonOptions(multitrackCommand)
    .addHelpText(
      'after',
      examples([
        'kubetrack multitrack -f spec.yaml',
        `echo '{"Deployments":[{"ResourceName":"web","Namespace":"prod"}]}' | kubetrack multitrack`,
        'kubetrack schema spec > kubetrack-spec.json   # for editor completion',
      ]) +
        '\nSpec (YAML or JSON):\n  defaults: { failMode: FailWholeDeployProcessImmediately, timeout: 5m }\n  resources:\n    - { kind: deploy, name: web, namespace: prod, allowFailuresCount: 1, logRegex: "(?i)error" }\n',
    )
    .action(async (flags: CommonFlags & { filename?: string }) => {
      state.machineOutput = isMachine(flags, io);
      const source = await readSpecSource(flags.filename, io);
      const { loadSpec } = await import('./spec/load-spec.js');
      const spec = loadSpec(source);
      const job: TrackingJob = { requests: spec.requests, defaults: TRACK_DEFAULTS, overrides: {}, follow: false, notices: spec.warnings };
      state.exitCode = await runJob(job, flags, io, deps);
    });

  const rollout = program.command('rollout').description("kubedog-compatible commands");
  const rolloutTrack = rollout
    .command('track')
    .description('track one resource until it is ready (kubedog rollout track)')
    .argument('<kind>', 'deployment, statefulset, daemonset, job, pod, canary, or any Kind.group')
    .argument('<name>', 'the object name');
  addResourceOptions(addCommonOptions(rolloutTrack))
    .addHelpText('after', examples(['kubetrack rollout track deployment web -n prod', 'kubetrack rollout track job migrate --timeout 10m']))
    .action((kind: string, name: string, flags) => track([`${kind}/${name}`], flags, false, 'rollout track'));

  program
    .command('schema')
    .description('print the JSON Schema of the spec or of the JSON report')
    .argument('[name]', `${SCHEMA_NAMES.join(' | ')}`, 'spec')
    .option('--plugin <name|path>', "also list this plugin's error codes in the report schema (repeatable)", collect, [])
    .addHelpText('after', examples(['kubetrack schema spec > kubetrack-spec.json', 'kubetrack schema report', 'kubetrack schema report --plugin ./my-plugin.mjs']))
    .action(async (name: string, flags: { plugin: string[] }) => {
      if (!(SCHEMA_NAMES as readonly string[]).includes(name)) {
        throw new ProgramError('invalid-input', `schema: unknown schema ${JSON.stringify(name)} (expected ${SCHEMA_NAMES.join(' or ')})`);
      }
      // The report's codes: core's base set plus those the built-in and named plugins declare.
      const plugins = [...(await (await deps()).builtinPlugins({}))];
      for (const specifier of flags.plugin) plugins.push(...(await loadPluginModule(specifier, io.cwd)));
      const { jsonSchema } = await import('./spec/json-schemas.js');
      io.stdout.write(`${JSON.stringify(jsonSchema(name as SchemaName, createPluginRegistry(plugins).codes), null, 2)}\n`);
    });

  program
    .command('version')
    .description('print the version')
    .addHelpText('after', examples(['kubetrack version']))
    .action(() => {
      io.stdout.write(`kubetrack ${VERSION} (plugin API ${PLUGIN_API_VERSION}, node ${process.version})\n`);
    });

  return program;
}

async function runJob(job: TrackingJob, flags: CommonFlags, io: CliIo, deps: () => Promise<CliDependencies>): Promise<number> {
  const { runTracking } = await import('./run/run-tracking.js');
  return runTracking(job, flags, io, await deps());
}

function isMachine(flags: CommonFlags, io: CliIo): boolean {
  const mode = resolveOutputMode(flags.output, io);
  return mode === 'json' || mode === 'ndjson';
}

async function readSpecSource(filename: string | undefined, io: CliIo): Promise<SourceText> {
  if (filename !== undefined && filename !== '-') return readSourceFile(filename, io.cwd);
  if (io.stdinIsTTY) {
    throw new ProgramError('invalid-input', 'multitrack: no spec: pass -f SPEC or pipe one in (kubetrack multitrack --help shows the format)');
  }
  return stdinSource(await io.readStdin());
}
