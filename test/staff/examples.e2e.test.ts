import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, USER } from "../harness/staff.js";
import { chromiumInstalled, openBrowser } from "../harness/staff-browser.js";
import { BIRTH, codeOf, counted, type ExamplesConsole, QUESTION, startExamplesConsole } from "./examples-console.js";

// Labelling as staff do it on a phone (390×844), in a real Chromium: plain links, a GET filter and
// the phone's own select, no script.
describe.skipIf(!chromiumInstalled() && !process.env.CI)("câu mẫu in a browser, on a phone", () => {
  let h: ExamplesConsole;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  beforeAll(async () => {
    h = await startExamplesConsole();
    browser = await openBrowser({ width: 390, height: 844 });
    page = await browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("a question the bot could not answer is labelled from the list, and answered after", async () => {
    const first = await h.chat()(QUESTION);
    expect(codeOf(first[0]?.text)).toBeUndefined();
    expect(await counted(h.questions, QUESTION)).toBe(true);

    await page.goto(`${h.base}/staff/`);
    await page.getByLabel("Tên đăng nhập").fill(USER);
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/staff\/$/);

    await page.getByRole("navigation").getByRole("link", { name: "Câu hỏi chưa trả lời" }).click();
    const row = page.getByRole("row", { name: new RegExp(QUESTION) });
    await row.getByRole("link", { name: "Gán thủ tục" }).click();
    await page.waitForURL(/\/staff\/questions\/label/);
    expect(await page.locator("blockquote").textContent()).toBe(QUESTION);
    // Nothing wider than the phone: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel(/Tìm thủ tục/).fill("dang ky khai sinh");
    await page.getByRole("button", { name: "Lọc danh sách" }).click();
    await page.waitForURL(/tim=/);
    const options = await page.getByLabel("Thủ tục trả lời câu này").locator("option").allTextContents();
    expect(options.length).toBeLessThan(20);
    expect(options.some((o) => o.includes(`(${BIRTH})`))).toBe(true);
    await page.getByLabel("Thủ tục trả lời câu này").selectOption(BIRTH);
    await page.getByLabel("Người dân hỏi về").selectOption("documents");
    await page.getByRole("button", { name: "Lưu làm câu mẫu" }).click();
    await page.waitForURL(/\/staff\/examples$/);
    expect(await page.getByRole("status").textContent()).toContain("Bot đã dùng danh mục mới");
    expect(await page.getByRole("row", { name: new RegExp(QUESTION) }).textContent()).toContain("Đăng ký khai sinh");

    expect(await h.staffEntries(QUESTION)).toEqual([expect.objectContaining({ code: BIRTH, intent: "documents" })]);
    expect(h.served(QUESTION).map((e) => e.code)).toContain(BIRTH);
    const again = await h.chat()(QUESTION);
    expect(codeOf(again[0]?.text)).toBe(BIRTH);

    await page.getByRole("navigation").getByRole("link", { name: "Câu hỏi chưa trả lời" }).click();
    expect(await page.getByRole("row", { name: new RegExp(QUESTION) }).textContent()).toContain("Đã gán");

    // Xoá asks first, on a page of its own (no script): going back keeps the label.
    await page.getByRole("navigation").getByRole("link", { name: "Câu mẫu" }).click();
    const xoa = () =>
      page
        .getByRole("row", { name: new RegExp(QUESTION) })
        .getByRole("button", { name: "Xoá", exact: true })
        .click();
    await xoa();
    await page.waitForURL(/\/staff\/examples\/delete$/);
    expect(await page.getByRole("heading", { name: "Xoá câu mẫu này?" }).isVisible()).toBe(true);
    expect(await page.locator("blockquote").textContent()).toBe(QUESTION);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await h.staffEntries(QUESTION)).toHaveLength(1);
    await page.getByRole("link", { name: "Không xoá, quay lại" }).click();
    await page.waitForURL(/\/staff\/examples$/);
    expect(await h.staffEntries(QUESTION)).toHaveLength(1);
    expect(codeOf((await h.chat()(QUESTION))[0]?.text)).toBe(BIRTH);

    await xoa();
    await page.waitForURL(/\/staff\/examples\/delete$/);
    await page.getByRole("button", { name: "Xoá câu mẫu" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("status").textContent()).toContain("Đã xoá câu mẫu");
    expect(await h.staffEntries(QUESTION)).toEqual([]);
    expect(h.served(QUESTION)).toEqual([]);
  });
});
