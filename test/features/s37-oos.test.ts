/**
 * Session 37 (OOS): other agencies' services said by the short forms citizens type, read from the synonyms
 * (catalogue/short-forms.ts: «lltp» for «lý lịch tư pháp», «cmt» for «chứng minh thư», «vp công chứng» for «văn phòng
 * công chứng»), and the Consular Department named bare («cục lãnh sự»), get that agency's pointer as a first message,
 * not a ward procedure or the bare contact block. Phrasings written for this test.
 */
import { describe, expect, it } from "vitest";
import { isShortFormOf, withShortForms } from "../../src/catalogue/short-forms.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { tokenize } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";

describe("short forms of a synonym group's names", () => {
  it.each([
    ["cmnd", "chứng minh nhân dân"],
    ["cmt", "chứng minh thư"],
    ["lltp", "lý lịch tư pháp"],
    ["vp công chứng", "văn phòng công chứng"],
    ["vpcc", "văn phòng công chứng"],
  ])("%s is a short form of %s", (short, full) => {
    expect(isShortFormOf(tokenize(short), tokenize(full))).toBe(true);
  });

  it.each([
    // the same words, no initials: no short form
    ["công chứng", "văn phòng công chứng"],
    ["căn cước", "căn cước công dân"],
    // initials of words not in a row, or of one word
    ["vc", "văn phòng công chứng"],
    ["c", "căn cước"],
  ])("%s is no short form of %s", (short, full) => {
    expect(isShortFormOf(tokenize(short), tokenize(full))).toBe(false);
  });

  it("adds a term's short spellings from its group, never every name of the group", () => {
    const redirect = { id: "x", topic: "x", terms: ["căn cước", "lý lịch tư pháp số 1"], answer: "x", sources: [] };
    const synonyms = {
      groups: [
        { concept: "căncước", terms: ["căn cước", "chứng minh thư", "cmt", "giấy tờ tùy thân"] },
        { concept: "lýlịchtưpháp", terms: ["lý lịch tư pháp", "lltp", "criminal record"] },
      ],
      filler: [],
    };
    const [served] = withShortForms([redirect] as never, synonyms);
    expect(served?.terms).toEqual(["căn cước", "lý lịch tư pháp số 1", "cmt", "lltp so 1"]);
  });
});

describe("through the whole assistant, as a citizen's first message", () => {
  it.each([
    ["cho hỏi xin lltp số 2 ở đâu", /[Ll]ý lịch tư pháp/],
    ["làm lại cmt bị mất ở đâu", /[Cc]ăn cước/],
    ["vp công chứng nào gần đây làm nhanh", /[Cc]ông chứng/],
    ["xin giấy xác nhận ở cục lãnh sự mất mấy ngày", /[Hh]ợp pháp hóa lãnh sự/],
  ])("%s → the agency's pointer", async (text, topic) => {
    const assistant = createAssistant({
      catalogue: await bundledCatalogue(),
      conversations: new MemoryConversationStore(),
    });
    const [reply] = await assistant.handle("s37-oos", { kind: "text", text });
    expect(reply?.text).toMatch(/^ℹ️/);
    expect(reply?.text).toMatch(topic);
  });

  it("a ward copy weighed against a notary named short keeps the ward's procedure", async () => {
    const assistant = createAssistant({
      catalogue: await bundledCatalogue(),
      conversations: new MemoryConversationStore(),
    });
    const [reply] = await assistant.handle("s37-oos-ward", {
      kind: "text",
      text: "sao y sổ đỏ ở ubnd phường được không hay phải ra vp công chứng",
    });
    expect(reply?.text).toMatch(/\(mã 2\.000815\)/);
  });
});
