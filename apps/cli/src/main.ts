import { isProgramError } from '@kubetrack/core';
import { CommanderError } from 'commander';
import { processIo, type CliIo } from './cli-io.js';
import { bareOptionalFlags } from './commands/bare-optional-flags.js';
import { buildProgram, type ProgramState } from './program.js';
import { safeIo } from './render/safe-io.js';
import { describeError, ExitCode } from './run/exit-code.js';
import { stackWithCauses } from './run/stack-with-causes.js';
import type { CliDependencies } from './run/run-tracking.js';

const FILE_POSITION = /^\S+:\d+:\d+: /;

/**
 * Runs the kubetrack command line and resolves to the exit code; never throws and never
 * exits the process, so tests and the Helm hook can call it. `deps` replaces the cluster
 * connection and the built-in plugins (tests inject fakes).
 */
export async function main(argv: readonly string[], processIO: CliIo = processIo(), deps: Partial<CliDependencies> = {}): Promise<number> {
  const io = safeIo(processIO);
  const state: ProgramState = { exitCode: ExitCode.ready, machineOutput: false };
  const debug = argv.includes('--debug');
  const loadDeps = async (): Promise<CliDependencies> => ({
    builtinPlugins: deps.builtinPlugins ?? (await import('./plugins/builtin-plugins.js')).builtinPlugins,
    connect: deps.connect ?? (await import('./run/connect-cluster.js')).connectCluster,
  });
  try {
    await buildProgram(io, loadDeps, state).parseAsync(bareOptionalFlags(argv), { from: 'user' });
    return state.exitCode;
  } catch (error) {
    // Commander has already printed its one line (or the help / version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ready : ExitCode.usage;
    const described = describeError(error);
    const lines = described.message.split('\n');
    for (const line of lines) io.stderr.write(FILE_POSITION.test(line) ? `${line}\n` : `kubetrack: ${line}\n`);
    if (debug && error instanceof Error) io.stderr.write(`${stackWithCauses(error)}\n`);
    if (state.machineOutput) {
      const code = isProgramError(error) ? error.code : described.internal ? 'internal' : described.exitCode === ExitCode.usage ? 'invalid-input' : 'cluster-unreachable';
      io.stdout.write(
        `${JSON.stringify({ success: false, error: { type: 'program', code, message: described.message }, resources: [] }, null, 2)}\n`,
      );
    }
    return described.exitCode;
  }
}
