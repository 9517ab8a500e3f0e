// npm run catalogue:check [-- DIR | FILE…]: validates every data file; prints each problem and exits 1 on any error.
import { statSync } from "node:fs";
import path from "node:path";
import { loadCatalogue } from "../catalogue/load.js";
import { formatReport, type Problem } from "../catalogue/problems.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run catalogue:check [-- THƯ-MỤC-DỮ-LIỆU | TỆP…]

Kiểm tra dữ liệu thủ tục (mặc định: CATALOGUE_DIR trong .env, hoặc data/). Mỗi lỗi ghi tệp, mã thủ
tục, trường và lỗi; thoát với mã 1 nếu có lỗi. Cảnh báo (ví dụ địa chỉ mẫu chưa sửa) không chặn dữ liệu.
Ghi tên một hay nhiều tệp để chỉ báo lỗi của các tệp đó (vẫn đối chiếu với phần còn lại của danh mục).
Validates the catalogue; with file names, reports only those files' problems.
`;

const { positionals } = cliArgs(HELP, {
  allowPositionals: true,
  options: { help: { type: "boolean", short: "h" } },
});

const targets = positionals.map((p) => path.resolve(p));
const files = targets.filter((t) => isFile(t));
const dir =
  targets.find((t) => !isFile(t)) ?? (files[0] ? dataDirOf(files[0]) : undefined) ?? loadCliConfig().catalogueDir;
const result = await loadCatalogue(dir);
const mine = (p: Problem) => files.length === 0 || files.some((f) => path.resolve(dir, p.file) === f);
const problems = result.ok ? [] : result.problems;
const shown = [...problems.filter(mine), ...result.warnings.filter(mine)];
const elsewhere = problems.filter((p) => !mine(p)).length;

if (shown.length > 0) process.stderr.write(`${formatReport(shown)}\n`);
if (elsewhere > 0) {
  process.stderr.write(
    `(${elsewhere} lỗi khác nằm ở các tệp không được kiểm tra lần này | ${elsewhere} more in other files)\n`,
  );
}
if (problems.some(mine)) process.exit(1);
if (result.ok) {
  const { procedures, offices, synonyms, redirects, examples, version } = result.catalogue;
  process.stdout.write(
    `Dữ liệu hợp lệ | Data is valid: ${procedures.length} thủ tục | procedures, ${offices.size} cơ quan | offices, ` +
      `${synonyms.groups.length} nhóm từ đồng nghĩa | synonym groups, ${redirects.length} chuyển hướng | redirects, ` +
      `${examples.length} câu mẫu | examples ` +
      `(phiên bản | version ${version})\n`,
  );
} else {
  process.stdout.write(`Các tệp được kiểm tra không có lỗi | The files checked are valid\n`);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    process.stderr.write(`Không tìm thấy | Not found: ${p}\n`);
    process.exit(2);
  }
}

/** data/procedures/ho-tich/x.json → data: the folder holding offices.json. */
function dataDirOf(file: string): string | undefined {
  let d = path.dirname(file);
  for (let i = 0; i < 4; i++) {
    if (isFileQuiet(path.join(d, "offices.json"))) return d;
    d = path.dirname(d);
  }
  return undefined;
}

function isFileQuiet(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
