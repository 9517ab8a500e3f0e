import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { DEFAULT_TUNING, ProcedureSearch } from "../../src/search/index.js";
import { deniedMask } from "../../src/search/negation.js";
import { textWords } from "../../src/search/normalize.js";
import type { SynonymsFile } from "../../src/search/records.js";
import { BUNDLED_DATA } from "../harness/common.js";

// Session 6 mechanisms of the search (SEARCH-2): negation, look-alikes told apart by the story.
// Messages here are written for these tests, not taken from eval/.
let procedures: Procedure[];
let synonyms: SynonymsFile;
let search: ProcedureSearch<Procedure>;
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  procedures = result.catalogue.procedures;
  synonyms = result.catalogue.synonyms;
  search = new ProcedureSearch(procedures, synonyms, undefined, result.catalogue.redirects);
});

const codes = (text: string, s: ProcedureSearch<Procedure> = search) =>
  s.search(text).hits.map((h) => h.procedure.code);

/** The words a message denies, as typed. */
function denied(text: string): string[] {
  const said = textWords(text);
  const mask = deniedMask(said);
  return said.filter((_, k) => mask[k]).map((w) => w.token);
}

describe("negation (negation.ts)", () => {
  it("denies what follows không / chẳng up to the end of the clause", () => {
    expect(denied("chúng tôi không nhận làm con nuôi, chỉ nuôi giúp")).toEqual(["nhan", "lam", "con", "nuoi"]);
    expect(denied("nhà tôi chẳng thay đổi gì cả")).toEqual(["thay", "doi", "gi", "ca"]);
    expect(denied("không làm nhà hay xây dựng gì")).toEqual(["lam", "nha", "hay", "xay", "dung"]);
  });

  it("stops at a conjunction or a preposition", () => {
    expect(denied("không phải họ hàng nhưng thân như ruột thịt")).toEqual(["phai", "ho", "hang"]);
    expect(denied("cụ ông không nơi nương tựa ở trong xóm")).toEqual(["noi", "nuong", "tua"]);
  });

  it("leaves the question particle, not knowing and a deed not yet done alone", () => {
    expect(denied("làm giấy độc thân có mất tiền không")).toEqual([]);
    expect(denied("được hỗ trợ không nộp hồ sơ ở đâu")).toEqual([]);
    expect(denied("tôi không biết làm khai sinh ở đâu")).toEqual([]);
    expect(denied("con tôi chưa làm giấy khai sinh")).toEqual([]);
    expect(denied("vợ chồng tôi chưa muốn nhận con nuôi")).toEqual(["muon", "nhan", "con", "nuoi"]);
  });

  it("reads a bare «cha» as the father, not «chả», where the message has accents or says whose father (s29)", () => {
    expect(denied("Cha tôi là Việt kiều, mất năm 2010")).toEqual([]);
    expect(denied("Cha cháu là người Hàn")).toEqual([]);
    expect(denied("cha toi mat nam 2010")).toEqual([]);
    expect(denied("bố chả có giấy tờ gì")).toEqual(["co", "giay", "to", "gi"]);
    expect(denied("bo cha co giay to gi")).toEqual(["co", "giay", "to", "gi"]);
  });

  it("a denied procedure name no longer names the record; the same denial in a title still meets it", () => {
    const text = "nhà tôi muốn đón một bé bị bỏ rơi về chăm sóc, không nhận làm con nuôi, phải đăng ký gì";
    const [first] = codes(text);
    // Substitute care by a non-relative: its alias says "không phải con nuôi" as the message does.
    expect(first).toBe("1.004941");
    expect(codes(text)).not.toContain("2.001263");
    // Said plainly, the same words are an adoption.
    expect(codes("nhà tôi muốn đón một bé bị bỏ rơi về nhận làm con nuôi, phải đăng ký gì")[0]).toBe("2.001263");
  });
});

describe("look-alikes told apart by the situation the story tells", () => {
  const story =
    "Ông tôi mất năm 1999, gia đình có làm giấy chứng tử ở xã. Giấy đó nay thất lạc, xã cũng báo sổ hộ tịch năm ấy bị mất. Giờ cần giấy chứng tử để chia đất thì làm sao?";

  it("the re-registration whose applicants say the register is lost gains over the plain death registration", () => {
    const scoreOf = (s: ProcedureSearch<Procedure>, code: string) =>
      s.search(story, 10).hits.find((h) => h.procedure.code === code)?.score ?? 0;
    const without = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, evidence: 0 });
    const gapWith = scoreOf(search, "1.000656") - scoreOf(search, "1.005461");
    const gapWithout = scoreOf(without, "1.000656") - scoreOf(without, "1.005461");
    expect(gapWith).toBeLessThan(gapWithout);
    expect(codes(story).slice(0, 2)).toContain("1.005461");
  });

  it("words of damage mean the paper is to be issued again ('bị ướt nát', 'thất lạc')", () => {
    const text =
      "Tiệm may của tôi đã có giấy phép bán lẻ rượu từ năm 2022. Mùa mưa năm nay nhà dột, giấy phép bị ướt nát hết. Tôi cần làm gì với giấy phép bán lẻ rượu?";
    expect(codes(text)[0]).toBe("2.001240");
  });

  it("records whose names differ more are not weighed against each other this way", () => {
    // A plain request with nothing distinctive in it keeps the plain procedure first.
    expect(codes("đăng ký kết hôn cần những giấy tờ gì")[0]).toBe("1.000894");
  });
});

describe("a record made of several procedures, named by its parts", () => {
  const scoreOf = (s: ProcedureSearch<Procedure>, text: string, code: string) =>
    s.search(text, 10).hits.find((h) => h.procedure.code === code)?.score ?? 0;

  it("gains when two of its parts are named, by their words or by the name of the record each part is", () => {
    const without = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, bundle: 0 });
    const within = new ProcedureSearch(procedures, synonyms);
    // "cắt hộ khẩu" is an alias of Xóa đăng ký thường trú, a part of the liên thông khai tử bundle.
    const both = "vừa khai tử cho bà vừa cắt hộ khẩu cho bà một thể thì làm sao";
    expect(scoreOf(within, both, "2.002913") - scoreOf(without, both, "2.002913")).toBeCloseTo(
      DEFAULT_TUNING.bundle,
      5,
    );
    expect(codes(both).slice(0, 2)).toContain("2.002913");
    const birthAndResidence = "khai sinh và nhập hộ khẩu cho cháu mới sinh một lần cho xong";
    expect(scoreOf(within, birthAndResidence, "3.000722")).toBeGreaterThan(
      scoreOf(without, birthAndResidence, "3.000722"),
    );
  });

  it("gains nothing from one part alone: the plain procedure stays first", () => {
    const without = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, bundle: 0 });
    const within = new ProcedureSearch(procedures, synonyms);
    const one = "làm giấy khai sinh cho cháu nội mới sinh";
    expect(scoreOf(within, one, "3.000722")).toBeCloseTo(scoreOf(without, one, "3.000722"), 5);
    expect(codes(one)[0]).toBe("1.001193");
  });
});

describe("negation read after synonyms", () => {
  it("a negator inside a synonym term is no denial: 'không muốn nhận' is refusing", () => {
    // No word of the name ("từ chối", "di sản") is said: the refusal is said as a denial.
    expect(codes("mấy anh em tôi không muốn nhận phần thừa kế, làm văn bản ở xã được không")[0]).toBe("2.001016");
    expect(codes("tôi không muốn nhận phần đất bố để lại, làm giấy ở xã được không")[0]).toBe("2.001016");
  });

  it("a named thing counts as one word of the denial's reach", () => {
    // "giấy chứng nhận quyền sử dụng đất" is one synonym concept: the denial covers it whole, and stops at "nhưng".
    expect(denied("không phải con nuôi nhưng muốn chăm sóc")).toEqual(["phai", "con", "nuoi"]);
  });
});

describe("everyday names in the synonym file", () => {
  it("a religion named (Tin Lành, Công giáo) is the religious group of the catalogue's names", () => {
    expect(codes("nhóm Tin Lành ở thôn muốn đổi người đại diện thì đăng ký thế nào")[0]).toBe("1.012585");
  });

  it("'hết hiệu lực' is an expiry, as 'hết hạn'", () => {
    expect(codes("giấy phép xây nhà sắp hết hiệu lực mà chưa khởi công thì làm gì")[0]).toBe("1.013227");
  });
});

describe("evidence from a record's own applicants and conditions (synthetic records)", () => {
  const record = (code: string, name: string, extra: { applicants?: string; conditions?: string[] } = {}) => ({
    code,
    name,
    aliases: [],
    field: "Thủy sản",
    level: "Cấp xã",
    ...extra,
  });
  const none: SynonymsFile = { groups: [], filler: ["tôi", "xin", "hỏi", "thì", "làm", "gì", "phải", "năm"] };
  const story =
    "Tôi có giấy phép nuôi ong từ năm 2020. Trận lũ vừa rồi cuốn trôi tủ giấy tờ nên giấy phép nuôi ong bị thất lạc. Xin hỏi thì phải làm gì với giấy phép nuôi ong?";

  it("a condition the story meets lifts the look-alike it belongs to", () => {
    const plain = record("9.000001", "Cấp giấy phép nuôi ong");
    const again = record("9.000002", "Cấp lại giấy phép nuôi ong", {
      conditions: ["Giấy phép bị thất lạc hoặc hư hỏng do thiên tai"],
    });
    // Another record writes "bị thất lạc" too, so the pair is a word of the catalogue.
    const other = record("9.000003", "Cấp lại thẻ hội viên", { conditions: ["Thẻ bị thất lạc"] });
    const s = new ProcedureSearch([plain, again, other], none);
    expect(s.search(story).hits[0]?.procedure.code).toBe("9.000002");
    const blind = new ProcedureSearch([plain, { ...again, conditions: [] }, other], none);
    expect(blind.search(story).hits[0]?.procedure.code).toBe("9.000001");
  });
});

describe("a question that points back to the story ('giấy đó')", () => {
  const story =
    "Con tôi sắp sang Úc làm việc, bên tuyển dụng đòi giấy chứng nhận không có án tích. Cháu có hộ khẩu ở phường này nhưng đang tạm trú ở Hà Nội.";

  it("is not read with only the sentences between its referent and itself", () => {
    // "giấy đó" is the certificate of the first sentence (another agency's), not a paper of the middle sentence.
    const pointed = search.search(`${story} Xin hỏi xin giấy đó ở đâu?`);
    // (Read with the middle sentence, "hộ khẩu" named a ward record and it was answered.)
    expect(pointed.decision).not.toBe("answer");
  });

  it("still stands alone when it names its procedure itself", () => {
    const text =
      "Mẹ tôi ở quê muốn ủy quyền cho tôi nhận lương hưu thay bà. Bà đi lại khó khăn. Xin hỏi giấy ủy quyền đó chứng thực chữ ký ở phường được không?";
    expect(codes(text)[0]).toBe("2.000884");
  });
});

describe("denied words weigh less than said ones", () => {
  it("a denial no title shares counts only part against the record the message asks for", () => {
    const text =
      "Nhà tôi có hai sào ruộng lúa ngập úng quanh năm, cấy không có lãi. Tôi định chuyển sang trồng sen và nuôi cá, không làm nhà hay xây dựng gì. Xin hỏi có phải đăng ký với xã không?";
    const scoreOf = (s: ProcedureSearch<Procedure>) =>
      s.search(text, 10).hits.find((h) => h.procedure.code === "1.008004")?.score ?? 0;
    const full = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, denied: 1, choose: 0 });
    const half = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, choose: 0 });
    expect(scoreOf(half)).toBeGreaterThan(scoreOf(full));
    // The denial reaches over "hay" (or): the building permits are not what is asked.
    expect(
      half
        .search(text)
        .hits.slice(0, 2)
        .map((h) => h.procedure.code),
    ).not.toContain("1.013225");
  });
});

describe("a pointed paper before 'để' names what the question asks", () => {
  it("the reason after it is no ending to take alone", () => {
    const text =
      "Cụ nhà tôi mất năm 2004, gia đình có làm giấy chứng tử ở xã nhưng nay bị thất lạc, xã cũng báo sổ năm đó không còn. Nay tôi cần giấy này để làm thủ tục thừa kế đất, xin hỏi hồ sơ gồm những gì?";
    const outcome = search.search(text);
    // Before, the question alone ("… để làm thủ tục thừa kế đất") was taken and the inheritance division answered.
    expect(outcome.decision === "answer" && outcome.hits[0]?.procedure.code === "2.001406").toBe(false);
    expect(outcome.hits.map((h) => h.procedure.code)).toContain("1.000656");
  });
});

describe("one concept said twice over is one mention", () => {
  it("'nhận nuôi con nuôi' is the adoption, not its re-registration", () => {
    // Both "nhận nuôi" and "con nuôi" map to the adoption concept: side by side they made a pair only a variant's title has.
    expect(codes("muốn nhận nuôi con nuôi thì cần điều kiện gì")[0]).toBe("2.001263");
  });
});

describe("a bundle's part done already is no part asked for", () => {
  it("'đã có giấy khai sinh', 'đã nhập hộ khẩu' do not name the liên thông bundle", () => {
    const without = new ProcedureSearch(procedures, synonyms, { ...DEFAULT_TUNING, bundle: 0 });
    const text = "bé nhà tôi đã có giấy khai sinh và đã nhập hộ khẩu, giờ muốn biết thêm về thủ tục cho bé";
    const scoreOf = (s: ProcedureSearch<Procedure>) =>
      s.search(text, 10).hits.find((h) => h.procedure.code === "3.000722")?.score ?? 0;
    expect(scoreOf(new ProcedureSearch(procedures, synonyms))).toBeCloseTo(scoreOf(without), 5);
  });
});

describe("a letter's question that says a twin's modifier", () => {
  it("asks the twin ('xin cấp lại giấy phép bán lẻ thuốc lá'), not the plain record whose name it holds", () => {
    const outcome = search.search(
      "Nhà tôi mở tiệm tạp hóa ở đầu ngõ từ năm 2019, bán cả thuốc lá. Tuần trước nước lũ tràn vào làm ướt nát hết giấy tờ. Xin hỏi tôi xin cấp lại giấy phép bán lẻ thuốc lá thì làm ở đâu?",
    );
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe("2.000150");
  });

  it("keeps the plain record when the question says only its name", () => {
    const outcome = search.search(
      "Nhà tôi mở tiệm tạp hóa ở đầu ngõ từ năm 2019, nay muốn bán thêm thuốc lá. Xin hỏi tôi xin giấy phép bán lẻ thuốc lá thì làm ở đâu?",
    );
    expect(outcome.hits[0]?.procedure.code).toBe("2.000181");
  });
});
