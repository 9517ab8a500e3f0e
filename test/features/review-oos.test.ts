import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";

/** Messages from the session-9 review (H2, L3) and ones of the same kind written for this test, through the assistant. */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

async function reply(text: string): Promise<string> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const [first] = await assistant.handle("telegram:7", { kind: "text", text });
  return [first?.text ?? "", ...(first?.choices ?? []).map((c) => c.label)].join("\n");
}
const code = (text: string) => /\((?:mã|code) ([0-9.]+)\)/.exec(text)?.[1];
const REFUSED = /chỉ trả lời về thủ tục hành chính/;

describe("a gold shop registering its household business is no price asked (H2)", () => {
  it.each([
    "Chào anh chị, nhà tôi mở tiệm nhỏ ở chợ phường, muốn đăng ký hộ kinh doanh mua bán vàng nhẫn, vàng miếng và bạc thì cần chuẩn bị những giấy tờ gì và nộp ở đâu ạ",
    "Em chào anh chị ạ, em định mở cửa hàng nhỏ kinh doanh vàng miếng tại nhà, cho em hỏi đăng ký hộ kinh doanh cần những giấy tờ gì ạ, em cảm ơn nhiều",
    "Tôi làm nghề kim hoàn, bán vàng nhẫn ở nhà đã lâu nay muốn đăng ký hộ kinh doanh thì mất bao lâu vậy",
    "mẹ tôi bán vàng nhẫn ở chợ mấy năm nay, giờ muốn đăng ký hộ kinh doanh cho đàng hoàng thì làm thế nào",
  ])("%s → household business registration", async (text) => {
    const answer = await reply(text);
    expect(answer).not.toMatch(REFUSED);
    expect(answer).toMatch(/1\.001612/);
  });

  it.each([
    "Nhà tôi đã có sổ đỏ và thường trú ở phường. Mẹ tôi nhờ hỏi giá vàng nhẫn hôm nay bao nhiêu một chỉ.",
    "Chào bot, hôm qua tôi vừa đi làm căn cước ở phường xong, tiện hỏi luôn giá xăng hôm nay là bao nhiêu vậy",
  ])("a price asked in a long message is still off-topic: %s", async (text) => {
    const answer = await reply(text);
    expect(code(answer)).toBeUndefined();
    expect(answer).toMatch(REFUSED);
  });
});

describe("another preference ('lãi suất ưu đãi', 'ưu đãi thuế') is no người có công's allowance (L3)", () => {
  const SURVIVORS = /trợ cấp tuất cho thân nhân người đang đóng/;
  it.each([
    "Bố tôi đang hưởng lương hưu thì vừa mất tuần trước, nhà tôi còn khoản vay lãi suất ưu đãi ở ngân hàng, xin hỏi gia đình nhận trợ cấp tuất ở đâu",
    "Mẹ tôi đang hưởng lương hưu, được giảm thuế ưu đãi, vừa mất, gia đình nhận trợ cấp tuất ở đâu",
  ])("%s → social insurance's survivor benefit", async (text) => {
    const answer = await reply(text);
    expect(code(answer)).toBeUndefined();
    expect(answer).toMatch(SURVIVORS);
  });

  it.each([
    "ông tôi hưởng chế độ ưu đãi người có công, ông vừa mất thì con cháu nhận tiền tuất thế nào",
    "Ông nội tôi đang hưởng trợ cấp ưu đãi hằng tháng, vừa mất tuần trước, gia đình được nhận tiền tuất không",
  ])("a người có công's survivors are the ward's: %s", async (text) => {
    const answer = await reply(text);
    expect(answer).not.toMatch(SURVIVORS);
  });
});
