/**
 * The production bot, in process: updates go in through bot.handleUpdate, every Bot API call
 * is recorded by an API transformer and answered locally (no network).
 */
import { describe, expect, it } from "vitest";
import type { TelegramAssistant } from "../../src/channels/telegram/bot.js";
import { COMMANDS, registerCommands } from "../../src/channels/telegram/commands.js";
import { TelegramSender } from "../../src/channels/telegram/sender.js";
import { RateLimiter } from "../../src/core/rate-limit.js";
import type { Feature, Reply } from "../../src/core/types.js";
import { FAKE_TOKEN } from "../harness/fake-telegram-api.js";
import { bundledAssistant, buttons, delay, recordingBot, textMessage } from "../harness/telegram.js";

const BIRTH = "1.001193"; // Đăng ký khai sinh

/** A core that answers with fixed replies, for what only the rendering decides. */
async function scripted(replies: Reply[]): Promise<TelegramAssistant> {
  const real = await bundledAssistant();
  return { translator: real.translator, languageOf: (k) => real.languageOf(k), handle: async () => replies };
}

describe("commands", () => {
  it("/start greets as an automated assistant with the main menu as buttons", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/start");
    const [greeting, ...rest] = t.sent(1);
    expect(rest).toHaveLength(0);
    expect(greeting?.payload.parse_mode).toBe("HTML");
    expect(greeting?.payload.text).toContain("trợ lý tự động");
    expect(
      buttons(greeting?.payload ?? {})
        .flat()
        .map((b) => b.data),
    ).toEqual(["m:browse", "m:help", "lang:en"]);
  });

  it("/start answers in English when the client is set to English", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/start", "en-GB");
    expect(t.sent(1)[0]?.payload.text).toMatch(/automated assistant/i);
  });

  it("/help explains how to use the bot", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/help");
    expect(t.sent(1)[0]?.payload.text).toContain("/linhvuc");
  });

  it("/tim <question> and a plain question get the same procedure answer, with the other sections as buttons", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/tim lệ phí đăng ký khai sinh");
    await t.text(2, "lệ phí đăng ký khai sinh");
    const [viaCommand] = t.sent(1);
    const [viaText] = t.sent(2);
    expect(viaCommand?.payload.text).toContain(`mã ${BIRTH}`);
    expect(viaCommand?.payload.text).toBe(viaText?.payload.text);
    const rows = buttons(viaCommand?.payload ?? {});
    // Six short section labels, three to a row; then the related procedures ("↪ …", issue 11), one long name per row.
    const sectionRows = rows.filter((r) => r.every((b) => b.data.startsWith(`p:${BIRTH}:`)));
    expect(sectionRows.map((r) => r.length)).toEqual([3, 3]);
    expect(sectionRows.flat().map((b) => b.data)).not.toContain(`p:${BIRTH}:f`);
    const related = rows.slice(sectionRows.length);
    expect(
      related.every((r) => r.length === 1 && r[0]?.text.startsWith("↪ ") && !r[0].data.startsWith(`p:${BIRTH}:`)),
    ).toBe(true);
  });

  it("/tim without a question asks for one", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/tim");
    expect(t.sent(1)[0]?.payload.text).toContain("Bạn hãy gõ câu hỏi");
  });

  it("/linhvuc lists the fields; a field lists its procedures, one long name per row", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/linhvuc");
    // More fields than fit on one keyboard page: Telegram shows the first page (paging tested below).
    const fields = buttons(t.sent(1)[0]?.payload ?? {})
      .flat()
      .filter((b) => b.data.startsWith("f:"));
    expect(fields.length).toBeGreaterThan(3);
    const field = fields[0] ?? expect.unreachable();
    await t.press(1, field.data);
    const list = t.sent(1)[1]?.payload ?? {};
    expect(list.text).toContain(field.text.replace(/\s*\(\d+\)$/, ""));
    const rows = buttons(list);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.length === 1)).toBe(true);
    const procedure = rows.flat().find((b) => b.data.startsWith("p:"));
    expect(procedure).toBeDefined();
  });

  it("/ngonngu offers both languages; picking English switches the chat to English", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/ngonngu");
    expect(
      buttons(t.sent(1)[0]?.payload ?? {})
        .flat()
        .map((b) => b.data),
    ).toEqual(["lang:vi", "lang:en"]);
    await t.press(1, "lang:en");
    const [, switched, greeting] = t.sent(1);
    expect(switched?.payload.text).toMatch(/English/);
    expect(greeting?.payload.text).toMatch(/automated assistant/i);
    await t.text(1, "/help");
    expect(t.sent(1)[3]?.payload.text).toMatch(/How to use/i);
  });

  it("/hoso reaches the feature that owns it, with its argument", async () => {
    const seen: string[] = [];
    const dossiers: Feature = {
      name: "dossiers",
      commands: {
        hoso: async (_ctx, arg) => {
          seen.push(arg);
          return [{ text: `Hồ sơ ${arg}: đang xử lý` }];
        },
      },
    };
    const t = recordingBot({ assistant: await bundledAssistant({ features: [dossiers] }) });
    await t.text(1, "/hoso@motcua_test_bot 000.00.12.H40-250101-0001");
    expect(seen).toEqual(["000.00.12.H40-250101-0001"]);
    expect(t.sent(1)[0]?.payload.text).toBe("Hồ sơ 000.00.12.H40-250101-0001: đang xử lý");
  });

  it("an unknown command is answered, not ignored", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.text(1, "/khongco");
    expect(t.sent(1)[0]?.payload.text).toContain("/help");
  });

  it("registers the command menu in Vietnamese (default) and English", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    const assistant = await bundledAssistant();
    await registerCommands(t.bot.api, assistant.translator);
    const [vi, en] = t.calls.filter((c) => c.method === "setMyCommands");
    expect(vi?.payload.language_code).toBeUndefined();
    expect(en?.payload.language_code).toBe("en");
    type Cmd = { command: string; description: string };
    const viCommands = vi?.payload.commands as Cmd[];
    const enCommands = en?.payload.commands as Cmd[];
    expect(viCommands.map((c) => c.command)).toEqual([...COMMANDS]);
    expect(enCommands.map((c) => c.command)).toEqual([...COMMANDS]);
    for (const [i, c] of viCommands.entries()) {
      expect(c.description).not.toMatch(/^tg-/); // a missing string would show its id
      expect(c.description).not.toBe(enCommands[i]?.description);
    }
  });
});

describe("buttons", () => {
  it("pressing a section button answers the callback first, then shows that section", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.press(1, `p:${BIRTH}:f`);
    expect(t.calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(t.calls[0]?.payload.callback_query_id).toBe(`cq-1-p:${BIRTH}:f`);
    expect(t.sent(1)[0]?.payload.text).toContain("Lệ phí");
  });

  it("the main menu's buttons work", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.press(1, "m:browse");
    await t.press(1, "m:help");
    expect(buttons(t.sent(1)[0]?.payload ?? {}).flat()[0]?.data).toMatch(/^f:/);
    expect(t.sent(1)[1]?.payload.text).toContain("/linhvuc");
  });

  it("a button the core no longer knows says so", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.press(1, "p:9.999999:d");
    expect(t.sent(1)[0]?.payload.text).toContain("đã cũ");
  });

  it("long lists are paged, and the paging buttons redraw the keyboard in place", async () => {
    const choices = Array.from({ length: 20 }, (_, i) => ({ id: `x:${i}`, label: `Mục ${i}` }));
    const t = recordingBot({ assistant: await scripted([{ text: "Chọn:", choices }]) });
    await t.text(1, "danh sách");
    const first = t.sent(1)[0]?.payload ?? {};
    const rows = buttons(first);
    const nav = rows.at(-1) ?? [];
    expect(
      rows
        .slice(0, -1)
        .flat()
        .map((b) => b.data),
    ).toEqual(choices.slice(0, 8).map((c) => c.id));
    expect(nav.map((b) => b.text)).toEqual(["Trang 1/3", "Trang sau »"]);

    const messageId = 1001; // the id the recorder gave the message
    await t.press(1, nav[1]?.data ?? "", messageId);
    const edit = t.calls.find((c) => c.method === "editMessageReplyMarkup");
    expect(edit?.payload.message_id).toBe(messageId);
    const page2 = buttons(edit?.payload ?? {});
    expect(
      page2
        .slice(0, -1)
        .flat()
        .map((b) => b.data),
    ).toEqual(choices.slice(8, 16).map((c) => c.id));
    expect(page2.at(-1)?.map((b) => b.text)).toEqual(["« Trang trước", "Trang 2/3", "Trang sau »"]);

    // Pressing the page indicator changes nothing (Telegram would refuse an identical edit).
    await t.press(1, page2.at(-1)?.[1]?.data ?? "", messageId);
    expect(t.calls.filter((c) => c.method === "editMessageReplyMarkup")).toHaveLength(1);
    expect(t.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(2);
    // Pressing an item still goes to the core.
    await t.press(1, "x:9", messageId);
    expect(t.sent(1)).toHaveLength(2);
  });

  it("a paging button of a list the bot no longer remembers says the list expired", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.press(1, "tgpage:1", 77);
    const answer = t.calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toContain("đã cũ");
    expect(t.sent(1)).toHaveLength(0);
  });

  it("lays out medium labels two to a row and drops choices whose id Telegram cannot carry", async () => {
    const t = recordingBot({
      assistant: await scripted([
        {
          text: "Chọn:",
          choices: [
            { id: "a", label: "Đăng ký thường trú" },
            { id: "b", label: "Đăng ký tạm trú" },
            { id: "c", label: "Xác nhận cư trú" },
            { id: "x".repeat(65), label: "Quá dài" },
          ],
        },
      ]),
    });
    await t.text(1, "cư trú");
    const rows = buttons(t.sent(1)[0]?.payload ?? {});
    expect(rows.map((r) => r.map((b) => b.data))).toEqual([["a", "b"], ["c"]]);
  });
});

describe("rendering", () => {
  it("escapes HTML in the core's text", async () => {
    const t = recordingBot({ assistant: await scripted([{ text: "Phí <50.000đ> & miễn phí cho <b>trẻ em</b>" }]) });
    await t.text(1, "phí");
    expect(t.sent(1)[0]?.payload.text).toBe("Phí &lt;50.000đ&gt; &amp; miễn phí cho &lt;b&gt;trẻ em&lt;/b&gt;");
  });

  it("splits a text over 4096 characters on line boundaries; the buttons go under the last part", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${String(i).padStart(3, "0")} ${"giấy tờ ".repeat(6)}`);
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(4096);
    const t = recordingBot({ assistant: await scripted([{ text, choices: [{ id: "m:help", label: "Hướng dẫn" }] }]) });
    await t.text(1, "x");
    const parts = t.sent(1).map((c) => String(c.payload.text));
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n")).toBe(text);
    expect(t.sent(1)[0]?.payload.reply_markup).toBeUndefined();
    expect(buttons(t.sent(1)[1]?.payload ?? {})).toEqual([[{ text: "Hướng dẫn", data: "m:help" }]]);
  });

  it("sends several replies in order", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    await t.press(1, "lang:vi");
    expect(t.sent(1).map((c) => String(c.payload.text).split("\n")[0])).toEqual([
      "Đã chuyển sang tiếng Việt.",
      expect.stringContaining("Xin chào"),
    ]);
  });

  it("says it reads text only when sent a sticker in a private chat, and stays quiet in groups", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    const sticker = {
      file_id: "s",
      file_unique_id: "s",
      type: "regular",
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    };
    await t.handle({
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "A" }, sticker },
    } as never);
    await t.handle({
      message: { message_id: 1, date: 0, chat: { id: -5, type: "group", title: "G" }, sticker },
    } as never);
    expect(t.sent(1)[0]?.payload.text).toContain("tin nhắn chữ");
    expect(t.sent(-5)).toHaveLength(0);
  });

  it("shows 'typing…' only when the core is slow", async () => {
    const real = await bundledAssistant();
    const slow: TelegramAssistant = {
      translator: real.translator,
      languageOf: (k) => real.languageOf(k),
      handle: async (...args) => {
        await delay(60);
        return real.handle(...args);
      },
    };
    const t = recordingBot({ assistant: slow, typingAfterMs: 10 });
    await t.text(1, "/help");
    expect(t.calls.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(t.calls[0]?.payload.action).toBe("typing");

    const fast = recordingBot({ assistant: real, typingAfterMs: 1_000 });
    await fast.text(1, "/help");
    expect(fast.calls.map((c) => c.method)).toEqual(["sendMessage"]);
  });
});

describe("well-behaved", () => {
  it("a flood gets one polite reply, then silence (the core's per-chat limit)", async () => {
    const t = recordingBot({ assistant: await bundledAssistant({ rateLimiter: new RateLimiter(3) }) });
    for (let i = 0; i < 6; i++) await t.text(1, "/help");
    const texts = t.sent(1).map((c) => String(c.payload.text));
    expect(texts).toHaveLength(4);
    expect(texts[3]).toContain("nhanh quá");
    await t.text(2, "/help"); // another chat is not affected
    expect(t.sent(2)).toHaveLength(1);
  });

  it("handles an update delivered twice only once", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    const update = { update_id: 42, ...textMessage(1, "/help") };
    await t.bot.handleUpdate(update as never);
    await t.bot.handleUpdate(update as never);
    expect(t.sent(1)).toHaveLength(1);
    expect(t.stats.duplicates).toBe(1);
  });

  it("a failure in the core is logged without the token or the message, and the user gets an apology", async () => {
    const real = await bundledAssistant();
    const broken: TelegramAssistant = {
      translator: real.translator,
      languageOf: (k) => real.languageOf(k),
      handle: async () => {
        throw new TypeError(`store unreachable at https://api.telegram.org/bot${FAKE_TOKEN}/x`);
      },
    };
    const t = recordingBot({ assistant: broken });
    const secretText = "số điện thoại của tôi là 0912345678";
    await t.handleCaught(textMessage(1, secretText));
    const [entry] = t.logs().filter((l) => l.msg === "telegram update failed");
    expect(entry).toMatchObject({ level: 50, updateType: "message", err: { type: "TypeError" } });
    expect(t.rawLogs()).not.toContain(FAKE_TOKEN);
    expect(t.rawLogs()).not.toContain("0912345678");
    expect(t.sent(1)[0]?.payload.text).toContain("có lỗi");
    expect(t.stats.failed).toBe(1);
  });

  it("when Telegram refuses a message, the error is logged and no apology is attempted", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() }, ({ method }) =>
      method === "sendMessage"
        ? { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }
        : undefined,
    );
    await t.handleCaught(textMessage(1, "/help"));
    expect(t.sent(1)).toHaveLength(1);
    const [entry] = t.logs().filter((l) => l.msg === "telegram update failed");
    expect(JSON.stringify(entry)).toContain("bot was blocked");
  });

  it("one chat's updates are handled in order even when they arrive together", async () => {
    const real = await bundledAssistant();
    const order: string[] = [];
    const uneven: TelegramAssistant = {
      translator: real.translator,
      languageOf: (k) => real.languageOf(k),
      handle: async (_key, incoming) => {
        const text = incoming.kind === "text" ? incoming.text : incoming.id;
        // The first message is the slowest: without per-chat ordering its reply would come last.
        await delay(text === "1" ? 40 : 1);
        order.push(text);
        return [{ text: `đáp ${text}` }];
      },
    };
    const t = recordingBot({ assistant: uneven });
    await Promise.all(["1", "2", "3"].map((x) => t.text(1, x)));
    expect(order).toEqual(["1", "2", "3"]);
    expect(t.sent(1).map((c) => c.payload.text)).toEqual(["đáp 1", "đáp 2", "đáp 3"]);
  });
});

describe("TelegramSender", () => {
  it("sends to telegram:<id> chats like an answer and refuses other channels' keys", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() });
    const sender = new TelegramSender(t.deliver);
    expect(sender.channel).toBe("telegram");
    await sender.send("telegram:-1001234", [
      { text: "Hồ sơ đã có kết quả <đợt 1>", choices: [{ id: "r:5", label: "Đánh giá" }] },
    ]);
    const [message] = t.sent(-1001234);
    expect(message?.payload.text).toBe("Hồ sơ đã có kết quả &lt;đợt 1&gt;");
    expect(buttons(message?.payload ?? {})).toEqual([[{ text: "Đánh giá", data: "r:5" }]]);
    await expect(sender.send("zalo:42", [{ text: "x" }])).rejects.toThrow(/not a Telegram chat key/);
  });

  it("reports each message Telegram accepts and skips those accepted before (a long text is several)", async () => {
    let calls = 0;
    // The third message (the second part of the long text) is refused.
    const t = recordingBot({ assistant: await bundledAssistant() }, ({ method }) =>
      method === "sendMessage" && ++calls === 3
        ? { ok: false, error_code: 500, description: "Internal Server Error" }
        : undefined,
    );
    const sender = new TelegramSender(t.deliver);
    const long = `${"a".repeat(4_000)}\n\n${"b".repeat(100)}`;
    const replies = [{ text: "một" }, { text: long, choices: [{ id: "r:5", label: "Đánh giá" }] }];
    const accepted: number[] = [];
    const progress = (skip: number) => ({ skip, accepted: (n: number) => accepted.push(n) });
    await expect(sender.send("telegram:7", replies, progress(0))).rejects.toThrow();
    expect(accepted).toEqual([1, 2]);
    // Again from the third: only the part not accepted goes out, with the buttons.
    await sender.send("telegram:7", replies, progress(2));
    expect(accepted).toEqual([1, 2, 3]);
    // Every call, the refused one included: nothing accepted was sent twice.
    const texts = t.sent(7).map((c) => String(c.payload.text));
    expect(texts.map((x) => x.slice(0, 3))).toEqual(["một", "aaa", "bbb", "bbb"]);
    expect(buttons(t.sent(7)[3]?.payload ?? {})).toEqual([[{ text: "Đánh giá", data: "r:5" }]]);
  });

  it("rejects when Telegram does not accept the message", async () => {
    const t = recordingBot({ assistant: await bundledAssistant() }, ({ method }) =>
      method === "sendMessage" ? { ok: false, error_code: 400, description: "Bad Request: chat not found" } : undefined,
    );
    await expect(new TelegramSender(t.deliver).send("telegram:9", [{ text: "x" }])).rejects.toThrow(/chat not found/);
  });
});
