/** Bugs the reliability runs found, pinned where they lived. */
import { connect } from "node:net";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { MemoryConversationStore } from "../../src/core/types.js";
import { findCodeKeys, MAX_SCAN_CHARS } from "../../src/dossiers/code.js";
import { createAssistant } from "../../src/features/index.js";
import { words } from "../../src/search/normalize.js";
import { HttpServer } from "../../src/server/http.js";
import { bundledCatalogue } from "../harness/common.js";

describe("words typed that name Object.prototype's members", () => {
  it("stay words", () => {
    for (const w of words("constructor __proto__ toString hasOwnProperty valueOf")) {
      expect(typeof w.token).toBe("string");
    }
  });

  it("are answered, as text and as commands", async () => {
    const assistant = createAssistant({
      catalogue: await bundledCatalogue(),
      conversations: new MemoryConversationStore(),
      features: [{ name: "x", commands: { hoso: async () => [{ text: "hồ sơ" }] } }],
    });
    for (const text of ["constructor", "constructor prototype", "/constructor", "/__proto__", "/hasOwnProperty"]) {
      const replies = await assistant.handle("test:1", { kind: "text", text });
      expect(replies.length, text).toBeGreaterThan(0);
      expect(replies[0]?.text, text).toEqual(expect.any(String));
    }
  });
});

describe("dossier codes in a huge message", () => {
  it("are looked for in its first characters only, so 60,000 characters of digits cost no seconds", () => {
    for (const text of ["1 ".repeat(30_000), "1".repeat(60_000), "1.".repeat(30_000), "A1 ".repeat(20_000)]) {
      expect(findCodeKeys(text)).toEqual([]);
    }
    expect(findCodeKeys(`hồ sơ 000.31.20.H49-251103-0012, ${"1 ".repeat(30_000)}`)).toContain("0003120H49-251103-0012");
    // The bound itself, without a clock: a code past the first MAX_SCAN_CHARS characters is not seen.
    const filler = "x ".repeat(MAX_SCAN_CHARS);
    expect(findCodeKeys(`${filler}hồ sơ 000.31.20.H49-251103-0012`)).toEqual([]);
  });
});

describe("a client hanging up mid-body", () => {
  it("is not an unhandled rejection, and the server goes on", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    const server = new HttpServer(pino({ level: "silent" }), () => ({}));
    let handled = 0;
    server.route("POST", "/hook", () => {
      handled++;
      return { status: 200 };
    });
    const { port } = await server.listen(0);
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write('POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"upd');
          setTimeout(() => socket.destroy(), 30);
        });
        socket.on("close", () => resolve());
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
      expect(handled).toBe(0);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      process.off("unhandledRejection", onRejection);
      await server.close();
    }
  });
});
