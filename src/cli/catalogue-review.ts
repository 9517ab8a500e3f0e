// npm run catalogue:review [-- --date YYYY-MM-DD] [-- DIR]: records due for a re-check, soonest first.
import path from "node:path";
import { loadCatalogue } from "../catalogue/load.js";
import { formatReport } from "../catalogue/problems.js";
import { isoDay, overlaysDueForReview, recordsDueForReview, reviewSummary } from "../catalogue/review.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run catalogue:review [-- --date YYYY-MM-DD] [-- THƯ-MỤC-DỮ-LIỆU]

Liệt kê các thủ tục cần rà soát lại: chưa kiểm tra trong 180 ngày, hoặc dựa trên căn cứ pháp lý
sẽ hết hiệu lực trong 90 ngày (hoặc đã hết). Lists records due for a re-check.
  --date   ngày tính (mặc định: hôm nay) | the day to count from (default: today)
`;

const { values, positionals } = cliArgs(HELP, {
  allowPositionals: true,
  options: { date: { type: "string" }, help: { type: "boolean", short: "h" } },
});
const today = values.date ?? isoDay(Date.now());
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  process.stderr.write(`Ngày phải có dạng YYYY-MM-DD | the date must be YYYY-MM-DD: ${today}\n`);
  process.exit(2);
}
const dir = positionals[0] ? path.resolve(positionals[0]) : loadCliConfig().catalogueDir;
const result = await loadCatalogue(dir);
if (!result.ok) {
  process.stderr.write(`${formatReport(result.problems)}\n`);
  process.exit(1);
}
const due = [
  ...recordsDueForReview(result.catalogue.procedures, today),
  ...overlaysDueForReview(result.catalogue.province, today),
];
for (const d of due) {
  process.stdout.write(`${d.code} ${d.name}\n  trước ngày | by ${d.dueBy}\n`);
  for (const reason of d.reasons) process.stdout.write(`  - ${reason}\n`);
}
process.stdout.write(`${reviewSummary(due, result.catalogue.procedures.length)}\n`);
