/**
 * Session 38 (speed helper): the re-ranker's gram reading finds a message's known grams by id in a scratch kept between
 * messages (ranker.ts `GramModel.read`, `placeOf`), and each candidate's gram table is an open-addressed table of ids
 * (`IdSlots`), not a `Map`. Both are for speed alone: these tests hold what they could break, through the served search
 * over the bundled catalogue — a message reads the same whatever was read before it (the scratch is left clean), and
 * every candidate's table finds each gram the code has and no other (the very sums of the plain formulas). Messages
 * written for this file, not from eval/.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ExampleSearch } from "../../src/search/examples.js";
import { grams } from "../../src/search/ranker.js";
import { bundledCatalogue } from "../harness/common.js";
import { servedSearch } from "../harness/served-search.js";

let search: ExampleSearch;
let codes: string[];

// A hang guard, not a budget: the bundled catalogue's index takes seconds on a calm machine, minutes on a busy one.
beforeAll(async () => {
  search = (await servedSearch()).search as ExampleSearch;
  // Every code the catalogue has (the large tables of the common procedures and the small ones), and one it lacks.
  codes = [...new Set((await bundledCatalogue()).current().catalogue.procedures.map((p) => p.code)), "none", "x"];
}, 900_000);

const LETTERS = [
  "Chào anh chị, vợ chồng em mới sinh bé gái được hai tuần ở bệnh viện huyện. Hộ khẩu thường trú của em ở phường này nhưng hiện đang thuê trọ bên quận khác. Xin hỏi em làm giấy khai sinh cho bé ở đâu và cần mang theo giấy tờ gì?",
  "Bố tôi mất năm ngoái ở quê, giờ anh em chúng tôi muốn làm thủ tục thừa kế căn nhà. Phường có chứng thực văn bản thỏa thuận phân chia di sản không, và phí bao nhiêu?",
  "Toi muon dang ky ket hon voi ban gai nguoi Han Quoc, can nhung giay to gi a?",
  "khai sinh khai sinh khai sinh cho con con con",
  "zqxwv blorft 2027 đăng ký đăng ký tạm trú tạm trú",
  "Con trai em đi xuất khẩu lao động ở Nhật. Ngân hàng yêu cầu giấy xác nhận tình trạng hôn nhân của cháu, làm ở đâu?",
];

/** What a search answers, as the served outcome shows it (decision, section, sure, codes and scores in order). */
function outcomeOf(text: string) {
  const o = search.searchUncached(text);
  return [o.decision, o.intent, o.sectionOnly, o.sure, o.leads, o.hits.map((h) => [h.procedure.code, h.score])];
}

describe("the served search reads a message the same whatever it read before", () => {
  it("answers each letter alike alone, after the others, and again in the other order", () => {
    const alone = LETTERS.map((text) => outcomeOf(text));
    const after = LETTERS.map((text) => outcomeOf(text));
    const backwards = [...LETTERS]
      .reverse()
      .map((text) => outcomeOf(text))
      .reverse();
    expect(after).toEqual(alone);
    expect(backwards).toEqual(alone);
  });

  it("reads a letter's grams as the plain formula reads them, before and after the others", () => {
    const model = search.grams;
    expect(model).not.toBeNull();
    if (!model) return;
    for (const round of [1, 2])
      for (const text of [...LETTERS, ...LETTERS.slice().reverse()])
        expect(model.read(text), `${round}: ${text}`).toEqual(model.message(grams(text)));
  });
});

describe("every candidate's gram table finds the grams its code has and no other", () => {
  it("gives each code's very likelihood and centroid of the plain formulas for every letter", () => {
    const model = search.grams;
    expect(model).not.toBeNull();
    if (!model) return;
    let compared = 0;
    for (const text of LETTERS) {
      const g = grams(text);
      const read = model.read(text);
      const unit = model.unit(g);
      for (const code of codes) {
        const fit = model.fit(read, code);
        expect(fit.likelihood, `${code}: ${text}`).toBe(model.logLikelihood(g, code));
        expect(fit.centroid, `${code}: ${text}`).toBe(model.centroid(unit, code));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(LETTERS.length * 100);
  });
});
