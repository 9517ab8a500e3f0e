import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLE_INTENTS, EXAMPLES_FILE } from "../../src/catalogue/examples.js";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import type { Problem } from "../../src/catalogue/problems.js";
import { INTENTS } from "../../src/search/intent.js";
import { copyOfBundledData, refusedProblems, runScript } from "../harness/common.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await copyOfBundledData());
});
afterEach(() => cleanup());

const writeExamples = (examples: unknown) =>
  writeFile(path.join(dir, EXAMPLES_FILE), JSON.stringify({ examples }, null, 2));

const BIRTH = { text: "làm giấy khai sinh cho con", code: "1.001193", intent: "general", source: "eval m0001" };
const PASSPORT = {
  text: "làm hộ chiếu ở đâu",
  code: "none",
  source: "nhân viên nv01, 2026-12-02",
  added: "2026-12-02",
};

async function loaded() {
  const result = await loadCatalogue(dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe("câu mẫu (data/examples.json)", () => {
  it("is empty when the file is absent, and loads the entries when present, in NFC", async () => {
    await rm(path.join(dir, EXAMPLES_FILE), { force: true });
    const without = await loaded();
    expect(without.catalogue.examples).toEqual([]);

    const decomposed = PASSPORT.text.normalize("NFD");
    expect(decomposed).not.toBe(PASSPORT.text);
    await writeExamples([BIRTH, { ...PASSPORT, text: `  ${decomposed} ` }]);
    const withFile = await loaded();
    expect(withFile.catalogue.examples).toEqual([BIRTH, PASSPORT]);
    expect(withFile.warnings.filter((w) => w.file === EXAMPLES_FILE)).toEqual([]);
    // The file is part of the catalogue's version: a new example is a new catalogue.
    expect(withFile.catalogue.version).not.toBe(without.catalogue.version);
  });

  it("names the entry by its number and words, and the field in staff's words, for an unknown code", async () => {
    await writeExamples([
      BIRTH,
      PASSPORT,
      { text: "làm giấy chứng nhận độc thân để kết hôn", code: "1.234567", source: "x" },
    ]);
    expect(await refusedProblems(dir)).toEqual([
      {
        file: EXAMPLES_FILE,
        record: 'câu mẫu số 3 ("làm giấy chứng nhận độc thân…")',
        path: "examples[2].code",
        label: "mã thủ tục (code)",
        message: "mã thủ tục 1.234567 không có trong danh mục | procedure 1.234567 is not in the catalogue",
      },
    ]);
  });

  it("refuses a missing or empty text, a malformed code, an unknown intent, a bad date and an unknown field", async () => {
    await writeExamples([
      { code: "1.001193", source: "a" },
      { text: "   ", code: "1.001193", source: "a" },
      { text: "khai sinh", code: "1.234", source: "a" },
      { text: "lệ phí khai sinh", code: "1.001193", intent: "price", source: "a" },
      { text: "khai tử", code: "none", source: "a", added: "02/12/2026" },
      { text: "đăng ký kết hôn", code: "none", source: "a", soruce: "b" },
      { text: "x".repeat(1001), code: "none", source: "a" },
      { text: "chứng thực", code: "none", source: " " },
    ]);
    const found = await refusedProblems(dir);
    const byPath = (p: string) => found.find((f) => f.path === p);
    expect(found.map((f) => f.path).sort()).toEqual([
      "examples[0].text",
      "examples[1].text",
      "examples[2].code",
      "examples[3].intent",
      "examples[4].added",
      "examples[5].soruce",
      "examples[6].text",
      "examples[7].source",
    ]);
    expect(byPath("examples[0].text")).toMatchObject({
      record: "câu mẫu số 1",
      label: "câu (text)",
      message: expect.stringMatching(/^thiếu trường bắt buộc/),
    });
    expect(byPath("examples[1].text")?.message).toMatch(/^câu không được để trống/);
    expect(byPath("examples[2].code")).toMatchObject({
      record: 'câu mẫu số 3 ("khai sinh")',
      label: "mã thủ tục (code)",
      message: expect.stringMatching(/^mã thủ tục phải có dạng 1\.001193, hoặc "none"/),
    });
    expect(byPath("examples[3].intent")).toMatchObject({
      label: "loại câu hỏi (intent)",
      message: expect.stringMatching(/^loại câu hỏi không hợp lệ, chỉ được: documents \(giấy tờ\), fee \(lệ phí\)/),
    });
    expect(byPath("examples[4].added")?.message).toMatch(/YYYY-MM-DD/);
    expect(byPath("examples[5].soruce")?.message).toMatch(/^trường không được phép: soruce/);
    expect(byPath("examples[6].text")).toMatchObject({
      record: `câu mẫu số 7 ("${"x".repeat(30)}…")`,
      message: expect.stringMatching(/^câu dài quá 1000 ký tự/),
    });
    expect(byPath("examples[7].source")).toMatchObject({ label: "nguồn (source)", message: /^cần ghi nguồn/ });
  });

  it("refuses a file without the list, or not JSON, naming the file", async () => {
    await writeFile(path.join(dir, EXAMPLES_FILE), JSON.stringify([BIRTH]));
    expect((await refusedProblems(dir))[0]).toMatchObject({ file: EXAMPLES_FILE, label: "(toàn bộ tệp | whole file)" });
    await writeFile(path.join(dir, EXAMPLES_FILE), '{ "examples": [ { "text": "khai sinh", } ] }');
    expect((await refusedProblems(dir))[0]).toMatchObject({
      file: EXAMPLES_FILE,
      message: expect.stringMatching(/JSON/),
    });
  });

  it("warns, without refusing, about the same text twice (the same label, or two different ones)", async () => {
    await writeExamples([
      BIRTH,
      PASSPORT,
      { ...BIRTH, text: "Làm  giấy khai sinh cho con" },
      { ...PASSPORT, code: "1.001193" },
      { ...BIRTH, code: "none", source: "nhân viên nv01, 2026-12-02", added: "2026-12-02" },
    ]);
    const { catalogue, warnings } = await loaded();
    expect(catalogue.examples).toHaveLength(5);
    const mine = warnings.filter((w) => w.file === EXAMPLES_FILE);
    expect(mine).toEqual([
      expect.objectContaining({
        record: 'câu mẫu số 3 ("Làm giấy khai sinh cho con")',
        severity: "warning",
        message: expect.stringMatching(/^trùng với câu mẫu số 1/),
      }),
      expect.objectContaining({
        record: 'câu mẫu số 4 ("làm hộ chiếu ở đâu")',
        severity: "warning",
        message: expect.stringMatching(
          /^cùng câu với câu mẫu số 2 nhưng gán thủ tục khác \(không phải thủ tục của phường và 1\.001193\): bot không dùng cả hai/,
        ),
      }),
      // A staff label beside one from elsewhere: the bot serves staff's (src/catalogue/live.ts).
      expect.objectContaining({
        record: 'câu mẫu số 5 ("làm giấy khai sinh cho con")',
        message: expect.stringMatching(
          /^cùng câu với câu mẫu số 1 nhưng gán thủ tục khác .*: bot dùng nhãn của cán bộ/,
        ),
      }),
    ]);
  });

  it("keeps serving the previous catalogue and its examples when a bad examples file is saved", async () => {
    await writeExamples([BIRTH]);
    const rejected: Problem[][] = [];
    const live = await LiveCatalogue.open(dir, { rejected: (p) => rejected.push(p) });
    const before = live.current().catalogue;
    await writeExamples([BIRTH, { text: "cấp lại căn cước", code: "9.999999", source: "nhân viên" }]);
    expect(await live.reload()).toBe(false);
    expect(live.current().catalogue).toBe(before);
    expect(live.current().catalogue.examples).toEqual([BIRTH]);
    expect(rejected[0]?.[0]).toMatchObject({ file: EXAMPLES_FILE, path: "examples[1].code" });

    await writeExamples([BIRTH, PASSPORT]);
    expect(await live.reload()).toBe(true);
    expect(live.current().catalogue.examples).toEqual([BIRTH, PASSPORT]);
  });

  it("offers the search's own list of intents", () => {
    expect([...EXAMPLE_INTENTS]).toEqual([...INTENTS]);
  });

  it("catalogue:check counts the examples, and reports a bad one in Vietnamese", { tags: ["process"] }, async () => {
    await writeExamples([BIRTH, PASSPORT]);
    const ok = await runScript("src/cli/catalogue-check.ts", [dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/, 2 câu mẫu \| examples/);
    await writeExamples([BIRTH, { ...PASSPORT, code: "1.000000" }]);
    const bad = await runScript("src/cli/catalogue-check.ts", [path.join(dir, EXAMPLES_FILE)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'examples.json · câu mẫu số 2 ("làm hộ chiếu ở đâu") · mã thủ tục (code): mã thủ tục 1.000000 không có trong danh mục',
    );
  });
});
