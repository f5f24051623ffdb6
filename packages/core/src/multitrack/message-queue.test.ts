import { describe, expect, it } from 'vitest';
import { MessageQueue } from './message-queue.js';

describe('MessageQueue', () => {
  it('delivers items pushed before and after the consumer starts, in order, then ends on close', async () => {
    const queue = new MessageQueue<number>();
    queue.push(1);
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const item of queue) seen.push(item);
    })();
    queue.push(2);
    await Promise.resolve();
    queue.push(3);
    queue.close();
    queue.push(4);
    await consumer;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('keeps order across many items', async () => {
    const queue = new MessageQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push(i);
    queue.close();
    let expected = 0;
    for await (const item of queue) expect(item).toBe(expected++);
    expect(expected).toBe(5000);
  });
});
