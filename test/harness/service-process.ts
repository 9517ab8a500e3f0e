import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One line the service wrote (stdout or stderr), and its JSON when it is a pino line. */
export interface ServiceLine {
  text: string;
  json?: Record<string, unknown>;
}

export interface ServiceStart {
  /** What node runs: the launcher (bin/motcua-bot.mjs) or `--import tsx src/main.ts`. */
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every line, in order; the harness keeps its log and reads the port from it. */
  onLine: (line: ServiceLine) => void;
  timeoutMs: number;
}

/**
 * The service as a child process, the way the harnesses run it (one for the office day, one per
 * replica): started until it logs "started" (its channels are up), stopped with SIGTERM, killed
 * with SIGKILL wherever it is. Should the test process end first, the child dies with it.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private isUp = false;

  /** `name` says which in errors: "the service", "replica 2". */
  constructor(private readonly name: string) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Logged "started" and neither stopped nor dead since. */
  get up(): boolean {
    return this.isUp;
  }

  /** Resolves once the service logged "started"; throws with its last lines if it exited or timed out first. */
  async start(o: ServiceStart): Promise<void> {
    if (this.child) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [...o.args], { cwd: o.cwd, env: o.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const orphanGuard = () => child.kill("SIGKILL");
    process.once("exit", orphanGuard);
    child.once("exit", () => process.off("exit", orphanGuard));
    const exited = new Promise<Exit>((resolve) =>
      child.once("exit", (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.isUp = false;
        }
        resolve({ code, signal });
      }),
    );
    this.exited = exited;
    const tail: string[] = [];
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const onLine = (text: string) => {
      const json = parseJson(text);
      tail.push(text);
      if (tail.length > 10) tail.shift();
      o.onLine(json ? { text, json } : { text });
      if (json?.msg === "started" && this.child === child) {
        this.isUp = true;
        ready();
      }
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    const outcome = await Promise.race([
      started.then(() => "started" as const),
      exited.then(() => "exited" as const),
      sleep(o.timeoutMs, undefined, { ref: false }).then(() => "timeout" as const),
    ]);
    if (outcome !== "started") {
      if (outcome === "timeout") await this.kill();
      throw new Error(`${this.name} did not start (${outcome}):\n${tail.join("\n")}`);
    }
  }

  /** SIGTERM: the service finishes its work and exits; resolves to its exit code (null when not running). */
  async stop(timeoutMs = 60_000): Promise<number | null> {
    const child = this.child;
    if (!child || !this.exited) return null;
    this.isUp = false;
    child.kill("SIGTERM");
    const result = await Promise.race([this.exited, sleep(timeoutMs, undefined, { ref: false }).then(() => undefined)]);
    if (!result) {
      await this.kill();
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    return result.code;
  }

  /** SIGKILL: the process dies wherever it is, as in a power cut or an OOM kill. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    this.isUp = false;
    child.kill("SIGKILL");
    await this.exited;
  }

  /** For signal handlers that exit at once: SIGKILL without waiting. */
  killNow(): void {
    this.child?.kill("SIGKILL");
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls onLine for each non-empty line of the stream, the last one too when it lacks a newline. */
export function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    rest += chunk;
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) if (part.trim() !== "") onLine(part);
  });
  stream.on("end", () => {
    if (rest.trim() !== "") onLine(rest);
  });
}
