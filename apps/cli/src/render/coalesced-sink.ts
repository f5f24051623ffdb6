import type { TextSink } from './renderer.js';

/** Past this much pending text a write goes out at once, so a burst never piles up. */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Text written within one turn of the event loop reaches `out` as one write. One watch chunk
 * can settle hundreds of resources, and stdout to a pipe or a file is a synchronous write
 * per call in Node: hundreds of system calls become one. What is pending goes out on the
 * next macrotask, or at once on `flush()`.
 */
export function coalescedSink(out: TextSink): TextSink & { flush(): void } {
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = (): void => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending === '') return;
    const text = pending;
    pending = '';
    out.write(text);
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= MAX_PENDING_CHARS) flush();
      else scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
