import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Problem } from "../../src/catalogue/problems.js";
import { copyOfBundledData, editJson } from "../harness/common.js";

const BIRTH = "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await copyOfBundledData());
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
    const reloaded = new Promise<void>((resolve) => {
      void LiveCatalogue.open(dir, { reloaded: () => resolve() }).then((live) => {
        live.watch(50);
        setTimeout(() => {
          void editJson(path.join(dir, BIRTH), (p) => {
            p.name = "Đăng ký khai sinh (sửa)";
          });
        }, 100);
        reloaded.finally(() => live.close());
      });
    });
    await reloaded;
  });

  it("will not start on an invalid catalogue, and says why", async () => {
    await editJson(path.join(dir, BIRTH), (p) => {
      p.code = "1001193";
    });
    await expect(LiveCatalogue.open(dir)).rejects.toThrow(/1001193|mã thủ tục/);
  });
});
