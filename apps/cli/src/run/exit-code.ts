import { isApiError, isProgramError, type ProgramErrorCode, type Report } from '@kubetrack/core';

export const ExitCode = {
  ready: 0,
  failed: 1,
  usage: 2,
  cluster: 3,
  interrupted: 130,
  terminated: 143,
} as const;

/** An internal error (a bug) exits 1 like a failed rollout, never 3: the cluster is not to blame. */
export function exitCodeForProgramError(code: ProgramErrorCode): number {
  if (code === 'internal') return ExitCode.failed;
  return code === 'invalid-input' ? ExitCode.usage : ExitCode.cluster;
}

/** 0 all ready · 1 a resource failed or timed out, or an internal error · 2/3 a program error the run ended with. */
export function exitCodeForReport(report: Report): number {
  if (report.error?.type === 'program') return exitCodeForProgramError(report.error.code as ProgramErrorCode);
  return report.success ? ExitCode.ready : ExitCode.failed;
}

export interface DescribedError {
  /** One line (a spec's errors: one line per problem), fit to print after "kubetrack: ". */
  message: string;
  exitCode: number;
  /** Set for errors that are not the user's: print the stack with --debug. */
  internal: boolean;
}

/** Turns anything thrown into what the user sees: never a stack trace unless asked for. */
export function describeError(error: unknown): DescribedError {
  if (isProgramError(error)) {
    const internal = error.code === 'internal';
    const message = internal ? `${error.message} (run with --debug for details)` : error.message;
    return { message, exitCode: exitCodeForProgramError(error.code), internal };
  }
  if (isApiError(error)) {
    const where = error.details.path ? ` (${error.details.verb ?? 'GET'} ${error.details.path})` : '';
    if (error.status === 0) {
      return { message: `cannot reach the API server: ${error.message} (check KUBECONFIG, --context and that the cluster is running)`, exitCode: ExitCode.cluster, internal: false };
    }
    if (error.status === 401) {
      return { message: `unauthorized${where}: the API server rejected the credentials (check the kubeconfig user or refresh your login)`, exitCode: ExitCode.cluster, internal: false };
    }
    if (error.status === 403) {
      return { message: `forbidden${where}: ${error.message} (check RBAC for this user)`, exitCode: ExitCode.cluster, internal: false };
    }
    return { message: `the API server answered ${error.status}${where}: ${error.message}`, exitCode: ExitCode.cluster, internal: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `internal error: ${firstLine(message)} (run with --debug for details)`, exitCode: ExitCode.failed, internal: true };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
