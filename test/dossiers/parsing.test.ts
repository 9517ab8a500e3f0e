import { describe, expect, it } from "vitest";
import { codeKey, findCodeKeys } from "../../src/dossiers/code.js";
import { parseCsv } from "../../src/dossiers/csv.js";
import { Hasher, lastFourDigits, maskName } from "../../src/dossiers/privacy.js";
import { readExport, toRecord } from "../../src/dossiers/records.js";

const KEY = "0003120H49-251103-0012";

describe("dossier codes in what citizens type", () => {
  it.each([
    "000.31.20.H49-251103-0012",
    "0003120H49-251103-0012",
    "000.31.20.h49-251103-0012",
    "hồ sơ 000.31.20.H49 - 251103 - 0012 của tôi sao rồi?",
    "000 31 20 H49–251103-0012",
    "  000.31.20.H49-2511 03-00 12 ",
    "Mã: 000.31.20.H49-251103-0012.",
  ])("finds %j", (text) => {
    expect(findCodeKeys(text)).toContain(KEY);
  });

  it("offers the reading without leading numbers first when words come before the code", () => {
    expect(findCodeKeys("ho so so 2 000.31.20.H49-251103-0012")).toEqual(["20003120H49-251103-0012", KEY]);
  });

  it.each([
    "làm giấy khai sinh cần gì",
    "lệ phí 2-3 ngày",
    "gọi 0912-345678-9",
    "chứng thực 10 bản sao, 2.000 đồng một trang",
    "mã thủ tục 1.001193",
  ])("ignores %j", (text) => {
    expect(findCodeKeys(text)).toEqual([]);
  });

  it("keys ignore dots, spaces, case and dash variants", () => {
    expect(codeKey(" 000.31.20.h49–251103-0012 ")).toBe(KEY);
  });
});

describe("personal data reduction", () => {
  it("masks names to the family name and initials", () => {
    expect(maskName("Nguyễn Văn An")).toBe("Nguyễn V. A.");
    expect(maskName("  trần   thị ánh  tuyết ")).toBe("trần T. Á. T.");
    expect(maskName("Đức")).toBe("Đ.");
  });

  it("keeps only the last 4 digits, hashed with the dossier code", () => {
    expect(lastFourDigits("+84 912.345.678")).toBe("5678");
    expect(lastFourDigits("123")).toBeUndefined();
    const hasher = new Hasher(Buffer.from("k".repeat(32)));
    expect(hasher.phone("A", "5678")).toBe(hasher.phone("A", "5678"));
    expect(hasher.phone("A", "5678")).not.toBe(hasher.phone("B", "5678"));
    expect(new Hasher(Buffer.from("x".repeat(32))).phone("A", "5678")).not.toBe(hasher.phone("A", "5678"));
  });
});

describe("CSV", () => {
  it("reads quotes, doubled quotes, line breaks inside quotes, CRLF and a BOM, with each row's line", () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n1,"x, y",3\r\n2,"two\nlines ""quoted""",4\r\n\r\n5,6,7');
    expect(rows).toEqual([
      { line: 1, values: ["a", "b", "c"] },
      { line: 2, values: ["1", "x, y", "3"] },
      { line: 3, values: ["2", 'two\nlines "quoted"', "4"] },
      { line: 6, values: ["5", "6", "7"] },
    ]);
  });

  it("reads semicolon-separated files as Excel writes them", () => {
    expect(parseCsv("a;b\n1;2")).toEqual([
      { line: 1, values: ["a", "b"] },
      { line: 2, values: ["1", "2"] },
    ]);
  });
});

describe("export rows", () => {
  const hasher = new Hasher(Buffer.from("k".repeat(32)));
  const header = "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note,office";

  it("turns a row into a stored record: dates to ISO, phone to a hash, name masked", () => {
    const parsed = readExport(
      `${header}\n000.31.20.H49-251103-0012,1.001193,Nguyễn Văn An,0912345678,3/11/2025,2025-11-05,4,,ubnd`,
      "csv",
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const result = toRecord(parsed.rows[0] as never, hasher);
    expect(result).toEqual({
      record: {
        key: KEY,
        code: "000.31.20.H49-251103-0012",
        procedureCode: "1.001193",
        applicant: "Nguyễn V. A.",
        phoneHash: hasher.phone(KEY, "5678"),
        receivedAt: "2025-11-03",
        dueAt: "2025-11-05",
        status: 4,
        statusNote: undefined,
        office: "ubnd",
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/0912|345678|Văn An/);
  });

  it.each([
    ["bad code!!,1.001193,A,0912345678,2025-11-03,,4,,", /code/],
    ["000.31.20.H49-251103-0012,,A,0912345678,2025-11-03,,4,,", /procedure_code/],
    ["000.31.20.H49-251103-0012,1.001193,A,12,2025-11-03,,4,,", /phone/],
    ["000.31.20.H49-251103-0012,1.001193,A,0912345678,31/02/2025,,4,,", /received_at.*no such date/],
    ["000.31.20.H49-251103-0012,1.001193,A,0912345678,2025-11-03,05/13/2025,4,,", /due_at/],
    ["000.31.20.H49-251103-0012,1.001193,A,0912345678,2025-11-03,,11,,", /status/],
    ["000.31.20.H49-251103-0012,1.001193,A,0912345678,2025-11-03,,xong,,", /status/],
  ])("rejects %j with the field and a reason", (line, reason) => {
    const parsed = readExport(`${header}\n${line}`, "csv");
    if (!parsed.ok) throw new Error(parsed.error);
    const result = toRecord(parsed.rows[0] as never, hasher);
    const code = line.split(",")[0];
    expect(result).toEqual({ error: { at: { line: 2 }, code, reason: expect.stringMatching(reason) } });
  });

  it("refuses a file missing a required column, naming it", () => {
    expect(readExport("code,procedure_code,phone,status\n", "csv")).toEqual({
      ok: false,
      error: expect.stringContaining("received_at"),
    });
  });

  it("reads JSON as an array or { dossiers: [...] }, numbering records", () => {
    const one = {
      code: "X1-251103-1",
      procedure_code: "1.001193",
      phone: 912345678,
      received_at: "2025-11-03",
      status: 2,
    };
    const a = readExport(JSON.stringify([one]), "json");
    const b = readExport(JSON.stringify({ dossiers: [one, one] }), "json");
    expect(a.ok && a.rows.map((r) => r.at)).toEqual([{ record: 1 }]);
    expect(b.ok && b.rows.map((r) => r.at)).toEqual([{ record: 1 }, { record: 2 }]);
    expect(readExport("{", "json").ok).toBe(false);
  });
});
