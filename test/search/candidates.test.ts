import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { DEFAULT_TUNING, ProcedureSearch } from "../../src/search/index.js";
import { candidateTuning, RANKER_K } from "../../src/search/ranker.js";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../data");

// Messages written here from the records (not from eval/): the rules rank the record they tell below the re-ranker's
// first candidates; what the record says of its situations brings it in.
const TOLD: Array<[string, string]> = [
  // (The rules found "mất gpxd rồi giờ xin lại ở đâu" themselves once synonyms.json read "gpxd" as giấy phép xây dựng.)
  ["chồng tôi đang cải tạo không giam giữ, muốn đi viện tỉnh khác mổ mắt", "1.003677"],
  // (…and "… có ghi tên ba vô luôn" once "tên ba" read as the father's name: the husband said another way here.)
  ["chưa cưới mà sinh em bé, đi khai sinh cho bé có ghi tên ông xã vô luôn được hông", "1.000689"],
];

describe("candidates from the records' situations (Tuning.recall)", () => {
  it("brings the record a message's situation tells into the re-ranker's candidates, keeping the rules' first ones", async () => {
    const loaded = await loadCatalogue(DATA);
    if (!loaded.ok) throw new Error("bundled catalogue is invalid");
    const { procedures, synonyms, redirects } = loaded.catalogue;
    const base = candidateTuning(DEFAULT_TUNING);
    const without = new ProcedureSearch(procedures, synonyms, { ...base, recall: 0 }, redirects);
    const withRecall = new ProcedureSearch(procedures, synonyms, { ...base, recall: 2 }, redirects);
    for (const [text, code] of TOLD) {
      const before = without.searchUncached(text, RANKER_K).hits.map((h) => h.procedure.code);
      const after = withRecall.searchUncached(text, RANKER_K).hits.map((h) => h.procedure.code);
      expect(before, text).not.toContain(code);
      expect(after, text).toContain(code);
      expect(after.slice(0, RANKER_K - 2), text).toEqual(before.slice(0, RANKER_K - 2));
    }
  }, 120_000);
});
