/**
 * Session 37 (letters helper): a letter whose request names its ward procedure is answered with it, though another
 * agency's service is said beside it as something the citizen need not or will not do — a tax paid off before closing a
 * household business («có phải trả hết tiền thuế trước không»: a step of the ward's procedure, index.ts STEP_WORDS), a
 * notary office the citizen says they will not go to («không ra văn phòng công chứng», `notGoingTo`). Through the whole
 * assistant, as a citizen's first message. Written for this change, not from eval/.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";
import { codeOf } from "../harness/converse.js";

async function answered(text: string): Promise<string | undefined> {
  const assistant = createAssistant({
    catalogue: await bundledCatalogue(),
    conversations: new MemoryConversationStore(),
  });
  return codeOf(await assistant.handle("s37-letters", { kind: "text", text }));
}

// A hang guard, not a budget: the bundled catalogue's index takes seconds on a calm machine, minutes on a busy one.
beforeAll(async () => {
  await bundledCatalogue();
}, 900_000);

const CLOSE_BUSINESS = "1.001266";
const CERTIFY_LAND_DEAL = "2.001035";

describe("a step the ward's procedure may need first is no other agency's request", () => {
  it.each([
    "Chị gái tôi mở tiệm bánh mì đứng tên hộ kinh doanh ở phường từ năm 2018. Nay chị chuyển vào Sài Gòn sống với con nên muốn dẹp tiệm. Làm thủ tục chấm dứt hộ kinh doanh thì có phải trả hết tiền thuế trước không?",
    "Mẹ tôi bán tạp hóa có đăng ký hộ kinh doanh gần chục năm, giờ mẹ yếu rồi nên cả nhà cho nghỉ bán. Trước khi làm giấy đóng hộ kinh doanh ở phường, có bắt buộc phải đóng hết thuế không ạ?",
  ])("%s → the household business's closing", async (text) => {
    expect(await answered(text)).toBe(CLOSE_BUSINESS);
  });
});

describe("an agency the citizen will not go to is no request for it", () => {
  it("«… chứng thực luôn ở phường cho gần, không ra văn phòng công chứng» → the ward's certification of the land deal", async () => {
    expect(
      await answered(
        "Hai vợ chồng tôi định bán mảnh đất thổ cư 90m2 cho anh hàng xóm. Hai bên muốn làm hợp đồng chuyển nhượng và chứng thực luôn ở phường cho gần, không ra văn phòng công chứng. Xin hỏi cần chuẩn bị hồ sơ gì?",
      ),
    ).toBe(CERTIFY_LAND_DEAL);
  });
});

describe("the other agency's service asked for itself stays that agency's", () => {
  it.each([
    "hộ kinh doanh nhà tôi muốn đóng thuế khoán quý này thì nộp ở đâu",
    "tôi không ra văn phòng công chứng được, phường có công chứng di chúc không",
  ])("%s → no ward procedure answered", async (text) => {
    expect(await answered(text)).toBeUndefined();
  });
});
