import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, converse } from "../harness/converse.js";
import { ownSet } from "../harness/oos-harness.js";
import { playTurns } from "../harness/oos-run.js";

/**
 * Session 17 (OOS): what is bought or hired, and the trade of a firm or a tradesman chosen, are what a recommendation
 * asks for, not a ward thing, though the ward has a record in those words ("mua rượu vang nhập khẩu ở đâu uy tín"
 * after the liquor licence, "công ty xây dựng nào uy tín" after the building permit); a request that names a ward act
 * or paper in those words keeps its procedure. Accents typed decide the frames' words ("đất" is no "đặt", "nhà" no
 * "nha"). Messages written for this test, and the probe batches' floors (test/features/s17-oos-probe*), through the
 * real assistant.
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

describe("goods bought or hired and a provider's trade are no ward thing", () => {
  it.each([
    "đại lý bia nào giao hàng nhanh giá sỉ rẻ",
    "mua đất nền ở đâu giá rẻ",
    "thuê nhà nguyên căn ở đâu giá tốt",
    "xưởng in biển hiệu nào làm đẹp ở Gò Vấp",
    "nhà thầu sửa chữa nào uy tín ở Biên Hòa",
    "which moving company is the cheapest in Saigon?",
    "where can I buy imported beer at a good price?",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // a ward act or paper said with the goods or the firm: left to the search
    "mua mẫu tờ khai đăng ký kết hôn ở đâu",
    "công ty dịch vụ làm sổ đỏ nào uy tín",
    "thuê phòng trọ ở phường thì đăng ký tạm trú ở đâu",
    "nhập khẩu cho con ở đâu nhanh",
    "sửa nhà ở đâu rẻ",
    "chỗ nào chứng thực hợp đồng mua nhà nhanh nhất",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });

  it("after an answer, a recommendation in the record's own words is off-topic; the next section refers back", async () => {
    await converse(catalogue, [
      ["cấp giấy phép bán lẻ rượu", "2.000620"],
      ["mua rượu ngoại nhập khẩu ở đâu chính hãng uy tín", undefined],
      ["lệ phí bao nhiêu", "2.000620", "fee"],
    ]);
    await converse(catalogue, [
      ["xin giấy phép xây dựng nhà ở riêng lẻ", "1.013225"],
      ["công ty thiết kế xây dựng nào làm đẹp ở Đà Nẵng", undefined],
    ]);
  });
});

describe("a story of ward papers, then an opinion, a score or a price in a place whose name holds a ward word", () => {
  it.each([
    "Tôi vừa làm trích lục kết hôn ở phường. Theo bạn nên mua nhẫn cưới vàng trắng hay vàng 18K thì đẹp hơn?",
    "Hôm qua lên phường làm tạm trú, nghe mấy anh công an bàn tán. Cho hỏi kết quả xổ số miền Bắc hôm qua giải đặc biệt là số mấy?",
    "Nhà tôi thường trú ở phường Giấy Hai, muốn hỏi giá thuê mặt bằng ở khu Chợ Giấy bao nhiêu một tháng?",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // a dossier's result, an opinion on a ward act and an official name written with capitals stay the ward's
    "kết quả hồ sơ đăng ký kết hôn bao lâu thì có",
    "theo bạn thì tôi cần làm giấy tờ gì để khai sinh cho con",
    "Tôi muốn xin cấp Giấy Xác Nhận Tình Trạng Hôn Nhân ở đâu, giá bao nhiêu",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("income asked and 'for good' are no trade or quality", () => {
  it.each([
    "thu nhập dưới bao nhiêu thì được",
    "thu nhập bao nhiêu một tháng thì được xét",
    "sáp nhập phường thì giấy tờ đổi ở đâu",
    "I run a small noodle shop and want to close it for good. What do I file with the ward?",
    // who told it is the story: a doctor's word is no health question
    "con tôi 7 tuổi, trước đây được xác nhận khuyết tật nhẹ, giờ bác sĩ nói nặng hơn",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });

  it("after the poor-household recognition, an income threshold asked gets no off-topic reply", async () => {
    const { say } = chatWith(catalogue);
    expect(codeOf(await say("công nhận hộ cận nghèo"))).toBe("1.011606");
    const replies = await say("thu nhập dưới bao nhiêu thì được");
    expect(replies[0]?.text ?? "").not.toMatch(/chỉ trả lời về thủ tục hành chính/);
  });
});

describe("probe batch 1 (written before the change)", () => {
  // In scope 27/28 at bba4661; 26 since the gate was retrained on T11 (e574fce): «cho em hỏi sao y bản chính bằng
  // đại học ở đâu nhanh nhất gần đây» was vetoed (the request view's P 0.975: no ward word by single words). 27 again
  // since session 18's lexicon reads the câu mẫu's pairs ("sao y", P 0.78).
  it("first messages: no out-of-scope answer, at most 1 list; in scope 27/28 right", async () => {
    const { figures } = await ownSet(catalogue, "test/features/s17-oos-probe1.tsv");
    expect(figures.oosAnswered, figures.misses.join("\n")).toBe(0);
    expect(figures.oosListed, figures.misses.join("\n")).toBeLessThanOrEqual(1);
    expect(figures.inRight, figures.misses.join("\n")).toBeGreaterThanOrEqual(27);
  }, 300_000);

  it("off-topic turns after an answer: none answered or listed; in-scope turns 41/43 (43 with FOLLOW's 4f94cb3)", async () => {
    const f = await playTurns(catalogue, "test/features/s17-oos-probe1.jsonl");
    expect(f.noneAnswered, f.misses.join("\n")).toBe(0);
    expect(f.noneListed, f.misses.join("\n")).toBe(0);
    expect(f.inRight, f.misses.join("\n")).toBeGreaterThanOrEqual(41);
  }, 300_000);
});

describe("probe batch 2 (written after the changes, measured once, never tuned on)", () => {
  it("first messages: no out-of-scope answer or list; in scope 9/10 right (+1 list holding it)", async () => {
    const { figures } = await ownSet(catalogue, "test/features/s17-oos-probe2.tsv");
    expect(figures.oosAnswered, figures.misses.join("\n")).toBe(0);
    expect(figures.oosListed, figures.misses.join("\n")).toBe(0);
    expect(figures.inRight, figures.misses.join("\n")).toBeGreaterThanOrEqual(9);
  }, 300_000);

  it("off-topic turns after an answer: none answered or listed; in-scope turns 18/19", async () => {
    const f = await playTurns(catalogue, "test/features/s17-oos-probe2.jsonl");
    expect(f.noneAnswered, f.misses.join("\n")).toBe(0);
    expect(f.noneListed, f.misses.join("\n")).toBe(0);
    expect(f.inRight, f.misses.join("\n")).toBeGreaterThanOrEqual(18);
  }, 300_000);
});
