import { Option, type Command } from 'commander';
import { FAIL_MODES, OUTPUT_MODES } from '../options/run-flags.js';
import { DEFAULT_ARGOCD_CM, type RuleSource } from '../plugins/user-health-rules.js';

const RULE_FLAGS = ['rules', 'health-lua', 'health-cel', 'argocd-cm'] as const;

export const collect = (value: string, previous: string[]) => [...previous, value];

/** Flags of every command that talks to a cluster. */
export function addCommonOptions(command: Command): Command {
  command
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <namespace>', "namespace (default: the context's namespace)")
    .option('--timeout <duration>', 'give up after this long: 90s, 5m, 1h30m (default: no limit)')
    .addOption(new Option('-o, --output <mode>', 'output format').choices(OUTPUT_MODES).default('auto'))
    .option('--logs-since <when>', 'show logs since: now (the start, with a 5s look-back for pods the apply just started), all, or a duration before the start (default: now)')
    .option('--status-progress-period <duration>', 'print a status table this often; -1 disables (default: 5s)')
    .option('--scheduling-grace <duration>', 'how long a pod may stay unschedulable before it fails (default: 30s)')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('--plugin <name|path>', 'load a tracker plugin package or file (repeatable)', collect, [])
    .option('--rules <file>', 'declarative readiness rules for custom resources (YAML)')
    .option('--report <file>', 'also write the JSON report (kubetrack schema report) to this file')
    .option('--report-html <file>', 'also write a self-contained HTML page: timeline, verdicts, events, log tails')
    .option('--health-lua <dir>', 'Argo CD Lua health checks: DIR/<group>/<Kind>/health.lua (repeatable)', collect, [])
    .option('--health-cel <file>', "Flux healthCheckExprs (YAML: apiVersion, kind, current, inProgress, failed) (repeatable)", collect, [])
    .option('--argocd-cm [ns/name]', `the resource.customizations.health.* keys of a live argocd-cm ConfigMap (bare: ${DEFAULT_ARGOCD_CM}; another one as --argocd-cm=NS/NAME)`)
    .option('--debug', 'show stack traces of internal errors, and every API request and how it ended (on stderr)');
  for (const flag of RULE_FLAGS) {
    // Their order on the command line is their precedence, which commander's values do not keep.
    command.on(`option:${flag}`, (value: string | true | undefined) => {
      const sources = (command.getOptionValue('ruleSources') as RuleSource[] | undefined) ?? [];
      command.setOptionValue('ruleSources', [...sources, { flag, value: value ?? true } as RuleSource]);
    });
  }
  return command;
}

/** Per-resource options of track, follow and rollout track (multitrack takes them from the spec). */
export function addResourceOptions(command: Command): Command {
  return command
    .option('--fail-mode <mode>', `what a failure does: ${FAIL_MODES.join(' | ')}`)
    .option('--allow-failures <n>', 'distinct failures tolerated per resource before it fails (default: 1; permanent ones fail at once)')
    .option('--skip-logs', 'do not show container logs')
    .option('--logs-replicas <n|all>', 'pods per controller that stream logs; a pod whose container restarted or exited always does (default: 3)')
    .option('--skip-events', 'do not show events')
    .option('--log-regex <regex>', 'show only log lines matching this regular expression')
    .option('--show-service-messages', 'also show routine messages (added, Normal events)');
}

export const examples = (lines: readonly string[]): string => `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
