import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { commitImport } from "../../src/dossiers/import/commit.js";
import { openDossiers } from "../../src/dossiers/open.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { createStaffConsole, type StaffConsole } from "../../src/staff/console.js";
import type { ChannelHealthView } from "../../src/staff/deps.js";
import { dossierImport } from "../../src/staff/import-adapter.js";
import { counterLookup } from "../../src/staff/lookup-adapter.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { consoleCatalogue } from "../../src/wiring/staff.js";
import { captureLogs, copyOfBundledData, editJson, tempDir } from "./common.js";

/** The birth registration record; its name is given markup in the copy the console reads. */
export const MARKED_CODE = "1.001193";
export const MARKED_NAME = 'Đăng ký khai sinh <img src=x onerror="alert(1)"><b>đậm</b>';
export const USER = "can.bo";
export const PASSWORD = "Hoa sen nở giữa hồ 2026";
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Test accounts are hashed with a small scrypt cost (N = 2^12) to keep logins fast; the real cost is tested in passwords.test.ts. */
export const TEST_SCRYPT_COST = 2 ** 12;

export interface ConsoleHarness {
  url: string;
  dataDir: string;
  /** The private copy of the catalogue the console reads (tests may break it). */
  catalogueDir: string;
  console: StaffConsole;
  ratings: FileRatingRepository;
  questions: UnansweredQuestionStore;
  /** What the channels report; tests change it. */
  channels: Record<string, ChannelHealthView>;
  logs: string[];
  /** Moves the console's clock (sessions, caches, "today") forward. */
  advance(ms: number): void;
  addRating(rating: Partial<Rating> & Pick<Rating, "key" | "month" | "level">): Promise<void>;
  close(): Promise<void>;
}

/**
 * The console as the service mounts it: real stores in a temp DATA_DIR (dossiers, ratings,
 * questions, accounts, audit), a private copy of the bundled catalogue, served by a node:http
 * server on 127.0.0.1 at a free port. One account (USER / PASSWORD) exists. Unless `markup: false`,
 * the birth registration record's name carries markup (MARKED_NAME), which must show as text. `examples`: at most that
 * many câu mẫu in the copy (common.ts `copyOfBundledData`), for pages no câu mẫu bears on.
 */
export async function startConsole(options: { markup?: boolean; examples?: number } = {}): Promise<ConsoleHarness> {
  const data = await tempDir("motcua-staff-");
  const catalogueCopy = await copyOfBundledData(options.examples === undefined ? {} : { examples: options.examples });
  if (options.markup !== false) {
    await editJson(await findRecord(catalogueCopy.dir, MARKED_CODE), (record) => {
      record.name = MARKED_NAME;
    });
  }
  const catalogue = await LiveCatalogue.open(catalogueCopy.dir);
  // Real time, moved on by `advance` (the console caches its catalogue check for 10 s).
  let offset = 0;
  const now = () => Date.now() + offset;
  const { logger, lines } = captureLogs();
  const dossiers = await openDossiers({ dataDir: data.dir, timeZone: TIME_ZONE, now, fsync: false });
  const ratings = await FileRatingRepository.open(path.join(data.dir, "ratings"), false);
  const questions = await UnansweredQuestionStore.open(data.dir, { fsync: false });
  await saveAccount(data.dir, USER, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date());
  const channels: Record<string, ChannelHealthView> = {
    telegram: { bot: "phuong_bot", mode: "polling", running: true, inFlight: 0, handled: 12, failed: 0, duplicates: 0 },
    zalo: { mode: "polling", polling: false, pollFailures: 4, handled: 3, failed: 1, seenKeys: 0 },
  };
  const staff = createStaffConsole({
    dataDir: data.dir,
    catalogue: consoleCatalogue(catalogue),
    health: () => ({ channels }),
    ratings,
    questions,
    imports: dossierImport({
      catalogue: () => catalogue.current().catalogue,
      now,
      timeZone: TIME_ZONE,
      commit: (preview) =>
        commitImport(preview, { dossiers: dossiers.dossiers, hasher: dossiers.hasher, now, notify: async () => 0 }),
    }),
    lookup: counterLookup({
      dossiers: dossiers.dossiers,
      catalogue: () => catalogue.current().catalogue,
      translator: new Translator(),
      now,
      timeZone: TIME_ZONE,
    }),
    timeZone: TIME_ZONE,
    now,
    logger,
    secureCookies: false,
    fsync: false,
  });
  const server: Server = createServer((req, res) => {
    void staff.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir: data.dir,
    catalogueDir: catalogueCopy.dir,
    console: staff,
    ratings,
    questions,
    channels,
    logs: lines,
    advance(ms) {
      offset += ms;
    },
    async addRating(r) {
      await ratings.save({
        procedureCode: MARKED_CODE,
        scale: 3,
        criteria: {},
        at: Date.parse(`${r.month}-15T03:00:00Z`),
        ...r,
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      staff.close();
      catalogue.close();
      await data.cleanup();
      await catalogueCopy.cleanup();
    },
  };
}

async function findRecord(dir: string, code: string): Promise<string> {
  const { readdir } = await import("node:fs/promises");
  for (const entry of await readdir(path.join(dir, "procedures"), { recursive: true })) {
    if (path.basename(entry).startsWith(`${code}-`)) return path.join(dir, "procedures", entry);
  }
  throw new Error(`no record ${code} in the bundled data`);
}

/** A small HTTP client that keeps cookies like a browser (no redirects followed: tests look at them). */
export class Client {
  readonly cookies = new Map<string, string>();
  /** Set-Cookie headers of the last response, as sent. */
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async request(
    pathname: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; body?: BodyInit } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body = init.body;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(this.base + pathname, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    this.lastSetCookie = response.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(";");
      const eq = (pair ?? "").indexOf("=");
      const name = (pair ?? "").slice(0, eq);
      const value = (pair ?? "").slice(eq + 1);
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The hidden CSRF token of the last form on a page. */
  static csrfOf(page: string): string {
    const match = /name="csrf" value="([^"]+)"/.exec(page);
    if (!match?.[1]) throw new Error("no csrf field on the page");
    return match[1];
  }

  async login(user = USER, password = PASSWORD): Promise<Response> {
    const page = await (await this.request("/staff/login")).text();
    return this.request("/staff/login", { form: { csrf: Client.csrfOf(page), username: user, password } });
  }
}
