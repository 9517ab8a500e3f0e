import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { formatProblem } from "../../src/catalogue/problems.js";
import { wardDirectory } from "../../src/wards/directory.js";
import { wardView } from "../../src/wards/view.js";
import { BUNDLED_DATA, bundledCatalogue, editJson, refusedProblems, until } from "../harness/common.js";
import { demoProvinceData, wardFile } from "./province.js";

let dir: string;
let cleanup: () => Promise<void>;
// The directory, the wards' files and their checks bear on no câu mẫu: a thousand of them, not all 25,000, are loaded,
// validated and indexed at each of the fifteen tests' loads and reloads (seconds each on the shared machine).
beforeEach(async () => {
  ({ dir, cleanup } = await demoProvinceData({ examples: 1000 }));
});
afterEach(() => cleanup());

async function loaded() {
  const result = await loadCatalogue(dir);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result;
}

describe("the ward directory", () => {
  it("is empty on a single-ward install (the bundled data): no province, nothing to pick", async () => {
    const result = await loadCatalogue(BUNDLED_DATA);
    if (!result.ok) throw new Error("bundled data refused");
    expect(result.catalogue.province).toBeUndefined();
    const directory = wardDirectory(result.catalogue);
    expect(directory.multi).toBe(false);
    expect(directory.list()).toEqual([]);
    expect(directory.byUnitCode("000.31.20.H49")).toBeUndefined();
    expect(directory.find("phường Tân Phú")).toEqual([]);
    const live = await bundledCatalogue();
    expect(wardView(live.current(), "tan-phu")).toBe(live.current());
  });

  it("lists the sample province's wards by name, with their offices over the shared ones", async () => {
    const { catalogue, warnings } = await loaded();
    const directory = wardDirectory(catalogue);
    expect(directory.province).toEqual({ id: "tinh-mau", name: "Tỉnh Mẫu (dữ liệu mẫu)" });
    expect(directory.multi).toBe(true);
    expect(directory.list().map((w) => w.name)).toEqual(["Phường 5", "Phường Tân Phú", "Xã Tân Phú"]);
    const tanPhu = directory.byId("tan-phu");
    expect(tanPhu?.defaultOffice.name).toBe("Bộ phận một cửa UBND Phường Tân Phú (dữ liệu mẫu)");
    expect(tanPhu?.offices.get("cong-an")?.name).toBe("Công an Phường Tân Phú (dữ liệu mẫu)");
    // Not in the ward's file: the province's office, then offices.json's.
    expect(tanPhu?.offices.get("chi-nhanh-vpdkdd")?.name).toMatch(/khu vực Mẫu/);
    expect(directory.byId("xa-tan-phu")?.offices.get("cong-an")).toEqual(catalogue.offices.get("cong-an"));
    // Sample files are accepted with a warning each, so nobody goes live on them unaware.
    expect(warnings.filter((w) => w.path === "sample").map((w) => w.file)).toEqual([
      "province/province.json",
      "province/overlay.json",
      "wards/phuong-5.json",
      "wards/phuong-5.overlay.json",
      "wards/tan-phu.json",
      "wards/xa-tan-phu.json",
    ]);
  });

  it("finds a ward by the unit part of a dossier code, however it is typed", async () => {
    const directory = wardDirectory((await loaded()).catalogue);
    expect(directory.byUnitCode("000.31.20.H49")?.id).toBe("tan-phu");
    expect(directory.byUnitCode("0003120h49")?.id).toBe("tan-phu");
    expect(directory.byUnitCode("000.32.20.H49")?.id).toBe("xa-tan-phu");
    expect(directory.byDossierCode("000.33.20.H49-251103-0012")?.id).toBe("phuong-5");
    expect(directory.byDossierCode(" 000 33 20 h49 - 251103 - 12 ")?.id).toBe("phuong-5");
    expect(directory.byUnitCode("000.99.20.H49")).toBeUndefined();
    expect(directory.byDossierCode("000.31.20.H49")).toBeUndefined();
  });

  it("understands typed names, with or without accents and the kind word", async () => {
    const directory = wardDirectory((await loaded()).catalogue);
    const ids = (typed: string) => directory.find(typed).map((w) => w.id);
    expect(ids("phường Tân Phú")).toEqual(["tan-phu"]);
    expect(ids("phuong tan phu")).toEqual(["tan-phu"]);
    expect(ids("P. Tân Phú")).toEqual(["tan-phu"]);
    expect(ids("xã Tân Phú")).toEqual(["xa-tan-phu"]);
    expect(ids("XA TAN PHU")).toEqual(["xa-tan-phu"]);
    expect(ids("phuong 5")).toEqual(["phuong-5"]);
    expect(ids("Phường 05")).toEqual(["phuong-5"]);
    // As an answer to "which ward?".
    expect(ids("tôi ở phường Tân Phú ạ")).toEqual(["tan-phu"]);
    expect(ids("em thuộc xã tân phú nhé")).toEqual(["xa-tan-phu"]);
    expect(ids("ở phường 5")).toEqual(["phuong-5"]);
    expect(ids("P. 5")).toEqual(["phuong-5"]);
    expect(ids("p5")).toEqual(["phuong-5"]);
    expect(ids("5")).toEqual([]);
    expect(ids("tôi ở phường 5 muốn làm khai sinh")).toEqual([]);
    // Both are "Tân Phú": the citizen is asked which.
    expect(ids("tân phú").sort()).toEqual(["tan-phu", "xa-tan-phu"]);
    expect(ids("đăng ký khai sinh")).toEqual([]);
    expect(ids("")).toEqual([]);
  });

  it("finds a ward named with its kind word inside a longer message, and whether it is said as the citizen's own", async () => {
    const directory = wardDirectory((await loaded()).catalogue);
    const named = (text: string) => directory.mentioned(text).map((m) => [m.ward.id, m.said]);
    expect(named("tôi ở phường Tân Phú muốn làm khai sinh")).toEqual([["tan-phu", true]]);
    expect(named("toi o phuong tan phu muon lam khai sinh")).toEqual([["tan-phu", true]]);
    expect(named("Xã Tân Phú đăng ký tạm trú ở đâu")).toEqual([["xa-tan-phu", false]]);
    // The longest name wins: "xã Tân Phú" is not Phường Tân Phú, "phường 15" is not Phường 5.
    expect(named("làm khai sinh tại xã tân phú")).toEqual([["xa-tan-phu", true]]);
    expect(named("đăng ký kết hôn ở phường 15")).toEqual([]);
    expect(named("ở P5 làm chứng thực mất bao lâu")).toEqual([["phuong-5", true]]);
    expect(named("đăng ký tạm trú ở phường 05 cần gì")).toEqual([["phuong-5", true]]);
    // Without the kind word, or as where from / where to, no ward is meant.
    expect(named("đường Tân Phú có gần ủy ban không")).toEqual([]);
    expect(named("chuyển hộ khẩu từ phường 5 cần gì")).toEqual([]);
    expect(named("chuyển từ phường 5 sang phường Tân Phú")).toEqual([]);
    expect(named("phường 5 hay phường Tân Phú gần hơn").sort()).toEqual([
      ["phuong-5", false],
      ["tan-phu", false],
    ]);
    expect(named("đăng ký khai sinh")).toEqual([]);
  });
});

describe("ward and overlay validation (staff-worded, Vietnamese first)", () => {
  it("names the file, the ward and the field for a bad id, a misnamed file and an unknown office", async () => {
    await editJson(wardFile(dir, "tan-phu"), (w) => {
      w.id = "Tân Phú";
    });
    await editJson(wardFile(dir, "phuong-5"), (w) => {
      w.id = "phuong-nam";
      w.defaultOffice = "ubnd-cu";
    });
    const problems = await refusedProblems(dir);
    expect(problems).toContainEqual({
      file: "wards/tan-phu.json",
      record: "Tân Phú",
      path: "id",
      label: "mã (id)",
      message: "mã phường chỉ gồm a-z, 0-9, dấu - và dài tối đa 60 ký tự | ward id: a-z, 0-9, -, at most 60 characters",
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "wards/phuong-5.json",
        path: "id",
        message: expect.stringMatching(/^tên tệp phải là phuong-nam\.json/),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "wards/phuong-5.json",
        path: "defaultOffice",
        label: "cơ quan mặc định (defaultOffice)",
        message: 'không có cơ quan "ubnd-cu" | unknown office',
      }),
    );
  });

  it("warns about offices.json's sample wording only for the shared offices some ward is still served", async () => {
    const sampleOffices = async (catalogueDir: string) => {
      const result = await loadCatalogue(catalogueDir);
      if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
      return [...new Set(result.warnings.filter((w) => w.file === "offices.json").map((w) => w.record))].sort();
    };
    // One ward (the bundled data): every office is served as offices.json has it.
    expect(await sampleOffices(BUNDLED_DATA)).toEqual(["chi-nhanh-vpdkdd", "cong-an", "ubnd"]);
    // The province: every ward has its own "ubnd", the province file its "chi-nhanh-vpdkdd"; only
    // Tân Phú has its own "cong-an", so Phường 5 and Xã Tân Phú are told offices.json's.
    expect(await sampleOffices(dir)).toEqual(["cong-an"]);
    // A ward without its own "ubnd" is served offices.json's again.
    await editJson(wardFile(dir, "xa-tan-phu"), (w) => {
      w.offices = [{ ...w.offices[0], id: "ubnd-xa" }];
      w.defaultOffice = "ubnd-xa";
    });
    expect(await sampleOffices(dir)).toEqual(["cong-an", "ubnd"]);
  });

  it("warns (without refusing) about sample wording left in a ward's offices once it is no longer marked sample", async () => {
    await editJson(wardFile(dir, "tan-phu"), (w) => {
      w.sample = false;
      w.offices[0].phone = "Hãy ghi số điện thoại";
    });
    const { warnings } = await loaded();
    const tanPhu = warnings.filter((w) => w.file === "wards/tan-phu.json").map(formatProblem);
    expect(tanPhu).toContain(
      '[cảnh báo | warning] wards/tan-phu.json · tan-phu · cơ quan 1 (offices) › điện thoại (phone): còn là dữ liệu mẫu ("Hãy ghi số điện thoại"): hãy ghi thông tin thật trước khi đưa vào sử dụng | still sample data: enter the real details',
    );
    // Its other fields still say "dữ liệu mẫu": one warning each, none about the whole file.
    expect(tanPhu.some((l) => l.includes("dữ liệu mẫu (sample)"))).toBe(false);
  });

  it("refuses a unit code claimed by two wards, and a malformed one", async () => {
    await editJson(wardFile(dir, "xa-tan-phu"), (w) => {
      w.unitCodes = ["000.32.20.H49", "000.31.20.h49"];
    });
    expect((await refusedProblems(dir)).map(formatProblem)).toEqual([
      "wards/xa-tan-phu.json · xa-tan-phu · mã đơn vị tiếp nhận 2 (unitCodes): mã đơn vị 000.31.20.h49 đã thuộc phường tan-phu | unit code already belongs to tan-phu",
    ]);
    await editJson(wardFile(dir, "xa-tan-phu"), (w) => {
      w.unitCodes = ["H49-TP"];
    });
    expect((await refusedProblems(dir)).map(formatProblem)).toEqual([
      "wards/xa-tan-phu.json · xa-tan-phu · mã đơn vị tiếp nhận 1 (unitCodes): mã đơn vị tiếp nhận phải có dạng 000.31.20.H49 | unit code must look like 000.31.20.H49",
    ]);
  });

  it("checks an overlay like a record: every change needs a source, amounts are whole numbers", async () => {
    await editJson(path.join(dir, "province/overlay.json"), (o) => {
      o.changes.push({
        code: "1.001193",
        channels: [{ kind: "post", fee: { amountVnd: 20.5, text: "x" } }],
        notes: ["Ghi chú không có nguồn"],
        sources: [],
        lastChecked: "2026-12-01",
      });
    });
    const problems = await refusedProblems(dir);
    const at = (p: string) => problems.find((x) => x.path === p);
    expect(at("changes[1].sources")).toMatchObject({
      file: "province/overlay.json",
      label: "thay đổi 2 (changes) › nguồn (sources)",
      message: expect.stringMatching(/^cần ghi ít nhất một nguồn cho thay đổi này/),
    });
    expect(at("changes[1].channels[0].fee.amountVnd")?.label).toBe(
      "thay đổi 2 (changes) › cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)",
    );
  });

  it("refuses a change to a procedure that does not exist, and an office unknown there", async () => {
    await editJson(path.join(dir, "province/overlay.json"), (o) => {
      o.changes.push({ code: "1.999999", notes: ["x"], sources: o.changes[0].sources, lastChecked: "2026-12-01" });
      o.changes[0].office = "cong-an-tinh";
    });
    expect((await refusedProblems(dir)).map(formatProblem)).toEqual([
      'province/overlay.json · 1.001612 · thay đổi 1 (changes) › nơi nộp (office): không có cơ quan "cong-an-tinh" | unknown office',
      "province/overlay.json · 1.999999 · thay đổi 2 (changes) › mã thủ tục (code): không có thủ tục mã 1.999999 trong danh mục | no such procedure",
    ]);
  });

  it("refuses a change to a channel the procedure lacks and a local procedure taking a shared code", async () => {
    const birth = JSON.parse(
      await import("node:fs/promises").then((fs) =>
        fs.readFile(path.join(dir, "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json"), "utf8"),
      ),
    );
    await editJson(wardFile(dir, "phuong-5").replace(".json", ".overlay.json"), (o) => {
      o.changes[0].channels = [{ kind: "online", note: "x" }];
      o.procedures = [birth];
    });
    await editJson(path.join(dir, "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json"), (p) => {
      p.channels = p.channels.filter((c: { kind: string }) => c.kind !== "online");
    });
    const lines = (await refusedProblems(dir)).map(formatProblem);
    expect(lines).toContain(
      'wards/phuong-5.overlay.json · 1.001193 · thay đổi 1 (changes) › cách thực hiện 1 (channels) › hình thức nộp (kind): thủ tục không có hình thức nộp "online" | the procedure has no online channel',
    );
    expect(
      lines.some((l) =>
        l.includes("thủ tục riêng 1 (procedures) › mã thủ tục (code): mã thủ tục 1.001193 đã có trong danh mục"),
      ),
    ).toBe(true);
  });

  it("refuses an overlay for a ward that does not exist, and wards without the province file", async () => {
    await writeFile(path.join(dir, "wards/phuong-9.overlay.json"), '{ "changes": [] }');
    await rm(path.join(dir, "province/province.json"));
    const problems = await refusedProblems(dir);
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'wards/phuong-9.overlay.json: không có phường "phuong-9" (thiếu tệp wards/phuong-9.json) | no such ward',
        "province/province.json: thiếu tệp tỉnh (cần khi có thư mục wards) | missing: needed when data/wards has files",
      ]),
    );
  });

  it("reloads ward files with the catalogue, and keeps the last good one when an edit breaks", async () => {
    const live = await LiveCatalogue.open(dir);
    const name = () => wardDirectory(live.current().catalogue).byId("phuong-5")?.name;
    expect(name()).toBe("Phường 5");
    await editJson(wardFile(dir, "phuong-5"), (w) => {
      w.name = "Phường Năm";
    });
    expect(await live.reload()).toBe(true);
    expect(name()).toBe("Phường Năm");
    expect(
      wardDirectory(live.current().catalogue)
        .find("phuong nam")
        .map((w) => w.id),
    ).toEqual(["phuong-5"]);
    await writeFile(wardFile(dir, "phuong-5"), '{ "id": "phuong-5", "name": "Phường 5" ');
    expect(await live.reload()).toBe(false);
    expect(name()).toBe("Phường Năm");
    await live.close();
  });

  it("is watched with the catalogue: saving an overlay changes the answers' data without a restart", async () => {
    const live = await LiveCatalogue.open(dir);
    await live.watch(50);
    const note = () =>
      wardView(live.current(), "phuong-5").catalogue.procedures.find((p) => p.code === "1.001193")?.localNotes;
    expect(note()).toEqual(["Phường 5 nhận hồ sơ khai sinh cả sáng Thứ Bảy (dữ liệu mẫu)"]);
    await editJson(path.join(dir, "wards/phuong-5.overlay.json"), (o) => {
      o.changes[0].notes = ["Nhận hồ sơ đến 16:30 (dữ liệu mẫu)"];
    });
    await until(() => note()?.[0] === "Nhận hồ sơ đến 16:30 (dữ liệu mẫu)");
    await live.close();
  });
});
