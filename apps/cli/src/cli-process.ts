import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { main } from './main.js';

const EXIT_ON: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
const base = processIo();
let listeners = 0;
let interrupts = 0;

// While a run listens, the first Ctrl-C stops tracking and still writes the report; a second
// one, or one while nothing listens (parsing, reading stdin), leaves at once.
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
function onSignal(signal: string): void {
  interrupts += 1;
  if (listeners === 0 || interrupts > 1) process.exit(EXIT_ON[signal]);
}

// `kubetrack ... | head` closes our stdout early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: CliIo = {
  ...base,
  onInterrupt(handler) {
    listeners += 1;
    const unsubscribe = base.onInterrupt(handler);
    return () => {
      listeners -= 1;
      unsubscribe();
    };
  },
};

// No top-level await: the same code also builds as CommonJS for the single executable (build:sea).
void main(process.argv.slice(2), io).then((exitCode) => {
  process.exitCode = exitCode;
  // Stdout is flushed by now in the normal case; a socket some library left open must not keep us here.
  setTimeout(() => process.exit(exitCode), 2000).unref();
});
