/**
 * Session 13 (LOOKALIKE), review H2: a foreign element told one turn earlier stays the case's when the next turn names
 * the plain look-alike; saying the case is domestic takes it back, and nothing foreign told keeps the plain one.
 * REVIEW's lines, as floors.
 */
import { beforeAll, describe, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse, type Turn } from "../harness/converse.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("the case's foreign element, told a turn earlier", () => {
  it.each<[string, Turn[]]>([
    [
      "Chinese wife",
      [
        ["vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn", "2.000513"],
        ["làm lại", "2.000513"],
      ],
    ],
    [
      "Korean wife",
      [
        ["my wife is Korean, we lost our marriage certificate", "2.000513"],
        ["re-register the marriage", "2.000513"],
      ],
    ],
    [
      "French father",
      [
        ["bố tôi là người Pháp mất ở Việt Nam từ năm 2000 chưa khai tử", "2.000497"],
        ["đăng ký lại khai tử", "2.000497"],
      ],
    ],
    [
      "US child, from a list",
      [
        ["con tôi có quốc tịch Mỹ, muốn sửa giấy tờ", undefined],
        ["sửa tên trên giấy khai sinh", "2.000748"],
      ],
    ],
    [
      "taken back",
      [
        ["vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn", "2.000513"],
        ["à nhầm, cả hai vợ chồng đều người Việt, làm lại thế nào", "1.004746"],
      ],
    ],
    // Review s13 H10: a correction keeps the case told before it, and "người Việt" before a comma takes it back.
    [
      "US child, a correction",
      [
        ["con tôi quốc tịch Mỹ, đăng ký khai sinh", "2.000528"],
        ["không phải, ý tôi là sửa tên trên giấy khai sinh", "2.000748"],
      ],
    ],
    [
      "taken back in a correction",
      [
        ["vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn", "2.000513"],
        ["không, cả hai đều người Việt, làm lại", "1.004746"],
      ],
    ],
    [
      "nothing foreign told",
      [
        ["đăng ký lại kết hôn", "1.004746"],
        ["làm lại", "1.004746"],
      ],
    ],
  ])("%s", async (_, turns) => {
    await converse(catalogue, turns);
  });
});
