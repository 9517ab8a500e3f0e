// npm run dossiers:import -- FILE [--format csv|json] [--url http://host:port/api/dossiers]
// Upserts the one-stop system's export (CSV or JSON) by dossier code. When the bot is running
// (it holds DATA_DIR), the records go through its API instead, so the two never overwrite each other.
// Exit code: 0 all rows taken, 2 some rows rejected, 1 nothing imported.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { DOSSIER_API_PATH } from "../dossiers/api.js";
import type { ImportReport } from "../dossiers/ingest.js";
import { describePlace, readExport } from "../dossiers/records.js";
import { createLogger } from "../logger.js";
import { createService } from "../service.js";
import { lockHolder } from "../storage/lock.js";

type Report = Omit<ImportReport, "rejected"> & { rejected: { line?: number; record?: number; reason: string }[] };

const out = (line = "") => process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: "string" }, url: { type: "string" } },
});
const file = positionals[0] ?? fail("Cách dùng | Usage: npm run dossiers:import -- FILE [--format csv|json]");
const format = values.format ?? (/\.json$/i.test(file) ? "json" : "csv");
if (format !== "csv" && format !== "json") fail("--format phải là csv hoặc json | must be csv or json");

const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    return fail(err instanceof ConfigError ? err.message : String(err));
  }
})();
const text = await readFile(file, "utf8").catch(() => fail(`Không đọc được tệp | Cannot read ${file}`));
const parsed = readExport(text, format as "csv" | "json");
if (!parsed.ok) fail(`${file}: ${parsed.error}`);

const report = (await lockHolder(config.dataDir)) ? await viaApi() : await directly();
print(report);
process.exitCode = report.rejected.length > 0 ? 2 : 0;

/** The bot holds the data directory: hand the file to its API. */
async function viaApi(): Promise<Report> {
  const token = config.DOSSIER_API_TOKEN;
  if (!token) {
    fail(
      "Bot đang chạy và giữ thư mục dữ liệu; hãy đặt DOSSIER_API_TOKEN để nhập qua API, hoặc dừng bot rồi nhập lại.\n" +
        "The bot is running and holds the data directory; set DOSSIER_API_TOKEN to import through its API, or stop it first.",
    );
  }
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const url = values.url ?? `http://${host}:${config.PORT}${DOSSIER_API_PATH}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": format === "csv" ? "text/csv" : "application/json" },
    body: text,
  }).catch((err: Error) => fail(`Không gọi được API | API unreachable (${url}): ${err.message}`));
  const body = (await response.json().catch(() => ({}))) as Report & { error?: string };
  if (!response.ok) fail(`API ${response.status}: ${body.error ?? "error"}`);
  out(`(qua API của bot đang chạy | through the running bot's API: ${url})`);
  return body;
}

async function directly(): Promise<Report> {
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  // Built, not started: no channel, no schedule, no listening; the notices wait in the outbox for the bot.
  const service = await createService(config, { logger, channels: [] });
  try {
    const result = await (service.dossiers?.importRows(parsed.ok ? parsed.rows : []) ?? fail("no data directory"));
    return { ...result, rejected: result.rejected.map((r) => ({ ...r.at, reason: r.reason })) };
  } finally {
    await service.close();
  }
}

function print(r: Report): void {
  out(`Nhập hồ sơ | Dossier import: ${file}`);
  out(`  Số bản ghi | records:          ${r.received}`);
  out(`  Tạo mới | created:             ${r.created}`);
  out(`  Cập nhật | updated:            ${r.updated}`);
  out(`  Không đổi | unchanged:         ${r.unchanged}`);
  out(`  Bị từ chối | rejected:         ${r.rejected.length}`);
  out(`  Thông báo chờ gửi | notices:   ${r.notices}`);
  if (r.rejected.length === 0) return;
  out("Các dòng bị từ chối (không ảnh hưởng các dòng khác) | Rejected rows (the others were imported):");
  for (const row of r.rejected) {
    const at = row.line !== undefined ? { line: row.line } : { record: row.record ?? 0 };
    out(`  ${describePlace(at)}: ${row.reason}`);
  }
}
