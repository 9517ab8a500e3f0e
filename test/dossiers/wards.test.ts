import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitImport } from "../../src/dossiers/import/commit.js";
import { type ImportPreview, type PreviewOptions, previewImport } from "../../src/dossiers/import/preview.js";
import { limitToWard } from "../../src/dossiers/import/scope.js";
import { type DossierModule, openDossiers } from "../../src/dossiers/open.js";
import { SINGLE_WARD } from "../../src/dossiers/wards.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { withDossierWard } from "../../src/ratings/open.js";
import { ratingsOfWard } from "../../src/ratings/report.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { at, dossier, tempDir, toCsv } from "../harness/dossiers.js";
import { UNKNOWN_UNIT, WARDS } from "./wards-fixture.js";

const NOW = at("2025-11-04 09:00");
const TZ = "Asia/Ho_Chi_Minh";
const BEN_NGHE_CODE = "000.31.20.H49-251103-0012";
const TAN_DINH_CODE = "000.31.21.H49-251103-0007";
const UNKNOWN_CODE = `${UNKNOWN_UNIT}-251103-0001`;

let dir: { dir: string; cleanup: () => Promise<void> };
let module: DossierModule;
beforeEach(async () => {
  dir = await tempDir();
  module = await openDossiers({ dataDir: dir.dir, timeZone: TZ, now: () => NOW, fsync: false, wards: WARDS });
});
afterEach(() => dir.cleanup());

async function preview(rows: Record<string, string>[], options: Partial<PreviewOptions> = {}): Promise<ImportPreview> {
  const result = await previewImport(Buffer.from(toCsv(rows)), "ho-so.csv", {
    now: NOW,
    timeZone: TZ,
    wards: WARDS,
    ...options,
  });
  if (!result.ok) throw new Error(result.error);
  return result.preview;
}
const kept = (p: ImportPreview) => [...p.accepted, ...p.warned];
const store = (p: ImportPreview) =>
  commitImport(p, { dossiers: module.dossiers, hasher: module.hasher, now: () => NOW, notify: async () => 0 });

describe("a dossier's ward", () => {
  it("comes from the unit part of its code, whatever the office column says is no ward", async () => {
    const p = await preview([
      dossier({ code: BEN_NGHE_CODE, office: "" }),
      dossier({ code: "000 31 21 h49-251103-0007", office: "" }),
    ]);
    expect(kept(p).map((r) => [r.code, r.ward])).toEqual([
      [BEN_NGHE_CODE, "ben-nghe"],
      ["0003121h49-251103-0007", "tan-dinh"],
    ]);
    expect(p.warned).toEqual([]);
    await store(p);
    expect((await module.dossiers.get("0003120H49-251103-0012"))?.ward).toBe("ben-nghe");
    expect((await module.dossiers.get("0003121H49-251103-0007"))?.ward).toBe("tan-dinh");
  });

  it("comes from the office column when the code's unit is no ward's: a ward's own office, its id or its name", async () => {
    const p = await preview([
      dossier({ code: UNKNOWN_CODE, office: "mot-cua-tan-dinh" }),
      dossier({ code: "000.99.99.X00-251103-0002", office: "Phường Bến Nghé" }),
      dossier({ code: "000.99.99.X00-251103-0003", office: "tan-dinh" }),
    ]);
    expect(kept(p).map((r) => r.ward)).toEqual(["tan-dinh", "ben-nghe", "tan-dinh"]);
    expect(p.warned).toEqual([]);
  });

  it("warns, in Vietnamese with the row's line, when neither the unit nor the office names a known ward", async () => {
    // "ubnd" is in both wards: it names neither.
    const p = await preview([dossier({ code: BEN_NGHE_CODE }), dossier({ code: UNKNOWN_CODE, office: "ubnd" })]);
    expect(p.warned.map((r) => [r.at, r.code, r.ward])).toEqual([[{ line: 3 }, UNKNOWN_CODE, undefined]]);
    expect(p.warned[0]?.warnings.join("\n")).toMatch(
      /^mã đơn vị «000\.99\.99\.X00» của mã hồ sơ không thuộc phường, xã nào đã khai báo/m,
    );
    // Still imported, without a ward.
    const report = await store(p);
    expect(report.created).toBe(2);
    expect(report.warned.map((w) => w.at)).toEqual([{ line: 3 }]);
    expect((await module.dossiers.get("0009999X00-251103-0001"))?.ward).toBeUndefined();
  });

  it("follows the code when the office column names another ward, and says so", async () => {
    const p = await preview([dossier({ code: BEN_NGHE_CODE, office: "mot-cua-tan-dinh" })]);
    expect(p.warned[0]?.ward).toBe("ben-nghe");
    expect(p.warned[0]?.warnings.join("\n")).toContain("thuộc Phường Bến Nghé nhưng nơi trả kết quả");
  });

  it("is not asked for on a single-ward install: no ward, no warning, as before", async () => {
    const p = await preview([dossier({ code: UNKNOWN_CODE })], { wards: SINGLE_WARD });
    expect(p.warned).toEqual([]);
    expect(p.accepted[0]?.ward).toBeUndefined();
  });

  it("stays when a later import does not know it, and existing dossiers without one keep working", async () => {
    await store(await preview([dossier({ code: UNKNOWN_CODE, office: "tan-dinh" })]));
    const again = await store(await preview([dossier({ code: UNKNOWN_CODE, office: "", status: "9" })]));
    expect(again.updated).toBe(1);
    const stored = await module.dossiers.get("0009999X00-251103-0001");
    expect([stored?.ward, stored?.status]).toEqual(["tan-dinh", 9]);
  });
});

describe("the verified lookup", () => {
  it("finds a dossier of any ward by its code and the phone's last digits, and nothing with wrong digits", async () => {
    await store(await preview([dossier({ code: TAN_DINH_CODE }), dossier({ code: BEN_NGHE_CODE })]));
    const found = await module.lookup("telegram:1", TAN_DINH_CODE, "5678");
    expect(found.kind === "found" && [found.dossier.code, found.dossier.ward]).toEqual([TAN_DINH_CODE, "tan-dinh"]);
    expect((await module.lookup("telegram:1", BEN_NGHE_CODE, "0000")).kind).toBe("mismatch");
  });
});

describe("an import by one ward's staff", () => {
  it("refuses rows of another ward (by unit, office or the stored dossier) and gives unknown ones the staff's ward", async () => {
    // A Tân Định dossier already stored under a code whose unit no ward has.
    await store(await preview([dossier({ code: "000.99.99.X00-251103-0009", office: "tan-dinh" })]));
    const p = await limitToWard(
      await preview([
        dossier({ code: BEN_NGHE_CODE }),
        dossier({ code: TAN_DINH_CODE }),
        dossier({ code: UNKNOWN_CODE, office: "" }),
        dossier({ code: "000.99.99.X00-251103-0009", office: "" }),
      ]),
      { wards: WARDS, ward: "ben-nghe", stored: (key) => module.dossiers.get(key) },
    );
    expect(p.rejected.map((r) => [r.at, r.code])).toEqual([
      [{ line: 3 }, TAN_DINH_CODE],
      [{ line: 5 }, "000.99.99.X00-251103-0009"],
    ]);
    expect(p.rejected[0]?.reason).toMatch(
      /^ward: hồ sơ thuộc Phường Tân Định; tài khoản của bạn chỉ nhập được hồ sơ của Phường Bến Nghé/,
    );
    expect(kept(p).map((r) => [r.code, r.ward])).toEqual([
      [BEN_NGHE_CODE, "ben-nghe"],
      [UNKNOWN_CODE, "ben-nghe"],
    ]);
    expect(p.warned[0]?.warnings).toHaveLength(1);
    expect(p.warned[0]?.warnings[0]).toContain("được gắn với Phường Bến Nghé");
    const report = await store(p);
    expect([report.created, report.rejected.length]).toEqual([2, 2]);
    expect((await module.dossiers.get("0009999X00-251103-0009"))?.status).toBe(4);
    expect((await module.dossiers.get("0003121H49-251103-0007"))?.ward).toBeUndefined();
  });
});

describe("ratings and questions by ward", () => {
  it("a rating records its dossier's ward; reports keep one ward's, old ratings by their code's unit", async () => {
    await using ratingsDir = { ...(await tempDir()), [Symbol.asyncDispose]: () => ratingsDir.cleanup() };
    const repo = withDossierWard(await FileRatingRepository.open(ratingsDir.dir, false), async (key) =>
      key === "0009999X00-251103-0001" ? "tan-dinh" : undefined,
    );
    const rating = (key: string, extra: Partial<Rating> = {}): Rating => ({
      key,
      procedureCode: "1.001193",
      level: "satisfied",
      scale: 3,
      criteria: {},
      at: NOW,
      month: "2025-11",
      ...extra,
    });
    await repo.save(rating("0009999X00-251103-0001"));
    await repo.save(rating("0003120H49-251103-0012")); // no ward recorded: its unit is Bến Nghé's
    await repo.save(rating("0009999X00-251103-0005")); // no ward anywhere
    const all = await (await FileRatingRepository.open(ratingsDir.dir, false)).all();
    expect(all.find((r) => r.key === "0009999X00-251103-0001")?.ward).toBe("tan-dinh");
    expect(ratingsOfWard(all, WARDS, "tan-dinh").map((r) => r.key)).toEqual(["0009999X00-251103-0001"]);
    expect(ratingsOfWard(all, WARDS, "ben-nghe").map((r) => r.key)).toEqual(["0003120H49-251103-0012"]);
    // A single ward owns everything without a ward.
    expect(ratingsOfWard(all, SINGLE_WARD, "ben-nghe")).toHaveLength(2);
  });

  it("an unanswered question counts under the chat's ward; the lists add a question's wards up", async () => {
    const store = await UnansweredQuestionStore.open(dir.dir, { fsync: false, now: () => NOW });
    await store.record("nuôi chó có cần giấy phép không", "ben-nghe");
    await store.record("Nuôi chó có cần giấy phép không?", "tan-dinh");
    await store.record("nuôi chó có cần giấy phép không");
    await store.record("cấp phép đào đường", "tan-dinh");
    const counts = (list: { text: string; count: number }[]) => list.map((q) => [q.text, q.count]);
    expect(counts(await store.list(7))).toEqual([
      ["nuôi chó có cần giấy phép không", 3],
      ["cấp phép đào đường", 1],
    ]);
    expect(counts(await store.list(7, { ward: "tan-dinh", withoutWard: false }))).toEqual([
      ["cấp phép đào đường", 1],
      ["Nuôi chó có cần giấy phép không?", 1],
    ]);
    expect(counts(await store.list(7, { ward: "ben-nghe", withoutWard: true }))).toEqual([
      ["nuôi chó có cần giấy phép không", 2],
    ]);
    // Read back from the file: the wards were stored.
    const reopened = await UnansweredQuestionStore.open(dir.dir, { fsync: false, now: () => NOW });
    expect(counts(await reopened.list(7, { ward: "ben-nghe", withoutWard: false }))).toEqual([
      ["nuôi chó có cần giấy phép không", 1],
    ]);
  });
});
