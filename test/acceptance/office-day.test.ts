/**
 * The integrated service in `npm test`: the short version of `npm run acceptance`'s play, against
 * the real service started as a child process (src/main.ts), this time with Telegram in webhook
 * mode and Zalo in polling mode (acceptance runs the other two modes). One question per channel,
 * one dossier from import to rating with a notice and a reminder, every message checked.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_MORNING, OFFICE_ENV, personalValues, playOfficeDays } from "../harness/office-day.js";
import { ServiceHarness } from "../harness/service-harness.js";

let h: ServiceHarness;
const transcript: string[] = [];

beforeAll(async () => {
  h = await ServiceHarness.create({
    telegramMode: "webhook",
    zaloMode: "polling",
    start: FIRST_MORNING,
    env: OFFICE_ENV,
    zaloPollWaitMs: 1_000,
  });
  await h.start();
}, 30_000);

afterAll(async () => {
  await h?.close();
});

describe("the service as deployed (child process, both channels, test clock)", () => {
  it("answers, notifies, reminds and takes a rating: exactly the expected messages", async () => {
    try {
      const result = await playOfficeDays(h, { full: false, out: (line) => transcript.push(line) });
      expect(result.messagesChecked).toBeGreaterThanOrEqual(10);
    } catch (err) {
      // The transcript says which step went wrong and what each chat had received.
      throw new Error(`${(err as Error).message}\n\ntranscript:\n${transcript.join("\n")}`);
    }
    expect(h.telegram.webhook?.url).toBe("https://bot.test.invalid/webhook/telegram");
    expect(h.zalo.callsOf("getUpdates").length).toBeGreaterThan(0);
    expect(h.leaks([...h.secretValues, ...personalValues()])).toEqual([]);
    expect(await h.stop()).toBe(0);
    const files = (await h.dataFiles()).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) JSON.parse(await readFile(path.join(h.dataDir, file), "utf8"));
  }, 30_000);
});
