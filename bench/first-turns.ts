// npx tsx bench/first-turns.ts [--dump FILE] [--against FILE] — the first turn of every tuning conversation
// (eval/conversations-tuning.jsonl), each sent to the whole assistant as a citizen's first message in a chat of its
// own, counted per half (even / odd conversation number): right (the procedure expected answered, or, for a first turn
// that expects several, a list holding them), a list, none (no procedure answered nor listed) or another procedure.
// A wrong first turn sinks the conversation after it (session 37: 159 of ~280 follow-up misses began so). The served
// catalogue as the bot serves it (its câu mẫu hold the tuning messages, not these turns). `--dump FILE`: one line per
// conversation (id, half, outcome, answered code or the listed ones); `--against FILE`: what changed from such a dump.
// Reads the tuning conversations only. About a minute; run it under the heavy lock.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { readProcedureChoice } from "../src/features/procedure-choice.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

interface Turn {
  text?: string;
  expected: string;
}
const list = readFileSync(path.join(ROOT, "eval/conversations-tuning.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as { id: string; turns: Turn[] });

const catalogue = await LiveCatalogue.open(path.join(ROOT, "data"));
const known = new Set(catalogue.current().catalogue.procedures.map((p) => p.code));
const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });

/** The code a reply answers (its first "(mã …)"), none for a list. */
function answered(replies: readonly Reply[]): string | undefined {
  const text = replies[0]?.text ?? "";
  const codes = [...text.matchAll(/\((?:mã|code) ([0-9.]+)\)/g)].map((m) => m[1] as string);
  return codes[0];
}

const rows: string[] = [];
const tally: Record<string, Record<string, number>> = { even: {}, odd: {} };
for (const c of list) {
  const first = c.turns[0];
  if (!first?.text || first.expected === "none") continue;
  const expected = first.expected.split("|");
  if (expected.some((code) => !known.has(code))) continue;
  const half = Number.parseInt(c.id.slice(1), 10) % 2 === 0 ? "even" : "odd";
  const replies = await assistant.handle(`first:${c.id}`, { kind: "text", text: first.text });
  const listed = replies
    .flatMap((r) => r.choices ?? [])
    .map((ch) => readProcedureChoice(ch.id)?.code)
    .filter((code): code is string => code !== undefined);
  const code = answered(replies);
  let outcome: string;
  if (code) outcome = expected.includes(code) ? "right" : "other";
  else if (listed.length > 0)
    outcome = expected.length > 1 && expected.every((e) => listed.includes(e)) ? "right" : "list";
  else outcome = "none";
  const t = tally[half] as Record<string, number>;
  t[outcome] = (t[outcome] ?? 0) + 1;
  t.all = (t.all ?? 0) + 1;
  rows.push([c.id, half, outcome, code ?? (listed.join(",") || "-"), first.expected, first.text].join("\t"));
}
for (const h of ["even", "odd"]) {
  const t = tally[h] as Record<string, number>;
  console.log(
    `${h}: ${t.all} first turns — right ${t.right ?? 0}, list ${t.list ?? 0}, other ${t.other ?? 0}, none ${t.none ?? 0}`,
  );
}
const dump = option("--dump");
if (dump) writeFileSync(dump, `${rows.join("\n")}\n`);
const against = option("--against");
if (against) {
  const before = new Map(
    readFileSync(against, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => [l.split("\t")[0] as string, l.split("\t")]),
  );
  for (const row of rows) {
    const now = row.split("\t");
    const was = before.get(now[0] as string);
    if (!was || was[2] === now[2]) continue;
    const mark = now[2] === "right" ? "mended" : was[2] === "right" ? "broken" : "moved";
    console.log(`${mark} ${now[0]} ${now[1]}: ${was[2]} ${was[3]} → ${now[2]} ${now[3]} (${now[4]}) ${now[5]}`);
  }
}
process.exit(0);
