// npm run staff:add -- USERNAME [--phuong WARD | --quan-tri-tinh]
// Creates a staff account for the web console (/staff/), or sets a new password on an existing one.
// The password is typed twice without echo; when stdin is piped, its first line is the password.
// Stored as a scrypt hash in DATA_DIR/staff/accounts.json; safe while the bot runs (it only reads it).
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { PROVINCE_ADMIN, type StaffRole, saveAccount, Username } from "../staff/accounts.js";
import { hashPassword, passwordProblem } from "../staff/passwords.js";
import { loadWardMap, wardChoices, wardOfOption } from "../staff/wards.js";
import { createPool } from "../storage/postgres/database.js";
import { migrate } from "../storage/postgres/migrate.js";
import { loadCliConfig } from "./config.js";

const USAGE =
  "Cách dùng | Usage: npm run staff:add -- TÊN_ĐĂNG_NHẬP [--phuong MÃ_PHƯỜNG | --quan-tri-tinh]\n" +
  "  Tạo tài khoản cán bộ cho bảng điều khiển /staff/ (hoặc đặt lại mật khẩu). Mật khẩu gõ hai lần, không hiện ra;\n" +
  "  khi dữ liệu được đưa vào qua ống (pipe), dòng đầu tiên là mật khẩu.\n" +
  "  --phuong MÃ     cán bộ của một phường, xã (mã hoặc tên trong data/wards): chỉ thấy dữ liệu của phường, xã đó\n" +
  "  --quan-tri-tinh quản trị tỉnh: thấy mọi phường, xã và lọc được theo phường, xã\n" +
  "  Không có hai tham số này: tài khoản mới là quản trị; đặt lại mật khẩu thì giữ vai trò cũ.\n" +
  "  Creates a staff account for the /staff/ console (or resets its password); the password is typed twice\n" +
  "  without echo, or read as the first line of piped input. --phuong binds the account to one ward,\n" +
  "  --quan-tri-tinh makes it a province administrator (all wards); without either a new account is an\n" +
  "  administrator and an existing one keeps its role.";

const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    phuong: { type: "string" },
    "quan-tri-tinh": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) fail(USAGE, 2);
const parsed = Username.safeParse(positionals[0]);
if (!parsed.success) fail(`${parsed.error.issues[0]?.message ?? "Tên đăng nhập không hợp lệ"} | Invalid username`, 2);
const username = parsed.data as string;
if (values.phuong !== undefined && values["quan-tri-tinh"]) {
  fail(
    "Chọn một trong hai: --phuong (cán bộ phường, xã) hoặc --quan-tri-tinh (quản trị tỉnh) | --phuong and --quan-tri-tinh exclude each other",
    2,
  );
}
const config = loadCliConfig();
let roleWardName = "";
const role = values["quan-tri-tinh"] ? PROVINCE_ADMIN : await wardRole(values.phuong);

const password = process.stdin.isTTY ? await typedTwice() : await firstLine();
const problem = passwordProblem(password, username);
if (problem) fail(problem, 2);
// With DATABASE_URL the accounts live in the database (migrated first: staff:add may run before the bot's first start).
const database = config.DATABASE_URL ? createPool(config.DATABASE_URL, { max: 1 }) : undefined;
const outcome = await (async () => {
  try {
    if (database) await migrate(database);
    return await saveAccount(config.dataDir, username, await hashPassword(password), new Date(), database, role);
  } finally {
    await database?.end();
  }
})();
process.stdout.write(
  outcome === "created"
    ? `Đã tạo tài khoản «${username}» | Account created. Đăng nhập tại /staff/login.\n`
    : `Đã đặt mật khẩu mới cho «${username}» | Password changed.\n`,
);
if (role) {
  process.stdout.write(
    role.kind === "province"
      ? "Vai trò: quản trị tỉnh (mọi phường, xã) | Role: province administrator\n"
      : `Vai trò: cán bộ ${roleWardName} (mã ${role.ward}) | Role: staff of ward ${role.ward}\n`,
  );
}

/** The role `--phuong` asks for, checked against the wards in the catalogue; undefined without it. */
async function wardRole(typed: string | undefined): Promise<StaffRole | undefined> {
  if (typed === undefined) return undefined;
  const wards = await loadWardMap(config.catalogueDir);
  if (wards.list().length === 0) {
    fail(
      `Danh mục (${config.catalogueDir}) chưa khai báo phường, xã nào (data/province, data/wards): không dùng được --phuong | ` +
        "The catalogue lists no wards: --phuong cannot be used",
      2,
    );
  }
  const ward = wardOfOption(wards, typed);
  if (!ward) {
    fail(
      `Không có phường, xã «${typed}». Các mã có: ${wardChoices(wards)} | No such ward; known ids are listed above`,
      2,
    );
  }
  roleWardName = ward?.name ?? "";
  return { kind: "ward", ward: ward?.id ?? "" };
}

/** Reads a line from the terminal without showing what is typed. */
function hidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let muted = false;
    output._writeToOutput = (s: string) => {
      if (!muted) process.stdout.write(s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function typedTwice(): Promise<string> {
  const first = await hidden("Mật khẩu | Password: ");
  const problem = passwordProblem(first, username);
  if (problem) fail(problem, 2);
  const second = await hidden("Nhập lại mật khẩu | Repeat password: ");
  if (first !== second) fail("Hai lần nhập không giống nhau | The two entries differ", 2);
  return first;
}

async function firstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, "");
  }
  return fail("Không nhận được mật khẩu trên stdin | No password on stdin", 2);
}
