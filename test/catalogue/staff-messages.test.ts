import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { copyOfBundledData, editJson, refusedProblems, runScript } from "../harness/common.js";

// Messages a ward clerk can act on: their words for the field, the real fault, where it is.
const BIRTH = "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json";
const DEATH = "procedures/ho-tich/1.000656-dang-ky-khai-tu.json";

let dir: string;
let cleanup: () => Promise<void>;
// The records' and offices' messages bear on no câu mẫu: a thousand of them, not all 25,000, are copied and validated
// at each test (seconds each on the shared machine).
beforeEach(async () => {
  ({ dir, cleanup } = await copyOfBundledData({ examples: 1000 }));
});
afterEach(() => cleanup());

const problems = () => refusedProblems(dir);

describe("validation messages for staff", () => {
  it("names the field in the guide's words, counting from 1", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.amountVnd = -5000;
    });
    const [problem] = await problems();
    expect(problem?.label).toBe("cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)");
  });

  it("reports a present field of the wrong type as the wrong type, not as missing", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.amountVnd = "50.000 đồng";
      p.steps = "Nộp hồ sơ";
    });
    const found = await problems();
    const fee = found.find((p) => p.path === "channels[0].fee.amountVnd");
    expect(fee?.message).toMatch(/^sai kiểu dữ liệu: đang là chuỗi văn bản "50.000 đồng", cần số/);
    expect(found.find((p) => p.path === "steps")?.message).toMatch(/^sai kiểu dữ liệu: đang là chuỗi/);
    expect(found.map((p) => p.message).join("\n")).not.toMatch(/thiếu trường/);
  });

  it("still reports a missing field as missing", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      delete p.result;
    });
    expect((await problems())[0]).toMatchObject({ path: "result", message: expect.stringMatching(/^thiếu trường/) });
  });

  it("flags 20.000 written as a number, which JSON reads as 20", async () => {
    const file = path.join(dir, BIRTH);
    const text = (await readFile(file, "utf8")).replace(/"amountVnd": (null|\d+)/, '"amountVnd": 20.000');
    await writeFile(file, text);
    const line = text.slice(0, text.indexOf("20.000")).split("\n").length;
    const [problem] = await problems();
    expect(problem).toMatchObject({ file: BIRTH, record: "1.001193" });
    expect(problem?.message).toContain(`số 20.000 ở dòng ${line}`);
    expect(problem?.message).toContain("đọc là 20, không phải 20000");
  });

  it("does not flag 20.000 inside a text, or an ordinary decimal", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.text = "Lệ phí 20.000 đồng";
      p.channels[0].time.workingDays = 0.5;
    });
    expect((await loadCatalogue(dir)).ok).toBe(true);
  });

  it("gives the line and column of a curly quote pasted from Word", async () => {
    const file = path.join(dir, BIRTH);
    const text = await readFile(file, "utf8");
    const at = text.indexOf('"result"');
    await writeFile(file, `${text.slice(0, at)}“result”${text.slice(at + '"result"'.length)}`);
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    const [problem] = await problems();
    expect(problem).toMatchObject({ file: BIRTH, record: "1.001193" });
    expect(problem?.message).toContain(`dấu nháy kiểu Word (“) ở dòng ${line}, cột ${column}`);
  });

  it("warns about sample office data without refusing the catalogue", async () => {
    const result = await loadCatalogue(dir);
    expect(result.ok).toBe(true);
    expect(result.warnings.some((w) => w.file === "offices.json" && w.severity === "warning")).toBe(true);
    await editJson(path.join(dir, "offices.json"), (o) => {
      for (const office of o.offices) {
        office.name = `${office.id === "ubnd" ? "Trung tâm Phục vụ hành chính công" : "Công an"} phường Bến Thành`;
        office.address = "92 Nam Kỳ Khởi Nghĩa, phường Bến Thành, TP Hồ Chí Minh";
        office.phone = "028 3829 0000";
      }
    });
    const fixed = await loadCatalogue(dir);
    expect(fixed.warnings.filter((w) => w.file === "offices.json")).toEqual([]);
  });

  it("catalogue:check on one file reports that file only, and never blames it for another", {
    tags: ["process"],
  }, async () => {
    await editJson(path.join(dir, DEATH), (p) => {
      p.channels[0].fee.amountVnd = -1;
    });
    const other = await runScript("src/cli/catalogue-check.ts", [path.join(dir, BIRTH)]);
    expect(other.code).toBe(0);
    expect(other.stderr).not.toContain(DEATH);
    expect(other.stderr).toMatch(/1 lỗi khác nằm ở các tệp không được kiểm tra/);
    const own = await runScript("src/cli/catalogue-check.ts", [path.join(dir, DEATH)]);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain(
      `${DEATH} · 1.000656 · cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)`,
    );
  });

  it("a duplicate code is told on both files", async () => {
    const copy = "procedures/ho-tich/1.001193-ban-sao.json";
    await writeFile(path.join(dir, copy), await readFile(path.join(dir, BIRTH), "utf8"));
    const found = (await problems()).filter((p) => p.path === "code");
    expect(found.map((p) => p.file).sort()).toEqual([copy, BIRTH].sort());
  });
});
