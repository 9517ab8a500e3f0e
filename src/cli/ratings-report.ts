// npm run ratings:report [-- --xlsx FILE] [--csv FILE] [--comments] [--from YYYY-MM] [--to YYYY-MM] [--phuong WARD]
// Satisfaction per month and per procedure (count, % satisfied), read from the configured DATA_DIR.
// Safe while the bot runs: it only reads.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadCatalogue } from "../catalogue/load.js";
import { AnswerFeedbackStore } from "../ratings/feedback.js";
import { PostgresRatingRepository } from "../ratings/postgres.js";
import {
  ALL,
  COMMENTS_SHEET,
  commentsOf,
  LEVEL_LABELS,
  percentSatisfied,
  ratingsOfWard,
  reportWorkbook,
  SUMMARY_SHEET,
  type SummaryRow,
  summarize,
  summaryCsv,
} from "../ratings/report.js";
import { FileRatingRepository } from "../ratings/store.js";
import { loadWardMap, wardChoices, wardOfOption } from "../staff/wards.js";
import { createPool } from "../storage/postgres/database.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run ratings:report [-- --xlsx TỆP.xlsx] [--csv TỆP.csv] [--comments]
                                            [--from YYYY-MM] [--to YYYY-MM] [--phuong MÃ_PHƯỜNG]

In tổng hợp đánh giá hài lòng theo tháng, theo thủ tục, theo tháng và thủ tục, từ thư mục dữ liệu
(DATA_DIR trong .env). Chạy được cả khi bot đang chạy (chỉ đọc).
Prints satisfaction per month and per procedure from the configured data folder (read only).

  --xlsx TỆP     ghi tệp Excel: trang «${SUMMARY_SHEET}» và trang «${COMMENTS_SHEET}» (mọi góp ý) | write a workbook
  --csv TỆP      ghi bảng tổng hợp ra CSV (UTF-8, mở được bằng Excel) | write the summary as CSV
  --comments     in cả các góp ý | print the comments too
  --from, --to   chỉ tính các tháng này (YYYY-MM) | only these months
  --phuong MÃ    chỉ tính đánh giá hồ sơ của một phường, xã (mã hoặc tên trong data/wards) | one ward's ratings only
  -h, --help     hướng dẫn này | this help
`;

const out = (line = "") => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const { values } = cliArgs(HELP, {
  options: {
    csv: { type: "string" },
    xlsx: { type: "string" },
    comments: { type: "boolean" },
    from: { type: "string" },
    to: { type: "string" },
    phuong: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
for (const [flag, month] of [
  ["--from", values.from],
  ["--to", values.to],
] as const) {
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    fail(`${flag} phải có dạng YYYY-MM (ví dụ 2025-11) | ${flag} must be YYYY-MM: ${month}`);
  }
}
for (const [flag, file, ext] of [
  ["--xlsx", values.xlsx, ".xlsx"],
  ["--csv", values.csv, ".csv"],
] as const) {
  if (file !== undefined && path.extname(file).toLowerCase() !== ext) {
    fail(`${flag}: tên tệp phải có đuôi ${ext} | the file name must end in ${ext}: ${file}`);
  }
}

const config = loadCliConfig();
const loaded = await loadCatalogue(config.catalogueDir);
const names = new Map(loaded.ok ? loaded.catalogue.procedures.map((p) => [p.code, p.name]) : []);
const nameOf = (code: string) => names.get(code) ?? code;

// Read only: nothing is created when there is no data yet.
const ratingsDir = path.join(config.dataDir, "ratings");
// With DATABASE_URL the ratings and feedback counts are the database's (docs/province.md).
const database = config.DATABASE_URL ? createPool(config.DATABASE_URL, { max: 1 }) : undefined;
const wards = await loadWardMap(config.catalogueDir);
const ward = values.phuong === undefined ? undefined : wardOfOption(wards, values.phuong);
if (values.phuong !== undefined && !ward) {
  await database?.end();
  fail(
    wards.list().length === 0
      ? `Danh mục (${config.catalogueDir}) chưa khai báo phường, xã nào (data/wards): không dùng được --phuong | The catalogue lists no wards`
      : `Không có phường, xã «${values.phuong}». Các mã có: ${wardChoices(wards)} | No such ward`,
  );
}
const everyRating = database
  ? await new PostgresRatingRepository(database).all()
  : existsSync(ratingsDir)
    ? await (await FileRatingRepository.open(ratingsDir, false)).all()
    : [];
// A rating's ward is its dossier's (or, for one given before wards, its dossier code's unit's).
const ratings = ward ? ratingsOfWard(everyRating, wards, ward.id) : everyRating;
const months = { from: values.from, to: values.to };
const rows = summarize(ratings, months);
const comments = commentsOf(ratings, config.TIMEZONE, months);

out(`Đánh giá hài lòng | Satisfaction ratings — ${ward ? `${ward.name} — ` : ""}${config.dataDir}`);
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
  out();
  out(
    `Góp ý | Comments: ${comments.length}${comments.length > 0 && !values.comments ? " (--comments để xem | to print)" : ""}`,
  );
  if (values.comments) {
    for (const c of comments) {
      out(`  ${c.when}  ${c.procedureCode} ${nameOf(c.procedureCode)}`.slice(0, 100));
      out(`    ${LEVEL_LABELS[c.level]}: ${c.comment}`);
    }
  }
}

// Read only (nothing is created when there is no data yet); counting needs no voter pseudonyms.
const feedbackFile = path.join(config.dataDir, "answer-feedback.json");
const feedback =
  database || existsSync(feedbackFile)
    ? await (await AnswerFeedbackStore.open(config.dataDir, () => "", false, database)).counts()
    : [];
await database?.end();
if (feedback.length > 0) {
  out();
  out(
    `Phản hồi về câu trả lời | Answer feedback (helpful / not helpful)${ward ? " — mọi phường, xã | all wards" : ""}`,
  );
  for (const f of feedback.sort(
    (a, b) => a.month.localeCompare(b.month) || a.procedureCode.localeCompare(b.procedureCode),
  )) {
    out(
      `  ${f.month} ${`${f.procedureCode} ${nameOf(f.procedureCode)}`.slice(0, 60).padEnd(60)} ${f.helpful} / ${f.notHelpful}`,
    );
  }
}

const written: string[] = [];
if (values.csv) {
  await save(values.csv, summaryCsv(rows, nameOf));
  written.push(values.csv);
}
if (values.xlsx) {
  await save(values.xlsx, await reportWorkbook(rows, comments, nameOf));
  written.push(values.xlsx);
}
if (written.length > 0) {
  out();
  for (const f of written) out(`Đã ghi | Written: ${path.resolve(f)}`);
}

async function save(file: string, content: string | Buffer): Promise<void> {
  await writeFile(file, content).catch((err: NodeJS.ErrnoException) =>
    fail(
      err.code === "EBUSY" || err.code === "EACCES" || err.code === "EPERM"
        ? `Không ghi được ${file}: tệp đang mở trong Excel hoặc không có quyền ghi; đóng tệp rồi chạy lại | ` +
            `Cannot write ${file} (open in Excel, or no permission)`
        : `Không ghi được | Cannot write ${file}: ${err.code ?? err.message}`,
      1,
    ),
  );
}
