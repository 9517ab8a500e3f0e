/**
 * Session 14, review s14 H3: a "which one?" list of a plain procedure beside two others that are each named with
 * their adjustment and end ("Thực hiện, điều chỉnh, thôi hưởng …") was settled as "the thing itself" (the plain one)
 * though they change other things: the elderly pension asked for became a craftsman's allowance. The thing itself is
 * taken only when some of the others change that very thing, or when search put it first anyway.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, converse } from "../harness/converse.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 120_000);

describe("the thing itself, only among changes of that thing (review s14 H3)", () => {
  it("an elderly person without a pension is offered the social pension first, never the craftsman's allowance", async () => {
    const { say } = chatWith(catalogue);
    const replies = await say("bố em 80 tuổi ko có lương hưu, ko có bhxh, xin trợ cấp ở đâu");
    expect(codeOf(replies)).not.toBe("1.014310");
    const first = replies[0]?.choices?.[0]?.id ?? codeOf(replies) ?? "";
    expect(first).toContain("1.014027");
  });

  it.each([["cho e hỏi lm giấy xác nhận cư chú thì cần j ạ", "1.010041"]])(
    "%s → %s, the thing itself",
    async (text, code) => {
      await converse(catalogue, [[text, code]]);
    },
  );
});
