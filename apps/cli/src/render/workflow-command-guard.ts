import { withWrite, type OutputStream } from '../cli-io.js';

/** An output stream whose own workflow commands (kubetrack's annotations) bypass the guard. */
export interface GuardedStream extends OutputStream {
  writeWorkflowCommand(line: string): void;
}

/**
 * In GitHub Actions the runner reads every stdout/stderr line as a possible workflow
 * command: `::name::` at the start of a line once leading whitespace is trimmed (it splits on
 * `\r` too), and the old `##[name]` form anywhere in a line. Pod logs and event messages are
 * untrusted, so whatever kubetrack prints is neutralised (`\u003a:` and `##\u005b`, the JSON
 * escapes, so a JSON document on stdout still parses to the exact same text); only the
 * annotations kubetrack writes itself go through `writeWorkflowCommand`.
 */
export function guardWorkflowCommands(stream: OutputStream): GuardedStream {
  let atLineStart = true;
  const write = (text: string) => {
    // The sentinel stands for what the previous write left: a line start or the middle of a line.
    const input = `${atLineStart ? '\n' : 'x'}${text}`;
    const guarded = input.replace(/##\[/g, '##\\u005b').replace(/([\r\n]\s*)::/g, '$1\\u003a:');
    atLineStart = /[\r\n]\s*$/.test(input);
    stream.write(guarded.slice(1));
  };
  const writeWorkflowCommand = (line: string) => {
    stream.write(atLineStart ? `${line}\n` : `\n${line}\n`);
    atLineStart = true;
  };
  return withWrite(stream, write, { writeWorkflowCommand });
}
