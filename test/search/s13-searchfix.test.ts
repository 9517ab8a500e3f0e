import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { ProcedureSearch } from "../../src/search/index.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse } from "../harness/converse.js";
import { firstCode, servedSearch } from "../harness/served-search.js";

// Session 13 (SEARCH-FIX), review s13 H6 and H1, through the served search and the whole assistant.
let search: ProcedureSearch;
let catalogue: LiveCatalogue;
beforeAll(async () => {
  search = (await servedSearch()).search;
  catalogue = await bundledCatalogue();
}, 120_000);

const first = (q: string) => firstCode(search, q);

describe("a pet told beside a procedure named by its own words is a detail of the case (H6)", () => {
  it.each([
    ["em mở tiệm bán thú cưng, đăng ký hộ kinh doanh cần gì", "1.001612"],
    ["bán chó cảnh có phải đăng ký hộ kinh doanh không", "1.001612"],
    ["mở cửa hàng thức ăn cho chó mèo cần đăng ký gì", "1.001612"],
    ["em bán pate cho mèo online có cần đăng ký hộ kinh doanh không", "1.001612"],
    ["tạm ngừng kinh doanh cửa hàng thú cưng 3 tháng", "1.001570"],
    ["tôi muốn chấm dứt hộ kinh doanh tiệm thú cưng", "1.001266"],
    ["hàng xóm nuôi chó, tranh chấp lối đi, hòa giải ở đâu", "1.012812"],
    ["nhà em nuôi chó, muốn tách hộ thì làm sao", "1.010038"],
  ])("%s → %s", (q, code) => {
    expect(first(q)).toBe(code);
  });

  // The pet is what the verb takes, or no procedure is named beside it: held back, no list.
  it.each([
    "how do I register my dog",
    "nuoi meo co can dang ky gi khong",
    "how do I adopt a cat from the shelter",
    "nhận nuôi chó mèo ở đâu",
    "muốn đăng ký nuôi chó thì làm thủ tục gì",
    "con chó nhà em bị lạc, giờ làm sao",
  ])("%s → none", (q) => {
    expect(search.search(q).decision).toBe("none");
  });

  it("another agency's service beside the name still holds it back", () => {
    expect(search.search("đăng ký kết hôn tại đại sứ quán").decision).toBe("none");
  });
});

describe("a trade stopped for a stated span is a pause, not a closing (H1)", () => {
  it.each([
    "hộ kinh doanh em muốn nghỉ bán 2 tháng",
    "hộ kinh doanh của em muốn nghỉ bán 3 tháng vì em đi đẻ",
    "ho kinh doanh nghi ban 3 thang",
    "em muốn nghỉ bán một thời gian",
    "cửa hàng em muốn đóng cửa 1 tháng để sửa nhà",
    "quán phở nhà em định đóng cửa vài tuần",
    "I want to close my shop for two months",
  ])("%s → 1.001570 first", (q) => {
    expect(first(q)).toBe("1.001570");
  });

  // The closing's own words keep the closing; a span of something else (a job, leave) is no pause of the trade.
  it.each([
    ["hộ kinh doanh muốn nghỉ hẳn", "1.001266"],
    ["em muốn dẹp tiệm", "1.001266"],
  ])("%s → %s first", (q, code) => {
    expect(first(q)).toBe(code);
  });
  it("a job left for a while is no pause of the trade", () => {
    expect(first("em nghỉ việc 2 tháng, hộ kinh doanh của vợ có sao không")).not.toBe("1.001570");
  });

  it("the conversation keeps the pause for the next question", async () => {
    await converse(catalogue, [
      ["hộ kinh doanh của em muốn nghỉ bán 3 tháng vì em đi đẻ", "1.001570"],
      ["phải báo trước bao nhiêu ngày", "1.001570"],
    ]);
  }, 120_000);
});

describe("the second batch (written after 78b193c, measured once, never tuned on)", () => {
  // 78b193c~1 → 78b193c: top-1 11 → 14/18, top-3 13 → 14/18 (pets in a shop's story, pauses told with a span).
  it("test/search/s13-searchfix-probe2.tsv: top-1 at least 14/18", () => {
    const rows = readFileSync("test/search/s13-searchfix-probe2.tsv", "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => line.split("\t") as [string, string]);
    const right = rows.filter(([q, want]) => first(q) === want).length;
    console.log(`s13-searchfix-probe2: top-1 ${right}/${rows.length}`);
    expect(right).toBeGreaterThanOrEqual(14);
  });
});
