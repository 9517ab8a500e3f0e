// npm run questions:report [-- --days N] [--limit N] [--phuong WARD]
// Questions the bot answered "not found", most asked first (scrubbed: no chat ids, phone numbers,
// dossier codes or numbers), read from DATA_DIR/unanswered-questions.json. Safe while the bot runs: it only reads.
import { existsSync } from "node:fs";
import path from "node:path";
import { KEEP_DAYS, QUESTIONS_FILE, UnansweredQuestionStore } from "../questions/store.js";
import { loadWardMap, wardChoices, wardOfOption } from "../staff/wards.js";
import { createPool } from "../storage/postgres/database.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run questions:report [-- --days N] [--limit N] [--phuong MÃ_PHƯỜNG]

Các câu hỏi bot chưa trả lời được, hỏi nhiều nhất trước (đã xoá số điện thoại, mã hồ sơ, con số), từ thư mục
dữ liệu DATA_DIR trong .env. Chạy được cả khi bot đang chạy (chỉ đọc).
Questions the bot could not answer, most asked first, from the configured data folder (read only).
  --days N       số ngày gần nhất (mặc định ${KEEP_DAYS}) | the last N days
  --limit N      số dòng tối đa (mặc định 100) | at most N lines
  --phuong MÃ    chỉ câu hỏi trong các cuộc trò chuyện đã chọn phường, xã này (mã hoặc tên) | one ward's questions
  -h, --help     hướng dẫn này | this help
`;
const { values } = cliArgs(HELP, {
  options: {
    days: { type: "string" },
    limit: { type: "string" },
    phuong: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const days = Number(values.days ?? KEEP_DAYS);
const limit = Number(values.limit ?? 100);
if (!Number.isInteger(days) || days < 1 || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write("--days và --limit phải là số nguyên dương | --days and --limit must be positive integers\n");
  process.exit(2);
}
const config = loadCliConfig();
const out = (line = "") => process.stdout.write(`${line}\n`);
const wards = await loadWardMap(config.catalogueDir);
const ward = values.phuong === undefined ? undefined : wardOfOption(wards, values.phuong);
if (values.phuong !== undefined && !ward) {
  process.stderr.write(
    wards.list().length === 0
      ? `Danh mục (${config.catalogueDir}) chưa khai báo phường, xã nào (data/wards): không dùng được --phuong | The catalogue lists no wards\n`
      : `Không có phường, xã «${values.phuong}». Các mã có: ${wardChoices(wards)} | No such ward\n`,
  );
  process.exit(2);
}
// One ward's: its chats' questions, and on a single ward those asked before a ward was chosen.
const view = ward && { ward: ward.id, withoutWard: wards.list().length <= 1 };
// Nothing is created when there is no data yet.
// With DATABASE_URL the counts are the database's (docs/province.md).
const database = config.DATABASE_URL ? createPool(config.DATABASE_URL, { max: 1 }) : undefined;
const questions =
  database || existsSync(path.join(config.dataDir, QUESTIONS_FILE))
    ? await (await UnansweredQuestionStore.open(config.dataDir, { fsync: false, database })).list(days, view)
    : [];
await database?.end();
if (questions.length === 0) {
  out(
    `Chưa có câu hỏi nào chưa trả lời được trong ${days} ngày qua | No unanswered questions in the last ${days} days.`,
  );
} else {
  out(
    `Câu hỏi chưa trả lời được, ${days} ngày qua${ward ? `, ${ward.name}` : ""} | Unanswered questions, last ${days} days`,
  );
  out(`  ${"Số lần".padStart(6)}  ${"Gần nhất".padEnd(10)}  Câu hỏi | Count, last asked, question`);
  for (const q of questions.slice(0, limit))
    out(`  ${String(q.count).padStart(6)}  ${q.lastAsked.padEnd(10)}  ${q.text}`);
  if (questions.length > limit) out(`  … ${questions.length - limit} câu khác | more (--limit)`);
}
