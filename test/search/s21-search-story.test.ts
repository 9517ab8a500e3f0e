import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { Analyzer } from "../../src/search/analyzer.js";
import { ProcedureSearch } from "../../src/search/index.js";
import type { SynonymsFile } from "../../src/search/records.js";
import { BUNDLED_DATA } from "../harness/common.js";
import { type ServedSearch, servedSearch } from "../harness/served-search.js";

// Session 21 (SEARCH). Messages written here from the records and the classes of failure, not from eval/.
let served: ServedSearch;
/** The rules with the redirects, no câu mẫu and no re-ranker (as test/search/understanding reads them). */
let rules: ProcedureSearch;
beforeAll(async () => {
  served = await servedSearch();
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  const { procedures, synonyms, redirects } = result.catalogue;
  rules = new ProcedureSearch(procedures, synonyms, undefined, redirects);
}, 400_000);

const analyzer = new Analyzer(JSON.parse(readFileSync("data/synonyms.json", "utf8")) as SynonymsFile);
const reads = (q: string) => analyzer.query(q).words.map((w) => w.token);
const deaths = (q: string) => reads(q).filter((t) => t === "khaitu").length;

const codes = (q: string) => {
  const o = served.search.search(q);
  return o.decision === "none" ? [] : o.hits.slice(0, 3).map((h) => h.procedure.code);
};

describe("a relative's bare «mất» is a death to register when told as news", () => {
  it("reads the death when its clause tells when or where it came, lately", () => {
    for (const q of [
      "Ba em mất sáng nay ở nhà",
      "mẹ tôi mất tại bệnh viện tỉnh",
      "ông ngoại mất hôm qua",
      "chồng tôi mất đột ngột vì tai nạn giao thông hôm 12/11",
      "bố tôi mất được một tuần",
    ])
      expect(reads(q), q).toContain("khaitu");
  });

  it("not a death told years back, bare, or by its cause only: the background of what is asked (REVIEW s20 R1)", () => {
    for (const q of [
      "bố em mất năm 2023 không để lại di chúc, anh chị em thống nhất để lại cho em út",
      "mẹ tôi mất cách đây 3 năm có để lại mảnh đất",
      "ông mất từ hồi em còn nhỏ",
      "bố mẹ cháu tôi mất trong tai nạn, cháu 10 tuổi ở với tôi",
      "cháu 8 tuổi, bố mất, mẹ bỏ đi không rõ tung tích",
    ])
      expect(reads(q), q).not.toContain("khaitu");
  });

  it("nor a loss, a cost, a writer's own «mất», «mat» typed without accents, or a paper «mất rồi» (s19 S4)", () => {
    for (const q of [
      "bố em mất việc rồi",
      "mẹ mất ngủ mấy tháng nay",
      "làm giấy cho bố mất bao lâu",
      "em mất sáng nay cái ví",
      "bo em mat sang nay",
      "mẹ tôi đã mất giấy khai sinh",
      "sổ đỏ nhà em bị mất rồi",
      "à giấy mất rồi chứ không phải hỏng",
      "căn cước của em mất rồi",
    ])
      expect(reads(q), q).not.toContain("khaitu");
  });

  it("while a relative's «mất rồi» stays a death", () => {
    for (const q of ["bố mất rồi", "bố em mất rồi, giấy tờ để đâu"]) expect(reads(q), q).toContain("khaitu");
  });

  it("a death the message says otherwise too is read once: the paper asked weighs as much as before", () => {
    // "giấy chứng tử", "khai tử" say the death: the bare "mất" beside them adds no second one, which would weigh the
    // death's other records (funeral supports, the liên thông bundle) as much as the paper asked.
    for (const q of [
      "ông ngoại em mất tối qua ở nhà, gia đình đang lo tang lễ, làm giấy chứng tử cần gì",
      "khai tử cho mẹ mất tại bệnh viện hôm qua",
    ])
      expect(deaths(q), q).toBe(1);
    expect(deaths("bà nội em mất sáng nay ở nhà, giờ lên phường làm giấy gì")).toBe(1);
  });

  it("a death told as news is answered with its registration; one told as background is not", () => {
    expect(codes("bố em mất tối qua ở nhà, giờ lên phường làm giấy tờ cho bố cần mang gì")[0]).toBe("1.000656");
    const heirs =
      "Chào phường, em là con cả, bố em mất năm 2023 không để lại di chúc, mấy anh chị em đã thống nhất để lại toàn " +
      "bộ nhà đất cho em út, những người còn lại không nhận gì. Giấy tờ này làm ở phường thì cần ai có mặt ạ?";
    expect(codes(heirs)[0]).not.toBe("1.000656");
  });
});

describe("a rescue list is the re-ranker's guess, offered only where the gate does not doubt it as much", () => {
  // «trồng lúa ST25 …» got a rescue list again after the thirty-first session's split (the re-ranker and the gate
  // retrained on 1,700 more tuning messages, no code changed) and none again after the thirty-second's (F26, T31):
  // held by the models' figures, not by a rule. The second phrasing holds by a rule (below), tested apart.
  it("a question of fact sharing a record's words gets no list (rescue barely above its floor, gate half in doubt)", () => {
    expect(served.search.search("trồng lúa ST25 một sào được bao nhiêu kg").decision).toBe("none");
  });

  it("a question of what the assistant itself can do gets no list", () => {
    // Moved by the twenty-seventh session's split (no code changed): with the re-ranker and the gate retrained on the
    // new câu mẫu together, «bạn dịch được tiếng Hàn không» got the two translator records as a list. Refused again
    // since the twenty-eighth session: it asks what the assistant itself can do (ranker.ts `asksTheAssistant`), no
    // ward request the rescue guesses a list for, whatever the models' figures.
    expect(served.search.search("bạn dịch được tiếng Hàn không").decision).toBe("none");
  });

  it("a request the rules cannot read keeps its list", () => {
    const o = served.search.search("nhận chăm sóc một bé không phải họ hàng");
    expect(o.decision).toBe("choose");
    expect(o.hits.map((h) => h.procedure.code)).toContain("1.004941");
  });

  // Its first example («cháu sinh ra ở Đức, bố mẹ đều người Việt») is refused since the twenty-sixth session's split
  // (new câu mẫu, no code changed); the mechanism is shown on a weak guess the rescue still lists. Its second («cha tôi
  // là thương binh mất rồi, mẹ tôi có được hưởng gì không») is a sure list since the rescue reads the gate's doubt
  // (session 26: the gate finds it a ward request), so a weak guess of test/search/lookalike-probe.tsv showed it until
  // the thirty-eighth session's split: the re-ranker retrained on F32/T37 (no code of the rescue changed; its threshold
  // 0.500 → 0.548) refuses that one, so a weak guess of test/search/s11-search-probe1.tsv (a slip, «tạm chú») shows it.
  it("a list from a weak guess says so, for the conversation to weigh after an answer (s14-lookalikefix)", () => {
    const o = served.search.search("tạm chú của em hết hạn tháng sau, giờ xin thêm thế nào");
    expect(o.decision).toBe("choose");
    expect(o.rescued).toBe(true);
  });

  it("a list the rules made is no rescue", () => {
    const o = served.search.search("giấy phép bán lẻ rượu");
    expect(o.decision).not.toBe("none");
    expect(o.rescued).toBeUndefined();
  });
});

describe("another agency's paper whose number is written is a detail of the paper at hand (REVIEW s20 S3)", () => {
  it("a wrong ID number on a household-business certificate or a certified contract is that paper's correction", () => {
    expect(codes("giấy chứng nhận hộ kinh doanh ghi sai số căn cước của tôi, hiệu đính thế nào")[0]).toBe("1.014034");
    expect(rules.search("giấy chứng nhận hộ kinh doanh ghi nhầm số căn cước, sửa thế nào").decision).not.toBe("none");
  });

  it("while that agency's own code, book or meter reading stays its own (the rules hold the redirect)", () => {
    for (const q of [
      "mã số thuế của hộ kinh doanh tra ở đâu",
      "làm lại sổ bảo hiểm xã hội ở đâu",
      "bị ghi sai chỉ số công tơ điện thì khiếu nại ở đâu",
    ])
      expect(rules.search(q).decision, q).toBe("none");
  });
});

describe("a foreign element is what the message tells, not what an English câu mẫu suggests (REVIEW s20 S1, R2)", () => {
  it("a domestic event told in English stays the plain record", () => {
    expect(codes("Our daughter was born last week in Hanoi. Is there a fee for the birth registration?")[0]).toBe(
      "1.001193",
    );
  });

  it("a spouse's country after «lấy/cưới chồng/vợ» is foreign", () => {
    expect(reads("cưới vợ Nhật thì làm giấy kết hôn ở đâu")).toContain("nuocngoai");
    expect(codes("cưới vợ Nhật thì làm giấy kết hôn ở đâu")[0]).toBe("2.000806");
    expect(codes("đk kết hôn vs chồng hàn thì cần giấy tờ j")[0]).toBe("2.000806");
  });

  it("a family member working abroad is no foreign element of a birth at home", () => {
    expect(reads("chồng tôi đi làm bên Hàn, tôi ở nhà mới sinh bé")).not.toContain("nuocngoai");
    expect(codes("chồng tôi đi làm bên Hàn, tôi ở nhà mới sinh bé, làm giấy khai sinh cho bé cần gì")[0]).toBe(
      "1.001193",
    );
  });

  it("an English word that a country phrase would spell is read as typed («been» is no «bên»)", () => {
    expect(reads("we have been separated for two years")).toContain("been");
  });
});

describe("household-business changes in everyday words (REVIEW s19 S2, s20 S4)", () => {
  it("a shop moved or handed to another owner: the change of the registration", () => {
    for (const q of [
      "dời tiệm tạp hóa sang mặt bằng khác cùng phường thì giấy phép kinh doanh làm sao",
      "ba tôi muốn sang tên quán cho tôi đứng thì làm thủ tục gì",
    ])
      expect(codes(q)[0], q).toBe("2.000720");
  });

  it("a shop closed for a while, said by its span or by «tạm», is the pause; closed for good, the closing", () => {
    for (const q of [
      "tiệm may của chị nghỉ hè 2 tháng có cần báo phường không",
      "quan nuoc cua em tam nghi mot thoi gian thi bao o dau",
    ])
      expect(codes(q)[0], q).toBe("1.001570");
    expect(reads("tiệm may của chị nghỉ hè 2 tháng")).toEqual(expect.arrayContaining(["tam", "nghi", "kinh", "doanh"]));
    expect(codes("dẹp quán không bán nữa có phải báo phường không")[0]).toBe("1.001266");
    expect(reads("em xin nghỉ việc 3 tháng")).not.toContain("kinh");
  });
});
