// npm run dossiers:import -- FILE [--dry-run] [--url URL]
// Checks the one-stop system's export (CSV in any encoding Excel writes, XLSX, JSON), lists every
// warning and rejected row, then upserts by dossier code into the configured DATA_DIR. When the bot
// is running (it holds DATA_DIR) the rows go through its API, so the two never overwrite each other.
// Exit code: 0 all rows taken, 2 some rows rejected, 1 nothing imported.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CatalogueError, LiveCatalogue } from "../catalogue/live.js";
import { createClock } from "../clock.js";
import { DOSSIER_API_PATH } from "../dossiers/api.js";
import { reportOfPreview, rowsOfPreview } from "../dossiers/import/commit.js";
import { type ImportFormat, type ImportPreview, type PreviewRow, previewImport } from "../dossiers/import/preview.js";
import type { ImportReport } from "../dossiers/ingest.js";
import { describePlace, type RejectedRow, type RowPlace } from "../dossiers/records.js";
import { createLogger } from "../logger.js";
import { createService } from "../service.js";
import { wardMapOf } from "../staff/wards.js";
import { StorageError } from "../storage/atomic-file.js";
import { DataDirLockedError, lockHolder } from "../storage/lock.js";
import { wardDirectory } from "../wards/directory.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run dossiers:import -- TỆP [--dry-run] [--url URL]

Nhập dữ liệu hồ sơ xuất từ hệ thống một cửa vào thư mục dữ liệu (DATA_DIR trong .env).
Imports the one-stop system's export into the configured data folder (DATA_DIR in .env).

  TỆP | FILE     .csv (UTF-8, Windows-1258/1252, UTF-16; dấu phẩy, chấm phẩy hoặc tab), .xlsx, .json
  --dry-run      chỉ kiểm tra và liệt kê cảnh báo, dòng lỗi; không lưu gì | check only, store nothing
  --format F     csv | xlsx | json (mặc định: theo đuôi tệp | default: from the file name)
  --url URL      địa chỉ API của bot đang chạy (mặc định http://HOST:PORT${DOSSIER_API_PATH})
  -h, --help     hướng dẫn này | this help

Khi bot đang chạy, dữ liệu được gửi qua API của bot (cần DOSSIER_API_TOKEN giống của bot).
While the bot runs, rows go through its API (DOSSIER_API_TOKEN must match the bot's).
Mã thoát | Exit code: 0 mọi dòng được nhận | all rows taken, 2 có dòng bị từ chối | some rejected,
1 không nhập được gì | nothing imported. Cột và định dạng: docs/dossiers.md.
`;

const out = (line = "") => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const args = cliArgs(HELP, {
  allowPositionals: true,
  options: {
    format: { type: "string" },
    url: { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
const file = args.positionals[0] ?? fail(`Thiếu tên tệp | No file given.\n\n${HELP}`, 2);
const format = args.values.format;
if (format !== undefined && format !== "csv" && format !== "json" && format !== "xlsx") {
  fail("--format phải là csv, xlsx hoặc json | --format must be csv, xlsx or json", 2);
}

const config = loadCliConfig();
const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) =>
  fail(
    err.code === "ENOENT"
      ? `Không tìm thấy tệp | File not found: ${path.resolve(file)}`
      : `Không đọc được tệp | Cannot read ${file} (${err.code ?? err.message})`,
  ),
);
const clock = createClock(config.MOTCUA_FAKE_CLOCK_FILE);
// Opened once: for the checks, and for the data directory's service when it is opened here.
// Its search is never asked here (the import checks procedure codes and wards): it is built only if something searches.
const catalogue = await LiveCatalogue.open(config.catalogueDir, {}, { search: "when first used" }).catch(
  (err: unknown) => {
    if (err instanceof CatalogueError) return undefined;
    throw err;
  },
);
const result = await previewImport(bytes, path.basename(file), {
  catalogue: catalogue?.current().catalogue,
  // Each row gets its ward, and a code no ward has is warned about (a province's deployment).
  wards: catalogue && wardMapOf(wardDirectory(catalogue.current().catalogue)),
  now: clock.now(),
  timeZone: config.TIMEZONE,
  format: format as ImportFormat | undefined,
});
if (!result.ok) fail(`${file}: ${result.error}`);
const preview = (result as { preview: ImportPreview }).preview;
if (!catalogue) {
  preview.notes.push(
    `Danh mục thủ tục (${config.catalogueDir}) đang có lỗi: chưa kiểm tra được mã thủ tục — chạy npm run catalogue:check | ` +
      "The catalogue has errors: procedure codes were not checked",
  );
}

const stored = [...preview.accepted, ...preview.warned];
printPreview(preview);
if (args.values["dry-run"]) {
  printSummary(reportOfPreview(preview, { created: 0, updated: 0, unchanged: 0, notices: 0 }), true);
  out("Chưa lưu gì (--dry-run) | Nothing stored (--dry-run).");
  process.exit(preview.rejected.length > 0 ? 2 : stored.length > 0 ? 0 : 1);
}
if (stored.length === 0) {
  printSummary(reportOfPreview(preview, { created: 0, updated: 0, unchanged: 0, notices: 0 }), true);
  fail("Không có dòng nào nhập được | No row could be imported.");
}

const holder = await lockHolder(config.dataDir);
const report = holder !== undefined ? await viaApi(holder) : ((await directly()) ?? (await viaApi(undefined)));
printSummary(report, false);
process.exitCode = report.rejected.length > 0 ? 2 : 0;

/** The bot holds the data directory: hand the rows to its API (never write its files behind its back). */
async function viaApi(pid: number | undefined): Promise<ImportReport> {
  const running = `Bot đang chạy${pid ? ` (tiến trình ${pid})` : ""} và đang giữ thư mục dữ liệu ${config.dataDir}`;
  const runningEn = `The bot is running${pid ? ` (process ${pid})` : ""} and holds ${config.dataDir}`;
  const unchanged = "Chưa có gì thay đổi | Nothing was changed.";
  const token = config.DOSSIER_API_TOKEN;
  if (!token) {
    return fail(
      `${running}, nên lệnh này không ghi thẳng vào đó. Cách nhập:\n` +
        "  - đặt DOSSIER_API_TOKEN (ít nhất 24 ký tự) trong .env, khởi động lại bot, rồi chạy lại lệnh này; hoặc\n" +
        "  - dừng bot, chạy lại lệnh này, rồi khởi động lại bot.\n" +
        `${runningEn}; set DOSSIER_API_TOKEN in .env and restart the bot, or stop the bot, import, and start it again.\n` +
        unchanged,
    );
  }
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const url = args.values.url ?? `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}${DOSSIER_API_PATH}`;
  const rows = rowsOfPreview(preview);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(rows.map((r) => r.fields)),
      signal: AbortSignal.timeout(300_000),
    });
  } catch (err) {
    const cause = ((err as Error & { cause?: NodeJS.ErrnoException }).cause?.code ?? (err as Error).name) || "error";
    return fail(
      `${running}, nhưng không trả lời ở ${url} (${cause}).\n` +
        "  - Bot được khởi động khi .env chưa có DOSSIER_API_TOKEN (khi đó bot không mở API nhập hồ sơ, nhất là khi chạy\n" +
        "    trò chuyện trên terminal): khởi động lại bot; hoặc dừng bot (Ctrl+C trong cửa sổ của nó), chạy lại lệnh này,\n" +
        "    rồi chạy lại bot.\n" +
        "  - Nếu bot chạy với HOST/PORT khác với .env ở đây, dùng --url http://HOST:PORT/api/dossiers.\n" +
        `${runningEn} but does not answer at ${url} (${cause}): restart it with DOSSIER_API_TOKEN set (a terminal chat ` +
        "started without it opens no API), or stop it, import, and start it again; or give --url.\n" +
        unchanged,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Omit<ImportReport, "rejected">> & {
    error?: string;
    rejected?: { line?: number; record?: number; reason: string; code?: string }[];
  };
  if (response.status === 401) {
    fail(
      `${running}, nhưng DOSSIER_API_TOKEN ở đây khác với của bot | The API token differs from the bot's.\n${unchanged}`,
    );
  }
  if (response.status === 404) {
    fail(
      `${running}, nhưng bot không bật API nhập hồ sơ (bot khởi động khi chưa có DOSSIER_API_TOKEN): khởi động lại bot, ` +
        `hoặc dừng bot rồi nhập | The bot's import API is off (started without DOSSIER_API_TOKEN): restart it.\n${unchanged}`,
    );
  }
  if (!response.ok) fail(`API ${response.status}: ${body.error ?? "lỗi | error"}\n${unchanged}`);
  out(`(qua API của bot đang chạy | through the running bot's API: ${url})`);
  // The API numbers the records it was sent; each is a row of the file.
  const rejected: RejectedRow[] = (body.rejected ?? []).map((r) => {
    const row = r.record !== undefined ? rows[r.record - 1] : undefined;
    const at: RowPlace = row?.at ?? (r.line !== undefined ? { line: r.line } : { record: r.record ?? 0 });
    return { at, code: row ? String(row.fields.code) : r.code, reason: r.reason };
  });
  return reportOfPreview(preview, {
    created: body.created ?? 0,
    updated: body.updated ?? 0,
    unchanged: body.unchanged ?? 0,
    notices: body.notices ?? 0,
    rejected,
  });
}

/** Nobody holds the data directory: open it (under its lock) and store. Undefined when the bot took it meanwhile. */
async function directly(): Promise<ImportReport | undefined> {
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  let service: Awaited<ReturnType<typeof createService>>;
  try {
    // Built, not started: no channel, no schedule, no listening; the notices wait in the outbox for the bot.
    service = await createService(config, { logger, channels: [], catalogue, watchCatalogue: false, schedule: false });
  } catch (err) {
    if (err instanceof DataDirLockedError) return undefined;
    if (err instanceof StorageError || err instanceof CatalogueError) {
      fail(`${err.message}\nChưa có gì thay đổi | Nothing was changed.`);
    }
    throw err;
  }
  try {
    const operations = service.dossiers ?? fail("Không mở được thư mục dữ liệu | The data folder did not open.");
    const stored = await operations.importRows(rowsOfPreview(preview));
    return reportOfPreview(preview, stored);
  } finally {
    await service.close();
  }
}

function label(at: RowPlace, code: string | undefined): string {
  return code ? `${describePlace(at)} (${code})` : describePlace(at);
}

function printPreview(p: ImportPreview): void {
  const how = [p.format.toUpperCase(), p.encoding, p.sheet && `trang tính | sheet «${p.sheet}»`].filter(Boolean);
  out(`Nhập hồ sơ | Dossier import: ${file} (${how.join(", ")})`);
  for (const note of p.notes) out(`  * ${note}`);
  const warned: PreviewRow[] = p.warned;
  if (warned.length > 0) {
    out("Cảnh báo — các dòng này vẫn được nhập, hãy xem lại | Warnings — imported, please check:");
    for (const row of warned) for (const w of row.warnings) out(`  ${label(row.at, row.code)}: ${w}`);
  }
}

function printSummary(r: ImportReport, previewOnly: boolean): void {
  if (r.rejected.length > 0) {
    out(
      previewOnly
        ? "Các dòng sẽ bị từ chối | Rows that would be rejected:"
        : "Các dòng bị từ chối (không ảnh hưởng các dòng khác) | Rejected rows (the others were imported):",
    );
    for (const row of r.rejected) out(`  ${label(row.at, row.code)}: ${row.reason}`);
  }
  out(`  Số dòng | rows:                ${r.received}`);
  if (previewOnly) {
    out(`  Sẽ nhập | to store:            ${preview.accepted.length + preview.warned.length}`);
  } else {
    out(`  Tạo mới | created:             ${r.created}`);
    out(`  Cập nhật | updated:            ${r.updated}`);
    out(`  Không đổi | unchanged:         ${r.unchanged}`);
  }
  out(`  Có cảnh báo | warned:          ${r.warned.length}`);
  out(`  Bị từ chối | rejected:         ${r.rejected.length}`);
  if (!previewOnly) out(`  Thông báo chờ gửi | notices:   ${r.notices}`);
}
