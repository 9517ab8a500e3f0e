// Debug player (FOLLOW, session 17): npx tsx test/core/s17-follow-trace.ts FILE.jsonl [ids...] — plays conversations and
// prints, for each turn, the reply's first line and code and what the served search makes of the text alone (decision,
// sure, intent, top hits with their title share).
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
const { search } = live.current();
const list = readFileSync(path.resolve(file as string), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Conversation)
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
    const o = search.search(text, 8);
    const hits = o.hits
      .slice(0, 3)
      .map(
        (h) =>
          `${h.procedure.code}(${h.score.toFixed(2)} t${h.parts.title.toFixed(2)} c${h.parts.coverage.toFixed(2)})`,
      );
    console.log(
      `  > ${text}\n    want ${t.expected} ${t.intent} | got ${code ?? "-"} | ${first.split("\n")[0]?.slice(0, 80)}\n    search ${o.decision}${o.sure ? " sure" : ""} ${o.intent}${o.sectionOnly ? " only" : ""} ${hits.join(" ")}`,
    );
  }
}
