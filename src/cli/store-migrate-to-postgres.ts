// npm run store:migrate-to-postgres [-- --dry-run]
// Moves a ward's data from its files (DATA_DIR) into PostgreSQL (DATABASE_URL): dossiers,
// subscriptions, ratings, conversation states, the lookup brakes, the outbox queue, answer feedback,
// staff accounts and the unanswered-question counts (rows, through the schema's documents_to_rows),
// and the staff audit log (each line with the ward it names). One transaction: the counts per store are checked
// before it commits, so a mismatch or a failure leaves the database as it was. Refuses a database
// that already holds any of these (never copies over data).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { LOCKOUTS, LOCKOUTS_FILE } from "../dossiers/lockouts.js";
import { copyDossiers, copySubscriptions } from "../dossiers/postgres.js";
import { Hasher, loadHashKey } from "../dossiers/privacy.js";
import { FileDossierRepository } from "../dossiers/repository.js";
import { FileSubscriptionRepository } from "../dossiers/subscriptions.js";
import { OUTBOX, OUTBOX_FILE } from "../notifications/outbox.js";
import { QUESTIONS, QUESTIONS_FILE } from "../questions/store.js";
import { FEEDBACK, FEEDBACK_FILE } from "../ratings/feedback.js";
import { copyRatings } from "../ratings/postgres.js";
import { FileRatingRepository } from "../ratings/store.js";
import { accountsPath, STAFF_ACCOUNTS, STAFF_DIR } from "../staff/accounts.js";
import { AuditEntry } from "../staff/audit.js";
import { FileConversationStore } from "../storage/conversations.js";
import { DataDirLock } from "../storage/lock.js";
import { copyConversations } from "../storage/postgres/conversations.js";
import { createPool, inTransaction, type Queryable } from "../storage/postgres/database.js";
import { migrate } from "../storage/postgres/migrate.js";
import { PostgresAuditLog } from "../storage/postgres/staff.js";
import { type FileSpec, VersionedFile } from "../storage/versioned-file.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

type Table = "dossiers" | "subscriptions" | "ratings" | "conversations" | "staff audit";

/**
 * A whole-file data set, copied as one row of `documents`; `size` counts its entries for the
 * check. Kinds in ROW_KINDS are then moved into their row tables (migration 003's
 * documents_to_rows, the same step the schema upgrade runs) and counted there.
 */
interface Document {
  store: string;
  kind: string;
  version: number;
  data: unknown;
  size(data: unknown): number;
}

/** The data sets the service keeps as rows, and how their rows are counted (as `size` counts the file). */
const ROW_KINDS: Record<string, string> = {
  lockouts: "SELECT (SELECT count(*) FROM lockout_chats) + (SELECT count(*) FROM lockout_codes) AS n",
  outbox: "SELECT count(*) AS n FROM outbox",
  "staff-accounts": "SELECT count(*) AS n FROM staff_accounts",
  "answer-feedback": "SELECT count(*) AS n FROM answer_feedback",
  // The file counts one entry per question and ward.
  "unanswered-questions": "SELECT count(*) AS n FROM (SELECT DISTINCT key, ward FROM unanswered_questions) AS q",
};

/** What a rolled-back copy found: the counts, and whether they differ. */
class Outcome {
  constructor(
    readonly rows: { store: string; files: number; database: number }[],
    readonly mismatch: boolean,
  ) {}
}

const HELP = `Cách dùng | Usage: npm run store:migrate-to-postgres [-- --dry-run]

Chuyển dữ liệu của phường từ thư mục DATA_DIR sang PostgreSQL (DATABASE_URL trong .env): hồ sơ, đăng ký
nhận thông báo, đánh giá, trạng thái hội thoại, khoá chặn tra cứu, hộp thư gửi đi, câu hỏi chưa trả lời, phản hồi
"hữu ích", tài khoản và nhật ký thao tác của cán bộ. Dừng bot trước khi chạy. Cơ sở dữ liệu phải chưa có dữ liệu;
số bản ghi từng loại được so khớp trước khi ghi hẳn (sai lệch: không ghi gì, mã thoát 1).
Moves the ward's data from DATA_DIR into PostgreSQL (DATABASE_URL): dossiers, subscriptions, ratings,
conversation states, lookup brakes, the outbox queue, unanswered questions, answer feedback, staff accounts and
the staff audit log. Stop the bot first. The database must hold none of these yet; the counts per store
are checked before the copy commits (a mismatch writes nothing and exits 1).
  --dry-run      đếm và kiểm tra, không ghi | count and check, write nothing
  -h, --help     hướng dẫn này | this help
`;
const { values } = cliArgs(HELP, {
  options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
const config = loadCliConfig();
const out = (line = "") => process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};
if (!config.DATABASE_URL) {
  fail("Chưa đặt DATABASE_URL trong .env | DATABASE_URL is not set (.env): where should the data go?");
}

// The bot must not write the files while they are copied: take the data folder's lock.
const dir = config.dataDir;
const lock = await DataDirLock.acquire(dir);
const pool = createPool(config.DATABASE_URL as string, { max: 2, applicationName: "motcua-bot migrate" });
try {
  const hasher = new Hasher(await loadHashKey(dir, config.PHONE_HASH_KEY));
  const dossierFiles = await FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, false);
  // Every status (1–10) in turn: the repository interface lists dossiers by status.
  const dossiers = (await Promise.all(range(1, 10).map((s) => dossierFiles.withStatus(s)))).flat();
  const links = (await FileSubscriptionRepository.open(path.join(dir, "subscriptions"), false)).all();
  const ratings = await (await FileRatingRepository.open(path.join(dir, "ratings"), false)).all();
  // Opened with the real clock: states idle for half a year are dropped, as the bot would on start.
  const conversations = [
    ...(await FileConversationStore.open(path.join(dir, "conversations"), Date.now, false)).entries(),
  ];
  const documents = [
    await documentOf(
      LOCKOUTS_FILE,
      LOCKOUTS,
      "lockouts",
      (d) => Object.keys(d.chats).length + Object.keys(d.dossiers).length,
    ),
    await documentOf(OUTBOX_FILE, OUTBOX, "outbox", (d) => d.pending.length + Object.keys(d.done).length),
    await documentOf(QUESTIONS_FILE, QUESTIONS, "questions", (d) => Object.keys(d.questions).length),
    await documentOf(FEEDBACK_FILE, FEEDBACK, "answer feedback", (d) => Object.keys(d.counts).length),
    await documentOf(
      path.relative(dir, accountsPath(dir)),
      STAFF_ACCOUNTS,
      "staff accounts",
      (d) => Object.keys(d.accounts).length,
    ),
  ].filter((d) => d !== undefined);
  const audit = auditLines(path.join(dir, STAFF_DIR, "audit.jsonl"));
  const source: Record<string, number> = {
    dossiers: dossiers.length,
    subscriptions: links.length,
    ratings: ratings.length,
    conversations: conversations.length,
    "staff audit": audit.length,
    ...Object.fromEntries(documents.map((d) => [d.store, d.size(d.data)])),
  };
  if (source.dossiers !== (await dossierFiles.count())) fail("internal: dossiers by status do not add up");

  const { version, applied } = await migrate(pool);
  out(
    `Lược đồ cơ sở dữ liệu | Database schema: migration ${version}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`,
  );
  const before = await counts(pool);
  const { rows: held } = await pool.query<{ kind: string }>("SELECT kind FROM documents");
  const { rows: rowSets } = await pool.query<Record<string, number>>(
    `SELECT ${Object.entries(ROW_KINDS)
      .map(([kind, sql]) => `(${sql}) AS "${kind}"`)
      .join(", ")}`,
  );
  const filled = [
    ...Object.entries(before).filter(([, n]) => n > 0),
    ...held.map((r): [string, number] => [r.kind, 1]),
    ...Object.entries(rowSets[0] ?? {})
      .map(([kind, n]): [string, number] => [kind, Number(n)])
      .filter(([, n]) => n > 0),
  ];
  if (filled.length > 0) {
    fail(
      `Cơ sở dữ liệu đã có dữ liệu (${filled.map(([t, n]) => `${t}: ${n}`).join(", ")}); không ghi đè. Hãy dùng một cơ sở dữ liệu trống. | ` +
        "The database already holds data; refusing to copy over it. Point DATABASE_URL at an empty database.",
    );
  }

  const result = await inTransaction(pool, async (db) => {
    const meta = await db.query("SELECT value FROM store_meta WHERE name = 'hashKeyId'");
    if (meta.rowCount === 0) {
      await db.query("INSERT INTO store_meta (name, value) VALUES ('hashKeyId', $1)", [hasher.keyId]);
    } else if (meta.rows[0].value !== hasher.keyId) {
      throw new Error("PHONE_HASH_KEY differs from the database's; restore the key the dossiers were imported with");
    }
    await copyDossiers(db, dossiers);
    await copySubscriptions(db, links);
    await copyRatings(db, ratings);
    await copyConversations(db, conversations);
    await PostgresAuditLog.copy(db, audit);
    for (const d of documents) {
      await db.query("INSERT INTO documents (kind, version, body) VALUES ($1, $2, $3)", [
        d.kind,
        d.version,
        JSON.stringify(d.data),
      ]);
    }
    await db.query("SELECT documents_to_rows($1::text[])", [Object.keys(ROW_KINDS)]);
    const after: Record<string, number> = await counts(db);
    // Each data set read back and counted as the service will read it: rows, or the document.
    for (const d of documents) {
      const rowCount = ROW_KINDS[d.kind];
      if (rowCount) {
        const { rows: counted } = await db.query<{ n: number }>(rowCount);
        after[d.store] = Number(counted[0]?.n ?? 0);
        continue;
      }
      const { rows: stored } = await db.query<{ body: string }>("SELECT body FROM documents WHERE kind = $1", [d.kind]);
      after[d.store] = stored[0] ? d.size(JSON.parse(stored[0].body)) : 0;
    }
    const rows = Object.keys(source).map((store) => ({
      store,
      files: source[store] ?? 0,
      database: after[store] ?? 0,
    }));
    const mismatch = rows.some((r) => r.files !== r.database);
    // A mismatch or a dry run rolls the copy back (the error is caught below).
    if (mismatch || values["dry-run"]) throw new Outcome(rows, mismatch);
    return rows;
  }).catch((err: unknown) => {
    if (err instanceof Outcome) return err;
    throw err;
  });

  const rows = result instanceof Outcome ? result.rows : result;
  out(`  ${"Loại | Store".padEnd(16)} ${"Tệp | Files".padStart(12)} ${"CSDL | Database".padStart(16)}`);
  for (const r of rows) {
    out(
      `  ${r.store.padEnd(16)} ${String(r.files).padStart(12)} ${String(r.database).padStart(16)}${r.files === r.database ? "" : "  ≠"}`,
    );
  }
  if (result instanceof Outcome && result.mismatch) {
    fail(
      "Số bản ghi không khớp: không ghi gì vào cơ sở dữ liệu. | Counts differ: nothing was written to the database.",
    );
  }
  if (values["dry-run"]) {
    out("Chạy thử: số bản ghi khớp, không ghi gì. | Dry run: the counts match; nothing was written.");
  } else {
    out("Đã chuyển xong, số bản ghi khớp. | Moved; the counts match.");
    out(
      "Vẫn ở DATA_DIR | Still in DATA_DIR: phone-hash.key (unless PHONE_HASH_KEY is set) — keep it with the service " +
        "(outbox.sent.log, if any, is applied to the database by the service's first start).",
    );
  }
} finally {
  await pool.end();
  await lock.release();
}

/** A whole-file data set of DATA_DIR, read (validated, migrated) as the service reads it; absent: nothing to move. */
async function documentOf<T>(
  file: string,
  spec: FileSpec<T>,
  store: string,
  size: (data: T) => number,
): Promise<Document | undefined> {
  const at = path.join(dir, file);
  if (!existsSync(at)) return undefined;
  const { data } = await VersionedFile.open(at, spec, false);
  return { store, kind: spec.kind, version: spec.version, data, size: (d) => size(d as T) };
}

async function counts(db: Queryable): Promise<Record<Table, number>> {
  const { rows } = await db.query<Record<Table, number>>(
    `SELECT (SELECT count(*)::int FROM dossiers) AS dossiers, (SELECT count(*)::int FROM subscriptions) AS subscriptions,
            (SELECT count(*)::int FROM ratings) AS ratings, (SELECT count(*)::int FROM conversations) AS conversations,
            (SELECT count(*)::int FROM staff_audit) AS "staff audit"`,
  );
  return rows[0] as Record<Table, number>;
}

/**
 * The staff audit log's lines (DATA_DIR/staff/audit.jsonl), in order. A line that cannot be read
 * (a torn last line after a power cut) is refused like a mismatch: the log is evidence, so it is
 * moved whole or not at all.
 */
function auditLines(file: string): AuditEntry[] {
  if (!existsSync(file)) return [];
  const entries: AuditEntry[] = [];
  for (const [i, line] of readFileSync(file, "utf8").split("\n").entries()) {
    if (line.trim() === "") continue;
    let parsed: ReturnType<typeof AuditEntry.safeParse>;
    try {
      parsed = AuditEntry.safeParse(JSON.parse(line));
    } catch {
      parsed = AuditEntry.safeParse(undefined);
    }
    if (!parsed.success) {
      fail(
        `${path.relative(dir, file)}, dòng ${i + 1}: không đọc được; hãy sửa hoặc xoá dòng đó rồi chạy lại. | ` +
          `line ${i + 1} cannot be read; fix or delete that line and run again.`,
      );
    }
    entries.push(parsed.data as AuditEntry);
  }
  return entries;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
