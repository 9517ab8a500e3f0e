// What the served search keeps of a citizen's message beyond normalize.ts (test/search/s22-perf-privacy.test.ts): the
// câu mẫu index's features (examples.ts knownFeatures), the typos it corrected and its last analysis (index.ts
// corrections, lastPlain) are kept for the turn only; the catalogue's own texts stay kept.
import { describe, expect, it } from "vitest";
import type { ExampleSearch } from "../../src/search/examples.js";
import { servedSearchOfFile } from "../harness/served-search.js";

const { search } = servedSearchOfFile();

/** Messages of our own with made-up details, and typos the corrector reads ("khaai", "sinhh"). */
const MESSAGES = [
  "tôi tên Quỳnhxx muốn làm giấy khaai sinhh cho con, sđt 0912345678",
  "em Trươngg Khoaa hỏi đăng kýý kết hônn cần những gì",
];

const turnOver = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Kept {
  lastPlain: unknown;
  corrections: Map<string, unknown>;
  recent: Map<string, unknown>;
  examples: { known: Map<string, unknown> };
}

describe("the served search keeps nothing of a message once its turn is over", () => {
  it("features, typos corrected and the last analysis are forgotten; câu mẫu features stay", async () => {
    const served = search() as ExampleSearch & object;
    const kept = served as unknown as Kept;
    const examplesBefore = kept.examples.known.size;
    expect(examplesBefore).toBeGreaterThan(100);
    for (const message of MESSAGES) {
      await turnOver();
      served.searchUncached(message);
      // While the turn runs, the search has read it.
      expect(kept.corrections.size + (kept.lastPlain ? 1 : 0)).toBeGreaterThan(0);
      await turnOver();
      expect(kept.lastPlain).toBeUndefined();
      expect(kept.corrections.size).toBe(0);
      expect(kept.examples.known.has(message)).toBe(false);
    }
    expect(kept.examples.known.size).toBe(examplesBefore);
  });

  it("the outcomes cached for a turn's repeats are forgotten with it (the lead, after PERF's report)", async () => {
    const served = search() as ExampleSearch & object;
    const kept = served as unknown as Kept;
    for (const message of MESSAGES) {
      await turnOver();
      const first = served.search(message);
      // Asked again in the same turn: the very outcome, from the cache.
      expect(served.search(message)).toBe(first);
      expect([...kept.recent.keys()].some((key) => key.endsWith(message))).toBe(true);
      await turnOver();
      expect(kept.recent.size).toBe(0);
    }
  });
});
