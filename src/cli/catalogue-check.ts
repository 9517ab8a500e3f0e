// npm run catalogue:check [-- DIR]: validates every data file; prints each problem and exits 1.
import path from "node:path";
import { loadCatalogue } from "../catalogue/load.js";
import { formatReport } from "../catalogue/problems.js";
import { loadConfig } from "../config.js";

const dir = process.argv[2] ? path.resolve(process.argv[2]) : loadConfig().catalogueDir;
const result = await loadCatalogue(dir);
if (!result.ok) {
  process.stderr.write(`${formatReport(result.problems)}\n`);
  process.exit(1);
}
const { procedures, offices, synonyms, version } = result.catalogue;
process.stdout.write(
  `Dữ liệu hợp lệ | Data is valid: ${procedures.length} thủ tục | procedures, ${offices.size} cơ quan | offices, ` +
    `${synonyms.groups.length} nhóm từ đồng nghĩa | synonym groups (phiên bản | version ${version})\n`,
);
