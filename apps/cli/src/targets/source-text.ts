import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isProgramError, ProgramError } from '@kubetrack/core';
import { readCappedFile } from '@kubetrack/core/internal';

/** Text with the name errors should use for it: a path as the user typed it, or "<stdin>". */
export interface SourceText {
  name: string;
  text: string;
}

export const STDIN_NAME = '<stdin>';

/**
 * The most kubetrack reads of one spec or manifest source. Reading YAML with positions costs
 * about 140 MB and 1-3 s of CPU per MiB (a 50 MB file took 2 minutes and 4.3 GB), and a Helm
 * release, CRDs included, is rarely past 3 MiB.
 */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads `-f` arguments: "-" is stdin, a directory contributes its *.yaml, *.yml and *.json
 * files (sorted, not recursive, as kubectl does without -R), anything else is a file.
 */
export async function readSources(
  arguments_: readonly string[],
  context: { cwd: string; readStdin: () => Promise<string> },
): Promise<SourceText[]> {
  const sources: SourceText[] = [];
  let stdinUsed = false;
  for (const argument of arguments_) {
    if (argument === '-') {
      if (stdinUsed) throw new ProgramError('invalid-input', '-f - (stdin) can be given only once');
      stdinUsed = true;
      sources.push(stdinSource(await context.readStdin()));
      continue;
    }
    const absolute = path.resolve(context.cwd, argument);
    const info = await stat(absolute).catch((error: unknown) => {
      throw unreadable(argument, error);
    });
    if (info.isDirectory()) {
      const entries = (await readdir(absolute)).filter((entry) => MANIFEST_EXTENSIONS.has(path.extname(entry))).sort();
      if (entries.length === 0) {
        throw new ProgramError('invalid-input', `${argument}: the directory has no *.yaml, *.yml or *.json files`);
      }
      for (const entry of entries) {
        sources.push(await readSourceFile(path.join(argument, entry), context.cwd));
      }
    } else {
      sources.push(await readSourceFile(argument, context.cwd));
    }
  }
  return sources;
}

export async function readSourceFile(name: string, cwd: string): Promise<SourceText> {
  try {
    return { name, text: (await readCappedFile(path.resolve(cwd, name), name, MAX_SOURCE_BYTES)).toString('utf8') };
  } catch (error) {
    if (isProgramError(error)) throw error;
    throw unreadable(name, error);
  }
}

/** What came on stdin; the process's reader stops at the cap, this checks any other reader. */
export function stdinSource(text: string): SourceText {
  if (Buffer.byteLength(text) > MAX_SOURCE_BYTES) {
    throw new ProgramError('invalid-input', `${STDIN_NAME} is larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB (the most kubetrack reads of one input)`);
  }
  return { name: STDIN_NAME, text };
}

function unreadable(name: string, error: unknown): ProgramError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : String((error as Error | undefined)?.message ?? error);
  return new ProgramError('invalid-input', `cannot read ${name}: ${reason}`, { cause: error });
}
