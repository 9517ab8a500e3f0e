import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { renderSection } from "../../src/core/format.js";
import { Translator } from "../../src/core/i18n.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { wardView } from "../../src/wards/view.js";
import { demoProvinceData, withWardOwnProcedure } from "./province.js";

const t = new Translator().translate("vi");
let live: LiveCatalogue;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ dir, cleanup } = await demoProvinceData());
  await withWardOwnProcedure(dir);
  live = await LiveCatalogue.open(dir);
});
afterAll(async () => {
  await live.close();
  await cleanup();
});

const procedure = (wardId: string | undefined, code: string) =>
  wardView(live.current(), wardId).catalogue.procedures.find((p) => p.code === code);

describe("a ward's view: catalogue + province overlay + ward overlay", () => {
  it("takes the province's fee for the channel it names and leaves the others as the catalogue has them", () => {
    const shared = live.current().catalogue.procedures.find((p) => p.code === "1.001612");
    const province = procedure(undefined, "1.001612");
    const inPerson = province?.channels.find((c) => c.kind === "in_person");
    expect(inPerson?.fee.text).toMatch(/^Mức lệ phí theo nghị quyết của HĐND Tỉnh Mẫu/);
    expect(inPerson?.fee.amountVnd).toBeNull();
    expect(province?.channels.find((c) => c.kind === "online")).toEqual(
      shared?.channels.find((c) => c.kind === "online"),
    );
    // Every fact keeps its source, and what is unconfirmed says so.
    expect(province?.sources.at(-1)?.issuer).toBe("HĐND Tỉnh Mẫu");
    expect(province?.sources.length).toBe((shared?.sources.length ?? 0) + 1);
    expect(province?.unconfirmed).toContain("Mức lệ phí đăng ký hộ kinh doanh của tỉnh (dữ liệu mẫu)");
    // The shared catalogue itself is not changed.
    expect(shared?.channels.find((c) => c.kind === "in_person")?.fee.text).not.toMatch(/Tỉnh Mẫu/);
  });

  it("gives every ward the province's changes, and only Phường 5 its own note and procedure", () => {
    for (const ward of ["tan-phu", "xa-tan-phu", "phuong-5"]) {
      expect(procedure(ward, "1.001612")?.channels[0]?.fee.text).toMatch(/HĐND Tỉnh Mẫu/);
    }
    expect(procedure("phuong-5", "1.001193")?.localNotes).toEqual([
      "Phường 5 nhận hồ sơ khai sinh cả sáng Thứ Bảy (dữ liệu mẫu)",
    ]);
    expect(procedure("tan-phu", "1.001193")?.localNotes).toBeUndefined();
    expect(procedure("phuong-5", "1.001193.P5")?.name).toBe("Cấp thẻ gửi xe chợ Mẫu");
    expect(procedure("tan-phu", "1.001193.P5")).toBeUndefined();
    expect(procedure(undefined, "1.001193.P5")).toBeUndefined();
  });

  it("searches a ward's own procedures in its view only; wards without an overlay share the province's index", () => {
    const hit = (ward?: string) =>
      wardView(live.current(), ward).search.search("thẻ gửi xe chợ").hits[0]?.procedure.code;
    expect(hit("phuong-5")).toBe("1.001193.P5");
    expect(hit("tan-phu")).not.toBe("1.001193.P5");
    const province = wardView(live.current());
    expect(wardView(live.current(), "tan-phu").search).toBe(province.search);
    expect(wardView(live.current(), "xa-tan-phu").search).toBe(province.search);
    // Phường 5 adds a procedure: its own index. The province's fee change alone needs none.
    expect(wardView(live.current(), "phuong-5").search).not.toBe(province.search);
    expect(Object.getPrototypeOf(province.search)).toBe(live.current().search);
    // Built once per loaded catalogue.
    expect(wardView(live.current(), "phuong-5")).toBe(wardView(live.current(), "phuong-5"));
    // The search's hits are the view's own records, with the overlayed fee.
    const fee = wardView(live.current(), "tan-phu").search.search("đăng ký thành lập hộ kinh doanh").hits[0];
    expect(fee?.procedure.channels[0]?.fee.text).toMatch(/HĐND Tỉnh Mẫu/);
  });

  it("builds a ward's own index as the live catalogue's is: other agencies' requests are held back alike", () => {
    const own = wardView(live.current(), "phuong-5").search;
    expect(own).not.toBe(wardView(live.current()).search);
    // "làm căn cước" is the police's (redirects.json): no procedure is offered, in the ward's index as in the shared one.
    for (const message of ["làm căn cước ở đâu", "xác nhận thẻ căn cước"]) {
      expect(live.current().search.search(message).decision).toBe("none");
      expect(own.search(message).decision).toBe("none");
    }
    expect(own.search("đăng ký khai sinh").hits[0]?.procedure.code).toBe("1.001193");
  });

  it("answers with the ward's office, map link and local note", () => {
    const view = wardView(live.current(), "tan-phu").catalogue;
    const residence = view.procedures.find((p) => p.office === "cong-an");
    if (!residence) throw new Error("no residence procedure in the bundled data");
    const place = renderSection(t, view, residence, "place");
    expect(place).toContain("Công an Phường Tân Phú (dữ liệu mẫu)");
    const birth = view.procedures.find((p) => p.code === "1.001193");
    if (!birth) throw new Error("no birth registration");
    expect(renderSection(t, view, birth, "place")).toContain("Bản đồ: https://www.openstreetmap.org/");
    const p5 = wardView(live.current(), "phuong-5").catalogue;
    const p5birth = p5.procedures.find((p) => p.code === "1.001193");
    if (!p5birth) throw new Error("no birth registration");
    for (const section of ["general", "fee", "documents"] as const) {
      expect(renderSection(t, p5, p5birth, section)).toContain(
        "📌 Lưu ý tại địa phương: Phường 5 nhận hồ sơ khai sinh cả sáng Thứ Bảy (dữ liệu mẫu)",
      );
    }
    expect(renderSection(t, p5, p5birth, "place")).toContain("Bộ phận một cửa UBND Phường 5 (dữ liệu mẫu)");
  });

  it("answers and lists a ward's own procedure for that ward's citizens only", async () => {
    const bot = createAssistant({ catalogue: live, conversations: new MemoryConversationStore() });
    const say = async (chat: string, message: string) =>
      (await bot.handle(chat, { kind: "text", text: message })).map((r) => r.text).join("\n");
    await say("zalo:p5", "/start phuong-5");
    expect(await say("zalo:p5", "cấp thẻ gửi xe chợ")).toContain("Cấp thẻ gửi xe chợ Mẫu (mã 1.001193.P5)");
    await say("zalo:tp", "/start tan-phu");
    expect(await say("zalo:tp", "cấp thẻ gửi xe chợ")).not.toContain("1.001193.P5");
    // Browsing by field lists it in Phường 5 only.
    const field = async (chat: string) => {
      const [fields] = await bot.handle(chat, { kind: "text", text: "/linhvuc" });
      const civil = fields?.choices?.find((c) => c.label === "Hộ tịch");
      if (!civil) throw new Error("no Hộ tịch field");
      const pages: string[] = [];
      let id: string | undefined = civil.id;
      while (id) {
        const [page] = await bot.handle(chat, { kind: "choice", id });
        pages.push(...(page?.choices ?? []).map((c) => c.label));
        id = page?.choices?.find((c) => c.label === "Xem thêm")?.id;
      }
      return pages;
    };
    expect((await field("zalo:p5")).some((l) => l.startsWith("Cấp thẻ gửi xe chợ"))).toBe(true);
    expect((await field("zalo:tp")).some((l) => l.startsWith("Cấp thẻ gửi xe chợ"))).toBe(false);
  });
});
