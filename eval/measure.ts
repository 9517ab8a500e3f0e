// npx tsx eval/measure.ts MESSAGES.tsv [CONVERSATIONS.jsonl] [--misses FILE]
//
// Scores a labelled set the way the bot serves it: each message through the served search of the bundled
// catalogue (examples and re-ranker as loaded), out-of-scope messages also through the whole assistant (a fresh
// chat each, as a citizen's first message), and conversations played turn by turn. It is how a fresh set
// (eval/fresh/) is measured at a session's start and end before it is split in, and how the parts can be
// re-measured outside the bench. Misses go to --misses FILE only: a list of an unseen set's misses is itself
// something nobody changing code may read (eval/README.md).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { MemoryConversationStore } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { measureAccuracy, parseLabelledQueries } from "../src/search/evaluate.js";
import { type Conversation, playConversations } from "../test/harness/eval-conversations.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const missesAt = args.indexOf("--misses");
const missesFile = missesAt >= 0 ? args[missesAt + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith("--") && (missesAt < 0 || i !== missesAt + 1));
const messagesFile = files.find((f) => f.endsWith(".tsv"));
const conversationsFile = files.find((f) => f.endsWith(".jsonl"));
if (!messagesFile && !conversationsFile) {
  console.error("usage: npx tsx eval/measure.ts MESSAGES.tsv [CONVERSATIONS.jsonl] [--misses FILE]");
  process.exit(2);
}

const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const { catalogue, search } = live.current();
const known = new Set(catalogue.procedures.map((p) => p.code));
const lines: string[] = [];
const missed: string[] = [];
const f3 = (n: number) => n.toFixed(3);

if (messagesFile) {
  const queries = parseLabelledQueries(readFileSync(path.resolve(messagesFile), "utf8"));
  const accuracy = measureAccuracy(search, queries, known);
  // Out of scope through the whole assistant: answered = the first reply names one procedure by its code.
  const assistant = createAssistant({ catalogue: live, conversations: new MemoryConversationStore() });
  let assistantAnswered = 0;
  let chat = 0;
  for (const q of queries.filter((q) => q.expected.length === 0)) {
    const replies = await assistant.handle(`measure:${chat++}`, { kind: "text", text: q.query });
    const text = replies[0]?.text ?? "";
    const code = /\((?:mã|code) ([0-9.]+)\)/.exec(text)?.[1];
    if (code) {
      assistantAnswered++;
      missed.push(`oos-assistant\t${q.query}\t→ ${code}`);
    }
  }
  lines.push(
    `messages ${path.basename(messagesFile)}: ${accuracy.inScope} in scope (${accuracy.skipped} skipped), ${accuracy.outOfScope} out of scope`,
    `  top-1 ${f3(accuracy.top1)}  top-3 ${f3(accuracy.top3)}  intent ${f3(accuracy.intent)}`,
    `  letters ≥150 (${accuracy.long.count}) ${f3(accuracy.long.top1)}  the rest (${accuracy.rest.count}) ${f3(accuracy.rest.top1)}`,
    `  out of scope: answered by the search ${Math.round(accuracy.confidentWrong * accuracy.outOfScope)}, by the whole assistant ${assistantAnswered}; offered a list ${Math.round(accuracy.offers * accuracy.outOfScope)} (of ${accuracy.outOfScope})`,
  );
  for (const m of accuracy.misses) missed.push(`message\t${m.query}\texpected ${m.expected}\tgot ${m.got}`);
}

if (conversationsFile) {
  const list = readFileSync(path.resolve(conversationsFile), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Conversation)
    // Fresh sets carry no ids until split in: each conversation needs a chat of its own.
    .map((conversation, i) => ({ ...conversation, id: conversation.id ?? `fresh${i + 1}` }));
  const score = await playConversations(list, live);
  lines.push(
    `conversations ${path.basename(conversationsFile)}: ${score.conversations} played (${score.skipped} skipped)`,
    `  follow-up turns right ${score.followUpsRight}/${score.followUps} = ${f3(score.followUpsRight / score.followUps)}; section right ${score.sectionsRight}`,
    `  after a right turn ${score.afterRightRight}/${score.afterRight} = ${f3(score.afterRightRight / score.afterRight)}; no-procedure turns ${score.noneRight}/${score.noneTurns}`,
  );
  for (const w of score.wrong) missed.push(`turn\t${w}`);
}

console.log(lines.join("\n"));
if (missesFile) {
  writeFileSync(missesFile, `${missed.join("\n")}\n`);
  console.log(`misses (${missed.length}) written to ${missesFile}`);
}
live.close?.();
