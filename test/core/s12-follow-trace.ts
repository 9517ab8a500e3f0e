// Debug tracer: npx tsx test/core/s12-follow-trace.ts FILE.jsonl [ids...] — plays conversations and prints each reply
// (its first line, the code it answers, the choices offered), to see why a turn went wrong.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { ROOT } from "../harness/common.js";
import type { Conversation } from "../harness/eval-conversations.js";

const [file, ...ids] = process.argv.slice(2);
const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const list = readFileSync(path.resolve(file as string), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Conversation)
  .map((c, i) => ({ ...c, id: c.id ?? `c${i}` }))
  .filter((c) => ids.length === 0 || ids.includes(c.id));
const assistant = createAssistant({ catalogue: live, conversations: new MemoryConversationStore() });
for (const c of list) {
  console.log(`== ${c.id} [${c.kind}]`);
  let offered: string[] = [];
  for (const t of c.turns) {
    const text = t.text ?? String(offered.indexOf(t.pick ?? "") + 1);
    const replies = await assistant.handle(`trace:${c.id}`, { kind: "text", text });
    const first = replies[0]?.text ?? "";
    const code = /\((?:mã|code) ([0-9.]+)\)/.exec(first)?.[1];
    const choices = replies.flatMap((r) => r.choices ?? []).map((ch) => readProcedureChoice(ch.id)?.code ?? ch.id);
    if (choices.length > 0) offered = choices.map(String);
    console.log(`  > ${text}\n    want ${t.expected} ${t.intent} | got ${code ?? "-"} | ${first.split("\n")[0]?.slice(0, 90)}`);
    if (choices.length > 0) console.log(`    choices ${choices.join(" ")}`);
  }
}
