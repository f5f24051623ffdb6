/**
 * Control characters a terminal or a CI log viewer would act on: C0 (ESC starts colour,
 * cursor and OSC 52 clipboard sequences, BEL rings), DEL, C1 (0x9b is a one-byte CSI), the
 * Unicode line separators and the bidirectional overrides that reorder what is shown.
 * Tab is harmless and kept.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the cluster (log lines, event messages and reasons, names) as plain and tty
 * output print it: every unsafe character shown as its JSON escape (`\u001b`, `\n`, `\r`),
 * so it is visible and never interpreted. JSON output keeps the exact text instead.
 */
export function visibleText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, escapeChar);
}

/** Our own multi-line messages: the line breaks stay, each line is made visible. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visibleText).join('\n');
}

/** `visibleText` applied to every string inside a message or report; other values as they are. */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map(visibleDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visibleDeep(inner)])) as T;
  }
  return value;
}

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
