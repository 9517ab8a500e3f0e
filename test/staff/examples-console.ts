/**
 * The staff console able to label câu mẫu, as the service wires it (the catalogue's folder and its
 * reload), beside the bot that counts what it cannot answer: a private copy of the bundled
 * catalogue (2,000 of its câu mẫu, so each reload takes about a second), a temp DATA_DIR, real stores, served on 127.0.0.1 at a free port. Two accounts: USER
 * (administrator) and WARD_USER (a ward's staff).
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { EXAMPLES_FILE, type ExamplesFile, sameTextKey } from "../../src/catalogue/examples.js";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { saveAccount } from "../../src/staff/accounts.js";
import { createStaffConsole, type StaffConsole } from "../../src/staff/console.js";
import type { StaffConsoleDeps } from "../../src/staff/deps.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { consoleCatalogue } from "../../src/wiring/staff.js";
import { captureLogs, copyOfBundledData, tempDir } from "../harness/common.js";
import { PASSWORD, TEST_SCRYPT_COST, USER } from "../harness/staff.js";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";
export const WARD_USER = "can.bo.phuong";
export const BIRTH = "1.001193";
export const MARRIAGE = "1.000894";
/** Not found by the search on the bundled catalogue (the tests check it first, they do not assume it). */
export const QUESTION = "bé nhà mình mới chào đời cần làm giấy gì";

export interface ExamplesConsole {
  base: string;
  catalogueDir: string;
  dataDir: string;
  catalogue: LiveCatalogue;
  questions: UnansweredQuestionStore;
  logs: string[];
  /** A new chat with the bot as the service builds it (unanswered questions counted in `questions`). */
  chat(): (text: string) => ReturnType<ReturnType<typeof createAssistant>["handle"]>;
  /** The staff labels of a text in the file on disk. */
  staffEntries(text: string): Promise<ExamplesFile["examples"]>;
  /** The serving catalogue's examples of a text. */
  served(text: string): ExamplesFile["examples"];
  close(): Promise<void>;
}

/** `catalogueDeps`: how the console sees the catalogue (default: as the service wires it, able to label). */
export async function startExamplesConsole(
  catalogueDeps?: (catalogue: LiveCatalogue) => StaffConsoleDeps["catalogue"],
): Promise<ExamplesConsole> {
  const data = await tempDir("motcua-staff-examples-");
  const copy = await copyOfBundledData({ examples: 2000 });
  const catalogue = await LiveCatalogue.open(copy.dir);
  const questions = await UnansweredQuestionStore.open(data.dir, { fsync: false });
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT_COST);
  await saveAccount(data.dir, USER, hash, new Date());
  await saveAccount(data.dir, WARD_USER, hash, new Date(), undefined, { kind: "ward", ward: "ben-nghe" });
  const { logger, lines } = captureLogs();
  const staff: StaffConsole = createStaffConsole({
    dataDir: data.dir,
    catalogue: catalogueDeps ? catalogueDeps(catalogue) : consoleCatalogue(catalogue),
    health: () => ({ channels: {} }),
    questions,
    timeZone: TIME_ZONE,
    now: Date.now,
    logger,
    secureCookies: false,
    fsync: false,
  });
  const server: Server = createServer((req, res) => {
    void staff.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const file = path.join(copy.dir, EXAMPLES_FILE);
  const same = (a: string, b: string) => sameTextKey(a) === sameTextKey(b);
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    catalogueDir: copy.dir,
    dataDir: data.dir,
    catalogue,
    questions,
    logs: lines,
    chat() {
      const assistant = createAssistant({
        catalogue,
        conversations: new MemoryConversationStore(),
        unanswered: questions,
      });
      return (text) => assistant.handle("telegram:7", { kind: "text", text });
    },
    async staffEntries(text) {
      const content = JSON.parse(await readFile(file, "utf8")) as ExamplesFile;
      return content.examples.filter((e) => e.source.startsWith("nhân viên ") && same(e.text, text));
    },
    served: (text) => catalogue.current().catalogue.examples.filter((e) => same(e.text, text)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      staff.close();
      await catalogue.close();
      await data.cleanup();
      await copy.cleanup();
    },
  };
}

/** The procedure code a reply answers, from its title line ("(mã 1.001193)"). */
export const codeOf = (text: string | undefined) => /\((?:mã|code) ([0-9.]+)\)/.exec(text ?? "")?.[1];

/** Waits until the bot's count of a question reached the store (the bot does not wait for it). */
export async function counted(questions: UnansweredQuestionStore, text: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if ((await questions.list()).some((q) => q.text === text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
