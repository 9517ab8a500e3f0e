import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { captureLogs, copyOfBundledData, editJson, tempDir, until } from "../harness/common.js";

// Issue 12: the service says which records are due for a re-check at start (and daily, by the
// same job), and in the terminal chat each catalogue reload gets a line on screen.
const BIRTH = "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json";

let service: Service | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await service?.close();
  service = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function terminalService() {
  // (the review and the reload line bear on no câu mẫu: a thousand are indexed at the start and the reload, not 25,000)
  const catalogue = await copyOfBundledData({ examples: 1000 });
  const data = await tempDir("motcua-review-");
  cleanups.push(catalogue.cleanup, data.cleanup);
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk) => {
    screen += String(chunk);
  });
  const { logger, lines } = captureLogs();
  service = await createService(loadConfig({ CATALOGUE_DIR: catalogue.dir, DATA_DIR: data.dir }), {
    logger,
    channels: ["terminal"],
    terminal: { input, output, interactive: false },
  });
  await service.start();
  return { dir: catalogue.dir, lines, screen: () => screen };
}

describe("the service and the catalogue review", () => {
  it("logs the records due for a re-check when it starts", async () => {
    const { lines } = await terminalService();
    await until(() => lines.some((l) => l.includes("cần rà soát lại") || l.includes("Không có thủ tục nào")));
    const entry = JSON.parse(lines.find((l) => l.includes("rà soát")) ?? "{}");
    expect(entry.procedures).toBeGreaterThanOrEqual(120);
    expect(typeof entry.due).toBe("number");
  });

  it("writes a line in the terminal chat for each catalogue reload", async () => {
    const { dir, screen } = await terminalService();
    await editJson(path.join(dir, BIRTH), (p) => {
      p.channels[0].fee.text = "Miễn lệ phí (sửa thử)";
    });
    await until(() => /Đã nạp lại danh mục: \d+ thủ tục/.test(screen()));
  });
});
