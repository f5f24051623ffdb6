/** Severity words that mark a structured line as an error. */
const ERROR_LEVELS = new Set(['error', 'err', 'fatal', 'panic', 'critical', 'crit', 'emerg', 'emergency', 'alert', 'severe']);
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'log.level', '@l'];
const LOGFMT_ERROR = /(?:^|\s)(?:level|lvl|severity)=("?)(error|err|fatal|panic|critical|crit|emerg|alert)\1(?:\s|$)/i;
/** The lines of a stack trace in the languages pods usually run (JVM/Node, Python, Go). */
const STACK_TRACE = [/^\s+at \S/, /^Traceback \(most recent call last\):/, /^\s+File ".+", line \d+/, /^panic: /, /^goroutine \d+ \[/, /^(?:[\w$]+\.)+[\w$]*(?:Exception|Error)(?::|$)/];

/**
 * A log line that explains a failure better than its position does: a JSON or logfmt line at an
 * error level, or a line of a stack trace. Plain lines are judged by position only (the last ones).
 */
export function isExplainingLine(text: string): boolean {
  if (STACK_TRACE.some((pattern) => pattern.test(text))) return true;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return jsonLevelIsError(trimmed);
  return LOGFMT_ERROR.test(text);
}

function jsonLevelIsError(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  for (const key of LEVEL_KEYS) {
    const level = key.includes('.') ? (record[key.split('.')[0]!] as Record<string, unknown> | undefined)?.[key.split('.')[1]!] : record[key];
    if (typeof level === 'string' && ERROR_LEVELS.has(level.toLowerCase())) return true;
    // pino/bunyan: numeric levels, 50 error, 60 fatal
    if (typeof level === 'number' && level >= 50) return true;
  }
  return false;
}
