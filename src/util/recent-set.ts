/**
 * The most recent `capacity` values, oldest forgotten first: enough to recognise a repeated
 * delivery (a webhook retry, an update polled twice) without growing for ever.
 */
export class RecentSet<T> {
  private readonly values = new Set<T>();

  constructor(
    private readonly capacity: number,
    initial: Iterable<T> = [],
  ) {
    for (const value of [...initial].slice(-capacity)) this.values.add(value);
  }

  /** Adds `value` and returns true the first time; false for a repeat (which stays where it was). */
  add(value: T): boolean {
    if (this.values.has(value)) return false;
    this.values.add(value);
    if (this.values.size > this.capacity) {
      const oldest = this.values.values().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
    return true;
  }

  has(value: T): boolean {
    return this.values.has(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.values];
  }
}
