/**
 * Câu mẫu on several replicas (review item 4): two services (createService, as the replicas tests build them) on
 * one throwaway PostgreSQL, their catalogue watchers off, so nothing but the replicas' own word carries a change.
 * A label saved through one replica's console over HTTP is served by the other at once, and a deletion too:
 * - each with a copy of the catalogue of its own: the other writes the same label into its copy;
 * - both on one shared catalogue folder (NFS, say, where a watcher may never hear of another machine's write):
 *   the other reloads the file written already, and does not write it again.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_FILE, type ExamplesFile, sameTextKey } from "../../src/catalogue/examples.js";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { createPool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { captureLogs, copyOfBundledData, tempDir } from "../harness/common.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";
import { Client, PASSWORD, TEST_SCRYPT_COST } from "../harness/staff.js";

const BIRTH = "1.001193";
const MARRIAGE = "1.000894";
const ADMIN = "quan.tri";

let server: TestPostgres | undefined;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server?.stop();
}, 120_000);

/** Two services on one new database; `shared`: one catalogue folder for both, else a copy each. */
async function twoReplicas(shared: boolean): Promise<{ services: [Service, Service]; dirs: [string, string] }> {
  const url = await (server as TestPostgres).database();
  const setup = createPool(url, { max: 1 });
  try {
    await migrate(setup);
    await saveAccount("/nonexistent", ADMIN, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date(), setup);
  } finally {
    await setup.end();
  }
  const first = await copyOfBundledData();
  cleanups.push(first.cleanup);
  const second = shared ? first : await copyOfBundledData();
  if (!shared) cleanups.push(second.cleanup);
  const services: Service[] = [];
  for (const dir of [first.dir, second.dir]) {
    const data = await tempDir("motcua-examples-replica-");
    cleanups.push(data.cleanup);
    const service = await createService(
      loadConfig({
        DATA_DIR: data.dir,
        CATALOGUE_DIR: dir,
        DATABASE_URL: url,
        PORT: "0",
        PHONE_HASH_KEY: "khoa-bam-chung-cua-moi-ban-sao-0123456789",
      }),
      {
        logger: captureLogs().logger,
        fsync: false,
        channels: [],
        schedule: false,
        listen: true,
        staff: true,
        // Off: the other replica learns of a change from the replicas' own word only.
        watchCatalogue: false,
      },
    );
    cleanups.push(() => service.close());
    await service.start();
    services.push(service);
  }
  return { services: services as [Service, Service], dirs: [first.dir, second.dir] };
}

const base = (service: Service) => `http://127.0.0.1:${service.address?.port}`;

function sameBrowserOn(client: Client, url: string): Client {
  const other = new Client(url);
  for (const [name, value] of client.cookies) other.cookies.set(name, value);
  return other;
}

/** What a replica answers a question with: the code, when it answers one. */
function answer(service: Service, text: string): string | undefined {
  const outcome = service.catalogue.current().search.search(text);
  return outcome.decision === "answer" ? outcome.hits[0]?.procedure.code : undefined;
}

/** The staff labels of a text in a catalogue folder's examples.json. */
async function staffLabels(dir: string, text: string): Promise<ExamplesFile["examples"]> {
  const content = JSON.parse(await readFile(path.join(dir, EXAMPLES_FILE), "utf8")) as ExamplesFile;
  return content.examples.filter((e) => e.source.startsWith("nhân viên ") && sameTextKey(e.text) === sameTextKey(text));
}

/** Waits (up to 10 s) until `check` holds; a replica's word travels through the database, not at once. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
}

async function label(client: Client, text: string, code: string): Promise<Response> {
  const form = await client.request(`/staff/questions/label?text=${encodeURIComponent(text)}`);
  return client.request("/staff/examples", { form: { csrf: Client.csrfOf(await form.text()), text, code } });
}

async function deleteLabel(client: Client, text: string): Promise<Response> {
  const csrf = Client.csrfOf(await (await client.request("/staff/examples")).text());
  const asked = await client.request("/staff/examples/delete", { form: { csrf, text } });
  expect(asked.status).toBe(200);
  return client.request("/staff/examples/delete", { form: { csrf, text, confirm: "yes" } });
}

describe("câu mẫu saved or deleted on one replica are served by every replica", () => {
  it("each with a catalogue copy of its own: the other writes the label into its copy and answers with it", async () => {
    const { services, dirs } = await twoReplicas(false);
    const [one, two] = services;
    const text = "nhà em vừa có em bé thì đi đâu làm giấy";
    expect(answer(one, text)).toBeUndefined();
    expect(answer(two, text)).toBeUndefined();

    const onOne = new Client(base(one));
    expect((await onOne.login(ADMIN)).status).toBe(303);
    expect((await label(onOne, text, MARRIAGE)).status).toBe(200);
    expect(answer(one, text)).toBe(MARRIAGE);
    expect(await eventually(() => answer(two, text) === MARRIAGE)).toBe(true);
    // The same label in both copies, as made on the first (who and when included).
    const made = await staffLabels(dirs[0], text);
    expect(made).toHaveLength(1);
    expect(await staffLabels(dirs[1], text)).toEqual(made);
    const onTwo = sameBrowserOn(onOne, base(two));
    const page = await (await onTwo.request("/staff/examples")).text();
    expect(page).toContain(text);

    // Labelled again on the second replica: the first follows.
    expect((await label(onTwo, text, BIRTH)).status).toBe(200);
    expect(await eventually(() => answer(one, text) === BIRTH)).toBe(true);
    expect((await staffLabels(dirs[0], text)).map((e) => e.code)).toEqual([BIRTH]);

    // Deleted on the first: neither answers it from the label any more, neither copy holds it.
    expect((await deleteLabel(onOne, text)).status).toBe(200);
    expect(answer(one, text)).toBeUndefined();
    expect(await eventually(() => answer(two, text) === undefined)).toBe(true);
    expect(await staffLabels(dirs[1], text)).toEqual([]);
    expect(await staffLabels(dirs[0], text)).toEqual([]);

    // One text labelled on both at the same moment, differently: both end with the same label (the later one),
    // not each with the other's.
    const both = "bé nhà em mới sinh thì làm giấy tờ gì";
    for (let round = 0; round < 4; round++) {
      const [a, b] = await Promise.all([label(onOne, both, round % 2 ? BIRTH : MARRIAGE), label(onTwo, both, "none")]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const alike = async () => {
        const [x, y] = [await staffLabels(dirs[0], both), await staffLabels(dirs[1], both)];
        return x.length === 1 && JSON.stringify(x) === JSON.stringify(y);
      };
      expect(await eventually(alike), `round ${round}`).toBe(true);
      await sleep(300);
      expect(await alike(), `round ${round}, settled`).toBe(true);
      const served = (service: Service) =>
        service.catalogue.current().catalogue.examples.filter((e) => sameTextKey(e.text) === sameTextKey(both));
      expect(await eventually(() => JSON.stringify(served(one)) === JSON.stringify(served(two)))).toBe(true);
    }
  });

  it("on one shared catalogue folder: the other reloads the file written already, without writing it again", async () => {
    const { services, dirs } = await twoReplicas(true);
    const [one, two] = services;
    expect(dirs[0]).toBe(dirs[1]);
    const text = "cho em hỏi giấy tờ khi bé nhà em mới chào đời";
    expect(answer(two, text)).toBeUndefined();
    const onOne = new Client(base(one));
    expect((await onOne.login(ADMIN)).status).toBe(303);
    expect((await label(onOne, text, MARRIAGE)).status).toBe(200);
    const written = await stat(path.join(dirs[0], EXAMPLES_FILE));
    expect(await eventually(() => answer(two, text) === MARRIAGE)).toBe(true);
    expect(two.catalogue.current().catalogue.version).toBe(one.catalogue.current().catalogue.version);
    // Not rewritten by the second replica (an atomic rewrite would be a new inode).
    await sleep(200);
    const after = await stat(path.join(dirs[0], EXAMPLES_FILE));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

    expect((await deleteLabel(sameBrowserOn(onOne, base(two)), text)).status).toBe(200);
    expect(await eventually(() => answer(one, text) === undefined)).toBe(true);
    expect(await staffLabels(dirs[0], text)).toEqual([]);
  });
});
