import { beforeAll, describe, expect, it } from "vitest";
import type { ProcedureSearch } from "../../src/search/index.js";
import { outOfScope, requestFeatures, SCOPE_MODEL, trainScope } from "../../src/search/scope.js";
import { servedSearch } from "../harness/served-search.js";

// Session 18 (OOS, SCOPE's files): the gate's lexicon reads the câu mẫu's adjacent pairs beside their words, so a
// request that names a ward compound made of everyday words ("sao y": "sao" of "làm sao", "y") counts a ward unit. A
// request that names nothing of the ward after a story that does still reads as the everyday question it is.
let search: ProcedureSearch;
beforeAll(async () => {
  search = (await servedSearch()).search;
}, 400_000);

describe("the lexicon's pairs", () => {
  it("a pair said in in-scope câu mẫu only is the ward's; one said in none mostly is other", () => {
    const docs = [
      { text: "sao y bằng đại học ở đâu", out: false },
      { text: "sao y giấy khai sinh", out: false },
      { text: "sao y học bạ bao nhiêu tiền", out: false },
      { text: "gần đây có quán phở nào ngon", out: true },
      { text: "chỗ nào gần đây bán điện thoại", out: true },
      { text: "giấy khai sinh làm ở đâu", out: false },
    ];
    const lexicon = trainScope(docs, { steps: 5 }).views[1]?.lexicon;
    expect(lexicon?.ward.split(" ")).toContain("sao_y");
    expect(lexicon?.other.split(" ")).toContain("gan_day");
    // a pair merely seen is not kept (only words are "known")
    expect(lexicon?.known.split(" ").some((w) => w.includes("_"))).toBe(false);
  });

  it("the request's ward count holds its ward pairs", () => {
    const kindOf = (w: string) => (w === "sao_y" ? "ward" : w.includes("_") ? "unknown" : "known");
    expect(requestFeatures("sao y bằng đại học ở đâu nhanh nhất", kindOf)).toContain("rw:1");
    expect(requestFeatures("bằng đại học ở đâu nhanh nhất", kindOf)).toContain("rw:0");
  });

  it("the served lexicon holds the ward's compounds of everyday words, and a recommendation's pairs as other", () => {
    const lexicon = SCOPE_MODEL?.views[1]?.lexicon;
    const ward = new Set(lexicon?.ward.split(" "));
    // «sao y» itself left the ward's pairs when F17 was split in (twenty-third session): three out-of-scope letters
    // of the tuning part tell it as background («đã sao y bằng ở phường, giờ … hợp pháp hóa lãnh sự»), 3 of 43 > 5%.
    // The requests below that ask it still keep their answer; «bản chính» stands for the ward's compounds here.
    expect(ward.has("ban_chinh")).toBe(true);
    // "khai sinh" is told in out-of-scope letters too (known, so not kept); "uy tín" is asked of a shop
    expect(ward.has("khai_sinh")).toBe(false);
    expect(lexicon?.other.split(" ")).toContain("uy_tin");
  });
});

describe("a ward compound asked with a recommendation's words keeps its answer", () => {
  it.each([
    // s17 probe batch 1's line, vetoed at P 0.98 by the T11 gate (a ward act asked "nhanh nhất gần đây")
    ["cho em hỏi sao y bản chính bằng đại học ở đâu nhanh nhất gần đây", "2.000815"],
    ["sao y giấy khai sinh chỗ nào nhanh gần chợ Bến Thành", "2.000815"],
  ])("%s → %s", (text, code) => {
    expect(outOfScope(SCOPE_MODEL as NonNullable<typeof SCOPE_MODEL>, text)).toBeLessThan(0.95);
    const outcome = search.search(text);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(code);
  });

  it.each([
    // a recommendation after a ward story, and a bank's card, still vetoed or never answered
    "Nhà tôi có sổ đỏ và đã đăng ký thường trú ở phường. Nay muốn làm thẻ tín dụng ở Vietcombank thì hạn mức bao nhiêu?",
    "quán phở nào ngon gần UBND phường Bến Nghé",
  ])("%s → no answer", (text) => {
    expect(search.search(text).decision).not.toBe("answer");
  });
});
