import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { namesAsHeld, opensWith } from "../../src/features/redirects.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { tokenize } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";

/**
 * Session 10 (OOS): what a message asks of another agency, or of the bot, read so that no ward procedure answers it,
 * and the ward's procedure still answered when another agency only sent the citizen. Messages written for this test
 * (not the probe sets' own).
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

async function reply(text: string): Promise<string> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const [first] = await assistant.handle("telegram:10", { kind: "text", text });
  return [first?.text ?? "", ...(first?.choices ?? []).map((c) => c.label)].join("\n");
}
const code = (text: string) => /\((?:mã|code) ([0-9.]+)\)/.exec(text)?.[1];
const REFUSED = /chỉ trả lời về thủ tục hành chính/;

describe("a request to write something for the citizen is no procedure", () => {
  it.each([
    "viết giúp mình bài phát biểu tổng kết cuối năm của công ty",
    "soạn hộ em cái đơn xin thôi việc nhé",
    "Could you write a short speech for my daughter's wedding?",
    "viet dum toi la thu chuc mung sinh nhat me",
    "write me a letter to my grandma for her birthday",
    "soạn giúp em tin nhắn chúc tết gửi sếp",
  ])("%s → off-topic", async (text) => {
    const answer = await reply(text);
    expect(code(answer)).toBeUndefined();
    expect(answer).toMatch(REFUSED);
  });

  it.each([
    // the writing is the ward's own (an application to the ward, a will it certifies): left to the search
    "viết giúp tôi đơn xin hỗ trợ làm nhà sau bão gửi ủy ban xã",
    "Please write a letter to the ward asking for a certificate of marital status",
    "soạn giúp hồ sơ thông báo thành lập thư viện cộng đồng",
    "viết di chúc để lại nhà cho con",
    // a letter that is itself a request to an office (review HIGH-3: these were refused as writings)
    "viet ho em thu xac nhan tinh trang hon nhan",
    "viết giúp em lá thư xin xác nhận cư trú",
    "can you write me a power of attorney letter",
    "write me a letter to register my baby's birth",
  ])("not a writing asked of the bot: %s", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("another agency's service asked in words the redirects now read", () => {
  it.each([
    ["đăng ký hóa đơn điện tử cho cửa hàng tạp hóa ở đâu", /Thuế/],
    ["tôi muốn xây cây xăng nhỏ ở xã, xin phép ở đâu", /xăng dầu/],
    ["vợ cũ không cho gặp con, tôi muốn thay đổi người trực tiếp nuôi con thì làm đơn gửi đâu", /Tòa án/],
    ["cho em hỏi học lái xe ô tô đăng ký ở đâu", /Giấy phép lái xe/],
    ["hàng xóm trộm gà nhà tôi, tôi muốn làm đơn tố giác với công an thì viết thế nào", /tố giác/],
    ["mới nghỉ việc, muốn tìm chỗ làm mới thì hỏi ở đâu", /việc làm/],
  ])("%s → pointer", async (text, topic) => {
    const answer = await reply(text);
    expect(code(answer)).toBeUndefined();
    expect(answer).toMatch(topic);
  });

  it("social insurance's survivor benefit received ('được lĩnh', 'nhận') after the ward's death registration", async () => {
    const answer = await reply(
      "Bố tôi nghỉ hưu từ ngành điện, mất tháng 5, nhà đã khai tử ở phường. Nghe nói gia đình được lĩnh trợ cấp tuất một lần, xin hỏi nộp hồ sơ ở đâu?",
    );
    expect(code(answer)).toBeUndefined();
    expect(answer).toMatch(/tử tuất/);
  });

  it("'đăng ký' opening a request makes the term what is asked, but not 'đang' alone", () => {
    expect(opensWith("đăng ký hóa đơn điện tử cho hộ kinh doanh ở đâu", tokenize("hóa đơn điện tử"))).toBe(true);
    expect(opensWith("dang ky hoa don dien tu cho ho kinh doanh", tokenize("hóa đơn điện tử"))).toBe(true);
    expect(opensWith("đang hóa đơn điện tử thì bị lỗi, hộ kinh doanh làm sao", tokenize("hóa đơn điện tử"))).toBe(
      false,
    );
  });
});

describe("an agency that sent the citizen to the ward is no request for its service", () => {
  const SOCIAL = [tokenize("bảo hiểm xã hội")];
  it.each([
    "bên bảo hiểm xã hội bảo phải có giấy xác nhận cư trú, xin ở đâu",
    "bảo hiểm xã hội yêu cầu bản sao trích lục khai tử, xin ở phường được không",
    "bảo hiểm xã hội lại đòi giấy xác nhận tình trạng hôn nhân",
  ])("held: %s", (text) => {
    expect(namesAsHeld(text, SOCIAL)).toBe(true);
  });

  it.each([
    // what the agency asks for is the question: its own procedure
    "bảo hiểm xã hội yêu cầu những giấy tờ gì để rút một lần",
    "rút bảo hiểm xã hội một lần ở đâu",
  ])("asked: %s", (text) => {
    expect(namesAsHeld(text, SOCIAL)).toBe(false);
  });

  it("a paper another party demands of the citizen is the citizen's request, unless it is an identity paper", () => {
    const record = tokenize("phiếu lý lịch tư pháp");
    expect(
      opensWith(
        "Con tôi sắp sang Hàn làm việc, công ty yêu cầu phiếu lý lịch tư pháp số 2. Tôi hỏi ở xã thì bảo không làm. Xin hỏi tôi đi đâu?",
        record,
      ),
    ).toBe(true);
    expect(
      opensWith(
        "Tôi đi làm khai sinh cho con ở phường, cán bộ yêu cầu căn cước của cả bố và mẹ. Xin hỏi đăng ký khai sinh cho con cần những giấy tờ gì khác?",
        tokenize("căn cước"),
      ),
    ).toBe(false);
  });

  it("'đợi' (waiting) is no 'đòi' (demanding): a paper waited for is no request (review HIGH-4)", async () => {
    const record = tokenize("phiếu lý lịch tư pháp");
    for (const text of [
      "em đang đợi phiếu lý lịch tư pháp, giờ muốn đăng ký kết hôn thì cần giấy tờ gì",
      "em dang doi phieu ly lich tu phap, gio muon dang ky ket hon thi can giay to gi",
    ]) {
      expect(opensWith(text, record)).toBe(false);
      expect(code(await reply(text))).toBe("1.000894");
    }
    // with the party demanding before it, 'đòi' / 'bắt' still are demands, accents typed or not
    expect(opensWith("công ty đòi phiếu lý lịch tư pháp số 1, xin ở đâu", record)).toBe(true);
    expect(opensWith("cong ty bat nop phieu ly lich tu phap, xin o dau", record)).toBe(true);
  });

  it("the death registration social insurance asked for first is answered", async () => {
    const answer = await reply(
      "Bên bảo hiểm xã hội bảo phải đăng ký khai tử cho bố tôi trước rồi mới giải quyết chế độ. Xin hỏi khai tử cần giấy tờ gì?",
    );
    expect(code(answer)).toBe("1.000656");
  });
});
