import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ProgramError } from './program-error.js';

/**
 * The default cap on one input file (kubeconfig, certificate, key and token files): far above
 * any real one. The CLI caps specs and manifests lower (their parse keeps positions).
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const CHUNK = 64 * 1024;

/**
 * Reads a file, a pipe or a device (`<(...)`, /dev/stdin) but stops one byte past the cap,
 * so `/dev/zero` is refused at once instead of read for ever. Errors from the file system
 * are thrown as they are (callers word them); an oversized file is an invalid-input error
 * naming `what`.
 */
export function readCappedFileSync(file: string, what: string, maxBytes: number = MAX_INPUT_BYTES): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks = new CappedChunks(what, maxBytes);
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) return chunks.whole();
      chunks.push(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

export async function readCappedFile(file: string, what: string, maxBytes: number = MAX_INPUT_BYTES): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const chunks = new CappedChunks(what, maxBytes);
    for (;;) {
      const { buffer, bytesRead } = await handle.read(Buffer.allocUnsafe(CHUNK), 0, CHUNK, null);
      if (bytesRead === 0) return chunks.whole();
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Collects chunks of a stream (stdin) under the same cap. */
export class CappedChunks {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly what: string,
    private readonly maxBytes: number = MAX_INPUT_BYTES,
  ) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      throw new ProgramError('invalid-input', `${this.what} is larger than ${formatBytes(this.maxBytes)} (the most kubetrack reads of one input)`);
    }
    this.chunks.push(chunk);
  }

  whole(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
