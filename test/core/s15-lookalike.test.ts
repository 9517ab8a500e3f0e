/**
 * Session 15 (LOOKALIKE): a case told after an answer moves to the look-alike that fits it, or stays.
 * - A change of the thing at hand said as a what-if or a detail ("nếu muốn đổi tên tiệm thì sao" after a household
 *   business: its change of registered details; "nếu sau này xin thôi nhận trợ cấp" after a craftsman's allowance: its
 *   end; "dời điểm nhóm sang xã khác" after a religious group's registration: the move to another commune) is the
 *   variant whose name holds it (variants.ts variantTold, read by foreign.ts retoldCase). Words that also say other
 *   things ("đổi ý", "bổ sung giấy tờ", "vậy thôi") change nothing without what they change; another thing named
 *   ("mất giấy phép bán rượu" on a tobacco licence) is no variant of this one.
 * - Someone said Vietnamese after a foreign-element answer is read with the chat's earlier words: the father said
 *   Vietnamese when the mother was the foreigner leaves the case foreign. A spouse or parent naturalised is Vietnamese.
 * - A "which one?" list of a move within the commune and to another one is settled by where the place goes.
 * The reading alone, and the probe batches through the real assistant. Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { namesForeign, retoldCase } from "../../src/features/foreign.js";
import { meantVariant, variantForDetail } from "../../src/features/variants.js";
import { bundledCatalogue } from "../harness/common.js";
import { describeFollowUpCounts } from "../harness/probe-floors.js";

let catalogue: LiveCatalogue;
let all: readonly Procedure[];
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  all = catalogue.current().catalogue.procedures;
}, 180_000);

describe("a change of the thing at hand told after its answer", () => {
  it.each([
    ["1.001612", "thế giờ muốn đổi tên tiệm thì làm sao", "2.000720"],
    ["1.001612", "em định tạm dừng bán một thời gian", "1.001570"],
    ["1.001612", "giấy chứng nhận hộ kinh doanh bị thất lạc thì làm thế nào", "2.000575"],
    ["1.014310", "sau này ông muốn xin thôi nhận trợ cấp nghệ nhân thì thế nào", "1.014312"],
    ["1.012590", "nhóm định dời điểm sinh hoạt qua xã khác thì sao", "1.012582"],
    ["1.012590", "nếu chuyển điểm nhóm sang nhà khác nhưng vẫn cùng xã", "1.012584"],
    ["1.012590", "bây giờ thay trưởng nhóm thì đăng ký sao", "1.012585"],
    ["2.000181", "sau này đổi nhà phân phối thuốc lá thì giấy phép có phải làm lại", "2.000162"],
    ["2.000181", "giấy phép hết hạn thì xin sao", "2.000150"],
    ["2.000150", "à em chưa từng có giấy phép, giờ xin mới", "2.000181"],
    ["3.000243", "lỡ giấy bị mất thì xin lại ở đâu", "3.000245"],
    ["1.004194", "hết hạn tạm trú mà vẫn muốn ở tiếp thì sao", "1.002755"],
    ["1.013225", "xây được nửa chừng muốn thay đổi thiết kế thì làm gì", "1.013226"],
    ["1.013225", "giấy phép bị rách mất một nửa", "1.013228"],
    ["1.002211", "sau này em xin nghỉ làm hòa giải viên thì thủ tục sao", "2.000930"],
    ["1.001570", "thôi chắc dẹp hẳn tiệm luôn, không mở lại nữa", "1.001266"],
    ["3.000244", "giấy của chi nhánh kia thì tìm không ra nữa", "3.000245"],
    ["3.000243", "tôi nhận nhà nghỉ do anh trai sang tên lại, giấy cũ đứng tên anh", "3.000244"],
    ["1.008901", "tủ sách giờ đóng cửa luôn rồi vì không ai trông", "1.008903"],
    ["1.013228", "giấy phép còn nguyên, chỉ tại chưa khởi công kịp thôi", "1.013227"],
    ["2.000181", "tiệm chuyển qua địa chỉ mới cách đó 2 căn", "2.000162"],
    ["1.012584", "điểm nhóm mới nằm ở xã bên, khác xã với điểm cũ", "1.012582"],
    // the change said in everyday words is the one at hand's own: it stays
    ["1.001266", "dẹp hẳn rồi, không buôn bán gì nữa", "1.001266"],
    ["1.002755", "chủ trọ đồng ý cho em ở tiếp", "1.002755"],
  ])("after %s: %s → %s", (current, text, meant) => {
    expect(retoldCase(byCode(current), all, text)?.code).toBe(meant);
  });

  it.each([
    ["1.001612", "quy định có thay đổi gì không"], // a question of the rules, no change of the paper
    ["1.001612", "thiếu giấy tờ thì bổ sung sau được không"], // papers added to a file
    ["1.001612", "em muốn dừng kinh doanh"], // a pause or an end: not the withdrawal of an application
    ["1.001612", "đổi tên trong giấy khai sinh cho con thì sao"], // another thing named
    ["2.000181", "mất giấy phép bán rượu thì sao"], // another licence named
    ["1.014310", "vậy thôi, cảm ơn nhé"], // "thôi" of closing a chat
    ["1.001612", "tên tiệm em tính đặt là Tiệm Bánh Nhà Mây"], // the thing described, nothing changed
    ["1.013225", "nhà em có thêm gác lửng thì bản vẽ khác gì không"], // the house permitted, described
    ["1.012590", "trưởng nhóm đi nộp thay cả nhóm được không"], // someone sent, no one replaced
    ["1.001193", "giấy chứng sinh ở bệnh viện em lỡ làm mất rồi"], // another paper lost
    ["1.001612", "phường mình đóng cửa lúc mấy giờ"], // the office's hours
    ["1.002755", "gia hạn thì bao lâu xong"], // its own word again: a section of it, read as the sections are
  ])("after %s: %s → nothing", (current, text) => {
    expect(retoldCase(byCode(current), all, text)).toBeUndefined();
  });
});

describe("someone said Vietnamese, read with the chat's earlier words", () => {
  it.each([
    // the mother was the foreigner: the father said Vietnamese leaves her so
    ["2.000528", "ba cháu người Việt Nam", "con em có mẹ là người Hàn Quốc, làm khai sinh", undefined],
    // the father was the foreigner and is said Vietnamese after all: the plain procedure
    ["2.000528", "à không, ba cháu là người Việt", "làm khai sinh cho bé, ba bé là người Đài Loan", "1.001193"],
    // nobody's nationality told before: as before, the plain procedure
    ["2.000528", "mẹ bé là người Việt", "khai sinh có yếu tố nước ngoài", "1.001193"],
    // a spouse naturalised is Vietnamese now
    [
      "2.000806",
      "anh ấy vốn là người Lào nhưng đã nhập quốc tịch Việt Nam",
      "kết hôn với người nước ngoài",
      "1.000894",
    ],
    ["2.000806", "vợ em nay đã có quốc tịch Việt Nam rồi", "lấy vợ Trung Quốc", "1.000894"],
  ])("after %s: %s (before: %s) → %s", (current, text, story, meant) => {
    expect(retoldCase(byCode(current), all, text, { story })?.code).toBe(meant);
  });

  it("a foreign element said absent is none", () => {
    expect(namesForeign("bà tôi người Việt, cả đời ở quê, không liên quan gì tới nước ngoài")).toBe(false);
    expect(namesForeign("hồ sơ con em không có yếu tố nước ngoài")).toBe(false);
    expect(namesForeign("vợ em đang làm việc ở nước ngoài, em đi đăng ký một mình")).toBe(false);
    expect(namesForeign("kết hôn với người nước ngoài")).toBe(true);
  });

  it("a naturalised parent is no foreigner; the other parent still may be", () => {
    expect(namesForeign("ba cháu trước là người Nhật, giờ đã nhập quốc tịch Việt Nam")).toBe(false);
    expect(namesForeign("mẹ cháu người Thái Lan, ba cháu đã nhập quốc tịch Việt Nam")).toBe(true);
    expect(
      retoldCase(byCode("1.001193"), all, "mẹ cháu người Thái Lan, ba cháu đã nhập quốc tịch Việt Nam")?.code,
    ).toBe("2.000528");
  });
});

describe("a 'which one?' list settled by the detail", () => {
  it("where the group's place goes: another commune or within it", () => {
    const moves = ["1.012584", "1.012582"].map(byCode);
    expect(variantForDetail(moves, "nhóm dời qua phường bên cạnh ở rồi")?.code).toBe("1.012582");
    expect(variantForDetail(moves, "chỗ mới không cùng xã với chỗ cũ, chuyển sang đó")?.code).toBe("1.012582");
    expect(variantForDetail(moves, "chuyển sang nhà khác, vẫn trong phường này")?.code).toBe("1.012584");
  });

  it("a change several listed names hold: the one changing a thing the list holds", () => {
    const listed = ["1.014312", "1.014027", "1.001776", "1.014310"].map(byCode);
    expect(meantVariant(listed, "ông xin thôi hưởng thì làm sao")?.code).toBe("1.014312");
  });
});

// Batch 1 was written before this session's changes, batch 2 after the first commit (b183646) and measured once,
// never tuned on. At the session's start (e4b4718, clean export) 42/51 and 20/29; floors are the figures of a clean
// export of this commit (49/51 with FOLLOW's answer.ts wiring of retoldCase's story and family): see LOOKALIKE.md.
describeFollowUpCounts(
  () => catalogue,
  [
    ["test/core/s15-lookalike-probe1.jsonl", 47],
    ["test/core/s15-lookalike-probe2.jsonl", 25],
  ],
);
