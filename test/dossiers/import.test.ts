import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { HashKeyMismatchError } from "../../src/dossiers/repository.js";
import { createService } from "../../src/service.js";
import {
  at,
  bundledCatalogue,
  Clock,
  captureLogs,
  dossier,
  type Harness,
  openHarness,
  tempDir,
} from "../harness/dossiers.js";

let dir: string;
let cleanup: () => Promise<void>;
let clock: Clock;
let h: Harness;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Clock(at("2025-11-04 09:00"));
  h = await openHarness(dir, clock);
});
afterEach(async () => {
  await h.dossiers.stop();
  await cleanup();
});

/** Every data file with its modification time and content. */
async function files(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".json")) continue;
    const file = path.join(e.parentPath, e.name);
    out.set(file, `${(await stat(file)).mtimeMs}|${await readFile(file, "utf8")}`);
  }
  return out;
}

describe("importing the one-stop system's export", () => {
  const good = [
    dossier(),
    dossier({ code: "000.31.20.H49-251103-0013", status: "5", status_note: "Bản sao giấy chứng sinh" }),
  ];

  it("upserts by code and counts what changed", async () => {
    expect(await h.import(good)).toMatchObject({ received: 2, created: 2, updated: 0, unchanged: 0, rejected: [] });
    const next = await h.import([dossier({ status: "9" }), good[1] as Record<string, string>]);
    expect(next).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it("changes nothing — not even a file — when the same file is imported twice", async () => {
    await h.import(good);
    const before = await files();
    clock.advance(60_000);
    expect(await h.import(good)).toMatchObject({ created: 0, updated: 0, unchanged: 2, notices: 0 });
    expect(await files()).toEqual(before);
  });

  it("reports every bad row with its line and reason, imports the good ones, and leaves stored data alone", async () => {
    await h.import(good);
    const report = await h.import([
      dossier({ status: "12" }), // line 2: an existing dossier, with a bad status
      dossier({ code: "000.31.20.H49-251103-0020" }), // line 3: fine
      dossier({ code: "000.31.20.H49-251103-0021", phone: "" }), // line 4
      dossier({ code: "000.31.20.H49-251103-0022", received_at: "2025-13-01" }), // line 5
    ]);
    expect(report).toMatchObject({ received: 4, created: 1, updated: 0 });
    expect(report.rejected).toEqual([
      { at: { line: 2 }, code: "000.31.20.H49-251103-0012", reason: expect.stringMatching(/^status: /) },
      { at: { line: 4 }, code: "000.31.20.H49-251103-0021", reason: expect.stringMatching(/^phone: /) },
      { at: { line: 5 }, code: "000.31.20.H49-251103-0022", reason: expect.stringMatching(/^received_at: /) },
    ]);
    // The dossier whose row was bad still has its old status: the citizen still sees it.
    await h.say("telegram:1", "/hoso 000.31.20.H49-251103-0012");
    expect((await h.say("telegram:1", "5678"))[0]?.text).toContain("Đang xử lý");
  });

  it("stores neither phone numbers nor full names", async () => {
    await h.import(good);
    for (const content of (await files()).values()) {
      expect(content).not.toMatch(/0912|345678|345 678|Văn An|Nguyễn Văn/);
    }
  });

  it("keeps the generated hash key, and refuses to open the dossiers with another key", async () => {
    await h.import(good);
    const key = await readFile(path.join(dir, "phone-hash.key"), "utf8");
    await h.dossiers.stop();
    h = await openHarness(dir, clock);
    expect(await readFile(path.join(dir, "phone-hash.key"), "utf8")).toBe(key);
    await h.say("telegram:1", "/hoso 000.31.20.H49-251103-0012");
    expect((await h.say("telegram:1", "5678"))[0]?.text).toContain("Nguyễn V. A.");
    await h.dossiers.stop();

    const other = createService(loadConfig({ DATA_DIR: dir, PHONE_HASH_KEY: "another-key-0123456789" }), {
      logger: captureLogs().logger,
      channels: [],
      catalogue: await bundledCatalogue(),
    });
    await expect(other).rejects.toThrow(HashKeyMismatchError);
    h = await openHarness(dir, clock); // the lock was released by the refusal
  });
});
