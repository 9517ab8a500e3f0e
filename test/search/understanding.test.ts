import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";
import { ProcedureSearch } from "../../src/search/index.js";
import { isVietnameseSyllable } from "../../src/search/spelling.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";

// Issue 11 item 3: how citizens really write. Every case goes through the search's public function.
let search: ProcedureSearch;
/** The same catalogue, told which requests other agencies handle (redirects.json). */
let withRedirects: ProcedureSearch;
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  search = new ProcedureSearch(result.catalogue.procedures, result.catalogue.synonyms);
  withRedirects = new ProcedureSearch(
    result.catalogue.procedures,
    result.catalogue.synonyms,
    undefined,
    result.catalogue.redirects,
  );
});

const BIRTH = "1.001193";
const DEATH = "1.000656";
const MARRIAGE = "1.000894";
const PERMANENT = "1.004222";
const TEMPORARY = "1.004194";
const top = (q: string) => search.search(q).hits[0]?.procedure.code;

describe("the typo corrector never rewrites a correctly spelled Vietnamese word", () => {
  it("reads 'trực tiếp' as in person, not as 'tiền'", () => {
    const outcome = search.search("nộp trực tiếp hồ sơ đăng ký khai sinh ở đâu");
    expect(outcome).toMatchObject({ decision: "answer", intent: "place" });
    expect(outcome.hits[0]?.procedure.code).toBe(BIRTH);
  });

  it.each(["tiếp", "tiêu", "thiên", "triển", "phối"])("'%s' is no fee cue", (word) => {
    expect(search.search(`đăng ký khai sinh ${word}`).intent).not.toBe("fee");
  });

  it("keeps 'thực hiện' and answers where birth registration is done", () => {
    const outcome = search.search("khai sinh thực hiện ở đâu");
    expect(outcome).toMatchObject({ decision: "answer", intent: "place" });
    expect(outcome.hits[0]?.procedure.code).toBe(BIRTH);
  });

  it("knows a Vietnamese syllable from a typo by its spelling", () => {
    for (const word of ["tiep", "tieu", "thien", "trien", "phoi", "thuc", "hien", "nghieng", "quyen", "giuong"]) {
      expect(isVietnameseSyllable(word), word).toBe(true);
    }
    for (const typo of ["sinhh", "chucc", "khaii", "dnag", "ktu"]) expect(isVietnameseSyllable(typo), typo).toBe(false);
  });

  it("still corrects real typos", () => {
    expect(top("dang ky khai sinhh")).toBe(BIRTH);
  });

  it("repairs a word beside its neighbour only where the typed accents fit the phrase as written", () => {
    // "hôm thứ" is no slip for "hôn thú" (a marriage), "thần" none for "thành", "mất" none for "máy", "đều" none for "để".
    expect(search.search("hôm thứ hai").decision).toBe("none");
    expect(top("mẹ tôi mất hôm thứ hai, khai tử cho mẹ ở đâu")).toBe(DEATH);
    expect(top("anh trai tôi bị tâm thần phân liệt, bố mẹ đều đã mất, tôi muốn đăng ký giám hộ cho anh")).toBe(
      "1.004837",
    );
    // A wrong tone on the word changed is still a slip: "cãi chính" is "cải chính".
    expect(top("cãi chính hộ tịch")).toBe("1.004859");
    expect(top("kết hôm cần j")).toBe(MARRIAGE);
  });
});

describe("cues", () => {
  it("respect accents when they are typed: tiền is a fee, tiện is not", () => {
    expect(search.search("khai sinh hết bao nhiêu tiền").intent).toBe("fee");
    expect(search.search("khai sinh het bao nhieu tien").intent).toBe("fee");
    expect(search.search("thủ tục khai sinh có thuận tiện không").intent).not.toBe("fee");
  });

  it.each([
    ["khai sinh cần hồ sơ gì", "documents"],
    ["kết hôn cần giấy tờ gì", "documents"],
    ["cơ quan nào thực hiện đăng ký khai tử", "place"],
    ["tạm trú nộp ở đâu", "place"],
    ["đăng ký thường trú cần điều kiện gì", "conditions"],
    ["điều kiện để đăng ký khai sinh", "conditions"],
  ])("%s → %s", (query, intent) => {
    const outcome = search.search(query);
    expect(outcome.intent).toBe(intent);
    expect(outcome.decision).toBe("answer");
  });

  it("a purpose clause after a cue still names the procedure", () => {
    expect(top("điều kiện để đăng ký khai sinh")).toBe(BIRTH);
  });
});

describe("framing words and place names are not content", () => {
  it("answers portal templates that wrap an official name in a frame and a city", () => {
    const death = search.search("Cơ quan nào thực hiện thủ tục Đăng ký khai tử (TP Hà Nội)?");
    expect(death).toMatchObject({ decision: "answer", intent: "place" });
    expect(death.hits[0]?.procedure.code).toBe(DEATH);
    const residence = search.search("Hồ sơ đăng ký thường trú gồm những gì tại phường Tân Định, Quận 1, Sài Gòn?");
    expect(residence).toMatchObject({ decision: "answer", intent: "documents" });
    expect(residence.hits[0]?.procedure.code).toBe(PERMANENT);
  });

  it("answers a 300-character letter that names its procedure as surely as the bare name", () => {
    const letter =
      "Tôi quê ở Nghệ An, vào làm công nhân tại tỉnh Bình Dương đã 03 năm, hiện đang thuê trọ cùng vợ con. " +
      "Cháu nhà tôi sắp vào lớp 1 nên nhà trường yêu cầu giấy tờ về cư trú. Xin hỏi thủ tục đăng ký tạm trú " +
      "cho cả gia đình theo quy định pháp luật hiện hành cần những giấy tờ gì?";
    expect(letter.length).toBeGreaterThan(250);
    const bare = search.search("đăng ký tạm trú cần giấy tờ gì");
    const long = search.search(letter);
    expect(long).toMatchObject({ decision: bare.decision, sure: bare.sure, intent: "documents" });
    expect(long.hits[0]?.procedure.code).toBe(TEMPORARY);
  });

  it("ignores letter filler around a bare name", () => {
    const outcome = search.search("Xin hỏi thủ tục đăng ký kết hôn theo quy định pháp luật hiện hành như thế nào?");
    expect(outcome).toMatchObject({ decision: "answer", intent: "steps" });
    expect(outcome.hits[0]?.procedure.code).toBe(MARRIAGE);
  });
});

describe("chat spellings, slips and everyday names", () => {
  it.each([
    ["đk khai sinh online đc ko", BIRTH, "online"],
    ["lệ phí kết hôn bn", MARRIAGE, "fee"],
    ["kết hôm cần j", MARRIAGE, "documents"],
    ["đăng ký tạm chú", TEMPORARY, "general"],
    ["khai xinh cho con", BIRTH, "general"],
    // Late registration: the procedure itself, or its legal deadline (a conditions cue).
    ["khai sinh quá hạn", BIRTH, ["general", "conditions"]],
    ["chuyển khẩu về nhà chồng", PERMANENT, "general"],
    ["cắt hộ khẩu cho bố đã mất", "1.003197", "general"],
    ["sao y giấy tờ", "2.000815", "general"],
    ["đăng ký lưu trú cho khách", "2.001159", "general"],
    ["xin giấy phép kd", "1.001612", "general"],
  ])("%s", (query, code, intent) => {
    const outcome = search.search(query);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(code);
    expect([intent].flat()).toContain(outcome.intent);
  });
});

describe("decisions", () => {
  it("never offers a 'which one?' list of one: a lone candidate is the answer", () => {
    // Every fourth message of the tuning part (5,263 of 21,051): the rule is the decision's own, whatever the
    // message; the whole part took 49 s of a whole-suite run and grows with every split.
    const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8")).filter(
      (_, i) => i % 4 === 0,
    );
    expect(queries.length).toBeGreaterThan(5000);
    for (const q of queries) {
      const outcome = search.search(q.query);
      if (outcome.decision === "choose") expect(outcome.hits.length, q.query).toBeGreaterThanOrEqual(2);
      if (!outcome.sure) expect(outcome.decision, q.query).toBe("answer");
    }
    const fee = search.search("phi chung thuc ban sao bao nhieu");
    expect(fee).toMatchObject({ decision: "answer", intent: "fee" });
    expect(fee.hits[0]?.procedure.code).toBe("2.000815");
    // A hang guard, not a budget: a loop over the whole tuning part (6,986 messages) ran 14–21 s quiet, 34–43 s loaded.
  }, 120_000);

  it("does not offer the disability certificate for a new ID card, nor anything for a passport", () => {
    const card = search.search("cấp lại CCCD");
    expect(card.hits.map((h) => h.procedure.code)).not.toContain("1.001699");
    expect(card.decision).toBe("none");
    expect(search.search("làm hộ chiếu").decision).toBe("none");
  });

  it.each([
    ["còn lệ phí thì sao?", "fee"],
    ["mất bao lâu", "time"],
    ["ở đâu vậy", "place"],
    ["nộp online đc ko", "online"],
    ["cần giấy tờ gì", "documents"],
  ])("'%s' asks only for a section (%s)", (query, intent) => {
    expect(search.search(query)).toMatchObject({ decision: "none", sectionOnly: true, intent });
  });

  it("a message that names a procedure is no section-only follow-up", () => {
    expect(search.search("lệ phí khai sinh")).toMatchObject({ decision: "answer", sectionOnly: false });
    expect(search.search("lệ phí làm hộ chiếu").sectionOnly).toBe(false);
  });
});

describe("quality on the eval tuning part (never the held-out part)", () => {
  // Floors against regressions, not targets. The part grew on 2 December 2026 by fresh messages and messages for
  // rarely asked procedures (m1762–m3110), never tuned on before they were added: 0.961 → 0.903 top-1 then; and in
  // the seventh session by 1,328 messages that describe a situation instead of naming the procedure (m3111–m4438):
  // the rules alone 0.879 top-1, 0.951 top-3, long 0.837 then; and in the eighth session by 405 more such training
  // phrasings (T2, m5049–m5723, never tuned on before they were added: 0.792 top-1 served at the session's start): the
  // rules alone 0.857 top-1, 0.940 top-3, intent 0.929, long 0.829 then; and in the ninth session by T4's 250 (letters
  // telling a situation without the official name, look-alike details; 0.843 top-1 served at the session's start):
  // the rules alone 0.848 top-1, long 0.800 then; and in the eleventh session by T6's 421 (a letter per procedure
  // whose situation names it without its name, a look-alike detail, English or a portal template; 0.835 top-1 and
  // letters 0.733 served at the session's start): the rules alone 0.848 top-1, 0.939 top-3, long 0.772 then; and in
  // the twelfth session by F6's 616 and T7's 421 (a situation without the procedure's name, the detail that separates
  // it from its look-alike, a letter or English; 0.801 top-1 served at the session's start): the rules alone 0.837
  // top-1, 0.934 top-3, long 0.765 then.
  it("keeps top-1 ≥ 0.83, top-3 ≥ 0.93, intent ≥ 0.92 and long letters ≥ 0.76", async () => {
    const result = await loadCatalogue(BUNDLED_DATA);
    if (!result.ok) throw new Error("bundled catalogue is invalid");
    const known = new Set(result.catalogue.procedures.map((p) => p.code));
    const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
    const accuracy = measureAccuracy(search, queries, known);
    expect(accuracy.inScope).toBeGreaterThan(300);
    expect(accuracy.top1).toBeGreaterThanOrEqual(0.83);
    expect(accuracy.top3).toBeGreaterThanOrEqual(0.93);
    expect(accuracy.intent).toBeGreaterThanOrEqual(0.92);
    expect(accuracy.long.top1).toBeGreaterThanOrEqual(0.76);
    // A hang guard, not a budget: a loop over the whole tuning part (6,986 messages) ran 14–21 s quiet, 34–43 s loaded.
  }, 120_000);
});

describe("requests other agencies handle (redirects.json) are no confident answer", () => {
  it.each([
    "ly hôn",
    "nộp đơn ly hôn ở đâu",
    "phí công chứng hợp đồng mua bán căn hộ ở văn phòng công chứng",
    "how do I get health insurance card",
    "Chồng tôi là người Nhật, chúng tôi đã đăng ký kết hôn ở Việt Nam. Xin hỏi anh ấy xin thẻ tạm trú ở đâu?",
  ])("%s", (query) => {
    expect(withRedirects.search(query).decision).not.toBe("answer");
  });

  it.each([
    ["ghi chú ly hôn đã giải quyết ở nước ngoài", "2.000554"],
    ["chứng thực di chúc", "2.001019"],
    ["chứng thực bản sao có cần mang theo căn cước không", "2.000815"],
    ["người lớn chưa có giấy khai sinh nhưng có cccd thì đăng ký khai sinh ở đâu", "1.004772"],
    ["xét công nhận hộ cận nghèo để được hỗ trợ bảo hiểm y tế", "1.011606"],
  ])("but the ward's own procedure that says it still answers: %s", (query, code) => {
    const outcome = withRedirects.search(query);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(code);
  });

  it("only when told: without redirects the bare name finds the ward's look-alike", () => {
    expect(search.search("ly hôn").hits[0]?.procedure.code).toBe("2.000554");
  });
});

describe("a word the catalogue only writes beside one partner", () => {
  it("is another word without it: 'mai' (tomorrow) is no 'mai táng'", () => {
    expect(search.search("mai mình đi").decision).toBe("none");
    expect(search.search("ok để mai mình đi làm").decision).toBe("none");
  });

  it("still counts beside its partner", () => {
    expect(top("xin hỗ trợ mai táng cho người hưởng trợ cấp xã hội")).toBe("1.001731");
    expect(top("trợ cấp thờ cúng liệt sĩ")).toBe("1.010803");
  });
});

describe("generic paperwork words and whole names", () => {
  it.each(["xin giấy xác nhận", "cấp giấy tờ", "thủ tục đăng ký cần hồ sơ gì"])(
    "only paperwork words name no procedure: %s",
    (query) => {
      expect(search.search(query).decision).toBe("none");
    },
  );

  it("a generic word the record's name says does not outvote the named procedure", () => {
    // "giấy tờ" is in the name of the late registration for people who already have papers.
    expect(top("làm giấy tờ khai sinh cho con mới sinh ở đâu")).toBe(BIRTH);
  });

  it("a name said whole among details is answered with a way out, not dropped", () => {
    const rename = search.search("đổi tên cho cháu đang học lớp hai");
    expect(rename.decision).toBe("answer");
    expect(rename.hits[0]?.procedure.code).toBe("1.004859");
    const split = search.search("tách hộ cho con trai đã lập gia đình riêng");
    expect(split.decision).toBe("answer");
    expect(split.hits[0]?.procedure.code).toBe("1.010038");
  });

  it("a name's words scattered over a letter's sentences do not name it", () => {
    // "mất", "giấy" and "kinh doanh" in three sentences are no "mất giấy đăng ký kinh doanh" (a re-issue).
    const letter =
      "Năm ngoái tôi mất việc ở công ty. Nay tôi muốn mở quán cơm nhỏ, doanh thu không nhiều, nghe nói phải đăng ký hộ kinh doanh. " +
      "Xin hỏi hồ sơ gồm những gì và bao lâu thì có giấy?";
    expect(top(letter)).toBe("1.001612");
  });

  it("in a message typed with accents, a word typed without any is meant as written", () => {
    // "công ty may" is a garment firm: "may" must not become "mất" beside "được mấy".
    const outcome = search.search("tôi làm công ty may được mấy năm, giờ muốn đăng ký hộ kinh doanh");
    expect(outcome.hits[0]?.procedure.code).toBe("1.001612");
  });
});

describe("English and everyday words", () => {
  it("reads an English message past its function words ('split the household registration')", () => {
    const outcome = search.search("I want to split the household registration of my family");
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("1.010038");
  });

  it("knows English words for the catalogue's things (licence, cigarettes)", () => {
    const outcome = search.search("where do I get a licence to sell cigarettes");
    expect(outcome.decision).not.toBe("none");
    expect(outcome.hits[0]?.procedure.code).toBe("2.000181");
  });

  it("'died at home' is a death registration, not the mobile one; 'khai tử tại nhà' is", () => {
    expect(top("bà tôi đã mất tại nhà tối qua, làm giấy chứng tử ở đâu")).toBe(DEATH);
    expect(top("my grandmother died at home, how do I register her death")).toBe(DEATH);
    expect(top("đăng ký khai tử tại nhà cho người già yếu")).toBe("1.000419");
  });

  // Each English word below is vocabulary of data/synonyms.json mapped to the records' Vietnamese words.
  it.each([
    ["How do I get the security and order certificate of my guesthouse reissued?", "3.000245"],
    ["register a new motorbike bought this week", "1.012575"],
    ["who recognises a newly elected mediator?", "1.002211"],
    ["I want to withdraw my household business application", "1.014035"],
    ["how do I suspend my household business for 3 months", "1.001570"],
    ["our badminton club wants official recognition", "2.000794"],
    ["we want to re-register our marriage with a foreigner, the certificate was lost", "2.000513"],
    ["my tobacco retail licence is expiring", "2.000150"],
  ])("knows the English words of the records' concepts: %s", (message, code) => {
    const outcome = search.search(message);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(code);
  });

  it("passes over English everyday words and family words ('my aunt runs a small shelter for old people')", () => {
    const outcome = search.search("my aunt runs a small shelter for old people, how does she register it?");
    expect(outcome.decision).not.toBe("none");
    expect(outcome.hits[0]?.procedure.code).toBe("2.000355");
  });

  it("a nationality ('quốc tịch Pháp', 'quốc tịch Đức') is a foreign element; a trip abroad ('đi công tác ở nước ngoài') is none", () => {
    expect(top("chấm dứt giám hộ cho cháu quốc tịch Pháp")).toBe("2.000756");
    expect(top("vợ tôi quốc tịch Đức, con sinh ở Đà Nẵng, khai sinh cho con cần gì")).toBe("2.000528");
    expect(top("chồng đang đi công tác ở nước ngoài, tôi làm giấy khai sinh cho con ở phường được không")).toBe(BIRTH);
  });

  it("a flood or a fire said in everyday words ('nước lũ cuốn', 'hỏa hoạn') is the emergency funeral support's disaster", () => {
    expect(top("anh tôi chết do nước lũ cuốn, gia đình xin hỗ trợ mai táng ở đâu")).toBe("2.000744");
    expect(top("bố tôi mất trong vụ hỏa hoạn, nhà có được hỗ trợ mai táng không")).toBe("2.000744");
  });
});

describe("what other agencies and other things hold back", () => {
  it.each([
    "khiếu nại tiền điện tháng này tăng gấp đôi",
    "đăng ký thành lập công ty cổ phần cần gì",
    "mua bảo hiểm xe máy ở phường được không",
  ])("no answer when the message asks for a thing no record has: %s", (query) => {
    expect(search.search(query).decision).not.toBe("answer");
  });

  it("'thue nha' typed without accents is renting, not tax", () => {
    const outcome = search.search("dang ky tam tru cho nguoi thue nha");
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(TEMPORARY);
  });
});

describe("the paper a certified copy is asked of", () => {
  it.each([
    "sao y giấy khai sinh và bằng tốt nghiệp mất bao nhiêu tiền",
    "photo công chứng giấy kết hôn",
    "sao y hộ chiếu",
  ])("is the copy, not the paper's own procedure nor another agency's: %s", (query) => {
    const outcome = withRedirects.search(query);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("2.000815");
  });

  it("a named thing in a purpose clause is why, not what: the bank asking for a paper", () => {
    const outcome = withRedirects.search(
      "Tôi chuẩn bị vay ngân hàng để mua nhà, ngân hàng yêu cầu phải có giấy xác nhận độc thân. Xin hỏi tôi xin ở đâu?",
    );
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("1.004873");
  });
});

describe("slips and single words", () => {
  it.each(["chiều nay có mưa to không", "có mưa không ad"])(
    "a filler word's neighbour is no slip, and one word is no name: %s",
    (query) => {
      expect(search.search(query).decision).not.toBe("answer");
    },
  );

  it("still repairs a slip beside a word that is no filler", () => {
    expect(top("kết hôm cần j")).toBe(MARRIAGE);
    expect(top("tạm chú cho sinh viên")).toBe(TEMPORARY);
  });
});

describe("a concept the synonyms put in is never eaten by the filler", () => {
  it("keeps 'tố cáo' for 'denounce' though 'to' is English filler", () => {
    expect(top("I want to denounce a commune officer for taking bribes")).toBe("2.002396");
  });

  it("keeps rice land whole though 'trong' is filler", () => {
    expect(top("chuyển ruộng lúa sang trồng cây ăn quả có phải xin phép không")).toBe("1.008004");
  });
});

describe("another agency's term typed with accents must carry its accents", () => {
  it("'thuê mặt bằng' (rent) is no 'thuế' (tax): the business registration is answered", () => {
    const outcome = withRedirects.search("đăng ký hộ kinh doanh thì cần có hợp đồng thuê mặt bằng không");
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("1.001612");
  });

  it("a tax number is still another agency's, with or without accents", () => {
    expect(withRedirects.search("đăng ký mã số thuế cá nhân ở đâu").decision).not.toBe("answer");
    expect(withRedirects.search("dang ky ma so thue ca nhan o dau").decision).not.toBe("answer");
  });
});

describe("out of scope on the eval tuning part (never the held-out part), told the redirects", () => {
  // 11 of 523 (2.1%) since the eighth session added T2's out-of-scope letters full of ward words (7 of its 40 were
  // answered at the session's start): the floor moved from 2% to 2.5% with them. The eleventh session split in T5's
  // 40 out-of-scope letters and F5's (98 more in this part, many of them letters full of ward words that ask another
  // agency): 26 of 742 (3.5%) were answered; the session's out-of-scope work brought it to 23 (3.1%), and T6's 24
  // out-of-scope letters in this part (never tuned on) add 5: 28 of 766 (3.7%). The twelfth session split in F6 (86
  // more out-of-scope lines here, unseen until then): 33 of 852 (3.9%); and T7 (22 more, out-of-scope letters full of
  // ward words and chat in everyday words close to the catalogue, never tuned on): 38 of 874 (4.3%). The sixteenth
  // session split in T10 (166 everyday out-of-scope requests in about a hundred topics): the rules alone offer a list
  // to 3.2% (the served search's out-of-scope gate and the assistant's request frames hold most of those back), so the
  // offers floor moved from 3% to 3.5%. The seventeenth session split in F11 (76 more out-of-scope lines here, unseen
  // until then, 60 of them letters full of ward words): the rules alone answer 67 of 1,406 (4.8%), so the answers floor
  // moved from 4.4% to 5% (the served search's gate is measured in s15-scope.test.ts and by the bench). Then T11 (116
  // more, written to be hard: letters full of ward words that ask another agency, requests for a good shop or lawyer
  // near the ward, English): 82 of 1,512 (5.4%) answered and 3.7% offered a list, so 6% and 4%. The eighteenth
  // session split in F12 (72 more out-of-scope lines here, unseen until then, most of them letters full of ward words):
  // the rules alone offer a list to 64 of 1,547 (4.1%), so the offers floor moved to 4.5%. Then T12 (70 more here,
  // written to be hard like T11's): the rules alone answer 6.1%, so the answers floor moved to 6.5% (the served
  // search's gate and the assistant's request frames are measured by s15-scope.test.ts and the bench). The nineteenth
  // session split in F13 (unseen until then): the rules alone offer a list to 4.6%, so the offers floor moved to 5%;
  // then T13 (79 more here, written to be hard: letters full of ward words, trivia in the records' words, thanks
  // closing another agency's request): the rules alone answer 6.7%, so the answers floor moved to 7%. The twentieth
  // session split in F14 and T14 (T14's 133 out-of-scope lines written to be hard: letters full of ward words that ask
  // another agency, trivia and opinions in the records' words, thanks closing another agency's request): the rules
  // alone answer 7.5%, so 7.6% (the whole assistant is measured by the bench and the held-out conversations). The
  // twenty-first session split in the fresh set F15 (74 more out-of-scope lines here, unseen until then): the rules alone
  // offer a list to 5.27%, so the offers floor moved from 5% to 5.3%. Then SEARCH read «lấy chồng Nhật» as foreign (REVIEW
  // s20 R2): one letter asking where to register a birth in Japan went from a confident wrong answer (the plain birth
  // registration) to a list with its foreign-element twin, answers 150 → 149 (7.48%), offers 105 → 106 of 1,991 (5.32%),
  // so 5.35% (the lead's OK, 11:45). The twenty-second session split in F16 and T15 (169 more out-of-scope lines, 2,160
  // in all, unseen until then; T15's were written to be hard: letters full of ward words that ask another agency): the
  // rules alone answer 174 (8.06%) and offer a list to 123 (5.69%), so the floors moved to 8.1% and 5.7%; what the
  // citizen gets is the whole assistant's reply (redirects, small talk, the scope gate), measured by the bench. The
  // twenty-third session split in F17 (62 more out-of-scope lines here, 2,222 in all, unseen until then; many letters
  // full of ward words): the rules alone answer 183 (8.24%) with no code changed, so the answers floor moved to 8.3%.
  // The twenty-fourth session split in F18 and T19 (169 more out-of-scope lines here, 2,391 in all, unseen until
  // then; T19's written to be hard: letters full of ward words that ask another agency): the rules alone answer 203
  // (8.49%) with no code changed, so the answers floor moved to 8.5%. The twenty-fifth session split in F19 and T24
  // (160 more out-of-scope lines here, 2,551 in all, unseen until then; T24's mostly long letters full of ward words):
  // the rules alone answer 231 (9.06%) with no code changed, so the answers floor moved to 9.1%. The twenty-sixth
  // session split in F20 and T25 (168 more out-of-scope lines, T25's mostly letters full of ward words that ask
  // another agency; 24 of them answered by the rules alone): 255 of 2,719 (9.38%) with no code changed, so 9.4%. The
  // twenty-seventh split in F21 and T26 (178 more, 27 of them answered by the rules alone): 282 of 2,897 (9.73%) with
  // no code changed, so 9.8%. The twenty-eighth split in F22 and T27 (145 more, 26 of them answered by the rules
  // alone): 308 of 3,042 (10.12%) with no code changed, so 10.2%.
  it("answers at most 10.2% of out-of-scope messages and offers a list for at most 5.7%", async () => {
    const result = await loadCatalogue(BUNDLED_DATA);
    if (!result.ok) throw new Error("bundled catalogue is invalid");
    const known = new Set(result.catalogue.procedures.map((p) => p.code));
    const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
    const accuracy = measureAccuracy(withRedirects, queries, known);
    expect(accuracy.outOfScope).toBeGreaterThan(100);
    expect(accuracy.confidentWrong).toBeLessThanOrEqual(0.102);
    expect(accuracy.offers).toBeLessThanOrEqual(0.057);
    // A hang guard, not a budget: a loop over the whole tuning part (6,986 messages) ran 14–21 s quiet, 34–43 s loaded.
  }, 120_000);
});

describe("a foreigner in the message", () => {
  it("brings the foreign-element twin up beside the plain procedure", () => {
    const outcome = search.search(
      "Chồng tôi là người Nhật, hai vợ chồng đã đăng ký kết hôn ở Hà Nội năm ngoái. Tháng trước tôi sinh con ở bệnh viện. " +
        "Xin hỏi làm giấy khai sinh cho con ở đâu?",
    );
    expect(outcome.hits.slice(0, 2).map((h) => h.procedure.code)).toContain("2.000528");
  });

  it("a parent working abroad is no foreign element: the plain registration comes first", () => {
    expect(top("chồng em đang đi công tác ở nước ngoài, em muốn làm giấy khai sinh cho con")).toBe(BIRTH);
  });
});

describe("a letter whose question asks for another agency's service", () => {
  it("is not answered with the ward record its question also touches (the place it names)", () => {
    const outcome = withRedirects.search(
      "Tôi làm thợ may ở Đồng Nai 5 năm, tháng trước công ty cho nghỉ việc. Cho hỏi tôi muốn hưởng trợ cấp thất nghiệp thì nộp hồ sơ ở đâu, phường nơi tôi đăng ký thường trú có giải quyết không?",
    );
    expect(outcome.decision).not.toBe("answer");
  });

  it("is not answered when the act it asks about was done by that agency", () => {
    const outcome = withRedirects.search(
      "Tôi mua nhà, hợp đồng đặt cọc làm tại phòng công chứng số 2. Nay hai bên muốn hủy hợp đồng này thì làm ở đâu, có phải về phòng công chứng đó không?",
    );
    expect(outcome.decision).not.toBe("answer");
  });

  it("still answers when the other agency only says when ('trước khi khởi kiện ra tòa')", () => {
    const outcome = withRedirects.search(
      "Nhà tôi tranh chấp ranh giới đất với hàng xóm đã lâu. Trước khi khởi kiện ra tòa, tôi có phải hòa giải tranh chấp đất đai ở ủy ban xã không?",
    );
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("1.012812");
  });
});

describe("a letter names what it asks in its question", () => {
  it("answers the procedure its question names whole, over records the story's words name", () => {
    const outcome = search.search(
      "Bố em mất ở bệnh viện huyện tuần trước, bệnh viện đã cấp giấy báo tử. Giờ em muốn làm khai tử cho bố nhưng hộ khẩu của bố ở quê còn em ở thành phố, em có thể khai tử ở phường em đang ở không ạ?",
    );
    expect(outcome.hits[0]?.procedure.code).toBe(DEATH);
  });
});

describe("a word typed with accents says a title's word only as that title spells it", () => {
  it("'khai sinh lại' is the re-registration, not the alias 'khai sinh cho con lai'", () => {
    const outcome = search.search("đăng ký khai sinh lại cho con thì cần giấy tờ gì");
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("1.004884");
  });
});
