/**
 * A câu mẫu (staff's label on a message, data/examples.json) in a conversation: it answers that message alone,
 * but it neither pulls a message pointing at the procedure at hand away from it nor loses to a redirect term.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { copyOfBundledData, editJson } from "../harness/common.js";

const BIRTH = "1.001193";
const MARRIAGE = "1.000894";
const POINTING = "giấy này có giá trị bao lâu";
const INSURANCE = "bảo hiểm y tế cho bé mới sinh làm ở đâu";

const answered = (text?: string) => /\((?:mã|code) ([0-9.]+)\)/.exec(text ?? "")?.[1];

let copy: Awaited<ReturnType<typeof copyOfBundledData>>;
let catalogue: LiveCatalogue;
beforeAll(async () => {
  copy = await copyOfBundledData();
  await editJson(path.join(copy.dir, "examples.json"), (file: { examples: object[] }) => {
    file.examples.push(
      { text: POINTING, code: MARRIAGE, source: "nhân viên nv01, 2026-12-02", added: "2026-12-02" },
      { text: INSURANCE, code: BIRTH, source: "nhân viên nv01, 2026-12-02", added: "2026-12-02" },
    );
  });
  catalogue = await LiveCatalogue.open(copy.dir);
});
afterAll(async () => {
  await catalogue.close();
  await copy.cleanup();
});

async function chat(...messages: string[]): Promise<Array<string | undefined>> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const codes: Array<string | undefined> = [];
  for (const text of messages) codes.push(answered((await assistant.handle("t:1", { kind: "text", text }))[0]?.text));
  return codes;
}

describe("staff labels in a conversation", () => {
  it("answer the labelled message alone as labelled", async () => {
    expect(await chat(POINTING)).toEqual([MARRIAGE]);
  });

  it("leave a message that points at the procedure at hand on it", async () => {
    expect(await chat("làm giấy khai sinh cho con", POINTING)).toEqual([BIRTH, BIRTH]);
  });

  it("win over a redirect term the labelled message holds", async () => {
    expect(await chat(INSURANCE)).toEqual([BIRTH]);
  });
});
