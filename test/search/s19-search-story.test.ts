import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Analyzer } from "../../src/search/analyzer.js";
import type { ProcedureSearch } from "../../src/search/index.js";
import type { SynonymsFile } from "../../src/search/records.js";
import { outOfScope, SCOPE_MODEL } from "../../src/search/scope.js";
import { type ServedSearch, servedSearch } from "../harness/served-search.js";

// Session 19 (SEARCH): a relative's bare "mất" told with when, where or how is a death; everyday names of a birth at
// home, a shop closed for good, a household split, a stay of a few days, a wedding; an English "declaration" with its
// article is a paper, not the residence declaration; a rescue list (the model's guess where the rules find nothing) is
// taken away where the scope gate finds the message likelier out of scope than in.
let served: ServedSearch;
let search: ProcedureSearch;
const analyzer = new Analyzer(JSON.parse(readFileSync("data/synonyms.json", "utf8")) as SynonymsFile);
beforeAll(async () => {
  served = await servedSearch();
  search = served.search;
}, 400_000);

const codes = (q: string) => {
  const o = search.search(q);
  return o.decision === "none" ? [] : o.hits.slice(0, 3).map((h) => h.procedure.code);
};
const reads = (q: string) => analyzer.query(q).words.map((w) => w.token);

describe("a relative's bare 'mất' told with when, where or how is a death", () => {
  it("reads the death", () => {
    for (const q of [
      "Ba em mất sáng nay ở nhà",
      "mẹ tôi mất tại bệnh viện tỉnh",
      "anh tôi mất vì tai nạn",
      "ông ngoại mất hôm qua",
      "bố mất.",
    ])
      expect(reads(q), q).toContain("khaitu");
  });

  it("but not a loss, a cost, a writer's own 'mất', or 'mat' typed without accents", () => {
    for (const q of [
      "bố em mất việc rồi",
      "mẹ mất ngủ mấy tháng nay",
      "làm giấy cho bố mất bao lâu",
      "em mất sáng nay cái ví",
      "bo em mat sang nay",
      "mẹ tôi đã mất giấy khai sinh",
    ])
      expect(reads(q), q).not.toContain("khaitu");
  });

  it("a death told so is answered with its registration", () => {
    expect(codes("bố em mất tối qua ở nhà, giờ lên phường làm giấy tờ cho bố cần mang gì")[0]).toBe("1.000656");
  });
});

describe("everyday names of a life event", () => {
  it("a birth at home, a shop closed for good, a household split", () => {
    for (const [q, code] of [
      ["vợ đẻ ở nhà không có giấy chứng sinh thì làm giấy tờ cho con thế nào", "1.001193"],
      ["quán nước nhà e nghỉ bán hẳn r thì đi báo đâu", "1.001266"],
      ["dẹp quán không bán nữa có phải báo phường không", "1.001266"],
      ["vợ chồng em muốn ra riêng một sổ mà vẫn ở cùng nhà bố mẹ thì làm sao", "1.010038"],
    ] as const)
      expect(codes(q)[0], q).toBe(code);
  });
});

describe("an English declaration with its article is a paper, not the residence declaration", () => {
  it("a signature on a declaration certified is the signature record 2.000884", () => {
    for (const q of ["my signature on a declaration certified", "need a signed declaration certified by the ward"])
      expect(codes(q)[0], q).toBe("2.000884");
  });

  it("while a declaration of absence is still the absence record", () => {
    expect(codes("I need to make a declaration of temporary absence")[0]).toBe("1.003677");
  });
});

describe("a rescue list is taken away where the gate leans out of scope", () => {
  it("an other agency's permit the rules find nothing for gets no list", () => {
    const q = "thủ tục cấp phép bay flycam";
    if (!SCOPE_MODEL) throw new Error("no scope gate");
    expect(outOfScope(SCOPE_MODEL, q)).toBeGreaterThanOrEqual(0.5);
    expect(search.search(q).decision).toBe("none");
  });
});

describe("probe batches (served search)", () => {
  // Batch 1 was written from the records before measuring and tuned on; batch 2 was written before any change and
  // never tuned on. Served search at 67f0efc (its data) → this change: batch 1 top-1 20 → 23/35, top-3 22 → 25, out of
  // scope answered 1 = 1/14, listed 0 → 1; batch 2 17 → 20/28, 18 → 21, 1 = 1/10, 0 → 1 (the listed ones ask which
  // library is open or lends books: the assistant's small talk takes them, 230c4e9). Floors one below the figures
  // in scope, for the retrain on the next câu mẫu.
  it.each([
    { file: "test/search/s19-search-probe1.tsv", top1: 22, top3: 24, oosAnswered: 1, oosListed: 1 },
    { file: "test/search/s19-search-probe2.tsv", top1: 19, top3: 20, oosAnswered: 1, oosListed: 1 },
  ])("$file keeps to its floors", ({ file, top1, top3, oosAnswered, oosListed }) => {
    const acc = served.measure(file);
    const inScope = acc.inScope;
    expect(Math.round(acc.top1 * inScope), JSON.stringify(acc.misses)).toBeGreaterThanOrEqual(top1);
    expect(Math.round(acc.top3 * inScope)).toBeGreaterThanOrEqual(top3);
    expect(Math.round(acc.confidentWrong * acc.outOfScope)).toBeLessThanOrEqual(oosAnswered);
    expect(Math.round(acc.offers * acc.outOfScope)).toBeLessThanOrEqual(oosListed);
  });
});
