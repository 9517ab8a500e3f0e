/**
 * One run at a time: a call while a run is going gets one more run right after it, shared by
 * every call made meanwhile, so what was asked for during a run (the notices of an import that
 * just finished) does not wait for the next timer and runs never overlap.
 */
export class CoalescedRun<T> {
  private running?: Promise<T>;
  private again?: Promise<T>;

  constructor(private readonly work: () => Promise<T>) {}

  run(): Promise<T> {
    if (this.running) {
      this.again ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.again = undefined;
          return this.run();
        });
      return this.again;
    }
    const run = this.work().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Resolves when no run is going or asked for (without starting one). */
  async idle(): Promise<void> {
    while (this.running || this.again) await Promise.allSettled([this.running, this.again]);
  }
}
