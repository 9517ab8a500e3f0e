import { describe, expect, it } from "vitest";
import { channelLine, DailyMessages, handledSinceStart } from "../../src/staff/channels.js";

const TZ = "Asia/Ho_Chi_Minh";

describe("channel health as staff read it", () => {
  it("says whether each channel works, and why not", () => {
    const telegram = channelLine("telegram", { mode: "polling", running: true, handled: 7, failed: 1 }, TZ);
    expect(telegram).toMatchObject({ ok: true });
    expect(telegram.summary).toContain("đã trả lời 7 tin");
    const broken = channelLine("telegram", { mode: "polling", running: true, lastError: "401 Unauthorized" }, TZ);
    expect(broken.ok).toBe(false);
    expect(broken.summary).toContain("lỗi gần nhất: 401 Unauthorized");
    const zalo = channelLine("zalo", { mode: "polling", polling: true, pollFailures: 3, handled: 2 }, TZ);
    expect(zalo.ok).toBe(false);
    expect(zalo.summary).toContain("3 lần không kết nối được Zalo liên tiếp");
    const webhook = channelLine(
      "telegram",
      { mode: "webhook", accepting: true, lastUpdateAt: "2026-12-01T03:04:00Z" },
      TZ,
    );
    expect(webhook.summary).toContain("tin gần nhất: 10:04 01/12/2026");
  });

  it("counts messages of all channels", () => {
    expect(handledSinceStart({ telegram: { handled: 4 }, zalo: { handled: 3 }, terminal: { messages: 2 } })).toBe(9);
  });
});

describe("messages today", () => {
  it("counts from the start on the day the service started, then from local midnight", () => {
    let now = Date.parse("2026-12-01T03:00:00Z"); // 10:00 in Hà Nội
    let total = 5;
    const daily = new DailyMessages(
      () => total,
      () => now,
      TZ,
    );
    try {
      expect(daily.today()).toEqual({ count: 5, sinceStart: true });
      total = 9;
      now = Date.parse("2026-12-01T16:59:00Z"); // 23:59
      expect(daily.today()).toEqual({ count: 9, sinceStart: true });
      now = Date.parse("2026-12-01T17:00:30Z"); // 00:00:30 the next day
      expect(daily.today()).toEqual({ count: 0, sinceStart: false });
      total = 12;
      expect(daily.today()).toEqual({ count: 3, sinceStart: false });
    } finally {
      daily.close();
    }
  });
});
