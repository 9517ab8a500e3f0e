import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { runScript } from "../harness/common.js";
import {
  at,
  bundledCatalogue,
  Clock,
  captureLogs,
  dossier,
  RecordingSender,
  rowsOf,
  tempDir,
  text,
  toCsv,
} from "../harness/dossiers.js";

const TOKEN = "test-token-0123456789-abcdefghij";
const KEY = "0003120H49-251103-0012";

let dir: string;
let cleanup: () => Promise<void>;
let service: Service;
let url: string;
let sender: RecordingSender;
let port: number;
const clock = new Clock(at("2025-11-06 09:00"));

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  sender = new RecordingSender();
  service = await createService(loadConfig({ DATA_DIR: dir, DOSSIER_API_TOKEN: TOKEN, PORT: "0" }), {
    logger: captureLogs().logger,
    clock,
    fsync: false,
    channels: [],
    schedule: false,
    listen: true,
    catalogue: await bundledCatalogue(),
    senders: [sender],
  });
  await service.start();
  port = service.address?.port ?? 0;
  url = `http://127.0.0.1:${port}/api/dossiers`;
});
afterEach(async () => {
  await service.close();
  await cleanup();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
  });
const records = (rows: Record<string, string>[]) => JSON.stringify(rowsOf(rows).map((r) => r.fields));

describe("POST /api/dossiers", () => {
  it("refuses a missing or wrong token", async () => {
    expect((await post(records([dossier()]), { authorization: "" })).status).toBe(401);
    expect((await post(records([dossier()]), { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await post(records([dossier()]), { authorization: TOKEN })).status).toBe(401);
    expect(await service.dossiers?.lookup("telegram:1", "000.31.20.H49-251103-0012", "5678")).toMatchObject({
      kind: "mismatch",
    });
  });

  it("upserts JSON records and reports counts and rejected records", async () => {
    const response = await post(
      JSON.stringify({ dossiers: rowsOf([dossier(), dossier({ code: "x", status: "4" })]).map((r) => r.fields) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      created: 1,
      rejected: [{ record: 2, reason: expect.stringMatching(/^code: /) }],
    });
    expect(await service.dossiers?.lookup("telegram:1", "000.31.20.H49-251103-0012", "5678")).toMatchObject({
      kind: "found",
    });
    expect(await (await post(records([dossier()]))).json()).toMatchObject({ created: 0, unchanged: 1 });
  });

  it("accepts the CSV export as it is, with rejected rows by line", async () => {
    const response = await post(toCsv([dossier(), dossier({ code: "000.31.20.H49-251103-0013", due_at: "soon" })]), {
      "content-type": "text/csv; charset=utf-8",
    });
    expect(await response.json()).toMatchObject({
      created: 1,
      rejected: [{ line: 3, reason: expect.stringMatching(/due_at/) }],
    });
  });

  it("answers 400 to a body it cannot read", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post('{"hello":1}')).status).toBe(400);
  });

  it("notifies a subscribed chat once per status change, right after answering", async () => {
    await post(records([dossier()]));
    const { assistant } = service;
    await assistant.handle("telegram:1", { kind: "text", text: "/hoso 000.31.20.H49-251103-0012" });
    await assistant.handle("telegram:1", { kind: "text", text: "5678" });
    await assistant.handle("telegram:1", { kind: "choice", id: `d:s:${KEY}` });
    await post(records([dossier({ status: "5", status_note: "Bản sao CCCD" })]));
    await post(records([dossier({ status: "5", status_note: "Bản sao CCCD" })]));
    await service.server.close(); // waits for the work done after responses
    expect(sender.texts("telegram:1")).toHaveLength(1);
    expect(sender.texts("telegram:1")[0]).toContain("Cần bổ sung: Bản sao CCCD");
    expect(text(await assistant.handle("telegram:1", { kind: "text", text: "/huy" }))).toContain("1 hồ sơ");
  });

  it("is how dossiers:import delivers a file while the bot holds the data directory", {
    tags: ["process"],
  }, async () => {
    const file = path.join(dir, "export.csv");
    await writeFile(file, toCsv([dossier(), dossier({ code: "000.31.20.H49-251103-0013", status: "99" })]));
    const run = await runScript("src/cli/dossiers-import.ts", [file], "", {
      DATA_DIR: dir,
      DOSSIER_API_TOKEN: TOKEN,
      HOST: "127.0.0.1",
      PORT: String(port),
    });
    expect(run.stdout).toContain("qua API");
    expect(run.stdout).toMatch(/created:\s+1/);
    expect(run.stdout).toMatch(/dòng 3 \| line 3 \(000\.31\.20\.H49-251103-0013\): status/);
    expect(await service.dossiers?.lookup("zalo:1", "000.31.20.H49-251103-0012", "5678")).toMatchObject({
      kind: "found",
    });

    const noToken = await runScript("src/cli/dossiers-import.ts", [file], "", { DATA_DIR: dir, DOSSIER_API_TOKEN: "" });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("DOSSIER_API_TOKEN");
  });
});

describe("without DOSSIER_API_TOKEN", () => {
  it("does not offer the endpoint", async () => {
    const other = await tempDir();
    const bare = await createService(loadConfig({ DATA_DIR: other.dir, PORT: "0" }), {
      logger: captureLogs().logger,
      channels: [],
      schedule: false,
      listen: true,
      catalogue: await bundledCatalogue(),
    });
    await bare.start();
    const response = await fetch(`http://127.0.0.1:${bare.address?.port}/api/dossiers`, { method: "POST", body: "[]" });
    expect(response.status).toBe(404);
    await bare.close();
    await other.cleanup();
  });
});
