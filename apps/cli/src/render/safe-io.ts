import { withWrite, type CliIo } from '../cli-io.js';
import { visibleLines } from './visible-text.js';
import { guardWorkflowCommands } from './workflow-command-guard.js';

/**
 * The process as kubetrack writes to it. stderr carries only plain lines (diagnostics,
 * errors quoting the server), so every control character but the line break is made
 * visible there; the renderers do the same for stdout themselves, where the tty renderer's
 * own escapes must pass. In GitHub Actions both streams are guarded against workflow commands.
 */
export function safeIo(io: CliIo): CliIo {
  const stderr = withWrite(io.stderr, (text) => io.stderr.write(visibleLines(text)));
  if (io.env.GITHUB_ACTIONS !== 'true') return { ...io, stderr };
  return { ...io, stdout: guardWorkflowCommands(io.stdout), stderr: guardWorkflowCommands(stderr) };
}
