import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type ConsoleHarness, startConsole } from "../harness/staff.js";

let h: ConsoleHarness;
let client: Client;
beforeAll(async () => {
  // (the overview, its data check and review list bear on no câu mẫu: a thousand are indexed, not all 25,000)
  h = await startConsole({ markup: false, examples: 1000 });
  client = new Client(h.url);
  await client.login();
});
afterAll(() => h.close());

describe("overview", () => {
  it("shows a broken data file with its place, while the last good catalogue keeps serving", async () => {
    const before = await (await client.request("/staff/")).text();
    const procedures = /Danh mục thủ tục<\/div><div class="big">(\d+)/.exec(before)?.[1];
    expect(Number(procedures)).toBeGreaterThan(0);
    // A staff member saves a record with a typo (a trailing comma) while the bot runs.
    await writeFile(path.join(h.catalogueDir, "procedures", "ho-tich", "9.999999-thu.json"), '{ "code": "9.999999", }');
    // The check of the files on disk is cached for 10 s.
    h.advance(10_001);
    const after = await (await client.request("/staff/")).text();
    expect(after).toMatch(
      /Tệp dữ liệu hiện có \d+ lỗi: thay đổi chưa được nhận, bot vẫn trả lời theo bản hợp lệ gần nhất/,
    );
    expect(after).toContain("9.999999-thu.json");
    expect(after).toMatch(/<details open><summary>Xem \d+ lỗi/);
    expect(/Danh mục thủ tục<\/div><div class="big">(\d+)/.exec(after)?.[1]).toBe(procedures);
  });

  it("lists channels with a problem and the records due for review", async () => {
    const page = await (await client.request("/staff/")).text();
    expect(page).toMatch(/Zalo<\/td><td data-label="Tình trạng"><span class="badge bad">Có sự cố/);
    expect(page).toContain("4 lần không kết nối được Zalo liên tiếp");
    expect(page).toContain("Thủ tục cần rà soát lại");
  });
});
