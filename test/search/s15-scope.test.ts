import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatScope, SCOPE_FILE, trainBundled } from "../../src/cli/scope-train.js";
import type { ProcedureSearch } from "../../src/search/index.js";
import { outOfScope, SCOPE_FEATURES, SCOPE_MODEL, scopeFeatures, trainScope } from "../../src/search/scope.js";
import { ROOT } from "../harness/common.js";
import { firstCode, servedSearch } from "../harness/served-search.js";

// Session 15 (SCOPE): the scope gate (src/search/scope.ts) through the served search. Letters full of ward words whose
// request is another agency's or nothing get no ward answer; letters that ask a ward procedure beside other agencies'
// words (a school, a bank, a hospital) keep theirs. The letters are the helper's own, written from the records.
let search: ProcedureSearch;
beforeAll(async () => {
  search = (await servedSearch()).search;
}, 400_000);

describe("out-of-scope letters full of ward words are not answered", () => {
  it.each([
    "Cháu đã làm giấy khai sinh, nhập hộ khẩu và có thẻ bảo hiểm y tế qua liên thông. Xin hỏi bảo hiểm y tế của cháu có được thanh toán khi đi khám răng ở phòng khám tư không?",
    "Tôi làm giấy xác nhận cư trú ở công an phường xong rồi, cảm ơn các anh chị. Tiện hỏi luôn bên mình có biết chỗ nào dạy lái xe ô tô hạng B uy tín không?",
    "Tôi đã làm khai tử cho mẹ ở UBND phường. Giờ mấy anh em tranh chấp căn nhà mẹ để lại, không ai chịu ai, tôi muốn khởi kiện chia thừa kế ở tòa án quận thì án phí bao nhiêu?",
    "nhà e đã đk thường trú ở phường r, giờ e muốn hỏi điện nhà e tháng này lên 2 triệu, gọi tổng đài điện lực số mấy để kiểm tra công tơ",
    "I got my birth certificate copy from the ward last week. Could you recommend a good English centre for my son near the ward office?",
    "Em đã làm xong xác nhận cư trú rồi ạ. Dạo này em buồn quá, chia tay người yêu, mất ngủ mấy đêm liền, ad cho em lời khuyên với",
  ])("%s", (q) => {
    expect(search.search(q).decision).not.toBe("answer");
  });
});

describe("in-scope letters that name other agencies keep their answer", () => {
  it.each([
    [
      "con tôi học lớp 1, giấy khai sinh ghi sai tên đệm so với học bạ, làm lại giấy khai sinh sửa tên thế nào",
      "1.004859",
    ],
    [
      "Con tôi học lớp 1, cô giáo bảo nộp bản sao giấy khai sinh, tôi xin cấp bản sao trích lục khai sinh ở phường cần mang gì?",
      "2.000635",
    ],
    [
      "Ngân hàng yêu cầu tôi nộp giấy xác nhận cư trú để vay tiền mua nhà. Tôi xin giấy xác nhận thông tin cư trú ở công an phường cần giấy tờ gì?",
      "1.010041",
    ],
    [
      "Tôi nộp hồ sơ xin việc ở bệnh viện, họ cần bản sao có chứng thực bằng điều dưỡng và căn cước. Chứng thực bản sao ở phường lệ phí bao nhiêu một trang?",
      "2.000815",
    ],
    [
      "Tôi sắp nằm viện điều trị dài ngày ở bệnh viện tỉnh khác khoảng 1 năm. Có phải khai báo tạm vắng với công an phường không, làm thế nào?",
      "1.003677",
    ],
    [
      "Quán cà phê của tôi ế khách, nợ ngân hàng nhiều, tôi muốn đóng cửa hẳn. Chấm dứt hoạt động hộ kinh doanh ở phường cần làm gì?",
      "1.001266",
    ],
    [
      "Công ty điều tôi vào làm ở Đà Nẵng, cả nhà chuyển theo. Con tôi học lớp 8 muốn chuyển trường từ Hà Nội vào Đà Nẵng thì thủ tục chuyển trường thế nào?",
      "2.002854",
    ],
    [
      "my father passed away at the hospital yesterday, how do I register his death at the ward office and what papers do I need",
      "1.000656",
    ],
  ])("%s → %s", (q, code) => {
    const outcome = search.search(q);
    expect(outcome.decision).toBe("answer");
    expect(outcome.hits[0]?.procedure.code).toBe(code);
  });
});

describe("own probe batch 1 (test/search/s15-scope-probe1.tsv, written before measuring)", () => {
  const rows = readFileSync(path.join(ROOT, "test/search/s15-scope-probe1.tsv"), "utf8")
    .split("\n")
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t") as [string, string]);

  it("out of scope: at most 6 of 40 answered (12 without the gate)", () => {
    const out = rows.filter(([code]) => code === "none");
    expect(out).toHaveLength(40);
    const answered = out.filter(([, q]) => search.search(q).decision === "answer").map(([, q]) => q);
    expect(answered.length, answered.join("\n")).toBeLessThanOrEqual(6);
  });

  it("in scope: every one of 26 still put first (24 answered, 2 listed first), as without the gate", () => {
    const inScope = rows.filter(([code]) => code !== "none");
    expect(inScope).toHaveLength(26);
    const wrong = inScope.filter(([code, q]) => firstCode(search, q) !== code).map(([code, q]) => `${code} ${q}`);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });
});

describe("the trained model", () => {
  it("is the served one and reads its features", () => {
    expect(SCOPE_MODEL?.features).toBe(SCOPE_FEATURES);
    expect(SCOPE_MODEL?.veto).toBeGreaterThanOrEqual(0.9);
  });

  it("features fold accents and read the request sentence apart", () => {
    const f = scopeFeatures("Tôi đã làm khai sinh ở phường. Giờ muốn vay ngân hàng?");
    expect(f).toContain("w:khai");
    expect(f).toContain("p:vay ngan");
    expect(f).toContain("r:vay");
    expect(f).not.toContain("r:khai");
    expect(scopeFeatures("đăng ký khai sinh")).toEqual(scopeFeatures("dang ky khai sinh"));
  });

  it("training is deterministic: the same messages give the same file, and another order the same model", () => {
    const examples = (
      JSON.parse(readFileSync(path.join(ROOT, "data/examples.json"), "utf8")) as {
        examples: Array<{ text: string; code: string }>;
      }
    ).examples
      .filter((_, i) => i % 7 === 0)
      .map((e) => ({ text: e.text, out: e.code === "none" }));
    const options = { steps: 60 };
    const first = formatScope(trainScope(examples, options));
    expect(formatScope(trainScope(examples, options))).toBe(first);
    const reversed = trainScope([...examples].reverse(), options);
    const model = trainScope(examples, options);
    for (const q of ["vay ngân hàng mua nhà lãi suất bao nhiêu", "đăng ký khai sinh cho con"]) {
      expect(outOfScope(reversed, q)).toBeCloseTo(outOfScope(model, q), 3);
    }
    expect(outOfScope(model, "vay ngân hàng mua nhà lãi suất bao nhiêu")).toBeGreaterThan(
      outOfScope(model, "đăng ký khai sinh cho con"),
    );
  });

  // The served gate must be what `npm run scope:train` makes of today's câu mẫu: a file left behind after the câu
  // mẫu grew would gate by examples that are no longer there (as test/search/ranker.test.ts holds data/ranker.json).
  it("data/scope.json is what the trainer makes of today's data/examples.json", () => {
    expect(readFileSync(path.join(ROOT, SCOPE_FILE), "utf8")).toBe(formatScope(trainBundled(ROOT)));
  }, 120_000);
});
