/**
 * REVIEW s22: two redirect terms 6931db3 added took ward questions to another agency's pointer: «mất mạng» (to lose
 * one's life, beside «mất internet») and «rác thải sinh hoạt» (the waste a ward's environmental consultation is about,
 * beside its collection fee). Through the whole assistant, as a citizen's first message. REVIEW s23: d47f6f7 added the
 * legalising agencies' bare names («Bộ Ngoại giao», «Cục Lãnh sự», «Sở Ngoại vụ») to the legalisation pointer, which then
 * took a ward question that names the agency only as where a foreign paper was already legalised (the paper to bring for
 * recording a marriage made abroad); the names now count only as where the citizen is going («lên Bộ Ngoại giao»).
 */
import { describe, expect, it } from "vitest";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";

async function firstReply(text: string): Promise<string> {
  const assistant = createAssistant({
    catalogue: await bundledCatalogue(),
    conversations: new MemoryConversationStore(),
  });
  const replies = await assistant.handle("s22-review", { kind: "text", text });
  // A "which one?" list names its procedures in its choices (p:CODE:section), not in the text.
  return replies.map((r) => [r.text, ...(r.choices ?? []).map((c) => c.id)].join(" ")).join("\n");
}

describe("redirect terms that are also ward words", () => {
  it("a death told as «mất mạng» is no internet outage: the funeral support is offered", async () => {
    const reply = await firstReply(
      "chồng tôi bị tai nạn lao động mất mạng, gia đình có được hỗ trợ tiền mai táng không",
    );
    expect(reply).not.toMatch(/Internet, cáp quang/);
    expect(reply).toMatch(/2\.000744|mai táng/);
  });

  it("household waste named in an environmental consultation is no collection fee", async () => {
    const reply = await firstReply(
      "dự án bãi chôn lấp rác thải sinh hoạt gần nhà, phường tổ chức tham vấn môi trường ở đâu",
    );
    expect(reply).not.toMatch(/Thu gom rác sinh hoạt/);
    expect(reply).toMatch(/1\.010736/);
  });

  it("while a collection fee or a lost connection still gets its pointer", async () => {
    expect(await firstReply("tiền thu gom rác mỗi tháng đóng cho ai")).toMatch(/Thu gom rác sinh hoạt/);
    expect(await firstReply("nhà em mất internet từ sáng, gọi ai sửa")).toMatch(/Internet, cáp quang/);
  });
});

describe("the legalising agency named as done, not asked (REVIEW s23)", () => {
  it("a foreign marriage paper already legalised at the ministry, asked for its recording at the ward, is answered", async () => {
    const reply = await firstReply(
      "Giấy kết hôn do Hàn Quốc cấp đã hợp pháp hóa lãnh sự ở Bộ Ngoại giao rồi, giờ ghi chú kết hôn ở phường cần nộp gì nữa",
    );
    expect(reply).not.toMatch(/Hợp pháp hóa lãnh sự \(giấy tờ nước ngoài/);
    expect(reply).toMatch(/2\.002189|Ghi chú/);
  });

  it("while a paper to be taken to the ministry still gets the pointer", async () => {
    expect(
      await firstReply(
        "bản sao trích lục kết hôn có phải đem lên Bộ Ngoại giao hợp pháp hóa không để bảo lãnh vợ sang Canada",
      ),
    ).toMatch(/Hợp pháp hóa lãnh sự \(giấy tờ nước ngoài/);
  });
});
