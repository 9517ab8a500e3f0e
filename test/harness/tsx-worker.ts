import { parentPort, Worker } from "node:worker_threads";

/**
 * The fake side of a benchmark (fake Bot APIs and simulated chats) runs in a worker thread so it
 * does not share the bot's CPU. The worker is the same module, loaded again through tsx and told
 * its role by `workerData`; it says "ready" with some info, then runs jobs one at a time.
 */
type FromWorker<Ready, Result> =
  | { type: "ready"; info: Ready }
  | { type: "done"; result: Result }
  | { type: "failed"; message: string };

export class TsxWorker<Job, Ready, Result> {
  private constructor(
    private readonly worker: Worker,
    readonly info: Ready,
  ) {}

  /** Starts `moduleUrl` (usually `import.meta.url`) in a worker with `workerData: { role }`. */
  static async start<Job, Ready, Result>(moduleUrl: string, role: string): Promise<TsxWorker<Job, Ready, Result>> {
    const tsx = import.meta.resolve("tsx/esm/api");
    const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(moduleUrl)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: { role } });
    const ready = await next<Ready, Result>(worker);
    if (ready.type !== "ready") throw new Error(`the ${role} worker did not start`);
    return new TsxWorker<Job, Ready, Result>(worker, ready.info);
  }

  async run(job: Job): Promise<Result> {
    const reply = next<Ready, Result>(this.worker);
    this.worker.postMessage(job);
    const done = await reply;
    if (done.type !== "done") throw new Error(done.type === "failed" ? done.message : "unexpected worker reply");
    return done.result;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker's side: announce `info`, then answer each job with `run`'s result or its failure. */
export function serveJobs<Job, Ready, Result>(info: Ready, run: (job: Job) => Promise<Result>): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  port.postMessage({ type: "ready", info } satisfies FromWorker<Ready, Result>);
  port.on("message", (job: Job) => {
    run(job).then(
      (result) => port.postMessage({ type: "done", result } satisfies FromWorker<Ready, Result>),
      (err: unknown) => port.postMessage({ type: "failed", message: String(err) } satisfies FromWorker<Ready, Result>),
    );
  });
}

function next<Ready, Result>(worker: Worker): Promise<FromWorker<Ready, Result>> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once("error", onError);
    worker.once("message", (message: FromWorker<Ready, Result>) => {
      worker.off("error", onError);
      resolve(message);
    });
  });
}
