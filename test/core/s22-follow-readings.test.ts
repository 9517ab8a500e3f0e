/**
 * Learning the câu mẫu readings fails soft (catalogue/readings.ts ReadingsOnce): a catalogue version whose readings cannot
 * be learned is answered without them (the records' fields only), turn after turn, the failure reported once by its
 * error's class and never with a câu mẫu's words; the next catalogue version learns them afresh.
 */
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { ReadingsOnce } from "../../src/catalogue/readings.js";
import { copyOfBundledData, editJson } from "../harness/common.js";
import { chatWith, codeOf } from "../harness/converse.js";

/** A câu mẫu whose text is no text: learning it throws (a TypeError), as a broken câu mẫu would. */
const BROKEN = { text: undefined as unknown as string, code: "1.000894", secret: "Nguyễn Văn A 0912345678" };

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

async function privateCatalogue(): Promise<LiveCatalogue> {
  const copy = await copyOfBundledData();
  cleanups.push(copy.cleanup);
  return LiveCatalogue.open(copy.dir);
}

describe("learning the readings fails soft", () => {
  it("settles without them, reports the failure once by its class only, and rejects only ready()", async () => {
    const catalogue = await privateCatalogue();
    const { synonyms, examples } = catalogue.current().catalogue;
    const reports: unknown[] = [];
    const once = new ReadingsOnce(synonyms, [...examples.slice(0, 50), BROKEN], (failure) => reports.push(failure));
    await once.settle();
    await once.settle();
    expect(once.settled).toBe(true);
    expect(once.value).toBeUndefined();
    await expect(once.ready()).rejects.toThrow();
    expect(reports).toEqual([{ type: "TypeError", examples: 51 }]);
  }, 120_000);

  it("answers every turn of a version whose learning failed, logs once, and learns at the next version", async () => {
    const catalogue = await privateCatalogue();
    // the serving version's readings learned from broken câu mẫu (the files are fine: the next version reads them anew)
    const snapshot = catalogue.current();
    const { synonyms, examples } = snapshot.catalogue;
    (snapshot as { readings?: ReadingsOnce }).readings = new ReadingsOnce(synonyms, [...examples, BROKEN]);
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { say } = chatWith(catalogue);
    expect(codeOf(await say("đăng ký kết hôn"))).toBe("1.000894");
    expect((await say("lệ phí bao nhiêu"))[0]?.text).toMatch(/\n(Lệ phí|Fees):\n/);
    expect(codeOf(await say("còn đăng ký khai sinh cho con thì sao"))).toBe("1.001193");
    expect(catalogue.current().readings?.settled).toBe(true);
    expect(catalogue.current().readings?.value).toBeUndefined();
    const logged = lines.filter((l) => l.includes("câu mẫu readings"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("TypeError");
    expect(logged[0]).not.toContain("Nguyễn");
    expect(logged[0]).not.toContain("0912345678");
    // a new catalogue version (a câu mẫu added by staff) learns its readings afresh
    await editJson(path.join(catalogue.dataDir, "examples.json"), (value) => {
      value.examples.push({ ...value.examples[0], text: "vợ tôi mới sinh bé, làm giấy khai sinh ở đâu" });
    });
    expect(await catalogue.reload()).toBe(true);
    const { say: sayAgain } = chatWith(catalogue);
    expect(codeOf(await sayAgain("đăng ký kết hôn"))).toBe("1.000894");
    expect(catalogue.current().readings?.value?.byCode.size).toBeGreaterThan(100);
    expect(lines.filter((l) => l.includes("câu mẫu readings"))).toHaveLength(1);
  }, 300_000);
});
