import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";
import { demoProvinceData } from "./province.js";

const text = (t: string) => ({ kind: "text" as const, text: t });
const choice = (id: string) => ({ kind: "choice" as const, id });
const ids = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
const all = (replies: Reply[]) => replies.map((r) => r.text).join("\n");

let province: LiveCatalogue;
let single: LiveCatalogue;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const data = await demoProvinceData();
  cleanup = data.cleanup;
  province = await LiveCatalogue.open(data.dir);
  // the worker's bundled catalogue, shared with other files: opened once, never closed here
  single = await bundledCatalogue();
});
afterAll(async () => {
  await province.close();
  await cleanup();
});

const assistant = (catalogue = province) =>
  createAssistant({ catalogue, conversations: new MemoryConversationStore() });

describe("a single-ward install (no wards data) is unchanged", () => {
  it("greets with the same menu and answers at once, never asking for a ward", async () => {
    const bot = assistant(single);
    const [greeting] = await bot.handle("telegram:1", text("/start"));
    expect(greeting?.choices?.map((c) => c.id)).toEqual(["m:browse", "m:help", "lang:en"]);
    expect(greeting?.text).toContain(single.current().catalogue.defaultOffice.name);
    const answer = await bot.handle("zalo:1", text("đăng ký khai sinh cần giấy tờ gì"));
    expect(all(answer)).toMatch(/Giấy tờ cần chuẩn bị/);
    expect(ids(answer).some((id) => id.startsWith("w:"))).toBe(false);
    // "/start <anything>" is just /start; /phuong says which office the bot serves.
    expect(ids(await bot.handle("telegram:2", text("/start tan-phu")))).toEqual(["m:browse", "m:help", "lang:en"]);
    expect((await bot.handle("telegram:2", text("/help")))[0]?.text).not.toContain("/phuong");
    const [only] = await bot.handle("telegram:2", text("/phuong"));
    expect(only?.text).toMatch(/^Trợ lý này phục vụ một nơi:/);
    expect(only?.choices).toBeUndefined();
  });
});

describe("picking a ward in a province of several", () => {
  it("takes the ward from a Telegram deep link (/start <ward>) and greets for its office", async () => {
    const bot = assistant();
    const [greeting] = await bot.handle("telegram:10", text("/start tan-phu"));
    expect(greeting?.text).toContain("Bộ phận một cửa UBND Phường Tân Phú (dữ liệu mẫu)");
    expect(greeting?.choices?.[0]).toEqual({ id: "w:p:0", label: "Đổi phường/xã" });
    // Already picked: a question is answered straight away.
    const answer = await bot.handle("telegram:10", text("đăng ký khai sinh cần giấy tờ gì"));
    expect(all(answer)).toMatch(/Giấy tờ cần chuẩn bị/);
    expect(all(answer)).not.toMatch(/phường\/xã nào/);
  });

  it("tells how to pick a ward in /help", async () => {
    const [help] = await assistant().handle("telegram:19", text("/help"));
    expect(help?.text).toContain("• /phuong: chọn hoặc đổi phường/xã của bạn");
  });

  it("greets for the province's wards when the link names no ward it knows", async () => {
    const bot = assistant();
    const [greeting] = await bot.handle("telegram:11", text("/start phuong-khong-co"));
    expect(greeting?.text).toContain("các phường, xã thuộc Tỉnh Mẫu (dữ liệu mẫu)");
    expect(greeting?.choices?.[0]).toEqual({ id: "w:p:0", label: "Chọn phường/xã" });
  });

  it("/phuong lists the wards as choices (buttons on Telegram); a tap picks one", async () => {
    const bot = assistant();
    const list = await bot.handle("telegram:12", text("/phuong"));
    expect(list[0]?.choices).toEqual([
      { id: "w:s:phuong-5", label: "Phường 5" },
      { id: "w:s:tan-phu", label: "Phường Tân Phú" },
      { id: "w:s:xa-tan-phu", label: "Xã Tân Phú" },
    ]);
    const [set] = await bot.handle("telegram:12", choice("w:s:xa-tan-phu"));
    expect(set?.text).toMatch(/^Đã chọn Xã Tân Phú\. Đổi phường\/xã: \/phuong/);
    expect(set?.text).toContain("Thôn Mẫu, Xã Tân Phú (dữ liệu mẫu)");
    expect((await bot.handle("telegram:12", text("/start")))[0]?.text).toContain("UBND Xã Tân Phú");
  });

  it("on Zalo, a number typed after the numbered list picks that ward", async () => {
    const bot = assistant();
    await bot.handle("zalo:13", text("/phuong"));
    const [set] = await bot.handle("zalo:13", text("2"));
    expect(set?.text).toMatch(/^Đã chọn Phường Tân Phú\./);
  });

  it("understands a typed ward name with or without accents, and asks which when two share it", async () => {
    const bot = assistant();
    expect((await bot.handle("zalo:14", text("phuong 5")))[0]?.text).toMatch(/^Đã chọn Phường 5\./);
    expect((await bot.handle("zalo:14", text("xã Tân Phú")))[0]?.text).toMatch(/^Đã chọn Xã Tân Phú\./);
    const [which] = await bot.handle("zalo:14", text("tan phu"));
    expect(which?.text).toBe("Có nhiều phường/xã tên như vậy, bạn chọn giúp:");
    expect(which?.choices?.map((c) => c.label)).toEqual(["Phường Tân Phú", "Xã Tân Phú"]);
    expect((await bot.handle("zalo:14", text("1")))[0]?.text).toMatch(/^Đã chọn Phường Tân Phú\./);
    // "/phuong <tên>" picks directly too.
    expect((await bot.handle("zalo:14", text("/phuong xa tan phu")))[0]?.text).toMatch(/^Đã chọn Xã Tân Phú\./);
  });

  it("asks once for the ward before the first answer, then answers the question held", async () => {
    const bot = assistant();
    const [ask] = await bot.handle("zalo:15", text("đăng ký khai sinh cần giấy tờ gì"));
    expect(ask?.text).toMatch(/bạn ở phường\/xã nào\?/);
    expect(ask?.choices?.map((c) => c.id)).toEqual(["w:s:phuong-5", "w:s:tan-phu", "w:s:xa-tan-phu", "w:k"]);
    const replies = await bot.handle("zalo:15", text("1"));
    // Short: the answer that follows says where to go.
    expect(replies[0]?.text).toBe("Đã chọn Phường 5. Đổi phường/xã: /phuong");
    expect(all(replies.slice(1))).toMatch(/Đăng ký khai sinh \(mã 1\.001193\)/);
    expect(all(replies.slice(1))).toMatch(/Giấy tờ cần chuẩn bị/);
    // Never asked again.
    expect(all(await bot.handle("zalo:15", text("lệ phí chứng thực bản sao")))).not.toMatch(/phường\/xã nào/);
  });

  it("asks only once: a question typed instead of a ward is answered, and so is every one after", async () => {
    const bot = assistant();
    expect(all(await bot.handle("zalo:16", text("đăng ký kết hôn cần gì")))).toMatch(/phường\/xã nào/);
    const next = await bot.handle("zalo:16", text("lệ phí đăng ký kết hôn"));
    expect(all(next)).toMatch(/Đăng ký kết hôn \(mã 1\.000894\)/);
    expect(all(await bot.handle("zalo:16", text("đăng ký khai sinh")))).not.toMatch(/phường\/xã nào/);
    // "Bỏ qua" answers the held question from the province's data.
    expect(all(await bot.handle("zalo:17", text("đăng ký kết hôn cần gì")))).toMatch(/phường\/xã nào/);
    expect(all(await bot.handle("zalo:17", choice("w:k")))).toMatch(/Đăng ký kết hôn \(mã 1\.000894\)/);
  });

  it("takes a ward named inside a question and answers the question, without asking", async () => {
    const bot = assistant();
    const replies = await bot.handle("zalo:19", text("tôi ở phường Tân Phú muốn làm khai sinh"));
    expect(replies[0]?.text).toBe("Đã chọn Phường Tân Phú. Đổi phường/xã: /phuong");
    expect(all(replies)).not.toMatch(/phường\/xã nào/);
    expect(all(replies.slice(1))).toMatch(/Đăng ký khai sinh \(mã 1\.001193\)/);
    expect(all(replies.slice(1))).toContain("Bộ phận một cửa UBND Phường Tân Phú (dữ liệu mẫu)");
    // Kept: the next question is answered for Tân Phú.
    const next = all(await bot.handle("zalo:19", text("đăng ký khai sinh ở đâu")));
    expect(next).toContain("Số 1 đường Mẫu, Phường Tân Phú (dữ liệu mẫu)");
    // Once set, a ward said as where the citizen is changes it; one merely named does not.
    expect(all(await bot.handle("zalo:19", text("phường 5 làm khai sinh có nhận thứ bảy không")))).not.toMatch(
      /Đã chọn/,
    );
    const moved = await bot.handle("zalo:19", text("giờ tôi ở phường 5, đăng ký khai sinh ở đâu"));
    expect(moved[0]?.text).toBe("Đã chọn Phường 5. Đổi phường/xã: /phuong");
    expect(all(moved.slice(1))).toContain("Số 5 đường Mẫu, Phường 5 (dữ liệu mẫu)");
  });

  it("asks as before when the question names two wards, or a ward only as where from", async () => {
    const bot = assistant();
    expect(all(await bot.handle("zalo:20", text("chuyển hộ khẩu từ phường 5 cần gì")))).toMatch(/phường\/xã nào/);
    expect(all(await bot.handle("zalo:21", text("đăng ký khai sinh ở phường 5 hay phường Tân Phú")))).toMatch(
      /phường\/xã nào/,
    );
  });

  it("does not ask before a message it cannot answer anyway, or a greeting", async () => {
    const bot = assistant();
    expect(all(await bot.handle("zalo:18", text("xin chào")))).toMatch(/các phường, xã thuộc Tỉnh Mẫu/);
    expect(all(await bot.handle("zalo:18", text("qwxz plmk")))).not.toMatch(/phường\/xã nào/);
    // Another agency's business (a passport) gets its pointer at once.
    const passport = all(await bot.handle("zalo:18", text("làm hộ chiếu ở đâu")));
    expect(passport).not.toMatch(/phường\/xã nào/);
    expect(passport).toMatch(/[Hh]ộ chiếu/);
  });
});

describe("answers for the chosen ward", () => {
  it("name the ward's offices, the province's fee and the ward's note", async () => {
    const bot = assistant();
    await bot.handle("telegram:30", text("/start tan-phu"));
    expect(all(await bot.handle("telegram:30", text("đăng ký tạm trú ở đâu")))).toContain(
      "Công an Phường Tân Phú (dữ liệu mẫu)",
    );
    expect(all(await bot.handle("telegram:30", text("lệ phí đăng ký thành lập hộ kinh doanh")))).toMatch(
      /Mức lệ phí theo nghị quyết của HĐND Tỉnh Mẫu/,
    );
    expect(all(await bot.handle("telegram:30", text("đăng ký khai sinh")))).not.toMatch(/Lưu ý tại địa phương/);
    await bot.handle("telegram:31", text("/start phuong-5"));
    expect(all(await bot.handle("telegram:31", text("đăng ký khai sinh")))).toContain(
      "📌 Lưu ý tại địa phương: Phường 5 nhận hồ sơ khai sinh cả sáng Thứ Bảy (dữ liệu mẫu)",
    );
    // A section button reads the same view.
    expect(all(await bot.handle("telegram:31", choice("p:1.001193:l")))).toContain("Bộ phận một cửa UBND Phường 5");
    // Nothing found: the contact given is the ward's.
    expect(all(await bot.handle("telegram:31", text("qwxz plmk")))).toContain("Số 5 đường Mẫu, Phường 5");
  });

  it("keep each chat on its own ward when chats are handled at the same time", async () => {
    const bot = assistant();
    await bot.handle("zalo:32", text("phường tân phú"));
    await bot.handle("zalo:33", text("xã tân phú"));
    const [a, b] = await Promise.all([
      bot.handle("zalo:32", text("chứng thực bản sao nộp ở đâu")),
      bot.handle("zalo:33", text("chứng thực bản sao nộp ở đâu")),
    ]);
    expect(all(a ?? [])).toContain("UBND Phường Tân Phú");
    expect(all(b ?? [])).toContain("UBND Xã Tân Phú");
    expect(all(a ?? [])).not.toContain("Xã Tân Phú");
  });
});

describe("a province of many wards", () => {
  let many: LiveCatalogue;
  let done: () => Promise<void>;
  beforeAll(async () => {
    const data = await demoProvinceData();
    done = data.cleanup;
    const template = JSON.parse(await readFile(path.join(data.dir, "wards/phuong-5.json"), "utf8"));
    for (let n = 6; n <= 15; n++) {
      const ward = { ...template, id: `phuong-${n}`, name: `Phường ${n}`, unitCodes: [`000.${n}.20.H49`] };
      await writeFile(path.join(data.dir, `wards/phuong-${n}.json`), JSON.stringify(ward));
    }
    many = await LiveCatalogue.open(data.dir);
  });
  afterAll(async () => {
    await many.close();
    await done();
  });

  it("lists the wards a page at a time, with 'Xem thêm' to the next", async () => {
    const bot = assistant(many);
    const [first] = await bot.handle("zalo:20", text("/phuong"));
    expect(first?.choices).toHaveLength(9);
    expect(first?.choices?.at(-1)).toEqual({ id: "w:p:1", label: "Xem thêm" });
    expect(first?.choices?.slice(0, 8).map((c) => c.label)).toEqual(
      [5, 6, 7, 8, 9, 10, 11, 12].map((n) => `Phường ${n}`),
    );
    const [second] = await bot.handle("zalo:20", text("9"));
    expect(second?.choices?.map((c) => c.label)).toEqual([
      "Phường 13",
      "Phường 14",
      "Phường 15",
      "Phường Tân Phú",
      "Xã Tân Phú",
    ]);
    expect((await bot.handle("zalo:20", text("1")))[0]?.text).toMatch(/^Đã chọn Phường 13\./);
  });
});
