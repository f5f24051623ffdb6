import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns everything, oldest first, until full', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
  });

  it('keeps only the last `capacity` items, in order', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i++) ring.push(i);
    expect(ring.toArray()).toEqual([8, 9, 10]);
    expect(ring.size).toBe(3);
  });

  it('holds nothing with capacity 0', () => {
    const ring = new RingBuffer<number>(0);
    ring.push(1);
    expect(ring.toArray()).toEqual([]);
  });
});
