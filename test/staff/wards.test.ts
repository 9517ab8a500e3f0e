/**
 * The staff console on a province deployment, over real HTTP: a ward's staff see and change only
 * their ward's data, the province administrator sees every ward and can pick one, and an account
 * made before wards (no role) keeps seeing everything.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { commitImport } from "../../src/dossiers/import/commit.js";
import { type DossierModule, openDossiers } from "../../src/dossiers/open.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { withDossierWard } from "../../src/ratings/open.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { DailyMessages } from "../../src/staff/channels.js";
import { createStaffConsole, type StaffConsole } from "../../src/staff/console.js";
import { dossierImport } from "../../src/staff/import-adapter.js";
import { counterLookup } from "../../src/staff/lookup-adapter.js";
import { overviewSource } from "../../src/staff/overview-data.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { WARDS } from "../dossiers/wards-fixture.js";
import { bundledCatalogue, captureLogs, tempDir } from "../harness/common.js";
import { dossier, toCsv } from "../harness/dossiers.js";
import { Client, PASSWORD, TEST_SCRYPT_COST } from "../harness/staff.js";

const TZ = "Asia/Ho_Chi_Minh";
const BEN_NGHE = "000.31.20.H49-261120-0001";
const TAN_DINH = "000.31.21.H49-261120-0002";

let data: { dir: string; cleanup: () => Promise<void> };
let catalogue: LiveCatalogue;
let dossiers: DossierModule;
let staff: StaffConsole;
let server: Server;
let base: string;

beforeAll(async () => {
  data = await tempDir("motcua-staff-wards-");
  catalogue = await bundledCatalogue();
  const now = () => Date.now();
  dossiers = await openDossiers({ dataDir: data.dir, timeZone: TZ, now, fsync: false, wards: WARDS });
  // One dossier of each ward, imported by the province (the API's way).
  await dossiers.importRows(
    [
      { at: { record: 1 }, fields: dossier({ code: BEN_NGHE, status: "10", applicant_name: "Trần Văn Bến" }) },
      { at: { record: 2 }, fields: dossier({ code: TAN_DINH, status: "10", applicant_name: "Lê Thị Định" }) },
    ],
    async () => 0,
  );
  const ratings = withDossierWard(
    await FileRatingRepository.open(path.join(data.dir, "ratings"), false),
    async (key) => (await dossiers.dossiers.get(key))?.ward,
  );
  const rating = (key: string, comment: string): Rating => ({
    key,
    procedureCode: "1.001193",
    level: "dissatisfied",
    scale: 3,
    criteria: {},
    comment,
    at: Date.parse("2026-11-21T03:00:00Z"),
    month: "2026-11",
  });
  await ratings.save(rating("0003120H49-261120-0001", "Góp ý của Bến Nghé"));
  await ratings.save(rating("0003121H49-261120-0002", "Góp ý của Tân Định"));
  const questions = await UnansweredQuestionStore.open(data.dir, { fsync: false });
  await questions.record("cấp phép sửa nhà ở bến nghé", "ben-nghe");
  await questions.record("đăng ký nuôi chim yến tân định", "tan-dinh");
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT_COST);
  await saveAccount(data.dir, "can.bo.bn", hash, new Date(), undefined, { kind: "ward", ward: "ben-nghe" });
  await saveAccount(data.dir, "can.bo.td", hash, new Date(), undefined, { kind: "ward", ward: "tan-dinh" });
  await saveAccount(data.dir, "quan.tri", hash, new Date(), undefined, { kind: "province" });
  await saveAccount(data.dir, "tai.khoan.cu", hash, new Date());
  const current = () => catalogue.current().catalogue;
  staff = createStaffConsole({
    dataDir: data.dir,
    catalogue: { current: () => catalogue.current(), warnings: () => catalogue.warnings() },
    health: () => ({ channels: {} }),
    ratings,
    questions,
    wards: WARDS,
    imports: dossierImport({
      catalogue: current,
      now,
      timeZone: TZ,
      wards: WARDS,
      stored: (key) => dossiers.dossiers.get(key),
      commit: (preview) =>
        commitImport(preview, { dossiers: dossiers.dossiers, hasher: dossiers.hasher, now, notify: async () => 0 }),
    }),
    lookup: counterLookup({
      dossiers: dossiers.dossiers,
      catalogue: current,
      translator: new Translator(),
      now,
      timeZone: TZ,
      wards: WARDS,
    }),
    timeZone: TZ,
    now,
    logger: captureLogs().logger,
    secureCookies: false,
    fsync: false,
  });
  server = createServer((req, res) => void staff.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  staff.close();
  catalogue.close();
  await data.cleanup();
});

async function signedIn(user: string): Promise<Client> {
  const client = new Client(base);
  expect((await client.login(user)).status).toBe(303);
  return client;
}
const page = async (client: Client, pathname: string) => (await client.request(pathname)).text();

async function lookUp(client: Client, code: string): Promise<string> {
  const form = await page(client, "/staff/lookup");
  return (await client.request("/staff/lookup", { form: { csrf: Client.csrfOf(form), code } })).text();
}

async function upload(client: Client, csv: string): Promise<string> {
  const form = new FormData();
  form.set("csrf", Client.csrfOf(await page(client, "/staff/import")));
  form.set("file", new Blob([csv]), "ho-so.csv");
  return (await client.request("/staff/import", { body: form })).text();
}

async function commentsInWorkbook(client: Client, query = ""): Promise<string[]> {
  const response = await client.request(`/staff/ratings.xlsx${query}`);
  expect(response.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  const sheet = book.getWorksheet("Góp ý");
  const texts: string[] = [];
  sheet?.eachRow((row) => {
    for (const cell of row.values as unknown[])
      if (typeof cell === "string" && cell.startsWith("Góp ý của")) texts.push(cell);
  });
  return texts.sort();
}

describe("a ward's staff", () => {
  it("see their ward's ratings only, on the page and in the workbook, even when the address asks for another", async () => {
    const client = await signedIn("can.bo.bn");
    for (const query of ["", "?phuong=tan-dinh"]) {
      const ratings = await page(client, `/staff/ratings${query}`);
      expect(ratings).toContain("Góp ý của Bến Nghé");
      expect(ratings).not.toContain("Góp ý của Tân Định");
      expect(ratings).not.toContain('name="phuong"'); // no ward filter to pick from
      expect(await commentsInWorkbook(client, query)).toEqual(["Góp ý của Bến Nghé"]);
    }
    expect(await page(client, "/staff/")).toContain("Phường Bến Nghé"); // beside the user name
  });

  it("see their ward's unanswered questions only", async () => {
    const client = await signedIn("can.bo.td");
    const questions = await page(client, "/staff/questions?phuong=ben-nghe");
    expect(questions).toContain("đăng ký nuôi chim yến tân định");
    expect(questions).not.toContain("bến nghé");
  });

  it("look up their ward's dossiers, and are told another ward's belongs elsewhere without its details", async () => {
    const client = await signedIn("can.bo.bn");
    expect(await lookUp(client, BEN_NGHE)).toContain("Trần V. B.");
    const other = await lookUp(client, TAN_DINH);
    expect(other).toContain("thuộc Phường Tân Định");
    expect(other).not.toContain("Lê T. Đ.");
    expect(other).not.toContain("Đã trả kết quả");
  });

  it("import their ward's rows; another ward's rows are refused with the reason and nothing of them is stored", async () => {
    const client = await signedIn("can.bo.td");
    const newTanDinh = "000.31.21.H49-261120-0003";
    const newBenNghe = "000.31.20.H49-261120-0004";
    const preview = await upload(
      client,
      toCsv([
        dossier({ code: newTanDinh, received_at: "20/11/2026", due_at: "" }),
        dossier({ code: newBenNghe, received_at: "20/11/2026", due_at: "" }),
        // The Bến Nghé dossier already stored, now under a changed status.
        dossier({ code: BEN_NGHE, received_at: "20/11/2026", due_at: "", status: "4" }),
      ]),
    );
    expect(preview).toContain("hồ sơ thuộc Phường Bến Nghé; tài khoản của bạn chỉ nhập được hồ sơ của Phường Tân Định");
    expect(/id="count-rejected">(\d+)</.exec(preview)?.[1]).toBe("2");
    const id = /name="preview" value="([^"]+)"/.exec(preview)?.[1] ?? "";
    const done = await (
      await client.request("/staff/import/commit", { form: { csrf: Client.csrfOf(preview), preview: id } })
    ).text();
    expect(done).toContain("ho-so.csv");
    expect((await dossiers.dossiers.get("0003121H49-261120-0003"))?.ward).toBe("tan-dinh");
    expect(await dossiers.dossiers.get("0003120H49-261120-0004")).toBeUndefined();
    expect((await dossiers.dossiers.get("0003120H49-261120-0001"))?.status).toBe(10);
  });

  it("see only their ward's lines in the audit log", async () => {
    const td = await signedIn("can.bo.td");
    await lookUp(td, "000.31.21.H49-261120-0002");
    const bn = await signedIn("can.bo.bn");
    const audit = await page(bn, "/staff/audit");
    expect(audit).toContain("can.bo.bn");
    expect(audit).not.toContain("can.bo.td");
  });
});

describe("the province administrator", () => {
  it("sees every ward, and one ward when picked", async () => {
    const client = await signedIn("quan.tri");
    const all = await page(client, "/staff/ratings");
    expect(all).toContain("Góp ý của Bến Nghé");
    expect(all).toContain("Góp ý của Tân Định");
    expect(all).toContain('<option value="tan-dinh">Phường Tân Định</option>');
    expect(all).toContain("Quản trị tỉnh");
    const one = await page(client, "/staff/ratings?phuong=tan-dinh");
    expect(one).not.toContain("Góp ý của Bến Nghé");
    expect(one).toContain("/staff/ratings.xlsx?phuong=tan-dinh");
    expect(await commentsInWorkbook(client, "?phuong=tan-dinh")).toEqual(["Góp ý của Tân Định"]);
    expect(await commentsInWorkbook(client)).toEqual(["Góp ý của Bến Nghé", "Góp ý của Tân Định"]);
    const questions = await page(client, "/staff/questions?days=7&phuong=ben-nghe");
    expect(questions).toContain("bến nghé");
    expect(questions).not.toContain("tân định");
    expect(await lookUp(client, TAN_DINH)).toContain("Lê T. Đ.");
  });

  it("imports rows of every ward, each shown with its ward in the preview", async () => {
    const client = await signedIn("quan.tri");
    const preview = await upload(
      client,
      toCsv([
        dossier({ code: "000.31.20.H49-261120-0021", received_at: "20/11/2026", due_at: "" }),
        dossier({ code: "000.31.21.H49-261120-0022", received_at: "20/11/2026", due_at: "" }),
      ]),
    );
    expect(/id="count-rejected">(\d+)</.exec(preview)?.[1]).toBe("0");
    expect(preview).toContain('<td data-label="Phường, xã">Phường Bến Nghé</td>');
    expect(preview).toContain('<td data-label="Phường, xã">Phường Tân Định</td>');
  });

  it("is what an account from before wards (no role) stays", async () => {
    const client = await signedIn("tai.khoan.cu");
    const all = await page(client, "/staff/ratings");
    expect(all).toContain("Góp ý của Bến Nghé");
    expect(all).toContain("Góp ý của Tân Định");
    expect(await lookUp(client, BEN_NGHE)).toContain("Trần V. B.");
  });
});

describe("the overview on a province's deployment", () => {
  it("lists a ward overlay's change due for review beside the records", async () => {
    const snapshot = catalogue.current();
    const province = {
      province: { id: "tp", name: "Thành phố", offices: [], sample: false },
      wards: [],
      provinceOverlay: { changes: [], procedures: [], sample: false },
      wardOverlays: new Map([
        [
          "tan-dinh",
          {
            changes: [{ code: "1.001193", lastChecked: "2020-01-01", sources: [], channels: [], notes: [] }],
            procedures: [],
            sample: false,
          },
        ],
      ]),
    } as unknown as NonNullable<typeof snapshot.catalogue.province>;
    const deps = {
      catalogue: {
        current: () => ({ ...snapshot, catalogue: { ...snapshot.catalogue, province } }),
        warnings: () => [],
      },
      health: () => ({ channels: {} }),
      timeZone: TZ,
      now: () => Date.now(),
    } as unknown as Parameters<typeof overviewSource>[0];
    const daily = new DailyMessages(() => 0, deps.now, TZ);
    try {
      const data = await overviewSource(deps, daily)();
      expect(data.due.map((d) => [d.code, d.name])).toContainEqual([
        "1.001193",
        "wards/tan-dinh.overlay.json (thay đổi | change)",
      ]);
    } finally {
      daily.close();
    }
  });
});
