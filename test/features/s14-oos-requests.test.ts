import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { matchRedirect } from "../../src/features/redirects.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, firstReply } from "../harness/converse.js";

/**
 * Session 14 (OOS): a divorce asked for with a foreign spouse, identity papers lost, a pointer's term said under a
 * denial or in a list of papers that all say the same, a vehicle's change of owner. Messages written for this test
 * (not the probe batches' own, test/features/s14-oos-probe*.tsv), through the real assistant.
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

const reply = (text: string) => firstReply(catalogue, text);
const POINTER = /việc này không làm tại bộ phận một cửa/;

async function expectPointer(text: string, topic: RegExp): Promise<void> {
  const answer = await reply(text);
  expect(answer.code, answer.text).toBeUndefined();
  expect(answer.text).toMatch(POINTER);
  expect(answer.text).toMatch(topic);
}

describe("a divorce asked for is the court's, whoever is foreign (review s13: 2.000554 answered)", () => {
  it.each([
    "vợ tôi quốc tịch Hàn Quốc, tôi muốn ly hôn thì nộp đơn ở tòa nào",
    "chong em nguoi Uc, em muon ly hon thi lam don o dau",
    "đơn ly hôn với người nước ngoài nộp ở đâu",
    "ly hôn đơn phương với vợ người Lào cần giấy tờ gì",
    "nộp giấy tờ ở đâu để ly dị",
    "my husband is Korean and I want a divorce, where do I file",
    // nothing but the divorce, who the spouse is and a section
    "chong quoc tich Nhat ly hon o dau",
  ])("%s → the divorce pointer", async (text) => {
    await expectPointer(text, /Ly hôn/);
  });

  it("a divorce decided abroad, to be noted here, gets no court pointer", async () => {
    const answer = await reply("tôi ly hôn ở tòa án Nhật Bản rồi, giờ muốn ghi vào sổ hộ tịch ở Việt Nam");
    expect(answer.text).not.toMatch(/Ly hôn: việc này không làm/);
  });

  it.each([
    ["đã ly hôn với chồng người Đức, muốn ghi chú ly hôn thì cần gì", "2.000554"],
    ["tôi đã ly hôn, giờ xin xác nhận tình trạng hôn nhân để lấy vợ mới", "1.004873"],
    ["vợ chồng ly hôn được 2 năm, giờ tôi muốn tách hộ khẩu riêng", "1.010038"],
  ])("a divorce done, noted or told beside a ward paper stays the ward's: %s", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });

  it("the divorce asked for is read as all the message asks, however little of it the words are", () => {
    const match = matchRedirect(catalogue.current().catalogue.redirects ?? [], "chồng tôi người Thái, muốn ly hôn");
    expect(match?.redirect.id).toBe("ly-hon");
    expect(match?.strength).toBe(1);
    // search's note of a divorce abroad can score above 1 here (1.004): answer.ts's 'top.score > strength' still lets
    // it win end to end (asked of FOLLOW)
    const only = matchRedirect(
      catalogue.current().catalogue.redirects ?? [],
      "ly hôn với chồng người Campuchia thì làm thế nào",
    );
    expect(only?.strength).toBe(1);
    const told = matchRedirect(catalogue.current().catalogue.redirects ?? [], "tôi đã ly hôn, xin xác nhận độc thân");
    expect(told?.strength ?? 0).toBeLessThan(1);
  });
});

describe("identity papers lost are the police's căn cước (review s13: 2.000815 answered)", () => {
  it.each([
    "mình bị móc túi mất hết giấy tờ tùy thân, giờ làm sao",
    "em lam mat giay to tuy than het roi, lam lai o dau",
    "bị mất giấy tùy thân thì phải làm gì",
  ])("%s → the căn cước pointer", async (text) => {
    await expectPointer(text, /căn cước/i);
  });
});

describe("identity papers lost beside a ward request are the case's circumstance (review s14 H2)", () => {
  it.each([
    ["mất hết giấy tờ tùy thân, giờ cần bản sao giấy khai sinh thì xin ở đâu", "2.000635"],
    ["mất hết giấy tờ tùy thân, giờ muốn xin giấy xác nhận cư trú", "1.010041"],
  ])("%s → %s", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });

  // search finds no record for it (its 'giấy tờ tùy thân' reads as the căn cước concept): no pointer at least
  it("mất giấy tờ tùy thân thì có đăng ký tạm trú được không → no căn cước pointer", async () => {
    expect((await reply("mất giấy tờ tùy thân thì có đăng ký tạm trú được không")).text).not.toMatch(POINTER);
  });

  it.each([
    ["đăng ký khai sinh", "em bị mất giấy tờ tùy thân thì làm được không", "1.001193"],
    ["đăng ký tạm trú", "em mất hết giấy tờ tùy thân rồi, cần giấy gì", "1.004194"],
  ])("after %s, %s stays on %s", async (first, second, want) => {
    const { say } = chatWith(catalogue);
    await say(first);
    expect(codeOf(await say(second))).toBe(want);
  });
});

describe("a pointer's term said under a denial tells what the citizen lacks, no request for it", () => {
  it.each([
    "bố tôi 77 tuổi, không có lương hưu, muốn xin trợ cấp hưu trí xã hội",
    "ông em 80 tuổi ko có bảo hiểm xã hội, không có lương hưu thì có được hưởng trợ cấp hưu trí xã hội ko",
  ])("%s → no social-insurance pointer", async (text) => {
    const answer = await reply(text);
    expect(answer.text).not.toMatch(/Bảo hiểm xã hội, bảo hiểm y tế: việc này không làm/);
  });

  it("the ward's social pension is answered when the message says it", async () => {
    expect((await reply("bố tôi 77 tuổi, không có lương hưu, muốn xin trợ cấp hưu trí xã hội")).code).toBe("1.014027");
  });

  it.each([
    ["công ty không đóng bảo hiểm xã hội cho em mấy tháng nay, báo ai", /Quyền lợi người lao động/],
    ["tôi muốn rút bảo hiểm xã hội một lần vì không đi làm nữa", /Bảo hiểm xã hội/],
  ])("a term holding the negator, or said plainly, keeps its pointer: %s", async (text, topic) => {
    await expectPointer(text, topic);
  });
});

describe("a paper among others that all say the same is what they show, no request for it", () => {
  it("'căn cước, bằng lái đều ghi …' beside a birth record to correct → no căn cước pointer", async () => {
    const answer = await reply(
      "Năm sinh trên giấy khai sinh của tôi ghi 1980, còn căn cước, bằng lái, sổ bảo hiểm đều ghi 1981. Tôi muốn sửa giấy khai sinh cho đúng thì làm thế nào?",
    );
    expect(answer.text).not.toMatch(POINTER);
  });

  it("a paper whose renewal is asked keeps its pointer though others are named with it", async () => {
    await expectPointer("căn cước và hộ chiếu của tôi đều đã hết hạn, làm lại ở đâu", /căn cước|Hộ chiếu/i);
  });
});

describe("a vehicle's change of owner is the police's vehicle registration", () => {
  it.each([
    "xe máy mua lại của người quen, giờ sang tên thế nào",
    "chuyển quyền sở hữu xe ô tô cho con thì làm ở đâu",
    "thủ tục đổi chủ xe ô tô",
  ])("%s → the vehicle registration pointer", async (text) => {
    await expectPointer(text, /Đăng ký xe/);
  });

  it("the contract of sale the ward certifies stays the ward's", async () => {
    expect((await reply("chứng thực hợp đồng mua bán xe máy để đi sang tên ở đâu")).code).toBe("2.001035");
  });

  it("a vehicle not yet changed owner, told beside another question, is no request for it", async () => {
    expect((await reply("em mua xe cũ, chưa sang tên, giờ muốn đăng ký tạm trú được không")).code).toBe("1.004194");
  });
});

describe("a claim asked of an insurer is the insurance company's, not the state's compensation (2.002165)", () => {
  it.each([
    "tiệm của tôi bị cháy, đã mua bảo hiểm cháy nổ, giờ muốn được bồi thường thì làm gì",
    "công ty bảo hiểm chậm chi trả tiền bồi thường thì tôi khiếu nại ở đâu",
  ])("%s → the insurer's pointer", async (text) => {
    await expectPointer(text, /Bảo hiểm nhân thọ/);
  });

  it("a ward paper an insurer asks for stays the ward's", async () => {
    expect((await reply("công ty bảo hiểm bắt nộp trích lục khai tử của mẹ tôi, xin ở đâu")).code).toBe("2.000635");
  });
});
