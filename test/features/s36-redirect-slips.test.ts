/**
 * Session 36 (OOS): another agency's term typed with a phone's slip of one of its words (redirects.ts `withTermSlips`):
 * «hộ chíu» (the diphthong iê typed as its i, the tone kept), «căn cướt», «lãi xuất», «chả góp» (sounds people confuse
 * in writing: final c/t, s/x, ch/tr), «drving licence» (a letter off in a word no Vietnamese syllable), and chat
 * spellings as the search reads them («cty», «ng»: spelling.ts `unchat`). A message that
 * says some term as typed is read as it is; a slip must keep the term word's tone when typed with accents, and one
 * word of the term is said as written. Phrasings written for this test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Redirect } from "../../src/catalogue/schema.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { matchRedirect, withTermSlips } from "../../src/features/redirects.js";
import { bundledCatalogue } from "../harness/common.js";

const redirects = (JSON.parse(readFileSync("data/redirects.json", "utf8")) as { redirects: Redirect[] }).redirects;

describe("a term typed with a slip of one word", () => {
  it.each([
    ["xin cấp hộ chíu lần đầu cho bé nhà mình ở đâu", "ho-chieu"],
    ["bị mất căn cướt thì làm lại ở đâu", "can-cuoc"],
    ["lãi xuất vay mua nhà bây giờ bao nhiêu", "ngan-hang"],
    ["mua xe máy chả góp cần giấy tờ gì", "ngan-hang"],
    ["how do I renew my drving licence", "giay-phep-lai-xe"],
    // chat spellings, read as the search reads them (spelling.ts unchat): «cty», «ng»
    ["muốn mở cty hai thành viên thì nộp hồ sơ ở đâu", "doanh-nghiep"],
    ["khai ng phụ thuộc cho mẹ già làm sao", "thue"],
  ])("%s → %s", (text, id) => {
    expect(withTermSlips(redirects, text)).toBeDefined();
    expect(matchRedirect(redirects, text)?.redirect.id).toBe(id);
  });

  it.each([
    // «tìm» (to look for) is no «tiêm» typed with its i: the tone differs; typed bare, iê as i is never read
    "tìm phòng trọ gần phường ở đâu rẻ",
    "tim phong tro gan phuong",
    // the term said as typed is read as it is (no second reading)
    "làm hộ chiếu ở đâu",
    // a word of the term with another tone is another word
    "nhờ người làm hộ, chịu phí thì sao",
  ])("not: %s", (text) => {
    expect(withTermSlips(redirects, text)).toBeUndefined();
  });

  it("writes the slipped word as the term does, the rest of the message as typed", () => {
    expect(withTermSlips(redirects, "Xin cấp HỘ CHÍU, ở đâu?")).toBe("Xin cấp HỘ chiếu, ở đâu?");
  });
});

describe("through the whole assistant, as a citizen's first message", () => {
  it("a passport typed «hộ chíu» gets the passport's pointer", async () => {
    const assistant = createAssistant({
      catalogue: await bundledCatalogue(),
      conversations: new MemoryConversationStore(),
    });
    const [reply] = await assistant.handle("s36-slips", {
      kind: "text",
      text: "muốn làm hộ chíu cho con thì nộp ở đâu",
    });
    expect(reply?.text).toMatch(/^ℹ️/);
    expect(reply?.text).toMatch(/[Hh]ộ chiếu/);
  });
});
