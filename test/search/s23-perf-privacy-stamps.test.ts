// What a search marks of a message to read its candidates fast (index.ts `stampTerms`, `stampPairs`: which record
// words and title word pairs the message said, its words as typed and their places, how their accents fit) is the
// message's: held while its turn reads it, gone when the turn is over (test/search/s22-perf-privacy-search.test.ts
// covers the search's other memos).
import { describe, expect, it } from "vitest";
import { servedSearchOfFile } from "../harness/served-search.js";

const { search } = servedSearchOfFile();

/** Messages of our own with made-up details, naming records' titles (so title words and pairs are marked). */
const MESSAGES = [
  "tôi tên Quỳnhxx muốn làm giấy khai sinh cho con ở phường, sđt 0912345678",
  "em Trươngg Khoaa hỏi đăng ký kết hôn với người nước ngoài cần những gì",
];

const turnOver = () => new Promise<void>((resolve) => setImmediate(resolve));

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

const marked = (m: Marks) =>
  m.saidStamps.filter((s) => s !== 0).length +
  m.pairStamps.filter((s) => s !== 0).length +
  m.saidWords.filter((w) => w !== undefined).length +
  m.saidPlaces.filter((p) => p !== 0).length +
  m.fitMemo.filter((f) => f !== 0).length +
  m.holdMemo.filter((h) => h !== 0).length;

describe("the search's marks of a message last only its turn", () => {
  it("title words, word pairs and the words as typed are unmarked once the turn is over", async () => {
    const served = search();
    const marks = served as unknown as Marks;
    for (const message of MESSAGES) {
      await turnOver();
      served.searchUncached(message);
      // While the turn runs, the message's words are marked for its candidates.
      expect(marks.stamped).toBeDefined();
      expect(marked(marks)).toBeGreaterThan(0);
      await turnOver();
      expect(marks.stamped).toBeUndefined();
      expect(marks.pairsStamped).toBeUndefined();
      expect(marked(marks)).toBe(0);
    }
  });
});
