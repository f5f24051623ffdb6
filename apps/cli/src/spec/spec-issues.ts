import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type * as z from 'zod/mini';
import type { YamlSource } from '../targets/yaml-source.js';

type PathKey = PropertyKey;

/** "resources[2].logRegexByContainerName["my.app"]" */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

/**
 * One `file:line:col: path: problem` line per zod issue, pointing at the offending value
 * (or key, for unknown fields; or the nearest existing parent, for missing fields).
 */
export function formatSpecIssues(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  document: Document.Parsed,
  knownKeys: (path: readonly PathKey[]) => readonly string[],
): string[] {
  const lines: Array<{ offset: number; text: string }> = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const offset = keyOffset(document, issue.path, key) ?? nodeOffset(document, path);
        lines.push({ offset, text: `${formatPath(path)}: unknown field${suggestion(key, knownKeys(issue.path))}` });
      }
      continue;
    }
    lines.push({ offset: nodeOffset(document, issue.path), text: `${formatPath(issue.path)}: ${describeIssue(issue)}` });
  }
  // In file order, as a reader fixes them.
  const ordered = lines.sort((a, b) => a.offset - b.offset).map((line) => `${source.locate(line.offset)}: ${line.text}`);
  return [...new Set(ordered)];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return 'required field is missing';
      return `expected ${issue.expected}, got ${describeValue(input)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union': {
      const input = (issue as { input?: unknown }).input;
      return `${issue.message.replace(/^Invalid input$/, 'invalid value')}${input === undefined ? '' : ` ${JSON.stringify(input)}`}`;
    }
    default:
      return lowerFirst(issue.message);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Offset of the node at `path`, or of its nearest ancestor that exists. */
function nodeOffset(document: Document.Parsed, path: readonly PathKey[]): number {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = nodeAt(document, path.slice(0, length));
    if (node?.range) return node.range[0];
  }
  return 0;
}

function nodeAt(document: Document.Parsed, path: readonly PathKey[]): Node | undefined {
  let node: unknown = document.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
      node = pair?.value ?? undefined;
    } else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

function keyOffset(document: Document.Parsed, parentPath: readonly PathKey[], key: string): number | undefined {
  const parent = nodeAt(document, parentPath);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

function suggestion(key: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
