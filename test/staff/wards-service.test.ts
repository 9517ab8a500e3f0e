/**
 * Wards through the whole service as `npm start` builds it (createService): a catalogue with a
 * province and two wards, dossiers pushed to POST /api/dossiers, the staff console on the same
 * HTTP server. The ward each dossier gets comes from the service's own ward map.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExamplesFile } from "../../src/catalogue/examples.js";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { captureLogs, copyOfBundledData, tempDir } from "../harness/common.js";
import { dossier, rowsOf } from "../harness/dossiers.js";
import { Client, PASSWORD, TEST_SCRYPT_COST } from "../harness/staff.js";

const TOKEN = "test-token-0123456789-abcdefghij";
const cleanups: (() => Promise<void>)[] = [];
let service: Service;
let catalogue: LiveCatalogue;
let base: string;
let dataDir: string;
let catalogueDir: string;

beforeAll(async () => {
  const data = await tempDir("motcua-wards-service-");
  const copy = await copyOfBundledData();
  cleanups.push(data.cleanup, copy.cleanup);
  dataDir = data.dir;
  catalogueDir = copy.dir;
  await mkdir(path.join(copy.dir, "province"));
  await mkdir(path.join(copy.dir, "wards"));
  await writeFile(path.join(copy.dir, "province", "province.json"), JSON.stringify({ id: "tp", name: "Thành phố" }));
  for (const [id, name, unit] of [
    ["ben-nghe", "Phường Bến Nghé", "000.31.20.H49"],
    ["tan-dinh", "Phường Tân Định", "000.31.21.H49"],
  ]) {
    await writeFile(
      path.join(copy.dir, "wards", `${id}.json`),
      JSON.stringify({ id, name, unitCodes: [unit], defaultOffice: "ubnd" }),
    );
  }
  catalogue = await LiveCatalogue.open(copy.dir);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT_COST);
  await saveAccount(dataDir, "can.bo.bn", hash, new Date(), undefined, { kind: "ward", ward: "ben-nghe" });
  await saveAccount(dataDir, "quan.tri", hash, new Date(), undefined, { kind: "province" });
  service = await createService(loadConfig({ DATA_DIR: dataDir, DOSSIER_API_TOKEN: TOKEN, PORT: "0" }), {
    logger: captureLogs().logger,
    fsync: false,
    channels: [],
    schedule: false,
    listen: true,
    staff: true,
    catalogue,
    watchCatalogue: false,
  });
  await service.start();
  base = `http://127.0.0.1:${service.address?.port}`;
}, 60_000);
afterAll(async () => {
  await service?.close();
  catalogue?.close();
  for (const cleanup of cleanups) await cleanup();
});

describe("a province's service", () => {
  it("gives pushed dossiers their ward, warns of an unknown unit, and scopes a ward's staff to theirs", async () => {
    const response = await fetch(`${base}/api/dossiers`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(
        rowsOf([
          dossier({ code: "000.31.20.H49-261120-0001", applicant_name: "Trần Văn Bến" }),
          dossier({ code: "000.31.21.H49-261120-0002", applicant_name: "Lê Thị Định" }),
          dossier({ code: "000.99.99.X00-261120-0003" }),
        ]).map((r) => r.fields),
      ),
    });
    const body = (await response.json()) as { created: number; warned: { at: unknown; warnings: string[] }[] };
    expect(body.created).toBe(3);
    expect(body.warned.map((w) => w.at)).toEqual([{ record: 3 }]);
    expect(body.warned[0]?.warnings.join("\n")).toContain("không thuộc phường, xã nào đã khai báo");

    // The citizen's verified lookup needs no ward.
    const found = await service.dossiers?.lookup("telegram:5", "000.31.21.H49-261120-0002", "5678");
    expect(found?.kind === "found" && found.dossier.ward).toBe("tan-dinh");

    const client = new Client(base);
    expect((await client.login("can.bo.bn")).status).toBe(303);
    const lookUp = async (code: string) => {
      const form = await (await client.request("/staff/lookup")).text();
      return (await client.request("/staff/lookup", { form: { csrf: Client.csrfOf(form), code } })).text();
    };
    expect(await lookUp("000.31.20.H49-261120-0001")).toContain("Trần V. B.");
    const other = await lookUp("000.31.21.H49-261120-0002");
    expect(other).toContain("thuộc Phường Tân Định");
    expect(other).not.toContain("Lê T. Đ.");
    // Without a ward, it is the province administrator's only.
    expect(await lookUp("000.99.99.X00-261120-0003")).toContain("chưa gắn phường, xã nào");
  });

  it("the province administrator labels a question as a câu mẫu through the service; a ward's staff cannot", async () => {
    const text = "xin giấy khai sinh cho bé mới chào đời ở phường";
    const examplesFile = path.join(catalogueDir, "examples.json");
    const entries = async () =>
      (JSON.parse(await readFile(examplesFile, "utf8").catch(() => '{"examples":[]}')) as ExamplesFile).examples.filter(
        (e) => e.text === text,
      );
    const formOf = async (client: Client) =>
      (await client.request(`/staff/questions/label?text=${encodeURIComponent(text)}`)).text();

    const ward = new Client(base);
    expect((await ward.login("can.bo.bn")).status).toBe(303);
    const wardForm = await formOf(ward);
    expect(wardForm).toContain("chỉ quản trị tỉnh gán hoặc xoá được");
    const refused = await ward.request("/staff/examples", {
      form: { csrf: Client.csrfOf(wardForm), text, code: "1.001193" },
    });
    expect(refused.status).toBe(403);
    expect(await entries()).toEqual([]);

    const admin = new Client(base);
    expect((await admin.login("quan.tri")).status).toBe(303);
    const saved = await admin.request("/staff/examples", {
      form: { csrf: Client.csrfOf(await formOf(admin)), text, code: "1.001193" },
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Bot đã dùng danh mục mới");
    expect((await entries()).map((e) => [e.code, e.source.startsWith("nhân viên quan.tri, ")])).toEqual([
      ["1.001193", true],
    ]);
    // The service watches no file here: the console's own reload put it in the catalogue every ward is served from.
    expect(
      catalogue
        .current()
        .catalogue.examples.filter((e) => e.text === text)
        .map((e) => e.code),
    ).toEqual(["1.001193"]);
  });
});
