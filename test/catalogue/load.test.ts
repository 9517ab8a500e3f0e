import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { BUNDLED_DATA, copyOfBundledData, editJson, refusedProblems, runScript } from "../harness/common.js";

const BIRTH = "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json";

let dir: string;
let cleanup: () => Promise<void>;
// Each test breaks a record or a file of a copy and reads the problems: a thousand câu mẫu, not all 25,000, are copied
// and validated at each (seconds on the shared machine); the bundled data, whole, is what the tests of acceptance read.
beforeEach(async () => {
  ({ dir, cleanup } = await copyOfBundledData({ examples: 1000 }));
});
afterEach(() => cleanup());

const problems = () => refusedProblems(dir);

describe("catalogue validation", () => {
  it("accepts the bundled data", async () => {
    const result = await loadCatalogue(BUNDLED_DATA);
    expect(result.ok).toBe(true);
  });

  it("names file, code, field and the fault for a negative fee", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.amountVnd = -5000;
    });
    expect(await problems()).toEqual([
      {
        file: BIRTH,
        record: "1.001193",
        path: "channels[0].fee.amountVnd",
        label: "cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)",
        message: "lệ phí không được âm | fee must not be negative",
      },
    ]);
  });

  it("catches an empty document list, a malformed date and an unknown field", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.documents = [];
      p.lastChecked = "28/11/2026";
      p.feee = 1;
    });
    const found = await problems();
    expect(found.map((p) => p.path).sort()).toEqual(["documents", "feee", "lastChecked"]);
    expect(found.find((p) => p.path === "documents")?.message).toMatch(/^danh sách giấy tờ không được rỗng/);
    expect(found.find((p) => p.path === "lastChecked")?.message).toMatch(/YYYY-MM-DD/);
    expect(found.find((p) => p.message.includes("feee"))?.message).toMatch(/^trường không được phép: feee/);
  });

  it("refuses a date that does not exist", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.lastChecked = "2026-02-30";
    });
    expect((await problems())[0]).toMatchObject({
      path: "lastChecked",
      message: expect.stringMatching(/không tồn tại/),
    });
  });

  it("catches a duplicate code, naming both files", async () => {
    await writeFile(
      path.join(dir, "procedures/ho-tich/1.001193-ban-sao.json"),
      JSON.stringify({ ...(await readBirth()), name: "Bản sao" }),
    );
    const [problem] = await problems();
    expect(problem).toMatchObject({ record: "1.001193", path: "code" });
    const both = `${problem?.file} ${problem?.message}`;
    expect(both).toContain(BIRTH);
    expect(both).toContain("procedures/ho-tich/1.001193-ban-sao.json");
  });

  it("catches a reference to an office that does not exist", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.office = "ubnd-cu";
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        file: BIRTH,
        record: "1.001193",
        path: "office",
        message: expect.stringContaining("ubnd-cu"),
      }),
    ]);
  });

  it("gives the line and column of broken JSON", async () => {
    await writeFile(path.join(dir, BIRTH), '{\n  "code": "1.001193",\n  "name": "x"\n  "field": 1\n}');
    const [problem] = await problems();
    expect(problem?.file).toBe(BIRTH);
    expect(problem?.message).toMatch(/dòng 4, cột 3/);
  });

  it("requires a file name that starts with the code, so staff can find a record", async () => {
    await rm(path.join(dir, BIRTH));
    await writeFile(path.join(dir, "procedures/ho-tich/khai-sinh.json"), JSON.stringify(await readBirth()));
    expect((await problems())[0]?.message).toMatch(/tên tệp phải bắt đầu bằng mã thủ tục/);
  });

  it("catalogue:check prints every problem and exits 1, or a summary and exits 0", { tags: ["process"] }, async () => {
    const ok = await runScript("src/cli/catalogue-check.ts", [BUNDLED_DATA]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Dữ liệu hợp lệ/);
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[1].fee.amountVnd = -1;
    });
    await editJson(path.join(dir, "offices.json"), (o) => {
      o.offices[0].phone = "";
    });
    const bad = await runScript("src/cli/catalogue-check.ts", [dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `${BIRTH} · 1.001193 · cách thực hiện 2 (channels) › lệ phí (fee) › số tiền (amountVnd): lệ phí không được âm | fee must not be negative`,
    );
    expect(bad.stderr).toContain(
      "offices.json · cơ quan 1 (offices) › điện thoại (phone): không được để trống | must not be empty",
    );
  });
});

async function readBirth(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(BUNDLED_DATA, BIRTH), "utf8"));
}
