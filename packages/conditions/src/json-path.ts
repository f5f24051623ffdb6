/**
 * A compiled path from the small JSONPath subset rules need: `$.status.phase`,
 * `$.status.conditions[?(@.type=="Ready")].status`, `$.items[0]`, `$.a['b.c']`, `[*]`.
 */
export interface JsonPath {
  readonly source: string;
  /** Every value the path reaches, in document order; empty when it reaches nothing. */
  read(document: unknown): unknown[];
}

type Step =
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'wildcard' }
  | { type: 'filter'; field: string[]; equals: boolean; value: string | number | boolean };

/** Compiles a path; throws an Error naming the first unsupported part. */
export function compileJsonPath(source: string): JsonPath {
  const steps = parseSteps(source);
  return {
    source,
    read(document) {
      let values: unknown[] = [document];
      for (const step of steps) values = values.flatMap((value) => apply(step, value));
      return values;
    },
  };
}

function apply(step: Step, value: unknown): unknown[] {
  switch (step.type) {
    case 'field':
      return isRecord(value) && step.name in value ? [value[step.name]] : [];
    case 'index': {
      if (!Array.isArray(value)) return [];
      const item: unknown = value.at(step.index);
      return item === undefined ? [] : [item];
    }
    case 'wildcard':
      return Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
    case 'filter': {
      const items = Array.isArray(value) ? value : [];
      return items.filter((item) => {
        const found = readField(item, step.field);
        return (found === step.value) === step.equals && found !== undefined;
      });
    }
  }
}

function readField(value: unknown, field: readonly string[]): unknown {
  let current = value;
  for (const name of field) {
    if (!isRecord(current)) return undefined;
    current = current[name];
  }
  return current;
}

const NAME = /^[A-Za-z_$][\w$-]*/;

function parseSteps(source: string): Step[] {
  let rest = source.trim();
  // kubectl writes paths as {.status.phase}; accept that and the bare .status.phase form.
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (!rest.startsWith('.') && !rest.startsWith('[')) throw new Error('must start with "$"');

  const steps: Step[] = [];
  while (rest) {
    const start = source.length - rest.length;
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (rest.startsWith('*')) {
        steps.push({ type: 'wildcard' });
        rest = rest.slice(1);
        continue;
      }
      const name = NAME.exec(rest)?.[0];
      if (!name) throw new Error(`expected a field name at character ${start + 1}`);
      steps.push({ type: 'field', name });
      rest = rest.slice(name.length);
    } else if (rest.startsWith('[')) {
      const close = closingBracket(rest);
      if (close < 0) throw new Error(`unclosed "[" at character ${start}`);
      steps.push(parseBracket(rest.slice(1, close).trim(), start));
      rest = rest.slice(close + 1);
    } else {
      throw new Error(`unexpected ${JSON.stringify(rest[0])} at character ${start}`);
    }
  }
  return steps;
}

function parseBracket(inside: string, at: number): Step {
  if (inside === '*') return { type: 'wildcard' };
  if (/^-?\d+$/.test(inside)) return { type: 'index', index: Number(inside) };
  const quoted = parseLiteral(inside);
  if (typeof quoted === 'string' && /^['"]/.test(inside)) return { type: 'field', name: quoted };
  const filter = /^\?\(\s*@((?:\.[A-Za-z_$][\w$-]*)+)\s*(==|!=)\s*(.+?)\s*\)$/.exec(inside);
  if (filter) {
    const [, field = '', operator, literal = ''] = filter;
    const value = parseLiteral(literal);
    if (value === undefined) throw new Error(`unsupported value ${literal} in the filter at character ${at}`);
    return { type: 'filter', field: field.slice(1).split('.'), equals: operator === '==', value };
  }
  throw new Error(`unsupported selector [${inside}] at character ${at} (supported: [N], ['name'], [*], [?(@.field=="value")])`);
}

function parseLiteral(text: string): string | number | boolean | undefined {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/** The index of the "]" closing the "[" at position 0, skipping quoted text. */
function closingBracket(text: string): number {
  let quote: string | undefined;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ']') return i;
  }
  return -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
