// A citizen's message is personal data (a name, a phone or ID number, a family's story): the text memos of
// src/search/normalize.ts keep only what the catalogue reads (records, synonyms, câu mẫu, the re-ranker's models) and
// forget anything else once the turn that read it is over. Probed through the whole assistant on the bundled
// catalogue: after a turn, neither the message nor any of its words the catalogue does not have is remembered.
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { remembers, textWords, words } from "../../src/search/normalize.js";
import { bundledCatalogue, bundledDataAndTuning } from "../harness/common.js";
import { chatWith } from "../harness/converse.js";

/** Messages of our own, each with a person's details (made up). */
const MESSAGES = [
  "Tôi tên Lưu Thị Diễm Quỳnhx, số điện thoại 0912345678, muốn làm giấy khai sinh cho con",
  "em là Trươngg Văn Khoaa CCCD 001203004567 hỏi thủ tục đăng ký kết hôn ở phường cần gì",
  "ông nội tôi Hoàngg Văn Tưởngg mất hôm qua tại nhà số 17 ngõ Quỳnhlôi, làm khai tử thế nào",
  "cho e hỏi xác nhận tình trạng hôn nhân, email diemquynhx@example.com, zalo 0987654321",
];

/** The message's words as typed (lower-case), and the message itself. */
const pieces = (message: string) => [
  message,
  ...message
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== ""),
];

/** Lets the running task end (the passing memo is emptied by a microtask). */
const turnOver = () => new Promise<void>((resolve) => setImmediate(resolve));

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("a citizen's message is not retained by the text memos", () => {
  it("the probe sees a message while its turn reads it", async () => {
    await turnOver();
    const message = MESSAGES[0] as string;
    expect(remembers(message)).toBe(false);
    words(message);
    textWords(message);
    expect(remembers(message)).toBe(true);
    expect(remembers("0912345678")).toBe(true);
    await turnOver();
    expect(remembers(message)).toBe(false);
    expect(remembers("0912345678")).toBe(false);
  });

  it("after a turn through the assistant, neither the message nor a word of it the catalogue lacks is remembered", async () => {
    const { say } = chatWith(catalogue);
    for (const message of MESSAGES) {
      await turnOver();
      // What the catalogue's own reading remembers ("giấy", "khai", "sinh"…) stays; the rest must go.
      const known = new Set(pieces(message).filter((p) => remembers(p)));
      const replies = await say(message);
      expect(replies.length).toBeGreaterThan(0);
      await turnOver();
      const kept = pieces(message).filter((p) => !known.has(p) && remembers(p));
      expect(kept, message).toEqual([]);
      expect(remembers(message)).toBe(false);
    }
  });

  it("the analyzer keeps the catalogue's texts it read (by the synonyms' content), never a message", async () => {
    const { catalogue: loaded } = await bundledDataAndTuning();
    // Made of the same synonyms as the assistant's: it shares what they read.
    const documents = (new Analyzer(loaded.synonyms) as unknown as { documents: Map<string, unknown> }).documents;
    const { say } = chatWith(catalogue, "telegram:8");
    const before = documents.size;
    expect(before).toBeGreaterThan(100);
    for (const message of MESSAGES) {
      await say(message);
      await turnOver();
      expect(documents.has(message), message).toBe(false);
    }
    expect(documents.size).toBe(before);
  });

  it("the catalogue's own words are remembered (a reload reads them again without folding them anew)", async () => {
    await turnOver();
    expect(remembers("khai")).toBe(true);
    expect(remembers("sinh")).toBe(true);
  });
});
