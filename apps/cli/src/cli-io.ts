import { CappedChunks } from '@kubetrack/core/internal';
import { MAX_SOURCE_BYTES, STDIN_NAME } from './targets/source-text.js';
/** Everything the CLI touches of its process, so tests can run `main` in memory. */
export interface OutputStream {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whole stdin; only called for `-f -` or a spec piped to `multitrack`. */
  readStdin(): Promise<string>;
  /** True when nobody pipes anything in (reading would wait for the keyboard). */
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Subscribes to Ctrl-C / termination; returns the unsubscribe function. */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    async readStdin() {
      const chunks = new CappedChunks(STDIN_NAME, MAX_SOURCE_BYTES);
      try {
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      } finally {
        // `-f - </dev/zero`: stop reading at the cap instead of for ever.
        process.stdin.destroy();
      }
      return chunks.whole().toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      const onSigint = () => handler('SIGINT');
      const onSigterm = () => handler('SIGTERM');
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
      return () => {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
      };
    },
  };
}

/** The stream with another write; isTTY, columns and rows still read the stream's own, live. */
export function withWrite<T extends object>(stream: OutputStream, write: (text: string) => void, extra?: T): OutputStream & T {
  return Object.assign(Object.create(stream) as OutputStream, { write }, extra);
}
