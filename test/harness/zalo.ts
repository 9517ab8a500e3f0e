import type { ZaloTuning } from "../../src/channels/zalo/index.js";
import { renderForZalo } from "../../src/channels/zalo/render.js";
import { type Config, loadConfig } from "../../src/config.js";
import type { Assistant } from "../../src/core/assistant.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue, captureLogs, tempDir as sharedTempDir } from "./common.js";
import { FAKE_TOKEN, type FakeZaloApi } from "./fake-zalo-api.js";

/** Tests of the Zalo channel share this setup: the bundled catalogue, a fake API, fast retries. */

export { bundledCatalogue };

export async function newAssistant(): Promise<Assistant> {
  return createAssistant({ catalogue: await bundledCatalogue(), conversations: new MemoryConversationStore() });
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

export { captureLogs as capturedLogger };
export const tempDir = () => sharedTempDir("motcua-zalo-");

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
