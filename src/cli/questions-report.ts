// npm run questions:report [-- --days N] [--limit N]
// Questions the bot answered "not found", most asked first (scrubbed: no chat ids, phone numbers,
// dossier codes or numbers), read from DATA_DIR/unanswered-questions.json. Safe while the bot runs: it only reads.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { KEEP_DAYS, QUESTIONS_FILE, UnansweredQuestionStore } from "../questions/store.js";

const { values } = parseArgs({ options: { days: { type: "string" }, limit: { type: "string" } } });
const days = Number(values.days ?? KEEP_DAYS);
const limit = Number(values.limit ?? 100);
if (!Number.isInteger(days) || days < 1 || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write("--days và --limit phải là số nguyên dương | --days and --limit must be positive integers\n");
  process.exit(2);
}
const config = loadConfig();
const out = (line = "") => process.stdout.write(`${line}\n`);
// Nothing is created when there is no data yet.
const questions = existsSync(path.join(config.dataDir, QUESTIONS_FILE))
  ? (await UnansweredQuestionStore.open(config.dataDir, { fsync: false })).list(days)
  : [];
if (questions.length === 0) {
  out(
    `Chưa có câu hỏi nào chưa trả lời được trong ${days} ngày qua | No unanswered questions in the last ${days} days.`,
  );
} else {
  out(`Câu hỏi chưa trả lời được, ${days} ngày qua | Unanswered questions, last ${days} days`);
  out(`  ${"Số lần".padStart(6)}  ${"Gần nhất".padEnd(10)}  Câu hỏi | Count, last asked, question`);
  for (const q of questions.slice(0, limit))
    out(`  ${String(q.count).padStart(6)}  ${q.lastAsked.padEnd(10)}  ${q.text}`);
  if (questions.length > limit) out(`  … ${questions.length - limit} câu khác | more (--limit)`);
}
