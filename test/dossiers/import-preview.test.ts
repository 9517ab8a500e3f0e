import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitImport } from "../../src/dossiers/import/commit.js";
import { type ImportPreview, type PreviewOptions, previewImport } from "../../src/dossiers/import/preview.js";
import { Hasher } from "../../src/dossiers/privacy.js";
import { FileDossierRepository } from "../../src/dossiers/repository.js";
import { at, bundledCatalogue, dossier, tempDir, toCsv } from "../harness/dossiers.js";
import { utf16be, utf16le, windows1252, windows1258, workbook } from "./export-files.js";

const NOW = at("2025-11-04 09:00");
let options: PreviewOptions;
beforeEach(async () => {
  options = { catalogue: (await bundledCatalogue()).current().catalogue, now: NOW, timeZone: "Asia/Ho_Chi_Minh" };
});

async function preview(bytes: Uint8Array | string, name = "ho-so.csv"): Promise<ImportPreview> {
  const result = await previewImport(typeof bytes === "string" ? Buffer.from(bytes) : bytes, name, options);
  if (!result.ok) throw new Error(result.error);
  return result.preview;
}

async function refusal(bytes: Uint8Array | string, name = "ho-so.csv"): Promise<string> {
  const result = await previewImport(typeof bytes === "string" ? Buffer.from(bytes) : bytes, name, options);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.preview)}`);
  return result.error;
}

const stored = (p: ImportPreview) => [...p.accepted, ...p.warned];
const VIETNAMESE_ROW = dossier({
  applicant_name: "Lê Văn Ễm",
  status: "5",
  status_note: "Bổ sung bản sao giấy chứng sinh",
});

describe("encodings Excel writes", () => {
  it("reads Windows-1258 (Excel's CSV on a Vietnamese Windows) correctly, and says it converted it", async () => {
    const bytes = windows1258(
      toCsv([VIETNAMESE_ROW, dossier({ code: "000.31.20.H49-251103-0013", applicant_name: "Trần Thị Bình Đường" })]),
    );
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const p = await preview(bytes);
    expect(p.encoding).toBe("Windows-1258");
    expect(p.notes.join("\n")).toContain("Windows-1258");
    expect(stored(p).map((r) => r.applicant)).toEqual(["Lê V. Ễ.", "Trần T. B. Đ."]);
    expect(stored(p)[0]?.statusNote).toBe("Bổ sung bản sao giấy chứng sinh");
    expect(JSON.stringify(p)).not.toContain("\uFFFD");
  });

  it("reads Windows-1252 when that is what the letters say", async () => {
    // "Bình": in 1252 "ì" is one byte, which 1258 would read as a tone mark on "B".
    const p = await preview(windows1252(toCsv([dossier({ applicant_name: "Hà Bình" })])));
    expect(p.encoding).toBe("Windows-1252");
    expect(stored(p)[0]?.applicant).toBe("Hà B.");
  });

  it("refuses a code-page file in which Excel already replaced letters with '?', saying how to save it", async () => {
    const error = await refusal(windows1252(toCsv([dossier({ applicant_name: "Nguyễn Thị Ngọc Bình" })])));
    expect(error).toContain("«?»");
    // The Vietnamese half (all the staff console shows) says what to do, before the English.
    expect(error.split(" | ")[0]).toContain("«CSV UTF-8 (Comma delimited)»");
    expect(error.split(" | ")).toHaveLength(2);
    // Without a letter 1252 could keep, the file is plain ASCII (it reads as UTF-8): the name is still refused.
    const ascii = await preview(windows1252(toCsv([dossier({ applicant_name: "Nguyễn Thị Ngọc" })])));
    expect(ascii.rejected).toEqual([
      {
        at: { line: 2 },
        code: "000.31.20.H49-251103-0012",
        reason: expect.stringMatching(/^applicant_name: .*CSV UTF-8/),
      },
    ]);
  });

  it("refuses bytes that read as neither code page rather than storing them garbled", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${toCsv([dossier()])}`),
      Buffer.from([0x0a, 0xf0, 0x9f, 0xfe, 0xde, 0x81, 0x90]),
    ]);
    const error = await refusal(bytes);
    expect(error).toContain("UTF-8");
    expect(error).toMatch(/Windows-1258/);
  });

  it.each([
    ["UTF-16LE", utf16le],
    ["UTF-16BE", utf16be],
  ])("reads %s with a BOM (Excel's Unicode Text, tab-separated)", async (name, encode) => {
    const tsv = toCsv([VIETNAMESE_ROW]).replace(/,/g, "\t");
    const p = await preview(encode(tsv), "ho-so.txt");
    expect(p.encoding).toBe(name);
    expect(stored(p)[0]?.applicant).toBe("Lê V. Ễ.");
  });

  it("reads UTF-8 with a BOM and semicolons (Excel's CSV UTF-8 in a Vietnamese locale)", async () => {
    const p = await preview(`\uFEFF${toCsv([VIETNAMESE_ROW]).replace(/,/g, ";")}`);
    expect(p.encoding).toBe("UTF-8");
    expect(p.notes).toEqual([]);
    expect(stored(p)[0]?.applicant).toBe("Lê V. Ễ.");
  });

  it("rejects a row already holding the replacement character, with its code", async () => {
    const p = await preview(toCsv([dossier({ applicant_name: "L\uFFFD V\uFFFDn E" })]));
    expect(p.rejected).toEqual([
      { at: { line: 2 }, code: "000.31.20.H49-251103-0012", reason: expect.stringMatching(/^applicant_name: .*«�»/) },
    ]);
  });
});

describe("warnings and rejections, each with its line and dossier code", () => {
  it("keeps the last of a repeated code and says which row won", async () => {
    const p = await preview(
      toCsv([
        dossier({ status: "4" }),
        dossier({ code: "000.31.20.H49-251103-0013" }),
        dossier({ code: "000.3120.h49-251103-0012", status: "9" }),
      ]),
    );
    expect(p.received).toBe(3);
    expect(p.accepted.map((r) => r.code)).toEqual(["000.31.20.H49-251103-0013"]);
    expect(p.warned).toHaveLength(1);
    const winner = p.warned[0];
    expect(winner).toMatchObject({ at: { line: 4 }, status: 9, replaces: [{ line: 2 }] });
    expect(winner?.warnings).toEqual([expect.stringContaining("lặp lại ở dòng 2; dùng dòng 4")]);
  });

  it("warns about a procedure code or an office the catalogue does not have", async () => {
    const p = await preview(toCsv([dossier({ procedure_code: "9.999999", office: "khong-co" })]));
    expect(p.warned[0]?.warnings).toEqual([
      expect.stringContaining("mã thủ tục 9.999999 không có trong danh mục"),
      expect.stringContaining("nơi trả kết quả «khong-co»"),
    ]);
    expect(p.warned[0]?.procedureName).toBeUndefined();
    const known = await preview(toCsv([dossier()]));
    expect(known.accepted[0]?.procedureName).toBe(
      options.catalogue?.procedures.find((x) => x.code === "1.001193")?.name,
    );
  });

  it.each([
    [{ due_at: "01/11/2025" }, "ngày hẹn trả 01/11/2025 trước ngày tiếp nhận 03/11/2025"],
    [{ received_at: "2026-11-03", due_at: "" }, "ngày tiếp nhận 03/11/2026 ở tương lai"],
    [{ received_at: "03/11/1925", due_at: "" }, "cách đây hơn 5 năm"],
    [{ due_at: "05/11/2027" }, "hơn một năm"],
    [{ status: "5", status_note: "" }, "không có ghi chú"],
  ])("warns about %j", async (fields, warning) => {
    const p = await preview(toCsv([dossier(fields)]));
    expect(p.accepted).toEqual([]);
    expect(p.warned[0]?.code).toBe("000.31.20.H49-251103-0012");
    expect(p.warned[0]?.warnings.join("\n")).toContain(warning);
  });

  it("rejects phone numbers Excel turned into 9.12E+08 (their last digits are gone)", async () => {
    const p = await preview(toCsv([dossier({ phone: "9.12346E+08" })]));
    expect(p.rejected[0]).toMatchObject({
      code: "000.31.20.H49-251103-0012",
      reason: expect.stringContaining("Văn bản (Text)"),
    });
  });

  it("finds the header below a title, reads Vietnamese column names and status names, and lists unused columns", async () => {
    const csv = [
      "DANH SÁCH HỒ SƠ THÁNG 11/2025,,,,,,",
      ",,,,,,",
      "Mã hồ sơ,Mã thủ tục,Họ tên người nộp,Số điện thoại,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Cán bộ",
      "000.31.20.H49-251103-0012,1.001193,Nguyễn Văn An,0912345678,03-11-2025,05.11.2025,Đang xử lý,Chị Hoa",
    ].join("\r\n");
    const p = await preview(csv);
    expect(p.notes.join("\n")).toContain("Cán bộ");
    expect(p.accepted[0]).toMatchObject({ at: { line: 4 }, status: 4, receivedAt: "2025-11-03", dueAt: "2025-11-05" });
  });

  it("names the missing columns, and the malformed line", async () => {
    expect(await refusal("code,procedure_code,phone,status\nX,1,2,3")).toContain("received_at (Ngày tiếp nhận)");
    expect(await refusal(`${toCsv([dossier()])}\n000.31.20.H49-251103-0013,"1.001193,A`)).toMatch(
      /^dòng 3: .*ngoặc kép/,
    );
  });

  it("refuses an old .xls workbook and an empty file, saying what to do", async () => {
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "ho-so.xls")).toContain(
      ".xlsx",
    );
    expect(await refusal("", "ho-so.csv")).toContain("rỗng");
  });
});

describe("JSON", () => {
  it("reads an array or { dossiers: [...] } (any column name the CSV accepts), numbering records", async () => {
    const one = {
      "Mã hồ sơ": "X1-251103-1",
      procedure_code: "1.001193",
      phone: 912345678,
      received_at: "2025-11-03",
      status: 2,
    };
    const p = await preview(JSON.stringify({ dossiers: [one, { ...one, status: 11 }] }), "ho-so.json");
    expect(p.accepted).toMatchObject([{ at: { record: 1 }, code: "X1-251103-1", phoneLast4: "5678" }]);
    expect(p.rejected).toEqual([
      { at: { record: 2 }, code: "X1-251103-1", reason: expect.stringMatching(/^status: /) },
    ]);
    expect(await refusal("{", "ho-so.json")).toContain("JSON");
  });
});

describe(".xlsx", () => {
  it("reads the sheet holding the export: dates, numbers, rich text and formulas as Excel shows them", async () => {
    const bytes = await workbook({
      "Hướng dẫn": [["Điền dữ liệu ở trang Hồ sơ"]],
      "Hồ sơ": [
        ["Danh sách hồ sơ"],
        ["code", "procedure_code", "applicant_name", "phone", "received_at", "due_at", "status", "status_note"],
        [
          "000.31.20.H49-251103-0012",
          "1.001193",
          { richText: [{ text: "Nguyễn " }, { text: "Văn An", font: { bold: true } }] },
          912345678,
          new Date(Date.UTC(2025, 10, 3)),
          { formula: "E3+2", result: new Date(Date.UTC(2025, 10, 5)) },
          4,
          null,
        ],
        ["000.31.20.H49-251103-0013", "1.001193", "Lê Văn Ễm", "0912 345 678", "04/11/2025", null, 5, "Bản sao CCCD"],
        ["000.31.20.H49-251103-0014", "1.001193", "Trần B", "12", "04/11/2025", null, 4, null],
      ],
    });
    const p = await preview(bytes, "ho-so.xlsx");
    expect(p).toMatchObject({ format: "xlsx", sheet: "Hồ sơ", received: 3 });
    expect(p.accepted).toMatchObject([
      {
        at: { line: 3 },
        applicant: "Nguyễn V. A.",
        phoneLast4: "5678",
        receivedAt: "2025-11-03",
        dueAt: "2025-11-05",
        status: 4,
      },
      { at: { line: 4 }, applicant: "Lê V. Ễ.", receivedAt: "2025-11-04", status: 5, statusNote: "Bản sao CCCD" },
    ]);
    expect(p.rejected).toEqual([
      { at: { line: 5 }, code: "000.31.20.H49-251103-0014", reason: expect.stringMatching(/^phone: /) },
    ]);
  });

  it("reads a workbook saved under another name, and refuses a damaged one", async () => {
    const bytes = await workbook({
      Sheet1: [
        ["code", "procedure_code", "phone", "received_at", "status"],
        ["X1-251103-1", "1.001193", "0912345678", "2025-11-03", 2],
      ],
    });
    expect((await preview(bytes, "xuat-du-lieu")).accepted).toHaveLength(1);
    expect(await refusal(bytes.subarray(0, 200), "ho-so.xlsx")).toContain("Không mở được tệp Excel");
  });
});

describe("committing a preview", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it("stores the accepted and warned rows only, with the phone hashed; a second commit changes nothing", async () => {
    const hasher = new Hasher(Buffer.from("k".repeat(32)));
    const dossiers = await FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, false);
    const deps = { dossiers, hasher, now: () => NOW, notify: async () => 0 };
    const p = await preview(
      windows1258(
        toCsv([
          VIETNAMESE_ROW,
          dossier({ code: "000.31.20.H49-251103-0013", procedure_code: "9.999999" }),
          dossier({ code: "000.31.20.H49-251103-0014", status: "0" }),
        ]),
      ),
    );
    expect(await dossiers.count()).toBe(0); // the preview stored nothing
    const report = await commitImport(p, deps);
    expect(report).toMatchObject({ received: 3, created: 2, updated: 0, unchanged: 0, notices: 0 });
    expect(report.rejected).toEqual([
      { at: { line: 4 }, code: "000.31.20.H49-251103-0014", reason: expect.any(String) },
    ]);
    expect(report.warned.map((w) => w.code)).toEqual(["000.31.20.H49-251103-0013"]);
    const stored = await dossiers.get("0003120H49-251103-0012");
    expect(stored).toMatchObject({ applicant: "Lê V. Ễ.", phoneHash: hasher.phone("0003120H49-251103-0012", "5678") });
    expect(await dossiers.get("0003120H49-251103-0014")).toBeUndefined();
    expect(await commitImport(p, deps)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    for (const file of await readdir(path.join(dir, "dossiers"))) {
      expect(await readFile(path.join(dir, "dossiers", file), "utf8")).not.toMatch(/0912|345678|Văn Ễm/);
    }
  });
});
