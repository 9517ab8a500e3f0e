/**
 * Session 38 (issue 11): turns after an answer that ask of the case in the citizen's words, played through the real
 * assistant on the bundled catalogue. Phrasings written for this test, none from eval/.
 * - A redirect's short term typed with other accents is other words: «nhận thờ cúng» (taking over the worship of a
 *   martyr) folds to «nhan tho», as «nhân thọ» (life insurance) does; typed with accents it is no pointer.
 * - Thanks that open a question ("ok, can my brother …?") are said to the last answer; the question is still the case's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

/** The procedure a reply answers (the code it names first), or undefined. */
const answered = (replies: readonly Reply[]) => /\((?:mã|code) ([0-9.]+)\)/.exec(replies[0]?.text ?? "")?.[1];
/** Whether a reply is another agency's pointer. */
const pointer = (replies: readonly Reply[]) =>
  /không làm tại bộ phận một cửa|not handled at the ward/.test(replies[0]?.text ?? "");

/** Each turn's reply in one fresh chat. */
async function play(...turns: string[]): Promise<Reply[][]> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const chat = `s38-judge:${turns.join("|")}`;
  const out: Reply[][] = [];
  for (const text of turns) out.push(await assistant.handle(chat, { kind: "text", text }));
  return out;
}

/** Trợ cấp thờ cúng liệt sĩ. */
const WORSHIP = "1.010803";

describe("a short redirect term typed with other accents", () => {
  it.each([
    "anh tôi nhận thờ cúng thay bố thì có cần biên bản họp họ không",
    "bố tôi mất, tôi nhận thờ cúng tiếp thì phải làm lại hồ sơ à",
  ])("after the martyr's worship allowance, «nhận thờ cúng» is no life insurance: %s", async (text) => {
    const [opened, then] = await play("xin trợ cấp thờ cúng liệt sĩ", text);
    expect(answered(opened ?? [])).toBe(WORSHIP);
    expect(pointer(then ?? [])).toBe(false);
    expect(answered(then ?? [])).toBe(WORSHIP);
  });

  it.each(["rút tiền bảo hiểm nhân thọ ở đâu", "rut tien bao hiem nhan tho o dau"])(
    "life insurance, typed either way, is still its pointer: %s",
    async (text) => {
      const [first] = await play(text);
      expect(pointer(first ?? [])).toBe(true);
    },
  );
});

describe("thanks that open a question after an answer", () => {
  // A tuning conversation (eval/conversations-tuning.jsonl c1713, turns 1 and 3): "ok" anywhere read as thanks let the
  // question after it fall to "not found".
  it("«ok. can my cousin …?» stays on the case", async () => {
    const [opened, then] = await play(
      "my late grandfather was a French citizen who died in Hanoi in 1998; both the death certificate and the commune register were lost. How do we re-register his death?",
      "ok. can my cousin in Hanoi file it for us with a power of attorney?",
    );
    expect(answered(opened ?? [])).toBe("2.000497");
    expect(answered(then ?? [])).toBe("2.000497");
  });
});
