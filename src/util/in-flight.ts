/**
 * Work started and not finished yet (updates being answered, requests being served), so that a
 * clean stop can wait for it: stop taking new work, then `drain()`.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once nothing is running, work started meanwhile included; never rejects. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** `drain()`, but gives up after `ms`: resolves to whether everything finished. */
  async drainWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.drain().then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }
}
