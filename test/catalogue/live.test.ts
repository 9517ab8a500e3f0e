import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Problem } from "../../src/catalogue/problems.js";
import { copyOfBundledData, editJson, until } from "../harness/common.js";

const BIRTH = "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json";

let dir: string;
let cleanup: () => Promise<void>;
// Reloads, watching and refusals bear on no câu mẫu: a thousand of them, not all 25,000, are indexed at each test's open
// and each reload (seconds each on the shared machine).
beforeEach(async () => {
  ({ dir, cleanup } = await copyOfBundledData({ examples: 1000 }));
});
afterEach(() => cleanup());

const feeOfBirth = (live: LiveCatalogue) =>
  live.current().catalogue.procedures.find((p) => p.code === "1.001193")?.channels[0]?.fee.text;

describe("live catalogue", () => {
  it("serves a valid edit after reload, with a new version", async () => {
    const live = await LiveCatalogue.open(dir);
    const before = live.current().catalogue.version;
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.text = "Miễn lệ phí (đã sửa)";
    });
    expect(await live.reload()).toBe(true);
    expect(feeOfBirth(live)).toBe("Miễn lệ phí (đã sửa)");
    expect(live.current().catalogue.version).not.toBe(before);
  });

  it("refuses a broken edit with the report and keeps serving the last good catalogue", async () => {
    const rejected: Problem[][] = [];
    const live = await LiveCatalogue.open(dir, { rejected: (problems) => rejected.push(problems) });
    const good = feeOfBirth(live);
    await writeFile(path.join(dir, BIRTH), "{ not json");
    expect(await live.reload()).toBe(false);
    expect(feeOfBirth(live)).toBe(good);
    expect(live.current().search.search("đăng ký khai sinh").hits[0]?.procedure.code).toBe("1.001193");
    expect(rejected[0]?.[0]).toMatchObject({ file: BIRTH, message: expect.stringMatching(/JSON/) });
  });

  it("notices a file change by itself when watching", async () => {
    const reloads: string[] = [];
    const live = await LiveCatalogue.open(dir, { reloaded: (s) => reloads.push(s.catalogue.version) });
    await live.watch(50);
    await editJson(path.join(dir, BIRTH), (p) => {
      p.name = "Đăng ký khai sinh (sửa)";
    });
    await until(() => reloads.length === 1);
    await live.close();
  });

  // Reproduction from issue 12: a save by rename (sed -i, git checkout, editors saving atomically)
  // used to blind the watcher to that file, so a later in-place save kept the old fee without a word.
  it("picks up an in-place save after the file was replaced by rename, and every save after", async () => {
    const live = await LiveCatalogue.open(dir);
    await live.watch(50);
    const file = path.join(dir, BIRTH);
    const withFee = async (text: string) => {
      const record = JSON.parse(await readFile(file, "utf8"));
      record.channels[0].fee.text = text;
      return `${JSON.stringify(record, null, 2)}\n`;
    };
    // 1. Replace by rename, as sed -i and atomic-saving editors do.
    await writeFile(`${file}.tmp`, await withFee("Lệ phí sau khi đổi tên tệp"));
    await rename(`${file}.tmp`, file);
    await until(() => feeOfBirth(live) === "Lệ phí sau khi đổi tên tệp");
    // 2. Then save in place, as Notepad does: this one used to be missed.
    await writeFile(file, await withFee("Lệ phí sửa tại chỗ"));
    await until(() => feeOfBirth(live) === "Lệ phí sửa tại chỗ");
    // 3. And again, to be sure the watch is still armed.
    await writeFile(file, await withFee("Lệ phí sửa lần nữa"));
    await until(() => feeOfBirth(live) === "Lệ phí sửa lần nữa");
    await live.close();
  });

  it("will not start on an invalid catalogue, and says why", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.code = "1001193";
    });
    await expect(LiveCatalogue.open(dir)).rejects.toThrow(/1001193|mã thủ tục/);
  });
});
