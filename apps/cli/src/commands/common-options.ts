import { Option, type Command } from 'commander';
import { FAIL_MODES, OUTPUT_MODES } from '../options/run-flags.js';

export const collect = (value: string, previous: string[]) => [...previous, value];

/** Flags of every command that talks to a cluster. */
export function addCommonOptions(command: Command): Command {
  return command
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
    .option('--debug', 'show stack traces of internal errors');
}

/** Per-resource options of track, follow and rollout track (multitrack takes them from the spec). */
export function addResourceOptions(command: Command): Command {
  return command
    .option('--fail-mode <mode>', `what a failure does: ${FAIL_MODES.join(' | ')}`)
    .option('--allow-failures <n>', 'distinct failures tolerated per resource before it fails (default: 1; permanent ones fail at once)')
    .option('--skip-logs', 'do not show container logs')
    .option('--skip-events', 'do not show events')
    .option('--log-regex <regex>', 'show only log lines matching this regular expression')
    .option('--show-service-messages', 'also show routine messages (added, Normal events)');
}

export const examples = (lines: readonly string[]): string => `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
