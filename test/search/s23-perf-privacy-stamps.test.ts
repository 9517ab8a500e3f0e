// What a search marks of a message to read its candidates fast (index.ts `stampTerms`, `stampPairs`: which record
// words and title word pairs the message said, its words as typed and their places, how their accents fit) is the
// message's: held while its turn reads it, gone when the turn is over (test/search/s22-perf-privacy-search.test.ts
// covers the search's other memos).
import { describe, expect, it } from "vitest";
import { servedSearchOfFile } from "../harness/served-search.js";

/** The search's marks of the message it reads, as the index holds them. */
interface Marks {
  stamped: unknown;
  pairsStamped: unknown;
  saidStamps: Uint32Array;
  pairStamps: Uint32Array;
  saidWords: unknown[];
  saidPlaces: Int32Array;
  fitMemo: Int8Array;
  holdMemo: Int8Array;
}

/** How many marks are set. */
const marked = (m: Marks) =>
  [m.saidStamps, m.pairStamps, m.saidPlaces, m.fitMemo, m.holdMemo].reduce(
    (sum, list) => sum + list.filter((v) => v !== 0).length,
    0,
  ) + m.saidWords.filter((w) => w !== undefined).length;

const { search } = servedSearchOfFile();

describe("the search's marks of a message last only its turn", () => {
  // Messages of our own with made-up details, naming records' titles (so title words and pairs are marked).
  it.each([
    "tôi tên Quỳnhxx muốn làm giấy khai sinh cho con ở phường, sđt 0912345678",
    "em Trươngg Khoaa hỏi đăng ký kết hôn với người nước ngoài cần những gì",
  ])("%s: unmarked once the turn is over", async (message) => {
    const served = search();
    const marks = served as unknown as Marks;
    await new Promise<void>((resolve) => setImmediate(resolve));
    served.searchUncached(message);
    // While the turn runs, the message's words are marked for its candidates.
    expect(marks.stamped).toBeDefined();
    expect(marked(marks)).toBeGreaterThan(0);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(marks.stamped).toBeUndefined();
    expect(marks.pairsStamped).toBeUndefined();
    expect(marked(marks)).toBe(0);
  });
});
