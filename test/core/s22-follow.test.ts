/**
 * Session 22 (FOLLOW): follow-up turns read right.
 * - A time asked after a support is no death (variants.ts funeralTold/funeralAmong read a death as personDied does:
 *   «mất bao lâu», «mất mấy tháng» ask a time): the support's time, never the funeral support.
 * The reading alone, and the probe batches through the real assistant. Phrasings written for this test.
 */
import { describe, expect, it } from "vitest";
import { funeralTold, learnGlossary } from "../../src/features/variants.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/** funeralTold after `current`, read with the câu mẫu readings the assistant reads with. */
async function funeralAfter(current: string, text: string): Promise<string | undefined> {
  const { catalogue: loaded, readings } = catalogue().current();
  learnGlossary(loaded.procedures, loaded.synonyms);
  const procedure = loaded.procedures.find((p) => p.code === current);
  if (!procedure || !readings) throw new Error(`no ${current} or no readings`);
  return funeralTold(procedure, loaded.procedures, text, await readings.ready())?.code;
}

describe("a time asked after a support is no death", () => {
  it.each([
    ["2.000751", "nộp xong thì mất bao lâu mới nhận được tiền hỗ trợ", undefined],
    ["1.014027", "mất mấy tháng thì có tiền trợ cấp", undefined],
    ["1.001776", "làm hồ sơ rồi thì mất bao lâu có tiền hỗ trợ ạ", undefined],
    ["2.002821", "mất bao nhiêu ngày thì được nhận chế độ hỗ trợ", undefined],
    // a death told still asks the funeral support of the allowance at hand, as before
    ["1.014027", "bà tôi đang hưởng khoản này, mất rồi thì nhà có được hỗ trợ gì không", "1.014028"],
    ["2.000751", "bố tôi bị cây đổ đè chết trong bão, có được hỗ trợ gì không", "2.000744"],
  ])("after %s: «%s» → %s", async (current, text, meant) => {
    expect(await funeralAfter(current, text)).toBe(meant);
  });
});

// Batch 1 (30 conversations over the reviewer's weak classes, written from the records before reading the code's
// behaviour on them; tuned on): 21/27 at the funeral fix (its first 27), 27/30 with the purpose and English readings.
// Batch 2 (14, frozen before it was first played, md5 8c259c2c, never tuned on): 10/14 on the session's start code,
// 13/14 with this session's readings.
describeProbeBatches(catalogue, [
  ["test/core/s22-follow-probe1.jsonl", 0.85, 0],
  ["test/core/s22-follow-probe2.jsonl", 0.85, 0],
]);
