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

/**
 * `visibleText` applied to every string inside a message or report; other values as they are.
 * Copies only the objects and arrays on the path to a string it changed: cluster text is
 * almost always clean, and every message of a run passes through here.
 */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const inner: unknown = value[index];
      const shown = visibleDeep(inner);
      if (shown === inner) continue;
      copy ??= [...value];
      copy[index] = shown;
    }
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const inner = record[key];
      const shown = visibleDeep(inner);
      if (shown === inner) continue;
      copy ??= { ...record };
      copy[key] = shown;
    }
    return (copy ?? value) as T;
  }
  return value;
}

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
