/**
 * Session 38 (SCOPE), through the whole assistant as a citizen's first message. Phrasings written for this test from
 * the records and the redirects, not from eval/.
 * - The scope gate counts a word as other only when most câu mẫu that say it are `none` (scope.ts `OTHER_SHARE`): «vốn»
 *   and «triệu», said as often in scope, no longer veto a shop's capital raised.
 * - Everyday questions leave the served redirects' terms to their pointers (everyday.ts `saysRedirectTerm` over the
 *   catalogue's redirects, with the short forms citizens type: «vpcc»), not the bundled file's alone.
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
  const [reply] = await assistant.handle("s38-scope", { kind: "text", text });
  return reply?.text ?? "";
}

describe("an everyday frame around a served redirect's short form gets the agency's pointer", () => {
  it.each([
    ["vpcc nào uy tín ở quận 3", /[Cc]ông chứng/],
    ["nên chọn vpcc nào gần chợ Bến Thành", /[Cc]ông chứng/],
  ])("%s → the pointer", async (text, topic) => {
    const reply = await firstReply(text);
    expect(reply).toMatch(/^ℹ️/);
    expect(reply).toMatch(topic);
  });
});

describe("a shop's capital raised in everyday words is answered (the gate's other words)", () => {
  it("tiệm tạp hóa … tăng vốn lên 300 triệu → the change of a household business's registration", async () => {
    expect(await firstReply("tiệm tạp hóa của tôi muốn tăng vốn lên 300 triệu")).toMatch(/\(mã 2\.000720\)/);
  });
});
