import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { windows1258, workbook } from "../dossiers/export-files.js";
import { Client, type ConsoleHarness, startConsole } from "../harness/staff.js";

const HEADER = ["code", "procedure_code", "applicant_name", "phone", "received_at", "due_at", "status"];

let h: ConsoleHarness;
let client: Client;
beforeAll(async () => {
  // (the import bears on no câu mẫu: a thousand are indexed, not all 25,000)
  h = await startConsole({ markup: false, examples: 1000 });
  client = new Client(h.url);
  await client.login();
});
afterAll(() => h.close());

/** Uploads a file through the import form, as the browser does; returns the preview page. */
async function upload(bytes: Buffer, name: string): Promise<{ status: number; page: string }> {
  const form = new FormData();
  form.set("csrf", Client.csrfOf(await (await client.request("/staff/import")).text()));
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await client.request("/staff/import", { body: form });
  return { status: response.status, page: await response.text() };
}

async function commit(preview: string): Promise<string> {
  const id = /name="preview" value="([^"]+)"/.exec(preview)?.[1] ?? "";
  const response = await client.request("/staff/import/commit", {
    form: { csrf: Client.csrfOf(preview), preview: id },
  });
  return response.text();
}

async function lookUp(code: string): Promise<string> {
  const page = await (await client.request("/staff/lookup")).text();
  return (await client.request("/staff/lookup", { form: { csrf: Client.csrfOf(page), code } })).text();
}

const count = (page: string, verdict: string) => new RegExp(`id="count-${verdict}">(\\d+)<`).exec(page)?.[1];

describe("dossier import in the console", () => {
  it("an Excel workbook is previewed row by row and stored on commit", async () => {
    const bytes = await workbook({
      "Hồ sơ": [
        HEADER,
        [
          "000.31.20.H49-261130-0001",
          "1.001193",
          "Phan Văn Khải",
          "0912000222",
          new Date(Date.UTC(2026, 10, 30)),
          null,
          2,
        ],
        ["000.31.20.H49-261130-0002", "1.001193", "Vũ Thị Lan", "0912000333", "30/11/2026", "03/12/2026", 4],
        ["000.31.20.H49-261130-0003", "1.001193", "Ngô Văn Tư", "", "30/11/2026", null, 4],
      ],
    });
    const { status, page } = await upload(bytes, "ho-so.xlsx");
    expect(status).toBe(200);
    expect([count(page, "accepted"), count(page, "warned"), count(page, "rejected")]).toEqual(["2", "0", "1"]);
    expect(await lookUp("000.31.20.H49-261130-0001")).toContain("Không tìm thấy hồ sơ");
    expect(await commit(page)).toContain("2 hồ sơ mới, 0 cập nhật, 0 không đổi, 1 bị từ chối");
    expect(await lookUp("0003120H49-261130-0002")).toContain("Vũ T. L.");
  });

  it("a CSV saved by Excel on a Vietnamese Windows (Windows-1258) is converted, never stored garbled", async () => {
    const csv = `${HEADER.join(",")}\r\n000.31.20.H49-261130-0009,1.001193,Lê Văn Ễm,0912000444,30/11/2026,,4\r\n`;
    const { page } = await upload(windows1258(csv), "ho-so-excel.csv");
    expect(page).toContain("Windows-1258");
    expect(count(page, "accepted")).toBe("1");
    await commit(page);
    expect(await lookUp("000.31.20.H49-261130-0009")).toContain("Lê V. Ễ.");
  });

  it("a file that is no export is refused with the reason, and nothing is previewed", async () => {
    const { status, page } = await upload(Buffer.from("Xin chào, đây là thư chứ không phải bảng\n"), "thu.csv");
    expect(status).toBe(400);
    expect(page).toContain("Không đọc được tệp thu.csv");
    expect(page).not.toContain('name="preview"');
  });

  it("a file over 5 MB is refused", async () => {
    const { status, page } = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), "to.csv");
    expect(status).toBe(413);
    expect(page).toContain("Tệp quá lớn");
  });
});
