/**
 * What the câu mẫu replica tests share (test/staff/examples-replicas.postgres.test.ts,
 * test/replicas/examples-unrecorded.postgres.test.ts): services (createService) on one throwaway PostgreSQL, their
 * catalogue watchers off, so nothing but the replicas' own word carries a change; a staff client; a TCP proxy in
 * front of the database that can go away.
 */
import { readFile } from "node:fs/promises";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect } from "vitest";
import { EXAMPLES_FILE, type ExamplesFile, sameTextKey } from "../../src/catalogue/examples.js";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { ExamplesFileEditor } from "../../src/staff/examples-file.js";
import { ExamplesSync } from "../../src/staff/examples-sync.js";
import type { ExampleActor } from "../../src/staff/examples-unrecorded.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { captureLogs, copyOfBundledData, tempDir } from "../harness/common.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";
import { Client, PASSWORD, TEST_SCRYPT_COST } from "../harness/staff.js";

export const BIRTH = "1.001193";
export const MARRIAGE = "1.000894";
export const ADMIN = "quan.tri";

/**
 * A throwaway PostgreSQL cluster for the calling test file: started before its tests and stopped after them, once the
 * `cleanups` its tests pushed have run (newest first); with the replica helpers over it.
 */
export function examplesReplicasOnOwnCluster() {
  let server: TestPostgres | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 180_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server?.stop();
  }, 120_000);
  const cluster = () => server as TestPostgres;
  return { cluster, cleanups, ...examplesReplicas(cluster, cleanups) };
}

/** The set-up of one test file: its server and what to undo after its tests (in reverse). */
export function examplesReplicas(server: () => TestPostgres, cleanups: (() => Promise<void>)[]) {
  /** A new database, migrated, with the province administrator's account. */
  async function newDatabase(): Promise<string> {
    const url = await server().database();
    const setup = createPool(url, { max: 1 });
    try {
      await migrate(setup);
      await saveAccount("/nonexistent", ADMIN, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date(), setup);
    } finally {
      await setup.end();
    }
    return url;
  }

  /** A catalogue folder of its own (2,000 of the câu mẫu: every replica's copy the same), removed after the tests. */
  async function catalogueCopy(): Promise<string> {
    const copy = await copyOfBundledData({ examples: 2000 });
    cleanups.push(copy.cleanup);
    return copy.dir;
  }

  /** A data folder (DATA_DIR) of its own, removed after the tests: one replica's, kept across its restarts. */
  async function dataDir(): Promise<string> {
    const data = await tempDir("motcua-examples-replica-");
    cleanups.push(data.cleanup);
    return data.dir;
  }

  /**
   * One replica (createService, started) on `url` reading `catalogueDir`, its watcher off: it learns of another
   * replica's change from the replicas' own word only. `staff: false` is a bot-only replica (STAFF_CONSOLE=off);
   * `data`: its DATA_DIR (a restart reuses it), else a new one.
   */
  async function replica(
    url: string,
    catalogueDir: string,
    {
      staff = true,
      logs = captureLogs(),
      data,
    }: { staff?: boolean; logs?: ReturnType<typeof captureLogs>; data?: string } = {},
  ): Promise<Service> {
    const service = await createService(
      loadConfig({
        DATA_DIR: data ?? (await dataDir()),
        CATALOGUE_DIR: catalogueDir,
        DATABASE_URL: url,
        PORT: "0",
        PHONE_HASH_KEY: "khoa-bam-chung-cua-moi-ban-sao-0123456789",
      }),
      {
        logger: logs.logger,
        fsync: false,
        channels: [],
        schedule: false,
        listen: staff,
        staff,
        watchCatalogue: false,
      },
    );
    cleanups.push(() => service.close());
    await service.start();
    return service;
  }

  /** A console replica with an administrator signed in, on a new database and a catalogue copy of its own. */
  async function consoleReplica(): Promise<{ url: string; dir: string; service: Service; client: Client }> {
    const url = await newDatabase();
    const dir = await catalogueCopy();
    const service = await replica(url, dir);
    const client = new Client(base(service));
    expect((await client.login(ADMIN)).status).toBe(303);
    return { url, dir, service, client };
  }

  /**
   * A TCP proxy in front of the test database, for a replica whose database goes away: `cut()` ends every
   * connection through it and refuses new ones (the database stopped, the network away), `mend()` lets them through
   * again; `cutAt(words)` cuts at the moment a statement holding `words` is sent (before it reaches the database),
   * `refuse(words)` ends only the connection that sends such a statement (each time, until `mend()`);
   * `freeze()` keeps every connection open but carries nothing either way, new ones included (a host gone without a
   * word: a half-open connection), until `mend()`.
   */
  async function databaseProxy(url: string) {
    const target = new URL(url);
    const host = target.searchParams.get("host") ?? target.hostname;
    const port = Number(target.searchParams.get("port") ?? (target.port || 5432));
    const to = host.startsWith("/") ? { path: path.join(host, `.s.PGSQL.${port}`) } : { host, port };
    let down = false;
    let cutAt: string | undefined;
    let refused: string | undefined;
    let frozen = false;
    const open = new Set<Socket>();
    const cut = () => {
      down = true;
      for (const socket of open) socket.destroy();
    };
    const proxy = createServer((client) => {
      if (down) return void client.destroy();
      const upstream = connect(to);
      for (const socket of [client, upstream]) {
        open.add(socket);
        socket.on("close", () => {
          open.delete(socket);
          (socket === client ? upstream : client).destroy();
        });
        socket.on("error", () => undefined);
      }
      // The last bytes sent, so words split across two packets are seen too (only words that end in the new ones).
      let tail = "";
      client.on("data", (chunk: Buffer) => {
        const seen = tail + chunk.toString("latin1");
        const old = tail.length;
        const sent = (words: string | undefined) =>
          words !== undefined && seen.indexOf(words, Math.max(0, old - words.length + 1)) >= 0;
        tail = seen.slice(-200);
        if (sent(cutAt)) {
          cutAt = undefined;
          return cut();
        }
        if (sent(refused)) return void client.destroy();
        if (!frozen) upstream.write(chunk);
      });
      upstream.on("data", (chunk: Buffer) => {
        if (!frozen) client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxied = new URL(url);
    proxied.searchParams.delete("host");
    proxied.searchParams.delete("port");
    proxied.hostname = "127.0.0.1";
    proxied.port = String((proxy.address() as AddressInfo).port);
    const handle = {
      url: proxied.toString(),
      cut,
      cutAt(words: string) {
        cutAt = words;
      },
      refuse(words: string) {
        refused = words;
      },
      freeze() {
        frozen = true;
      },
      mend() {
        down = false;
        frozen = false;
        cutAt = undefined;
        refused = undefined;
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of open) socket.destroy();
          proxy.close(() => resolve());
        }),
    };
    cleanups.push(handle.close);
    return handle;
  }

  /**
   * A câu mẫu sync of its own (as src/wiring/examples.ts opens one) on catalogue folder `dir`, through `pool`; no poll.
   * `now`: its clock (a change begun long ago); `graceMs`: how old another process's change being recorded must be.
   */
  async function syncOn(
    pool: Pool,
    dir: string,
    origin: string,
    { graceMs, now = Date.now }: { graceMs?: number; now?: () => number } = {},
  ) {
    const file = new ExamplesFileEditor(dir, false);
    const logs = captureLogs();
    const content = JSON.parse(await readFile(path.join(dir, EXAMPLES_FILE), "utf8")) as ExamplesFile;
    const known = new Set([BIRTH, MARRIAGE, ...content.examples.map((e) => e.code)]);
    const sync = await ExamplesSync.open(pool, {
      file,
      reload: async () => true,
      served: () => [],
      knownCodes: () => known,
      logger: logs.logger,
      now,
      origin,
      pollMs: 0,
      fsync: false,
      retry: { initialMs: 50, maxMs: 200 },
      reconnect: { initialMs: 50, maxMs: 200 },
      graceMs,
    });
    cleanups.push(() => sync.close());
    /**
     * Saves a label as the console does: held apart, written, then announced; resolves to what `done` says. With
     * `actor`, the console's word of who makes it (and the label's source names them).
     */
    const save = async (text: string, code: string, actor?: ExampleActor) => {
      const done = sync.changing(text, actor);
      try {
        const example = await file.add({ text, code }, actor?.user ?? ADMIN, "2026-12-02", known);
        return await done({ kind: "add", example });
      } finally {
        await done();
      }
    };
    /** Deletes a text's staff labels as the console does. */
    const remove = async (text: string, actor?: ExampleActor) => {
      const done = sync.changing(text, actor);
      try {
        await file.remove(text, known);
        return await done({ kind: "remove", text });
      } finally {
        await done();
      }
    };
    return { sync, save, remove, logs, file, known };
  }

  /** A pool straight to the database and one through a TCP proxy in front of it. */
  async function pools(url: string) {
    const proxy = await databaseProxy(url);
    const viaProxy = createPool(proxy.url, { max: 4 });
    const direct = createPool(url, { max: 4 });
    cleanups.push(
      () => viaProxy.end(),
      () => direct.end(),
    );
    return { proxy, viaProxy, direct };
  }

  return { newDatabase, catalogueCopy, dataDir, replica, consoleReplica, databaseProxy, syncOn, pools };
}

export const base = (service: Service) => `http://127.0.0.1:${service.address?.port}`;

export function sameBrowserOn(client: Client, url: string): Client {
  const other = new Client(url);
  for (const [name, value] of client.cookies) other.cookies.set(name, value);
  return other;
}

/** What a replica answers a question with: the code, when it answers one. */
export function answer(service: Service, text: string): string | undefined {
  const outcome = service.catalogue.current().search.search(text);
  return outcome.decision === "answer" ? outcome.hits[0]?.procedure.code : undefined;
}

/** The staff labels of a text in a catalogue folder's examples.json. */
export async function staffLabels(dir: string, text: string): Promise<ExamplesFile["examples"]> {
  const content = JSON.parse(await readFile(path.join(dir, EXAMPLES_FILE), "utf8")) as ExamplesFile;
  return content.examples.filter((e) => e.source.startsWith("nhân viên ") && sameTextKey(e.text) === sameTextKey(text));
}

/** Waits (up to `ms`, 10 s) until `check` holds; a replica's word travels through the database, not at once. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (await check()) return true;
  return check();
}

/** Labels a text through the console (the form the unanswered questions page opens, then its post). */
export async function label(client: Client, text: string, code: string): Promise<Response> {
  const form = await client.request(`/staff/questions/label?text=${encodeURIComponent(text)}`);
  return client.request("/staff/examples", { form: { csrf: Client.csrfOf(await form.text()), text, code } });
}

/** Deletes a text's label through the console (the button, then its confirmation). */
export async function deleteLabel(client: Client, text: string): Promise<Response> {
  const csrf = Client.csrfOf(await (await client.request("/staff/examples")).text());
  const asked = await client.request("/staff/examples/delete", { form: { csrf, text } });
  expect(asked.status).toBe(200);
  return client.request("/staff/examples/delete", { form: { csrf, text, confirm: "yes" } });
}
