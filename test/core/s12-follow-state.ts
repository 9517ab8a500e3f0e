// Debug: npx tsx test/core/s12-follow-state.ts "turn 1" "turn 2" … — each reply's first line and the answer
// feature's state after it (the procedure, the list, the story kept).
import path from "node:path";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { ROOT } from "../harness/common.js";

const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const store = new MemoryConversationStore();
const assistant = createAssistant({ catalogue: live, conversations: store });
for (const text of process.argv.slice(2)) {
  const replies = await assistant.handle("state:1", { kind: "text", text });
  const state = await store.get("state:1");
  console.log(`> ${text}\n  ${(replies[0]?.text ?? "").split("\n").slice(0, 2).join(" | ").slice(0, 150)}`);
  console.log(
    `  state ${JSON.stringify((state as { features?: Record<string, unknown> })?.features?.answer ?? state)}`,
  );
}
