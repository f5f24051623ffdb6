import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { coalescedSink } from './coalesced-sink.js';

function recorder() {
  const writes: string[] = [];
  return { writes, out: { write: (text: string) => void writes.push(text) } };
}

describe('coalescedSink', () => {
  it('sends one turn of the event loop as one write, in order, and keeps nothing back after it', async () => {
    const { writes, out } = recorder();
    const sink = coalescedSink(out);
    sink.write('a\n');
    sink.write('b\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\n']);
    sink.write('c\n');
    await nextTurn();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('flush writes what is pending at once and leaves nothing for the scheduled write', async () => {
    const { writes, out } = recorder();
    const sink = coalescedSink(out);
    sink.write('summary\n');
    sink.flush();
    expect(writes).toEqual(['summary\n']);
    await nextTurn();
    expect(writes).toEqual(['summary\n']);
  });

  it('a burst larger than the cap goes out without waiting for the turn to end', () => {
    const { writes, out } = recorder();
    const sink = coalescedSink(out);
    const line = `${'x'.repeat(1023)}\n`;
    for (let index = 0; index < 64; index++) sink.write(line);
    expect(writes.join('')).toBe(line.repeat(64));
    sink.flush();
  });
});
