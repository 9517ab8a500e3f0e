import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, PASSWORD, startConsole, USER } from "../harness/staff.js";
import { chromiumInstalled, openBrowser } from "../harness/staff-browser.js";

const EXPORT = [
  "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note",
  "000.31.20.H49-261120-0001,1.001193,Nguyễn Văn An,0912345678,2026-11-20,2026-11-25,4,",
  "000.31.20.H49-261120-0002,9.999999,Trần Thị Bình,0987654321,2026-11-21,2026-11-28,2,",
  "000.31.20.H49-261120-0003,1.001193,Lê Văn Cường,,2026-11-22,2026-11-27,2,",
].join("\r\n");

// The console as a person uses it, in a real Chromium (Debian's package, driven by playwright-core).
describe.skipIf(!chromiumInstalled() && !process.env.CI)("staff console in a browser", () => {
  let h: ConsoleHarness;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let commitForm: Record<string, string> = {};

  beforeAll(async () => {
    h = await startConsole();
    await h.addRating({ key: "HS-A", month: "2026-10", level: "very_satisfied" });
    await h.addRating({ key: "HS-B", month: "2026-11", level: "satisfied", comment: "Cán bộ hướng dẫn rất tận tình" });
    await h.addRating({ key: "HS-C", month: "2026-11", level: "dissatisfied", criteria: { time: "late" } });
    for (let i = 0; i < 3; i++) await h.questions.record("xin giấy phép nuôi chó ở đâu");
    await h.questions.record("đăng ký karaoke");
    browser = await openBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function logIn(password: string) {
    await page.goto(`${h.url}/staff/`);
    await page.getByLabel("Tên đăng nhập").fill(USER);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  }

  it("a wrong password is refused with a message, and the pages stay closed", async () => {
    await logIn("không phải mật khẩu");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Tên đăng nhập hoặc mật khẩu không đúng");
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await page.goto(`${h.url}/staff/ratings`);
    expect(new URL(page.url()).pathname).toBe("/staff/login");
  });

  it("logs in and sees the overview: catalogue, channels, messages today", async () => {
    await logIn(PASSWORD);
    await page.waitForURL(`${h.url}/staff/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Tổng quan");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(/Danh mục thủ tục\s*\d+/);
    expect(text).toContain("Thủ tục cần rà soát lại");
    expect(await page.getByRole("row", { name: /Telegram/ }).textContent()).toContain("Hoạt động");
    expect(await page.getByRole("row", { name: /Zalo/ }).textContent()).toContain("Có sự cố");
    expect(text).toMatch(/Tin nhắn hôm nay\s*15/);
  });

  it("reads the ratings chart and a citizen's comment", async () => {
    await page.getByRole("link", { name: "Đánh giá" }).click();
    const chart = page.getByRole("img", { name: /Tỷ lệ hài lòng theo tháng/ });
    await expect.poll(() => chart.count()).toBe(1);
    const bars = await chart.locator("g title").allTextContents();
    expect(bars).toEqual(["10/2026: 100% hài lòng (1 đánh giá)", "11/2026: 50% hài lòng (2 đánh giá)"]);
    expect(await page.getByText("Cán bộ hướng dẫn rất tận tình").isVisible()).toBe(true);
    // One procedure picked: the comment of that procedure stays, the totals follow.
    await page.getByLabel("Thủ tục", { exact: true }).selectOption("1.001193");
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/procedure=1.001193/);
    expect(await page.locator("main").textContent()).toContain("Tổng: 3 lượt đánh giá, 66.7% hài lòng");
  });

  it("sees the unanswered questions, most asked first", async () => {
    await page.getByRole("link", { name: "Câu hỏi chưa trả lời" }).click();
    const rows = await page.locator("tbody tr").allTextContents();
    expect(rows[0]).toMatch(/^3\s*xin giấy phép nuôi chó ở đâu/);
    expect(rows[1]).toMatch(/^1\s*đăng ký karaoke/);
  });

  it("uploads an export, previews it, commits it, and looks a dossier up at the counter", async () => {
    await page.getByRole("link", { name: "Nhập hồ sơ" }).click();
    await page.getByLabel("Tệp CSV hoặc Excel (.xlsx)").setInputFiles({
      name: "ho-so-thang-11.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(EXPORT, "utf8"),
    });
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page.waitForURL(`${h.url}/staff/import`);
    expect(await page.locator("#count-accepted").textContent()).toBe("1");
    expect(await page.locator("#count-warned").textContent()).toBe("1");
    expect(await page.locator("#count-rejected").textContent()).toBe("1");
    expect(await page.locator("tr.warned").textContent()).toContain("9.999999 không có trong danh mục");
    expect(await page.locator("tr.rejected").textContent()).toContain("000.31.20.H49-261120-0003");
    // Nothing is stored before the commit: a colleague at the counter, in another tab, finds nothing yet.
    const counter = await browser.context.newPage();
    await counter.goto(`${h.url}/staff/`);
    await lookUp(counter, "000.31.20.H49-261120-0001");
    expect(await counter.getByRole("alert").textContent()).toContain("Không tìm thấy hồ sơ");
    await counter.close();
    commitForm = {
      csrf: (await page.locator('form[action="/staff/import/commit"] input[name=csrf]').inputValue()) ?? "",
      preview: (await page.locator("input[name=preview]").inputValue()) ?? "",
    };
    await page.getByRole("button", { name: "Lưu 2 hồ sơ" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("2 hồ sơ mới, 0 cập nhật, 0 không đổi, 1 bị từ chối");
    await lookUp(page, "000.31.20.H49-261120-0001");
    const dossier = (await page.locator("pre.dossier").textContent()) ?? "";
    expect(dossier).toContain("Nguyễn V. A.");
    expect(dossier).not.toContain("Văn An");
    expect(dossier).not.toContain("0912345678");
    await page.getByRole("link", { name: "Nhật ký" }).click();
    const audit = (await page.locator("tbody").textContent()) ?? "";
    expect(audit).toContain("Tra cứu hồ sơ");
    expect(audit).toContain("ho-so-thang-11.csv: 2 mới");
    expect(audit).toContain("Đăng nhập sai");
  });

  it("a preview is stored once: the same commit sent again is refused", async () => {
    const again = await browser.context.request.post(`${h.url}/staff/import/commit`, {
      form: commitForm,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain("Bản xem trước đã hết hạn hoặc đã được lưu");
  });
});

async function lookUp(page: Page, code: string) {
  await page.getByRole("link", { name: "Tra cứu hồ sơ" }).click();
  await page.getByLabel("Mã hồ sơ (như trên giấy hẹn)").fill(code);
  await page.getByRole("button", { name: "Tra cứu" }).click();
  await page.waitForLoadState();
}
