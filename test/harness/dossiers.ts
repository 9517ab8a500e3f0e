import { loadConfig } from "../../src/config.js";
import type { Assistant } from "../../src/core/assistant.js";
import type { Reply, Sender } from "../../src/core/types.js";
import { COLUMNS, readExport } from "../../src/dossiers/records.js";
import { createService, type DossierOperations, type Service, type ServiceHealth } from "../../src/service.js";
import { bundledCatalogue, captureLogs, tempDir as sharedTempDir } from "./common.js";

export const tempDir = () => sharedTempDir("motcua-dossiers-");

/** Wall-clock times are written in Vietnam's zone: at("2025-11-03 09:00") is 9 a.m. in Hà Nội. */
export function at(local: string): number {
  return Date.parse(`${local.replace(" ", "T")}:00+07:00`);
}

export class Clock {
  constructor(public t: number) {}
  now = () => this.t;
  set(local: string): void {
    this.t = at(local);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class RecordingSender implements Sender {
  readonly sent: { chatKey: string; replies: Reply[] }[] = [];
  failures = 0;
  constructor(readonly channel = "telegram") {}
  async send(chatKey: string, replies: Reply[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("network down");
    }
    this.sent.push({ chatKey, replies });
  }
  texts(chatKey?: string): string[] {
    return this.sent
      .filter((s) => !chatKey || s.chatKey === chatKey)
      .map((s) => s.replies.map((r) => r.text).join("\n"));
  }
}

export { bundledCatalogue, captureLogs };

/** The data-directory operations of the service, with its storage counts and its stop. */
export interface Dossiers extends DossierOperations {
  state(): NonNullable<ServiceHealth["storage"]>;
  stop(): Promise<void>;
}

export interface Harness {
  service: Service;
  dossiers: Dossiers;
  assistant: Assistant;
  sender: RecordingSender;
  logs: string[];
  /** Sends a message as a chat; returns the replies' texts joined. */
  say(chatKey: string, text: string): Promise<Reply[]>;
  pick(chatKey: string, id: string): Promise<Reply[]>;
  import(rows: Record<string, string>[]): ReturnType<Dossiers["importRows"]>;
}

export async function openHarness(
  dir: string,
  clock: Clock,
  env: Record<string, string> = {},
  sender = new RecordingSender(),
  otherSenders: Sender[] = [],
): Promise<Harness> {
  const { logger, lines } = captureLogs();
  const config = loadConfig({ DATA_DIR: dir, ...env });
  // The whole service, as production builds it, minus channels, listening and timers: the
  // tests run the jobs by hand (flushOutbox, remindPendingPickups) on their own clock.
  const service = await createService(config, {
    logger,
    clock,
    fsync: false,
    random: () => 0.5,
    channels: [],
    schedule: false,
    catalogue: await bundledCatalogue(),
    senders: [sender, ...otherSenders],
  });
  const operations = service.dossiers;
  if (!operations) throw new Error("the service opened no data directory");
  const dossiers: Dossiers = {
    ...operations,
    state: () => service.health().storage ?? fail("no storage"),
    stop: service.close,
  };
  const { assistant } = service;
  return {
    service,
    dossiers,
    assistant,
    sender,
    logs: lines,
    say: (chatKey, text) => assistant.handle(chatKey, { kind: "text", text }),
    pick: (chatKey, id) => assistant.handle(chatKey, { kind: "choice", id }),
    import: (rows) => dossiers.importRows(rowsOf(rows)),
  };
}

export function rowsOf(rows: Record<string, string>[]) {
  const parsed = readExport(toCsv(rows), "csv");
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rows;
}

export function toCsv(rows: Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => quote(r[c] ?? "")).join(","))].join("\n");
}

/** A dossier as the one-stop system exports it (birth registration, in progress). */
export function dossier(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    code: "000.31.20.H49-251103-0012",
    procedure_code: "1.001193",
    applicant_name: "Nguyễn Văn An",
    phone: "0912 345 678",
    received_at: "03/11/2025",
    due_at: "2025-11-05",
    status: "4",
    status_note: "",
    office: "ubnd",
    ...overrides,
  };
}

export function text(replies: Reply[]): string {
  return replies.map((r) => r.text).join("\n");
}

export function choiceIds(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
}

function fail(message: string): never {
  throw new Error(message);
}
