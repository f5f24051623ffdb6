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
  const parsed = parseAllDocuments(source.text, { lineCounter, prettyErrors: false });
  const documents: Document.Parsed[] = [...parsed];
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

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
