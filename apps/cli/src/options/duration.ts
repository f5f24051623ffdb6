import { ProgramError } from '@kubetrack/core';

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const GO_DURATION = /^(?:\d+(?:\.\d+)?|\.\d+)(?:ns|us|µs|ms|s|m|h)/;

/**
 * Parses what a user types for a duration: Go syntax ("90s", "1h30m", "500ms") or plain
 * seconds ("90", "1.5"), into milliseconds. Returns undefined for anything else.
 */
export function tryParseDuration(text: string): number | undefined {
  const input = text.trim();
  if (input === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(input)) {
    const ms = Number(input) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  let rest = input;
  let total = 0;
  while (rest.length > 0) {
    const match = GO_DURATION.exec(rest);
    if (!match) return undefined;
    const token = match[0];
    const unit = /(?:ns|us|µs|ms|s|m|h)$/.exec(token)![0];
    total += Number(token.slice(0, -unit.length)) * UNIT_MS[unit]!;
    rest = rest.slice(token.length);
  }
  // A few hundred digits overflow to Infinity: no deadline anyone can mean.
  return Number.isFinite(total) ? total : undefined;
}

/** Like tryParseDuration, but a bad value is a usage error naming the flag or field. */
export function parseDuration(text: string, what: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new ProgramError(
      'invalid-input',
      `${what}: invalid duration ${JSON.stringify(text)} (use e.g. 90s, 5m, 1h30m, 500ms or plain seconds)`,
    );
  }
  return ms;
}

/** One rendering of durations for core's messages and the CLI's output. */
export { formatDuration } from '@kubetrack/core/internal';
