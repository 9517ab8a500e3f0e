// npx tsx bench/conversation-turns.ts [even|odd] > turns.tsv — every turn of the tuning conversations (of one half when
// given: by the conversation's number) played through the assistant, one line each: id, expected, what the reply was
// (a procedure's code, "list", "not-found", "pointer", or its first words), right, section right, the turn before right,
// text. For before/after comparisons per half (`diff`), and with a judge trained on the other half
// (`npm run case-question:train -- --half odd --out …` copied over data/case-question.json) for a figure unseen by it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { Translator } from "../src/core/i18n.js";
import type { Reply } from "../src/core/types.js";
import { conversations, playConversations } from "../test/harness/eval-conversations.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const half = (process.argv[2] === "even" || process.argv[2] === "odd" ? process.argv[2] : undefined) as
  | "even"
  | "odd"
  | undefined;
/** `--first N`: only the first N conversations (a quick look). */
/** `--ids c0001,c0002`: only these conversations. */
const ids = process.argv.includes("--ids")
  ? new Set(process.argv[process.argv.indexOf("--ids") + 1]?.split(","))
  : undefined;
const first = process.argv.includes("--first") ? Number(process.argv[process.argv.indexOf("--first") + 1]) : Infinity;
const translator = new Translator();
const opening = (id: string) =>
  (["vi", "en"] as const).map(
    (lang) => (translator.t(lang, id, { contact: "\u0000", topic: "\u0000" }) ?? "").split("\u0000")[0]?.trim() ?? "∅",
  );
const NOT_FOUND = opening("not-found");
const POINTER =
  translator.t("vi", "redirect", { topic: "\u0000", answer: "\u0000" }).split("\u0000")[1]?.trim().slice(0, 30) ?? "∅";
const POINTER_EN =
  translator.t("en", "redirect", { topic: "\u0000", answer: "\u0000" }).split("\u0000")[1]?.trim().slice(0, 30) ?? "∅";

function readReply(replies: readonly Reply[]): string {
  const text = replies[0]?.text ?? "";
  const code = /\((?:mã|code) ([0-9.]+)\)/.exec(text)?.[1];
  if (code) return code;
  if (NOT_FOUND.some((n) => n !== "" && text.startsWith(n))) return "not-found";
  if (text.includes(POINTER) || text.includes(POINTER_EN)) return "pointer";
  if (replies.some((r) => (r.choices ?? []).length > 0)) return `list:${text.slice(0, 30).replace(/\s+/g, " ")}`;
  return `say:${text.slice(0, 40).replace(/\s+/g, " ")}`;
}

const number = (id: string) => Number(id.replace(/\D/g, ""));
const live = await LiveCatalogue.open(path.join(ROOT, "data"));
const list = conversations("conversations-tuning.jsonl")
  .filter((c) => half === undefined || number(c.id) % 2 === (half === "even" ? 0 : 1))
  .filter((c) => ids === undefined || ids.has(c.id))
  .slice(0, first);
const lines: string[] = [];
const score = await playConversations(list, live, (t) => {
  lines.push(
    [
      `${t.conversation}#${t.turn}`,
      t.expected,
      readReply(t.replies),
      t.right ? 1 : 0,
      t.sectionRight ? 1 : 0,
      t.previousRight ? 1 : 0,
      t.text.replace(/\s+/g, " "),
    ].join("\t"),
  );
});
console.log(lines.join("\n"));
console.error(
  `${half ?? "all"}: follow-up turns ${score.followUpsRight}/${score.followUps}, after a right turn ${score.afterRightRight}/${score.afterRight}, no-procedure turns ${score.noneRight}/${score.noneTurns}`,
);
