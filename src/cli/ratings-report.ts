// npm run ratings:report [-- --csv FILE] [--from YYYY-MM] [--to YYYY-MM]
// Satisfaction per month and per procedure (count, % satisfied), read from DATA_DIR/ratings.
// Safe while the bot runs: it only reads.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadCatalogue } from "../catalogue/load.js";
import { loadConfig } from "../config.js";
import { AnswerFeedbackStore } from "../ratings/feedback.js";
import { ALL, percentSatisfied, type SummaryRow, summarize, summaryCsv } from "../ratings/report.js";
import { FileRatingRepository } from "../ratings/store.js";

const { values } = parseArgs({
  options: { csv: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
});
const config = loadConfig();
const loaded = await loadCatalogue(config.catalogueDir);
const names = new Map(loaded.ok ? loaded.catalogue.procedures.map((p) => [p.code, p.name]) : []);
const nameOf = (code: string) => names.get(code) ?? code;

const ratings = await (await FileRatingRepository.open(path.join(config.dataDir, "ratings"))).all();
const rows = summarize(ratings, { from: values.from, to: values.to });
const out = (line = "") => process.stdout.write(`${line}\n`);

const line = (label: string, r: SummaryRow) =>
  `  ${label.padEnd(62)} ${String(r.count).padStart(6)} ${`${percentSatisfied(r)}%`.padStart(8)}`;
const head = (title: string) => {
  out(title);
  out(`  ${"".padEnd(62)} ${"Số ĐG".padStart(6)} ${"Hài lòng".padStart(8)}`);
};

if (rows.length === 0) {
  out("Chưa có đánh giá nào | No ratings yet.");
} else {
  head("Theo tháng | Per month (count, % satisfied)");
  for (const r of rows.filter((r) => r.procedureCode === ALL)) out(line(r.month === ALL ? "Tổng | Total" : r.month, r));
  out();
  head("Theo thủ tục | Per procedure");
  for (const r of rows.filter((r) => r.month === ALL && r.procedureCode !== ALL)) {
    out(line(`${r.procedureCode} ${nameOf(r.procedureCode)}`.slice(0, 62), r));
  }
  out();
  head("Theo tháng và thủ tục | Per month and procedure");
  for (const r of rows.filter((r) => r.month !== ALL && r.procedureCode !== ALL)) {
    out(line(`${r.month} ${r.procedureCode} ${nameOf(r.procedureCode)}`.slice(0, 62), r));
  }
}

// Read only (nothing is created when there is no data yet); counting needs no voter pseudonyms.
const feedbackFile = path.join(config.dataDir, "answer-feedback.json");
const feedback = existsSync(feedbackFile) ? (await AnswerFeedbackStore.open(config.dataDir, () => "")).counts() : [];
if (feedback.length > 0) {
  out();
  out("Phản hồi về câu trả lời | Answer feedback (helpful / not helpful)");
  for (const f of feedback.sort(
    (a, b) => a.month.localeCompare(b.month) || a.procedureCode.localeCompare(b.procedureCode),
  )) {
    out(
      `  ${f.month} ${`${f.procedureCode} ${nameOf(f.procedureCode)}`.slice(0, 60).padEnd(60)} ${f.helpful} / ${f.notHelpful}`,
    );
  }
}

if (values.csv) {
  await writeFile(values.csv, summaryCsv(rows, nameOf));
  out();
  out(`Đã ghi | Written: ${values.csv}`);
}
