/** Keeps the last `capacity` items pushed; older ones are overwritten. */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private next = 0;

  constructor(readonly capacity: number) {}

  static of<T>(capacity: number, items: readonly T[]): RingBuffer<T> {
    const buffer = new RingBuffer<T>(capacity);
    for (const item of items) buffer.push(item);
    return buffer;
  }

  push(item: T): void {
    if (this.capacity <= 0) return;
    if (this.items.length < this.capacity) {
      this.items.push(item);
    } else {
      this.items[this.next] = item;
    }
    this.next = (this.next + 1) % this.capacity;
  }

  /** The item the next push overwrites once full; undefined while there is room. */
  oldest(): T | undefined {
    return this.items.length < this.capacity ? undefined : this.items[this.next];
  }

  get size(): number {
    return this.items.length;
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.items.length < this.capacity
      ? [...this.items]
      : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
  }
}
