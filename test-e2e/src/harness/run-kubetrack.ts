import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterKubeconfigPath } from './kube-clients.js';

/** The single-file bundle users run; `pnpm build` makes it (scripts/test.sh builds before testing). */
export const KUBETRACK_BUNDLE = fileURLToPath(new URL('../../../apps/cli/dist/kubetrack.mjs', import.meta.url));

export interface KubetrackResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** With `signal`: ms from sending it to the process's end. */
  exitAfterSignalMs?: number;
}

export interface RunKubetrackOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** Kills the process after this long (the test then sees signal SIGKILL). */
  killAfterMs?: number;
  /** Sends this signal once stdout (or `in`: stderr) contains `when`. */
  signal?: { send: NodeJS.Signals; when: string | RegExp; in?: 'stdout' | 'stderr' };
  /** Called with all of stdout and stderr so far, on each chunk: to act once the CLI says something (e.g. that it is tracking). */
  onOutput?(stdout: string, stderr: string): void;
  cwd?: string;
  /** Another build of kubetrack to run instead of the bundle, e.g. the single executable. */
  executable?: string;
}

/**
 * Runs `args` and resolves once the CLI says it is tracking (its "kubetrack: tracking ..." line),
 * with the run's result to come (wrapped: an awaited promise would wait for it): to apply manifests only once kubetrack watches, as after
 * `kubectl apply` in CI, however long this machine takes to start node.
 */
export async function startKubetrack(args: readonly string[], options: RunKubetrackOptions = {}): Promise<{ result: Promise<KubetrackResult> }> {
  let tracking: () => void = () => {};
  const started = new Promise<void>((resolve) => (tracking = resolve));
  const result = runKubetrack(args, {
    ...options,
    onOutput: (stdout, stderr) => {
      options.onOutput?.(stdout, stderr);
      if (/^kubetrack: (tracking|following) /m.test(stderr)) tracking();
    },
  });
  await Promise.race([started, result]);
  return { result };
}

/** Runs the built CLI as a user would: `node kubetrack.mjs ARGS`, KUBECONFIG pointing at the test cluster. */
export function runKubetrack(args: readonly string[], options: RunKubetrackOptions = {}): Promise<KubetrackResult> {
  const program = options.executable ?? KUBETRACK_BUNDLE;
  if (!existsSync(program)) {
    throw new Error(`${program} is missing: run \`pnpm build\` (and \`pnpm build:sea\` for the executable) first`);
  }
  const started = Date.now();
  const [command, argv] = options.executable ? [options.executable, [...args]] : [process.execPath, [KUBETRACK_BUNDLE, ...args]];
  const child = spawn(command, argv, {
    cwd: options.cwd,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      KUBECONFIG: clusterKubeconfigPath(),
      NO_COLOR: '1',
      // Lets a whole e2e run exercise the HTTP/1.1 transport (KUBETRACK_HTTP2=0 bash scripts/test.sh).
      ...(process.env['KUBETRACK_HTTP2'] === undefined ? {} : { KUBETRACK_HTTP2: process.env['KUBETRACK_HTTP2'] }),
      ...options.env,
    } as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalledAt: number | undefined;
  const maybeSignal = () => {
    const signal = options.signal;
    const text = signal?.in === 'stderr' ? stderr : stdout;
    if (signal && signalledAt === undefined && (typeof signal.when === 'string' ? text.includes(signal.when) : signal.when.test(text))) {
      signalledAt = Date.now();
      child.kill(signal.send);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onOutput?.(stdout, stderr);
    maybeSignal();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onOutput?.(stdout, stderr);
    maybeSignal();
  });
  child.stdin.end(options.stdin ?? '');
  const killer = options.killAfterMs ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const ended = Date.now();
      resolve({ code, signal, stdout, stderr, durationMs: ended - started, ...(signalledAt === undefined ? {} : { exitAfterSignalMs: ended - signalledAt }) });
    });
  });
}
