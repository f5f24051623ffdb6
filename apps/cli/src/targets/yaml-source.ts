import { ProgramError } from '@kubetrack/core';
import { type Document, LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import type { SourceText } from './source-text.js';

/** Parsed YAML (or JSON, which YAML reads too) that can point back into its text. */
export interface YamlSource {
  name: string;
  documents: Document.Parsed[];
  /** "file:line:col" of a character offset. */
  locate(offset: number): string;
}

/**
 * Parses every document of a source. Syntax errors of all documents are reported together,
 * one `file:line:col: problem` line each.
 */
export function parseYamlSource(source: SourceText): YamlSource {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = [...parseAllDocuments(source.text, { lineCounter, prettyErrors: false })];
  } catch (error) {
    // yaml reports most overflows as a document error, but deep enough flow nesting ("[[[[...")
    // overflows the stack inside its parser itself: that is the input's fault, not ours.
    if (error instanceof RangeError) throw new ProgramError('invalid-input', `${source.name}: nested too deeply`, { cause: error });
    throw error;
  }
  const locate = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${source.name}:${line}:${col}`;
  };
  const errors: YAMLError[] = documents.flatMap((document) => document.errors);
  if (errors.length > 0) {
    const lines = errors.map((error) => `${locate(error.pos[0])}: ${firstLine(error.message)}`);
    throw new ProgramError('invalid-input', [...new Set(lines)].join('\n'));
  }
  return { name: source.name, documents, locate };
}

/**
 * A document as plain data. Aliases are expanded here, so an alias bomb (a few hundred
 * bytes that expand to gigabytes) and nesting deeper than the stack are refused here, as
 * one line naming the document, instead of escaping as internal errors.
 */
export function documentValue(yaml: YamlSource, document: Document.Parsed): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const where = yaml.locate(document.contents?.range[0] ?? 0);
    throw new ProgramError('invalid-input', `${where}: ${firstLine(String((error as Error | undefined)?.message ?? error))}`, { cause: error });
  }
}

/** yaml's own default: an alias may be expanded this many times per document. */
const MAX_ALIAS_COUNT = 100;

function firstLine(message: string): string {
  const line = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (line.startsWith('Maximum call stack size exceeded')) return 'nested too deeply';
  if (line.startsWith('Excessive alias count')) return 'too many alias expansions (a YAML alias bomb?)';
  return line;
}
