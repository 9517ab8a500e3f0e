/**
 * Picking a ward through the channels as citizens do: a Telegram deep link and buttons (the
 * production grammY bot, Bot API calls recorded locally), and Zalo's numbered lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { renderForZalo } from "../../src/channels/zalo/render.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { buttons, recordingBot } from "../harness/telegram.js";
import { demoProvinceData } from "./province.js";

let catalogue: LiveCatalogue;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const data = await demoProvinceData();
  cleanup = data.cleanup;
  catalogue = await LiveCatalogue.open(data.dir);
});
afterAll(async () => {
  await catalogue.close();
  await cleanup();
});

const assistant = () => createAssistant({ catalogue, conversations: new MemoryConversationStore() });

describe("Telegram", () => {
  it("a deep link (t.me/<bot>?start=xa-tan-phu) picks the ward; /phuong offers the wards as buttons", async () => {
    const t = recordingBot({ assistant: assistant() });
    await t.text(7, "/start xa-tan-phu");
    expect(t.sent(7)[0]?.payload.text).toContain("Bộ phận một cửa UBND Xã Tân Phú (dữ liệu mẫu)");
    await t.text(7, "/phuong");
    const list = buttons(t.sent(7)[1]?.payload ?? {}).flat();
    expect(list.map((b) => [b.text, b.data])).toEqual([
      ["Phường 5", "w:s:phuong-5"],
      ["Phường Tân Phú", "w:s:tan-phu"],
      ["Xã Tân Phú", "w:s:xa-tan-phu"],
    ]);
    await t.press(7, "w:s:phuong-5");
    const picked = t.sent(7).at(-1)?.payload.text;
    expect(picked).toContain("Đã chọn Phường 5.");
    await t.text(7, "đăng ký khai sinh ở đâu");
    expect(t.sent(7).at(-1)?.payload.text).toContain("Bộ phận một cửa UBND Phường 5 (dữ liệu mẫu)");
  });
});

describe("Zalo (numbered lines)", () => {
  it("shows the wards as numbered lines, and the number typed back picks one", async () => {
    const bot = assistant();
    const list = renderForZalo(await bot.handle("zalo:u1", { kind: "text", text: "/phuong" }));
    expect(list.join("\n")).toMatch(/1\. Phường 5\n.*2\. Phường Tân Phú\n.*3\. Xã Tân Phú/s);
    const [set] = renderForZalo(await bot.handle("zalo:u1", { kind: "text", text: "3" }));
    expect(set).toMatch(/^Đã chọn Xã Tân Phú\./);
  });
});
