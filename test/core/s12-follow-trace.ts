// Debug player: npx tsx test/core/s12-follow-trace.ts FILE.jsonl [ids...] — plays conversations and prints each reply
// (its first line, the code it answers, the choices offered); with --wrong, only the wrong turns and the figures; with
// --search, also what the served search makes of each turn's text alone (decision, sure, intent, top hits with their
// title and coverage shares).
import { readFileSync } from "node:fs";
import path from "node:path";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { ROOT } from "../harness/common.js";
import { type Conversation, playConversations } from "../harness/eval-conversations.js";

const args = process.argv.slice(2);
const wrongOnly = args.includes("--wrong");
const withSearch = args.includes("--search");
const [file, ...ids] = args.filter((a) => a !== "--wrong" && a !== "--search");
const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const list = readFileSync(path.resolve(file as string), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Conversation)
  .map((c, i) => ({ ...c, id: c.id ?? `c${i}` }))
  .filter((c) => ids.length === 0 || ids.includes(c.id));

if (wrongOnly) {
  const score = await playConversations(list, live);
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const w of score.wrong) {
    const m = /^(\S+)#(\d+) /.exec(w);
    const conversation = m ? byId.get(m[1] as string) : undefined;
    const turn = conversation?.turns[Number(m?.[2]) - 1];
    console.log(`${w.slice(0, 160)}\n      want ${turn?.expected} ${turn?.intent} [${conversation?.kind}]`);
  }
  const f3 = (a: number, b: number) => `${a}/${b} = ${(a / b).toFixed(3)}`;
  console.log(
    `follow-ups ${f3(score.followUpsRight, score.followUps)}; after right ${f3(score.afterRightRight, score.afterRight)}; none ${score.noneRight}/${score.noneTurns}`,
  );
} else {
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
      console.log(
        `  > ${text}\n    want ${t.expected} ${t.intent} | got ${code ?? "-"} | ${first.split("\n")[0]?.slice(0, 90)}`,
      );
      if (choices.length > 0) console.log(`    choices ${choices.join(" ")}`);
      if (withSearch) {
        const o = live.current().search.search(text, 8);
        const hits = o.hits
          .slice(0, 3)
          .map(
            (h) =>
              `${h.procedure.code}(${h.score.toFixed(2)} t${h.parts.title.toFixed(2)} c${h.parts.coverage.toFixed(2)})`,
          );
        console.log(
          `    search ${o.decision}${o.sure ? " sure" : ""} ${o.intent}${o.sectionOnly ? " only" : ""} ${hits.join(" ")}`,
        );
      }
    }
  }
}
