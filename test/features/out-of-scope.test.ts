import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";

/** Requests the ward does not handle, written for these tests (not taken from eval/): never a procedure answer. */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

async function reply(text: string): Promise<string> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const [first] = await assistant.handle("telegram:7", { kind: "text", text });
  // the text, then the choices' labels (a "which one?" names the procedures only there)
  return [first?.text ?? "", ...(first?.choices ?? []).map((c) => c.label)].join("\n");
}
const code = (text: string) => /\((?:mã|code) ([0-9.]+)\)/.exec(text)?.[1];

describe("a request to translate a text", () => {
  it.each([
    "dịch câu này sang tiếng anh giúp tôi",
    "dich ho minh doan nay ra tieng han voi",
    "bạn dịch hộ mình tờ giấy ra viện này sang tiếng Việt được không",
    "can you translate my birth certificate to english",
  ])("%s → the bot does not translate, and points to the translator's signature", async (text) => {
    const text2 = await reply(text);
    expect(code(text2)).toBeUndefined();
    expect(text2).toMatch(/không dịch văn bản|don't translate/);
  });

  it.each([
    "chứng thực bản dịch sang tiếng anh",
    "tôi tự dịch bằng đại học sang tiếng Anh, muốn chứng thực chữ ký người dịch",
  ])("certifying a translation is the ward's: %s", async (text) => {
    const answer = await reply(text);
    expect(answer).not.toMatch(/không dịch văn bản/);
    expect(answer).toMatch(/Chứng thực chữ ký người dịch/);
  });
});

describe("civil status for Vietnamese abroad, done there", () => {
  it("is the embassy's or consulate's", async () => {
    const text = await reply(
      "Con gái chúng tôi vừa chào đời ở Melbourne, hai vợ chồng đang làm việc bên Úc và chưa thể về nước mấy năm tới. Xin hỏi làm khai sinh Việt Nam cho cháu ngay bên này thì làm ở đâu?",
    );
    expect(code(text)).toBeUndefined();
    expect(text).toMatch(/Đại sứ quán/);
  });

  it("not when the family is at home and only someone is away for work", async () => {
    const text = await reply("chồng đi làm ở Hàn Quốc chưa về, em ở nhà làm khai sinh cho con ở đây thế nào");
    expect(code(text)).toBeDefined();
    expect(text).not.toMatch(/Đại sứ quán/);
  });
});

describe("a foreigner's residence", () => {
  it("is the immigration office's, not the citizens' residence registration", async () => {
    const text = await reply("vợ tôi người Nhật, muốn gia hạn tạm trú cho cô ấy thì nộp ở đâu");
    expect(code(text)).toBeUndefined();
    expect(text).toMatch(/xuất nhập cảnh/);
  });

  it("a citizen's own residence stays the ward's", async () => {
    expect(code(await reply("gia hạn tạm trú cho con trai đi học xa nhà"))).toBe("1.002755");
  });
});

describe("requests other agencies handle, as citizens write them (out-of-scope-messages.txt, written for this test)", () => {
  it("never get a procedure answered", async () => {
    const messages = readFileSync(new URL("./out-of-scope-messages.txt", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(messages.length).toBeGreaterThan(20);
    const answered: string[] = [];
    for (const message of messages) {
      const text = await reply(message);
      if (code(text)) answered.push(`${code(text)} ← ${message}`);
    }
    expect(answered).toEqual([]);
  });
});

describe("one's own company", () => {
  it("is no household business: the enterprise registration pointer", async () => {
    const text = await reply("công ty của tôi muốn đăng ký thay đổi ngành nghề kinh doanh");
    expect(code(text)).toBeUndefined();
    expect(text).toMatch(/Phòng Đăng ký kinh doanh/);
  });

  it("an employer asking for a paper is still the paper's procedure", async () => {
    expect(code(await reply("công ty tôi yêu cầu nộp giấy xác nhận thông tin cư trú, xin ở đâu"))).toBe("1.010041");
  });
});
