import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import type { ZaloTuning } from "../../src/channels/zalo/index.js";
import { renderForZalo } from "../../src/channels/zalo/render.js";
import { type Config, loadConfig } from "../../src/config.js";
import { Assistant } from "../../src/core/assistant.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import type { Logger } from "../../src/logger.js";
import { FAKE_TOKEN, type FakeZaloApi } from "../fakes/zalo-api.js";
import { BUNDLED_DATA } from "../helpers.js";

/** Tests of the Zalo channel share this setup: the bundled catalogue, a fake API, fast retries. */

let catalogue: Promise<LiveCatalogue> | undefined;
export function bundledCatalogue(): Promise<LiveCatalogue> {
  catalogue ??= LiveCatalogue.open(BUNDLED_DATA);
  return catalogue;
}

export async function newAssistant(): Promise<Assistant> {
  return new Assistant({ catalogue: await bundledCatalogue(), conversations: new MemoryConversationStore() });
}

/** Fast enough for tests, same logic as production. */
export const FAST: ZaloTuning = {
  pollTimeoutSec: 1,
  retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
  backoff: { initialMs: 10, maxMs: 50 },
  unsupportedWindowMs: 0,
};

export const WEBHOOK_SECRET = "zalo-webhook-secret-0123456789";

export function zaloConfig(fake: FakeZaloApi, dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    ZALO_BOT_TOKEN: FAKE_TOKEN,
    ZALO_API_ROOT: fake.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...env,
  });
}

/** A debug-level logger whose lines the test can read (to prove no token or message text gets in). */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-zalo-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** What the same core says to `messages`, rendered for Zalo: one list of texts per message. */
export async function expectedTexts(messages: string[]): Promise<string[][]> {
  const assistant = await newAssistant();
  const out: string[][] = [];
  for (const text of messages) out.push(renderForZalo(await assistant.handle("zalo:expected", { kind: "text", text })));
  return out;
}

/** Polls `check` until it stops throwing (for counters updated just after a reply went out). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
