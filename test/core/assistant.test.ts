import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { RateLimiter } from "../../src/core/rate-limit.js";
import { type Feature, MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { type AssistantDeps, createAssistant } from "../../src/features/index.js";
import { bundledCatalogue } from "../harness/common.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

const make = (extra: Partial<AssistantDeps> = {}) =>
  createAssistant({ catalogue, conversations: new MemoryConversationStore(), ...extra });
const text = (t: string) => ({ kind: "text" as const, text: t });
const procedure = (code: string) => catalogue.current().catalogue.procedures.find((p) => p.code === code);

describe("assistant", () => {
  it("greets, says it is an automated assistant and offers the main menu", async () => {
    const [reply] = await make().handle("t:1", text("/start"));
    expect(reply?.text).toMatch(/trợ lý tự động/);
    expect(reply?.choices?.map((c) => c.id)).toEqual(["m:browse", "m:help", "lang:en"]);
  });

  it("answers the section the intent asks for, with the fee printed from the data", async () => {
    const [reply] = await make().handle("t:1", text("lệ phí đăng ký kết hôn"));
    const marriage = procedure("1.000894");
    expect(reply?.text).toContain("Đăng ký kết hôn (mã 1.000894)");
    for (const channel of marriage?.channels ?? []) expect(reply?.text).toContain(channel.fee.text);
    // The other sections are one tap away; the one shown is not offered again.
    expect(reply?.choices?.map((c) => c.id)).toContain("p:1.000894:d");
    expect(reply?.choices?.map((c) => c.id)).not.toContain("p:1.000894:f");
  });

  it("lists documents with counts, forms and cases", async () => {
    const [reply] = await make().handle("t:1", text("đăng ký khai sinh cần giấy tờ gì"));
    expect(reply?.text).toMatch(/Giấy tờ cần chuẩn bị/);
    expect(reply?.text).toMatch(/Tờ khai đăng ký khai sinh \(1 bản chính; mẫu:/);
    expect(reply?.text).toMatch(/Trường hợp trẻ sinh tại cơ sở y tế:/);
  });

  it("says where to go, with the right office for residence procedures", async () => {
    const [reply] = await make().handle("t:1", text("đăng ký tạm trú ở đâu"));
    const office = catalogue.current().catalogue.offices.get("cong-an");
    expect(reply?.text).toContain(office?.name);
    expect(reply?.text).toContain(office?.address);
  });

  it("offers choices when unsure; a typed number or label picks one", async () => {
    const assistant = make();
    const [list] = await assistant.handle("z:1", text("đăng ký lại"));
    expect(list?.choices?.length).toBeGreaterThan(1);
    const second = list?.choices?.[1];
    const [picked] = await assistant.handle("z:1", text("2"));
    expect(picked?.text).toContain(second?.label);
    const [byLabel] = await assistant.handle("z:1", text("lệ phí"));
    expect(byLabel?.text).toMatch(/^📄 .*\n(⚠️ Lưu ý trước: .*\n)?Lệ phí:/);
  });

  it("when nothing matches, says so and gives the office's contact", async () => {
    // A licence no record and no other agency's pointer covers. (A recipe, "cách nấu phở bò", gets the off-topic reply
    // since the fifteenth session: it asks nothing of any office.)
    const [reply] = await make().handle("t:1", text("thủ tục cấp phép bay flycam"));
    const office = catalogue.current().catalogue.defaultOffice;
    expect(reply?.text).toMatch(/chưa tìm thấy/);
    expect(reply?.text).toContain(office.phone);
    expect(reply?.text).toContain(office.address);
  });

  it("speaks English to English clients and switches language on request", async () => {
    const assistant = make();
    const [hello] = await assistant.handle("t:2", text("/start"), { languageCode: "en-US" });
    expect(hello?.text).toMatch(/automated assistant/);
    await assistant.handle("t:2", { kind: "choice", id: "lang:vi" }, { languageCode: "en-US" });
    const [after] = await assistant.handle("t:2", text("/help"), { languageCode: "en-US" });
    expect(after?.text).toMatch(/Cách dùng/);
  });

  it("browses procedures by field, paged", async () => {
    const assistant = make();
    const [fields] = await assistant.handle("t:3", text("/linhvuc"));
    const civil = fields?.choices?.find((c) => c.label === "Hộ tịch");
    expect(civil).toBeDefined();
    const [page] = await assistant.handle("t:3", { kind: "choice", id: civil?.id ?? "" });
    expect(page?.choices?.length).toBeLessThanOrEqual(9);
    expect(page?.choices?.at(-1)?.id).toBe(`${civil?.id}:1`);
  });

  it("treats stale or forged choices politely", async () => {
    const replies = await make().handle("t:1", { kind: "choice", id: "p:9.999999:d" });
    expect(replies[0]?.text).toMatch(/đã cũ/);
    expect((await make().handle("t:1", { kind: "choice", id: "zz" }))[0]?.text).toMatch(/đã cũ/);
  });

  it("routes commands, choices and free text to plugged-in features", async () => {
    const seen: string[] = [];
    const feature: Feature = {
      name: "echo",
      commands: { hoso: async (_ctx, arg) => [{ text: `hoso ${arg}` }] },
      choicePrefixes: ["e"],
      onChoice: async (_ctx, id) => [{ text: `choice ${id}` }],
      onText: async (_ctx, t) => {
        if (t.startsWith("HS")) return [{ text: `text ${t}` }];
        seen.push(t);
        return undefined;
      },
    };
    const assistant = make({ features: [feature] });
    expect((await assistant.handle("t:1", text("/hoso ABC")))[0]?.text).toBe("hoso ABC");
    expect((await assistant.handle("t:1", { kind: "choice", id: "e:1" }))[0]?.text).toBe("choice e:1");
    expect((await assistant.handle("t:1", text("HS-1")))[0]?.text).toBe("text HS-1");
    expect((await assistant.handle("t:1", text("đăng ký kết hôn")))[0]?.text).toMatch(/1\.000894/);
    expect(seen).toEqual(["đăng ký kết hôn"]);
  });

  it("rate-limits a chat: one polite warning, then silence", async () => {
    const assistant = make({ rateLimiter: new RateLimiter(3) });
    const out: Reply[][] = [];
    for (let i = 0; i < 6; i++) out.push(await assistant.handle("t:9", text("kết hôn")));
    expect(out.slice(0, 3).every((r) => r.length === 1)).toBe(true);
    expect(out[3]?.[0]?.text).toMatch(/nhanh quá/);
    expect(out.slice(4)).toEqual([[], []]);
    expect((await assistant.handle("t:10", text("kết hôn"))).length).toBe(1);
  });

  it("handles one chat's messages in order even when they arrive together", async () => {
    const assistant = make();
    const [a, b] = await Promise.all([assistant.handle("t:4", text("khai sinh")), assistant.handle("t:4", text("1"))]);
    expect(a[0]?.choices?.length).toBeGreaterThan(1);
    expect(b[0]?.text).toMatch(/^📄/);
  });

  it("lets a typed number pick from a list the bot sent on its own (a rating request on Zalo)", async () => {
    const picked: string[] = [];
    const feature: Feature = {
      name: "x",
      choicePrefixes: ["x"],
      onChoice: async (_ctx, id) => {
        picked.push(id);
        return [{ text: "ok" }];
      },
    };
    const assistant = make({ features: [feature] });
    await assistant.handle("z:1", text("lệ phí đăng ký kết hôn")); // an answer, with its own numbered list
    const levels = [
      { id: "x:r:0", label: "Rất hài lòng" },
      { id: "x:r:1", label: "Hài lòng" },
    ];
    await assistant.offered("z:1", [{ text: "Bạn có hài lòng?", choices: levels }]);
    await assistant.offered("z:1", [{ text: "a notice: no list, nothing changes" }]);
    expect(await assistant.handle("z:1", text("2"))).toEqual([{ text: "ok" }]);
    expect(picked).toEqual(["x:r:1"]);
  });

  it.each([
    ["empty", ""],
    ["spaces", "   \n\t "],
    ["10,000 characters", "ă".repeat(10_000)],
    ["emoji", "😀😀😀"],
    ["control characters", "\u0000\u0001\u001b[2J"],
    ["mixed scripts", "khai sinh 出生 рождение"],
    ["lone surrogate", "\uD800 kết hôn"],
  ])("answers %s input sensibly", async (_name, input) => {
    const replies = await make().handle("t:5", text(input));
    expect(replies.length).toBe(1);
    expect(replies[0]?.text.length).toBeGreaterThan(0);
    expect(replies[0]?.text.length).toBeLessThan(4000);
  });
});

describe("answer feedback", () => {
  it("offers helpful / not helpful on answers and records a tap", async () => {
    const taps: Array<[string, string, boolean]> = [];
    const assistant = make({ ratings: { answerFeedback: { record: async (k, c, h) => void taps.push([k, c, h]) } } });
    const [answer] = await assistant.handle("t:7", text("đăng ký kết hôn"));
    const ids = answer?.choices?.map((c) => c.id) ?? [];
    expect(ids).toContain("h:1.000894:1");
    expect(ids).toContain("h:1.000894:0");
    const [thanks] = await assistant.handle("t:7", { kind: "choice", id: "h:1.000894:0" });
    expect(thanks?.text).toMatch(/Cảm ơn/);
    expect(taps).toEqual([["t:7", "1.000894", false]]);
    // A forged code records nothing.
    await assistant.handle("t:7", { kind: "choice", id: "h:9.999999:1" });
    expect(taps).toHaveLength(1);
  });
});
