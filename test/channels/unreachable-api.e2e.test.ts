/**
 * A well-formed token and a channel API that does not answer (a firewall dropping the traffic):
 * the service says so within one attempt (20 s), keeps retrying with a log line each time, and
 * starts the bot as soon as the API answers — instead of minutes of silence and a failed start.
 * The attempt's deadline and the pauses are shortened here (2 s, 0.5 s): the test waits on them, not on the CPU,
 * and they ran one after another in the slow group for a minute.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createService, type Service } from "../../src/service.js";
import { bundledCatalogue, captureLogs, tempDir } from "../harness/common.js";
import { FAKE_TOKEN, FakeTelegramApi } from "../harness/fake-telegram-api.js";
import { FAKE_TOKEN as ZALO_TOKEN } from "../harness/fake-zalo-api.js";
import { waitUntil } from "../harness/service-harness.js";

/** Holds every request unanswered while `down`; then forwards them to the fake Bot API. */
class Gate {
  down = true;
  private readonly held: ServerResponse[] = [];
  private constructor(
    readonly server: Server,
    readonly target: string,
  ) {}

  static async open(target: string): Promise<Gate> {
    let gate: Gate | undefined;
    const server = createServer((req, res) => void gate?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    gate = new Gate(server, target);
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.down) {
      this.held.push(res);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${this.target}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** One attempt's deadline to reach the API (the service's default is 20 s). */
const REACH_MS = 2_000;

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe("an unreachable channel API", () => {
  it("Telegram: is reported, retried with a log line, and the bot starts once the API answers", {
    timeout: 300_000,
  }, async () => {
    const fake = await FakeTelegramApi.start({ maxPollSeconds: 1 });
    cleanups.push(() => fake.close());
    const gate = await Gate.open(fake.apiRoot);
    cleanups.push(() => gate.close());
    const data = await tempDir();
    cleanups.push(data.cleanup);
    const { logger, lines } = captureLogs();
    const service: Service = await createService(
      loadConfig({ DATA_DIR: data.dir, PORT: "0", TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: gate.url }),
      {
        logger,
        channels: ["telegram"],
        catalogue: await bundledCatalogue(),
        fsync: false,
        schedule: false,
        telegram: { reachTimeoutMs: REACH_MS, retry: { initialMs: 500, maxMs: 2_000 } },
      },
    );
    cleanups.push(() => service.close());

    await service.start(); // returns although Telegram never answered
    const logged = (msg: string) => lines.filter((l) => l.includes(msg));
    expect(logged("telegram API unreachable; retrying in the background")).toHaveLength(1);
    expect(service.health().channels.telegram).toMatchObject({ mode: "polling", running: false });
    expect(lines.join("\n")).not.toContain(FAKE_TOKEN.split(":")[1]);

    gate.down = false;
    await waitUntil(
      () => logged("telegram API reachable again").length === 1,
      120_000,
      "the retry that reaches the API",
    );
    await fake.sendText(42, "/start", { languageCode: "vi" });
    await waitUntil(() => fake.botMessages(42).length > 0, 60_000, "the bot's answer");
    expect(service.health().channels.telegram).toMatchObject({ mode: "polling", running: true });
  });

  it("Zalo: is reported within one attempt and the service starts anyway (polling retries)", {
    timeout: 300_000,
  }, async () => {
    const gate = await Gate.open("http://127.0.0.1:9");
    cleanups.push(() => gate.close());
    const data = await tempDir();
    cleanups.push(data.cleanup);
    const { logger, lines } = captureLogs();
    const service: Service = await createService(
      loadConfig({ DATA_DIR: data.dir, PORT: "0", ZALO_BOT_TOKEN: ZALO_TOKEN, ZALO_API_ROOT: gate.url }),
      {
        logger,
        channels: ["zalo"],
        catalogue: await bundledCatalogue(),
        fsync: false,
        schedule: false,
        zalo: { reachTimeoutMs: REACH_MS },
      },
    );
    cleanups.push(() => service.close());
    await service.start();
    expect(lines.filter((l) => l.includes("zalo API unreachable (getMe failed)"))).toHaveLength(1);
    expect(lines.join("\n")).not.toContain(ZALO_TOKEN.split(":")[1]);
  });
});
