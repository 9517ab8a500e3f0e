import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { CONTEXT_TTL_MS } from "../../src/features/answer-context.js";
import { createAssistant } from "../../src/features/index.js";
import { scrubQuestion } from "../../src/questions/scrub.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { bundledCatalogue } from "../harness/common.js";

let catalogue: LiveCatalogue;
let dir: string;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  dir = await mkdtemp(path.join(tmpdir(), "motcua-conversation-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An assistant on the bundled catalogue with a clock the test moves. */
function chat(extra: Partial<Parameters<typeof createAssistant>[0]> = {}) {
  const clock = { now: Date.UTC(2026, 11, 1, 3) };
  const assistant = createAssistant({
    catalogue,
    conversations: new MemoryConversationStore(),
    ...extra,
    now: () => clock.now,
  });
  const say = async (text: string) => assistant.handle("zalo:1", { kind: "text", text });
  return { assistant, clock, say };
}
const MARRIAGE = "(mã 1.000894)";
const first = (replies: Reply[]) => replies[0]?.text ?? "";

describe("conversation context", () => {
  it("answers a section-only follow-up for the procedure just answered, with or without accents, in English too", async () => {
    const { say } = chat();
    expect(first(await say("đăng ký kết hôn"))).toContain(MARRIAGE);
    const fee = first(await say("còn lệ phí thì sao?"));
    expect(fee).toContain(MARRIAGE);
    expect(fee).toMatch(/\nLệ phí:/);
    expect(first(await say("mat bao lau"))).toMatch(/mã 1\.000894\)\nThời gian giải quyết:/);
    expect(first(await say("nộp online được không"))).toMatch(
      /mã 1\.000894\)\n(Có thể nộp trực tuyến|Thủ tục này chưa)/,
    );
    expect(first(await say("ở đâu vậy"))).toMatch(/mã 1\.000894\)\nNơi nộp hồ sơ:/);
    expect(first(await say("cần giấy tờ gì"))).toMatch(/mã 1\.000894\)[^\n]*\nGiấy tờ cần chuẩn bị:/);
    expect(first(await say("how much"))).toMatch(/mã 1\.000894\)\nLệ phí:/);
  });

  it("switches when another procedure is named, and follow-ups then refer to it", async () => {
    const { say } = chat();
    await say("đăng ký kết hôn");
    expect(first(await say("lệ phí đăng ký khai tử"))).toContain("(mã 1.000656)");
    expect(first(await say("mất bao lâu"))).toContain("(mã 1.000656)");
  });

  it("ends after a quiet period and after /start", async () => {
    const { say, clock } = chat();
    await say("đăng ký kết hôn");
    clock.now += CONTEXT_TTL_MS - 1;
    expect(first(await say("còn lệ phí thì sao?"))).toContain(MARRIAGE);
    clock.now += CONTEXT_TTL_MS;
    expect(first(await say("còn lệ phí thì sao?"))).not.toContain(MARRIAGE);
    await say("đăng ký kết hôn");
    await say("/start");
    expect(first(await say("mất bao lâu"))).not.toContain(MARRIAGE);
  });

  it("keeps the procedure and its choices through a not-found reply, so a following number still picks", async () => {
    const { say } = chat();
    const [answer] = await say("đăng ký kết hôn");
    const second = answer?.choices?.[1];
    // A procedure the catalogue lacks: everyday chat ("giá vàng hôm nay") gets the off-topic reply since 4ca80f6.
    const [notFound] = await say("thủ tục cấp phép nuôi chim yến lấy tổ");
    expect(notFound?.text).toMatch(/chưa tìm thấy/);
    expect(notFound?.choices?.slice(0, answer?.choices?.length)).toEqual(answer?.choices);
    expect(notFound?.choices?.at(-1)?.id).toBe("m:browse");
    const [picked] = await say("2");
    expect(picked?.text).toContain(MARRIAGE);
    expect(picked?.text).toContain(second?.label === "Thời gian" ? "Thời gian giải quyết:" : "");
    expect(first(await say("lệ phí"))).toContain(MARRIAGE);
  });
});

describe("small talk and redirects", () => {
  it.each(["cảm ơn", "cam on", "ok", "👍", "tạm biệt", "thanks", "dạ em cảm ơn", "ok cảm ơn"])(
    "answers %s briefly, not with the not-found block",
    async (text) => {
      const { say } = chat();
      const [answer] = await say("đăng ký kết hôn");
      const replies = await say(text);
      expect(replies).toHaveLength(1);
      expect(first(replies)).not.toMatch(/chưa tìm thấy/);
      expect(first(replies).length).toBeLessThan(120);
      // The answer's choices stay for a number typed next.
      expect(first(await say("1"))).toContain(MARRIAGE);
      expect(answer?.choices?.[0]).toBeDefined();
    },
  );

  it("points requests another agency handles to it, and never offers a procedure for them", async () => {
    const { redirects } = catalogue.current().catalogue;
    expect(redirects.length).toBeGreaterThan(0);
    const { say } = chat();
    for (const text of [
      "làm hộ chiếu",
      "lam ho chieu o dau",
      "đổi bằng lái xe",
      "rút bảo hiểm xã hội một lần",
      "thủ tục ly hôn ở đâu",
      "công chứng hợp đồng mua bán nhà",
    ]) {
      const replies = await say(text);
      expect(first(replies), text).toMatch(/^ℹ️ /);
      expect(first(replies), text).not.toMatch(/\(mã \d/);
      expect(
        replies.flatMap((r) => r.choices ?? []).some((c) => c.id.startsWith("p:")),
        text,
      ).toBe(false);
    }
  });
  it("prefers the ward's procedure when the message names it, not just the redirect's topic", async () => {
    const { say } = chat();
    expect(first(await say("ghi chú ly hôn ở nước ngoài"))).toMatch(/^📄 .*ly hôn/);
    expect(first(await say("chứng thực hợp đồng mua bán nhà"))).toMatch(/^📄 Chứng thực/);
  });

  it("reads another agency's paper named as something to bring as a documents question about the current procedure", async () => {
    const { say } = chat();
    await say("đăng ký kết hôn");
    expect(first(await say("có phải mang bản gốc hộ chiếu không"))).toMatch(
      /mã 1\.000894\)[^\n]*\nGiấy tờ cần chuẩn bị:/,
    );
    expect(first(await say("làm hộ chiếu ở đâu"))).toMatch(/^ℹ️ /);
  });

  it("keeps the current procedure through a redirect", async () => {
    const { say } = chat();
    await say("đăng ký kết hôn");
    expect(first(await say("làm hộ chiếu"))).toMatch(/^ℹ️ /);
    expect(first(await say("lệ phí bao nhiêu"))).toContain(MARRIAGE);
  });
});

describe("answers that fit a phone", () => {
  it("sends a long section in parts, each with 'xem tiếp' until the last", async () => {
    const { assistant } = chat();
    const code = catalogue
      .current()
      .catalogue.procedures.find((p) => p.documents.map((d) => d.name).join("\n").length > 1500)?.code;
    expect(code).toBeDefined();
    let replies = await assistant.handle("t:1", { kind: "choice", id: `p:${code}:d` });
    const texts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const text = first(replies);
      texts.push(text);
      expect(text.length).toBeLessThanOrEqual(1000);
      const more = replies[0]?.choices?.find((c) => c.label === "Xem tiếp");
      if (!more) break;
      replies = await assistant.handle("t:1", { kind: "choice", id: more.id });
    }
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[0]).toMatch(new RegExp(`\\(1/${texts.length}\\)`));
    const procedure = catalogue.current().catalogue.procedures.find((p) => p.code === code);
    for (const d of procedure?.documents ?? []) expect(texts.join("\n")).toContain(d.name);
  });

  it("writes English counts without '(s)' or '1 original' slips", async () => {
    const { assistant } = chat();
    await assistant.handle("t:2", { kind: "text", text: "english" });
    const summary = first(await assistant.handle("t:2", { kind: "text", text: "marriage registration" }));
    expect(summary).not.toMatch(/\(s\)/);
    const docs = first(await assistant.handle("t:2", { kind: "choice", id: "p:1.000894:d" }));
    expect(docs).not.toMatch(/\b[2-9] original\b|\b[2-9] copy\b/);
  });
});

describe("an answer search is not sure of", () => {
  it("comes with a way out to browsing", async () => {
    // The real catalogue, with search saying it found one candidate only (what was a "which one?" list of one).
    const real = catalogue.current();
    const unsure = Object.create(catalogue) as LiveCatalogue;
    unsure.current = () => ({
      ...real,
      search: Object.assign(Object.create(real.search), {
        search: (text: string) => ({ ...real.search.search(text), sure: false }),
      }),
    });
    const assistant = createAssistant({ catalogue: unsure, conversations: new MemoryConversationStore() });
    const [reply] = await assistant.handle("t:4", { kind: "text", text: "đăng ký kết hôn" });
    expect(reply?.text).toContain(MARRIAGE);
    expect(reply?.choices?.at(-1)).toEqual({ id: "n:x:1.000894", label: "Không phải thủ tục này" });
    // Pressed, it is a bare "không phải": the other candidates, never the same answer, "none of these" last.
    const [other] = await assistant.handle("t:4", { kind: "choice", id: "n:x:1.000894" });
    expect(other?.text).not.toContain(MARRIAGE);
    expect(other?.choices?.length).toBeGreaterThan(1);
    expect(other?.choices?.map((c) => c.id)).not.toContain("p:1.000894:g");
    expect(other?.choices?.at(-1)?.id).toBe("n");
    // An old message's button, the chat on another procedure since: nothing to correct.
    await assistant.handle("t:4", { kind: "text", text: "khai tử" });
    const [old] = await assistant.handle("t:4", { kind: "choice", id: "n:x:1.000894" });
    expect(old?.text).toBe("Lựa chọn này đã cũ. Bạn hãy gõ lại câu hỏi nhé.");
    const [sure] = await chat().say("đăng ký kết hôn");
    expect(sure?.choices?.map((c) => c.label)).not.toContain("Không phải thủ tục này");
  });
});

describe("check first", () => {
  it("shows a record's check-first note with every section of its answer", async () => {
    const { assistant } = chat();
    const procedure = catalogue.current().catalogue.procedures.find((p) => p.checkFirst);
    expect(procedure).toBeDefined();
    for (const key of ["g", "f", "t", "d"]) {
      const [reply] = await assistant.handle("t:3", { kind: "choice", id: `p:${procedure?.code}:${key}` });
      expect(reply?.text.split("\n")[1]).toBe(`⚠️ Lưu ý trước: ${procedure?.checkFirst}`);
    }
  });
});

describe("questions we could not answer", () => {
  it("keeps not-found questions scrubbed and counted by normalised text, without chat ids", async () => {
    const questions = await UnansweredQuestionStore.open(dir, { fsync: false, now: () => Date.UTC(2026, 11, 1) });
    const { assistant } = chat({ unanswered: questions });
    await assistant.handle("zalo:777", { kind: "text", text: "Công thức làm bánh mì, gọi tôi 0912 345 678" });
    await assistant.handle("telegram:888", { kind: "text", text: "cong thuc lam banh mi goi toi 0987654321" });
    await assistant.handle("zalo:777", { kind: "text", text: "giá vé máy bay cho 2 người, nhà số 12, email a.b@c.vn" });
    await assistant.handle("zalo:777", { kind: "text", text: "đăng ký kết hôn" }); // answered: not kept
    const listed = await questions.list();
    expect(listed.map((q) => q.count)).toEqual([2, 1]);
    expect(listed[0]?.text).toBe("cong thuc lam banh mi goi toi [số điện thoại]");
    expect(listed[1]?.text).toBe("giá vé máy bay cho [số] người, nhà số [số], email [email]");
    await questions.flushed();
    const file = await readFile(path.join(dir, "unanswered-questions.json"), "utf8");
    for (const secret of ["777", "888", "0912", "345 678", "a.b@c.vn"]) expect(file).not.toContain(secret);
  });

  it("scrubs dossier codes, phone numbers and every other number", () => {
    expect(scrubQuestion("hồ sơ 000.31.20.H49-251103-0012 sao chưa xong")).toBe("hồ sơ [mã hồ sơ] sao chưa xong");
    expect(scrubQuestion("gọi +84 912.345.678 hoặc 0987654321")).toBe("gọi [số điện thoại] hoặc [số điện thoại]");
    expect(scrubQuestion("CCCD 001203004567 cấp năm 2021")).toBe("CCCD [số] cấp năm [số]");
    // Long hostile runs are cut before any pattern runs over them (they once backtracked for seconds).
    for (const flood of ["1.".repeat(5000), "1-".repeat(5000), "a".repeat(10_000), `${"1 ".repeat(3000)}-123456-1`]) {
      expect(scrubQuestion(flood).length).toBeLessThanOrEqual(300);
    }
  });

  it("forgets questions after 90 days", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const sub = await mkdtemp(path.join(dir, "ttl-"));
    const questions = await UnansweredQuestionStore.open(sub, { fsync: false, now: () => clock.now });
    await questions.record("làm sổ đỏ");
    clock.now += 89 * 86_400_000;
    expect((await questions.list()).map((q) => q.count)).toEqual([1]);
    clock.now += 86_400_000;
    await questions.record("nuôi chó");
    expect((await questions.list()).map((q) => q.text)).toEqual(["nuôi chó"]);
  });
});

describe("the foreign-element twin of the procedure at hand", () => {
  it("shows the section where the twin's record speaks of the thing asked, search sure", async () => {
    // Search sure of the marriage at hand with its foreign-element twin among the hits, the thing asked as papers:
    // the twin's record speaks of consular legalisation in its conditions.
    const real = catalogue.current();
    const asked = "giấy tờ nước ngoài cấp có phải hợp pháp hóa lãnh sự không";
    const [marriage] = real.search.search("đăng ký kết hôn").hits;
    const [foreign] = real.search.search("đăng ký kết hôn có yếu tố nước ngoài").hits;
    expect(marriage?.procedure.code).toBe("1.000894");
    expect(foreign?.procedure.code).toBe("2.000806");
    const stubbed = Object.create(catalogue) as LiveCatalogue;
    stubbed.current = () => ({
      ...real,
      search: Object.assign(Object.create(real.search), {
        search: (text: string, limit?: number) =>
          text === asked
            ? {
                ...real.search.search(text, limit),
                decision: "answer",
                sure: true,
                sectionOnly: false,
                intent: "documents",
                hits: [marriage, foreign],
              }
            : real.search.search(text, limit),
      }),
    });
    const assistant = createAssistant({ catalogue: stubbed, conversations: new MemoryConversationStore() });
    await assistant.handle("t:5", { kind: "text", text: "đăng ký kết hôn" });
    const [reply] = await assistant.handle("t:5", { kind: "text", text: asked });
    expect(reply?.text).toContain("(mã 2.000806)");
    expect(reply?.text).toContain("Điều kiện:");
  });
});
