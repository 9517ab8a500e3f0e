/**
 * The most recent `capacity` entries by key, oldest forgotten first (a Map iterates in insertion
 * order, so its first key is the oldest). Setting a key again makes it the newest.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Oldest first. */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}

/**
 * The most recent `capacity` values, oldest forgotten first: enough to recognise a repeated
 * delivery (a webhook retry, an update polled twice) without growing for ever.
 */
export class RecentSet<T> {
  private readonly values: RecentMap<T, true>;

  constructor(capacity: number, initial: Iterable<T> = []) {
    this.values = new RecentMap(capacity);
    for (const value of initial) this.values.set(value, true);
  }

  /** Adds `value` and returns true the first time; false for a repeat (which keeps its place). */
  add(value: T): boolean {
    if (this.values.has(value)) return false;
    this.values.set(value, true);
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
    return this.values.keys();
  }
}
