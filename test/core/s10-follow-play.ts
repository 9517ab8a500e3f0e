// Debug player: npx tsx test/core/s10-follow-play.ts FILE.jsonl [ids...] — prints every wrong turn with what was expected.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { ROOT } from "../harness/common.js";
import { type Conversation, playConversations } from "../harness/eval-conversations.js";

const [file, ...ids] = process.argv.slice(2);
const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const list = readFileSync(path.resolve(file as string), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Conversation)
  .map((c, i) => ({ ...c, id: c.id ?? `c${i}` }))
  .filter((c) => ids.length === 0 || ids.some((id) => c.id >= id));
const score = await playConversations(list, live);
const byId = new Map(list.map((c) => [c.id, c]));
for (const w of score.wrong) {
  const m = /^(\S+)#(\d+) /.exec(w);
  const turn = m ? byId.get(m[1] as string)?.turns[Number(m[2]) - 1] : undefined;
  const kind = m ? byId.get(m[1] as string)?.kind : "";
  console.log(`${w.slice(0, 160)}\n      want ${turn?.expected} ${turn?.intent} [${kind}]`);
}
console.log(
  `follow-ups ${score.followUpsRight}/${score.followUps} = ${(score.followUpsRight / score.followUps).toFixed(3)}; after right ${score.afterRightRight}/${score.afterRight} = ${(score.afterRightRight / score.afterRight).toFixed(3)}; none ${score.noneRight}/${score.noneTurns}`,
);
