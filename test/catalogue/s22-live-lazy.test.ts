/**
 * The live catalogue's index built when first used (tools that read the records only: the dossier import), and the
 * label keys it keeps: only câu mẫu texts, never a citizen's message.
 */
import { describe, expect, it } from "vitest";
import { LiveCatalogue, labelKey, labelKeyKept } from "../../src/catalogue/live.js";
import { BUNDLED_DATA } from "../harness/common.js";

const BIRTH = "1.001193";

describe("LiveCatalogue.open with search when first used", () => {
  it("serves the same records and, once asked, the same answers as the catalogue indexed at once", async () => {
    const [now, later] = await Promise.all([
      LiveCatalogue.open(BUNDLED_DATA),
      LiveCatalogue.open(BUNDLED_DATA, {}, { search: "when first used" }),
    ]);
    expect(later.current().catalogue.version).toBe(now.current().catalogue.version);
    expect(later.current().catalogue.procedures.length).toBe(now.current().catalogue.procedures.length);
    for (const message of ["làm giấy khai sinh cho con cần gì", "xin giay xac nhan doc than", "cấp hộ chiếu ở đâu"]) {
      const [a, b] = [now.current().search.search(message), later.current().search.search(message)];
      expect(b.decision).toBe(a.decision);
      expect(b.hits.map((h) => h.procedure.code)).toEqual(a.hits.map((h) => h.procedure.code));
    }
    expect(later.current().search.search("làm giấy khai sinh cho con cần gì").hits[0]?.procedure.code).toBe(BIRTH);
    // Built once: the same index on every use.
    expect(later.current().search).toBe(later.current().search);
  }, 120_000);
});

describe("label keys held in memory", () => {
  it("keeps a câu mẫu's key but not a citizen's message's, which is keyed afresh alike each time", async () => {
    const live = await LiveCatalogue.open(BUNDLED_DATA);
    const example = live.current().catalogue.examples[0]?.text ?? "";
    expect(example).not.toBe("");
    live.current().search.search(example);
    expect(labelKeyKept(example)).toBe(true);
    const message = "Tôi là Nguyễn Văn An, sđt 0912345678, cho hỏi làm giấy khai sinh cho con ở đâu";
    live.current().search.search(message);
    const key = labelKey(message);
    expect(labelKeyKept(message)).toBe(false);
    expect(labelKey(message)).toBe(key);
    // The key scrubs the phone number, as staff see the question.
    expect(key).not.toContain("0912345678");
  }, 120_000);
});
