// npx tsx test/staff/screenshots.ts
// Screenshots of every staff console page, on a 1366×768 office screen and on a phone (390×844),
// into docs/screenshots/. The console runs as in the tests (temp DATA_DIR, real stores) with
// sample ratings, questions and an import; nothing here is real personal data.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import type { RatingLevel } from "../../src/ratings/schema.js";
import { ROOT } from "../harness/common.js";
import { PASSWORD, startConsole, USER } from "../harness/staff.js";
import { openBrowser } from "../harness/staff-browser.js";

const OUT = path.join(ROOT, "docs", "screenshots");
const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

const EXPORT = [
  "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note",
  "000.31.20.H49-261125-0001,1.001193,Nguyễn Văn An,0912345678,2026-11-25,2026-11-25,9,",
  "000.31.20.H49-261125-0002,1.000894,Trần Thị Bình,0987654321,2026-11-25,2026-11-28,4,",
  "000.31.20.H49-261125-0003,9.999999,Lê Văn Cường,0901234567,2026-11-26,2026-11-29,2,",
  "000.31.20.H49-261125-0004,1.001193,Phạm Thị Dung,,2026-11-26,2026-11-27,2,",
  "000.31.20.H49-261125-0002,1.000894,Trần Thị Bình,0987654321,2026-11-25,2026-11-30,5,Bổ sung bản sao giấy khai sinh",
].join("\r\n");

const h = await startConsole({ markup: false });
const levels: RatingLevel[] = [
  "very_satisfied",
  "satisfied",
  "satisfied",
  "dissatisfied",
  "very_satisfied",
  "satisfied",
];
const months = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"];
const codes = ["1.001193", "1.000894", "2.000908", "1.004227"];
const comments = [
  "Cán bộ hướng dẫn tận tình, làm nhanh.",
  "Phải đi lại hai lần vì thiếu bản sao, nên ghi rõ trên mạng.",
  "Chờ hơi lâu buổi sáng thứ Hai.",
  "Rất hài lòng, trả kết quả đúng hẹn.",
];
let n = 0;
for (const [m, month] of months.entries()) {
  for (let i = 0; i < 4 + m; i++) {
    n++;
    await h.addRating({
      key: `HS-${n}`,
      month,
      procedureCode: codes[n % codes.length] as string,
      level: levels[(n + m) % levels.length] as RatingLevel,
      criteria: n % 5 === 0 ? { time: "late", visits: "2" } : { time: "on_time", visits: "1", attitude: "good" },
      comment: n % 3 === 0 ? comments[n % comments.length] : undefined,
      at: Date.parse(`${month}-01T02:00:00Z`) + n * 3_600_000,
    });
  }
}
for (const [text, times] of [
  ["xin giấy phép nuôi chó ở đâu", 7],
  ["đăng ký kinh doanh karaoke cần gì", 4],
  ["làm lại thẻ bảo hiểm y tế cho con", 3],
  ["cấp sổ hộ nghèo năm 2027", 2],
  ["trợ cấp thất nghiệp nộp ở phường được không", 1],
] as const) {
  for (let i = 0; i < times; i++) await h.questions.record(text);
}

await mkdir(OUT, { recursive: true });
for (const [size, viewport] of Object.entries(SIZES)) {
  const browser = await openBrowser(viewport);
  const page = await browser.context.newPage();
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}-${size}.png`), fullPage: true });
  await page.goto(`${h.url}/staff/login`);
  await shot("login");
  await logIn(page);
  await shot("overview");
  await page.goto(`${h.url}/staff/ratings`);
  await shot("ratings");
  await page.goto(`${h.url}/staff/questions`);
  await shot("questions");
  // A question labelled as a câu mẫu (written to the temp catalogue copy), then the Câu mẫu page.
  await page.goto(`${h.url}/staff/questions/label?text=${encodeURIComponent("làm lại thẻ bảo hiểm y tế cho con")}`);
  await shot("questions-label");
  await page.getByLabel("Thủ tục trả lời câu này").selectOption("none");
  await page.getByRole("button", { name: "Lưu làm câu mẫu" }).click();
  await page.waitForLoadState();
  await shot("examples");
  await page.goto(`${h.url}/staff/import`);
  await shot("import");
  await page.getByLabel("Tệp CSV hoặc Excel (.xlsx)").setInputFiles({
    name: "ho-so-tuan-48.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(EXPORT, "utf8"),
  });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await page.waitForLoadState();
  await shot("import-preview");
  await page.getByRole("button", { name: /^Lưu/ }).click();
  await page.waitForLoadState();
  await shot("import-done");
  await page.goto(`${h.url}/staff/lookup`);
  await page.getByLabel("Mã hồ sơ (như trên giấy hẹn)").fill("000.31.20.H49-261125-0001");
  await page.getByRole("button", { name: "Tra cứu" }).click();
  await page.waitForLoadState();
  await shot("lookup");
  await page.goto(`${h.url}/staff/audit`);
  await shot("audit");
  await browser.close();
}
await h.close();
process.stdout.write(`Screenshots in ${path.relative(process.cwd(), OUT) || OUT}\n`);

async function logIn(page: Page) {
  await page.getByLabel("Tên đăng nhập").fill(USER);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/\/staff\/$/);
}
