/**
 * Session 14 (LOOKALIKE-FIX), review s14 H5: a Vietnamese relative told beside a foreign case is no reason to take the
 * foreigner back. The case turns domestic only when the one said Vietnamese is the person it made foreign (the spouse,
 * "cả hai", a parent said Vietnamese "too"), never the writer's family, a grandparent or one parent alone. REVIEW's
 * lines and the ones 25037fa fixed, as floors.
 */
import { beforeAll, describe, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse, type Turn } from "../harness/converse.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

const KOREAN_FATHER = "con tôi có bố người Hàn Quốc, muốn đăng ký khai sinh";
const KOREAN_HUSBAND = "chồng em người Hàn, muốn đăng ký kết hôn";

describe("a Vietnamese relative beside a foreign case keeps the foreign-element procedure (review s14 H5)", () => {
  it.each<[string, Turn[]]>([
    [
      "the mother, the father foreign",
      [
        [KOREAN_FATHER, "2.000528"],
        ["mẹ bé là người Việt thì cần giấy gì", "2.000528", "documents"],
      ],
    ],
    [
      "a grandmother",
      [
        [KOREAN_FATHER, "2.000528"],
        ["bà ngoại bé là người Việt, bà đi làm thay được không", "2.000528"],
      ],
    ],
    [
      "the mother, no 'là'",
      [
        [KOREAN_FATHER, "2.000528"],
        ["mẹ cháu người Việt, mẹ đi một mình được không", "2.000528"],
      ],
    ],
    [
      "the writer and her parents",
      [
        [KOREAN_HUSBAND, "2.000806"],
        ["em là người Việt, bố mẹ em cũng người Việt, cần giấy gì", "2.000806", "documents"],
      ],
    ],
    [
      "the writer's parents, both",
      [
        [KOREAN_HUSBAND, "2.000806"],
        ["bố mẹ em đều là người Việt, có cần giấy tờ của bố mẹ không", "2.000806", "documents"],
      ],
    ],
    [
      "the writer's parents, a lost marriage record",
      [
        ["vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn, sổ cũng mất", "2.000513"],
        ["bố mẹ tôi là người Việt, có cần họ đi cùng không", "2.000513"],
      ],
    ],
    [
      "the writer's mother, a lost death record",
      [
        ["bố tôi là người Pháp mất ở Việt Nam, giấy chứng tử mất, sổ cũng mất", "2.000497"],
        ["mẹ tôi là người Việt, mẹ đi làm được không", "2.000497"],
      ],
    ],
  ])("%s", async (_, turns) => {
    await converse(catalogue, turns);
  });
});

describe("the person the case made foreign said Vietnamese still takes the foreigner back (25037fa)", () => {
  it.each<[string, Turn[]]>([
    [
      "the wife",
      [
        [KOREAN_HUSBAND, "2.000806"],
        ["à không, vợ em người Việt, cần gì", "1.000894", "documents"],
      ],
    ],
    [
      "the wife, after the foreign-element name",
      [
        ["đăng ký kết hôn có yếu tố nước ngoài", "2.000806"],
        ["à không, vợ em người Việt, cần gì", "1.000894", "documents"],
      ],
    ],
    [
      "the fiancé, 'cũng'",
      [
        ["đăng ký kết hôn có yếu tố nước ngoài", "2.000806"],
        ["à nhầm, chồng sắp cưới của em cũng là người Việt", "1.000894"],
      ],
    ],
    [
      "both spouses",
      [
        ["vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn", "2.000513"],
        ["à nhầm, cả hai vợ chồng đều người Việt, làm lại thế nào", "1.004746", "steps"],
      ],
    ],
    [
      "'cả hai'",
      [
        [KOREAN_HUSBAND, "2.000806"],
        ["không, cả hai đều người Việt", "1.000894"],
      ],
    ],
    [
      "the father 'too'",
      [
        [KOREAN_FATHER, "2.000528"],
        ["à nhầm, bố cháu cũng là người Việt, cần giấy gì", "1.001193", "documents"],
      ],
    ],
    [
      "the father named foreign before, a correction",
      [
        ["bố tôi là người Pháp mất ở Việt Nam, giấy chứng tử mất, sổ cũng mất", "2.000497"],
        ["à không, bố tôi người Việt, quốc tịch Việt Nam", "1.005461"],
      ],
    ],
  ])("%s", async (_, turns) => {
    await converse(catalogue, turns);
  });

  it.each<[string, Turn[]]>([
    [
      "the writer alone is one side",
      [
        [KOREAN_HUSBAND, "2.000806"],
        ["em là người Việt, cần giấy gì", "2.000806", "documents"],
      ],
    ],
    [
      "born abroad to Vietnamese parents",
      [
        ["đăng ký khai sinh có yếu tố nước ngoài", "2.000528"],
        ["cháu sinh ra ở Đức, bố mẹ đều người Việt", "2.000528"],
      ],
    ],
  ])("%s", async (_, turns) => {
    await converse(catalogue, turns);
  });
});
