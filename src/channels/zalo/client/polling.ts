import { setTimeout as sleep } from "node:timers/promises";
import { backoffDelay } from "../../../util/backoff.js";
import { ZaloBotError, ZaloError } from "./errors.js";
import type { ZaloUpdate } from "./schemas.js";
import type { RequestOptions } from "./transport.js";

export interface PollingOptions {
  /** Start polling from the constructor (the SDK's default when `polling` is set). */
  autoStart?: boolean;
  /**
   * Pause between two polls, in ms. The SDK waits 300 ms; we default to 0 because Zalo hands
   * out ONE update per getUpdates, so any pause caps the bot at a few messages per second.
   */
  interval?: number;
  /** `timeout`: the long-poll wait in seconds (sent as a string, as documented). */
  params?: { timeout?: number };
  /** Waits after consecutive failures: initialMs, doubling up to maxMs. */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** What the poller needs from the bot (an interface, so the two files do not import each other). */
export interface Pollable {
  deleteWebHook(request?: RequestOptions): Promise<unknown>;
  getUpdates(options?: { timeout?: number }, request?: RequestOptions): Promise<ZaloUpdate | null>;
  processUpdate(update: unknown): unknown;
  reportPollingError(error: ZaloBotError): void;
}

/**
 * The long-poll loop: deletes any webhook first (polling fails while one is set), then asks
 * for one update at a time and hands it to processUpdate. Failures back off exponentially and
 * never end the loop; stop() ends it, cancelling the poll in flight when asked to.
 */
export class ZaloPolling {
  /** Ends the loop (and any backoff pause). */
  private controller?: AbortController;
  /** Cancels the long poll in flight; kept apart so a stop without `cancel` lets the poll finish. */
  private cancelPoll?: AbortController;
  private loop?: Promise<void>;
  private readonly timeoutSec: number;
  private readonly interval: number;
  private readonly initialMs: number;
  private readonly maxMs: number;
  lastUpdateAt?: number;
  failures = 0;

  constructor(
    private readonly bot: Pollable,
    options: PollingOptions = {},
  ) {
    this.timeoutSec = options.params?.timeout ?? 30;
    this.interval = options.interval ?? 0;
    this.initialMs = options.backoff?.initialMs ?? 1_000;
    this.maxMs = options.backoff?.maxMs ?? 30_000;
  }

  isPolling(): boolean {
    return this.loop !== undefined;
  }

  start(): Promise<void> {
    if (!this.loop) {
      const controller = new AbortController();
      this.controller = controller;
      this.loop = this.run(controller.signal);
    }
    return Promise.resolve();
  }

  /** With `cancel`, aborts the long poll in flight; otherwise lets it finish (up to the poll timeout). */
  async stop({ cancel = false }: { cancel?: boolean } = {}): Promise<void> {
    const { loop, controller } = this;
    if (!loop || !controller) return;
    this.loop = undefined;
    this.controller = undefined;
    controller.abort(); // ends any backoff wait at once
    if (cancel) this.cancelPoll?.abort();
    await loop;
  }

  private async run(stopSignal: AbortSignal): Promise<void> {
    let webhookDeleted = false;
    while (!stopSignal.aborted) {
      const poll = new AbortController();
      this.cancelPoll = poll;
      try {
        if (!webhookDeleted) {
          await this.bot.deleteWebHook({ signal: stopSignal });
          webhookDeleted = true;
        }
        const update = await this.bot.getUpdates({ timeout: this.timeoutSec }, { signal: poll.signal });
        this.failures = 0;
        if (update) {
          this.lastUpdateAt = Date.now();
          this.deliver(update);
        }
        if (this.interval > 0) await pause(this.interval, stopSignal);
      } catch (err) {
        if (stopSignal.aborted) break;
        this.failures++;
        // A conflict means a webhook was set again behind our back.
        if (err instanceof ZaloError && err.error_code === 409) webhookDeleted = false;
        this.bot.reportPollingError(
          err instanceof ZaloBotError ? err : new ZaloBotError("polling failed", "getUpdates", true),
        );
        await pause(backoffDelay(this.failures - 1, { initialMs: this.initialMs, maxMs: this.maxMs }), stopSignal);
      }
    }
  }

  /** A listener that throws is reported, but is no reason to slow polling down. */
  private deliver(update: ZaloUpdate): void {
    try {
      this.bot.processUpdate(update);
    } catch (err) {
      const type = err instanceof Error ? err.name : typeof err;
      this.bot.reportPollingError(new ZaloBotError(`an update listener threw ${type}`, "processUpdate", false));
    }
  }
}

/** Resolves after `ms`, or at once when stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}
