/**
 * The architecture, checked: arrows point down (entry points -> service -> channels -> features
 * -> core -> catalogue/search/dossiers/... -> storage -> util), folders under src/ import each
 * other without cycles, and test/harness, bench/ and src/ depend on each other one way only.
 * The walker is test/harness/import-graph.ts; the rules are data below, one comment each.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./harness/common.js";
import { folderCycles, folderOf, type ImportEdge, importEdges } from "./harness/import-graph.js";

/** Started by a person or a process manager; they may import the composition root. */
const isEntryPoint = (file: string) => file === "main.ts" || file.startsWith("cli/");
/** Where the service is wired: only entry points import these. */
const COMPOSITION_ROOT = new Set(["service.ts", "main.ts", "app.ts"]);
/** Shared by every layer, importing nothing of ours above them (checked by the storage rule's twin below). */
const BASE = new Set(["util", "time", "clock.ts", "logger.ts", "config.ts"]);
/** The channel of a file under channels/<name>/…; undefined for the shared channels/*.ts. */
const channelOf = (file: string) => (file.startsWith("channels/") ? file.split("/").slice(1, -1)[0] : undefined);

interface Rule {
  name: string;
  /** True when the import `from` -> `to` breaks the rule (both relative to src/). */
  breaks: (from: string, to: string) => boolean;
  /**
   * Imports that break it today and are being removed (each says who and why). The test fails
   * when one disappears too, so the list shrinks with the code.
   */
  known: string[];
}

const RULES: Rule[] = [
  {
    // storage is the floor (lowdb files, journals, schema versions): were it to know the core or a
    // feature, a change there would ripple into every file format.
    name: "storage imports nothing above it",
    breaks: (from, to) => folderOf(from) === "storage" && folderOf(to) !== "storage" && !BASE.has(folderOf(to)),
    known: [],
  },
  {
    // The shared helpers under util/ and time/ (and clock, logger, config) sit below everything.
    name: "the base (util, time, clock, logger, config) imports only the base",
    breaks: (from, to) => BASE.has(folderOf(from)) && !BASE.has(folderOf(to)),
    known: [],
  },
  {
    // Telegram, Zalo and the terminal each turn replies into their own messages; what they share
    // lives beside them in channels/*.ts, so one channel can change or go without touching another.
    name: "a channel imports no other channel",
    breaks: (from, to) => {
      const [a, b] = [channelOf(from), channelOf(to)];
      return a !== undefined && b !== undefined && a !== b;
    },
    known: [],
  },
  {
    // One composition root (service.ts) wires everything; code it wires must not reach back for it.
    name: "only entry points (main.ts, cli/) import the composition root",
    breaks: (from, to) => COMPOSITION_ROOT.has(to) && !isEntryPoint(from),
    known: [],
  },
  {
    // Channels and features are plugged in by the composition root; nothing below knows them.
    name: "only the composition root and entry points import channels and features",
    breaks: (from, to) => {
      const target = folderOf(to);
      return (
        (target === "channels" || target === "features") &&
        folderOf(from) !== target &&
        !COMPOSITION_ROOT.has(from) &&
        !isEntryPoint(from)
      );
    },
    known: [],
  },
  {
    // The core is the router features plug into (features -> core, never back), and it speaks
    // through the Reply data type, not a channel.
    name: "the core imports no feature, channel, server or job",
    breaks: (from, to) =>
      folderOf(from) === "core" &&
      ["features", "channels", "server", "notifications", "schedule.ts"].includes(folderOf(to)),
    known: [],
  },
  {
    // Search is a library over procedures: the core asks it, it never asks the core.
    name: "search imports no core, feature or channel",
    breaks: (from, to) => folderOf(from) === "search" && ["core", "features", "channels"].includes(folderOf(to)),
    known: [],
  },
];

/**
 * Folder cycles that exist and are being removed (each with who and why): none left. The test
 * asserts this is exactly what exists, so a new cycle fails it.
 */
const KNOWN_CYCLES: string[] = [];

function violations(edges: readonly ImportEdge[], rule: Rule): string[] {
  return edges
    .filter((e) => !e.to.startsWith("../") && rule.breaks(e.from, e.to))
    .map((e) => `${e.from} -> ${e.to}`)
    .filter((v, i, all) => all.indexOf(v) === i);
}

const SRC = path.join(ROOT, "src");

describe("the import graph of src/", () => {
  const edges = importEdges(SRC);

  it("finds the imports (sanity: the walker sees the composition root's)", () => {
    expect(edges.some((e) => e.from === "main.ts" && e.to === "service.ts")).toBe(true);
    expect(edges.length).toBeGreaterThan(100);
  });

  it("has exactly the known folder cycles", () => {
    const cycles = folderCycles(edges);
    const report = cycles.map((c) => `${c.cycle}\n    ${c.imports.join("\n    ")}`).join("\n");
    expect(
      cycles.map((c) => c.cycle),
      `folder cycles in src/:\n${report}`,
    ).toEqual(KNOWN_CYCLES);
  });

  it.each(RULES.map((rule) => [rule.name, rule] as const))("%s", (_name, rule) => {
    expect(violations(edges, rule)).toEqual(rule.known);
  });

  it("imports nothing from outside src/ (no test, bench or harness code in the product)", () => {
    expect(edges.filter((e) => e.to.startsWith("../")).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});

describe("tests, harness and benches depend one way: tests and bench -> test/harness -> src", () => {
  it("test/harness imports only src/ and itself", () => {
    const outside = importEdges(path.join(ROOT, "test/harness")).filter(
      (e) => e.to.startsWith("../") && !e.to.startsWith("../../src/"),
    );
    expect(outside.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("bench/ imports src/ and test/harness only, and no test imports a bench", () => {
    const bench = importEdges(path.join(ROOT, "bench")).filter(
      (e) => e.to.startsWith("../") && !e.to.startsWith("../src/") && !e.to.startsWith("../test/harness/"),
    );
    const tests = importEdges(path.join(ROOT, "test")).filter((e) => e.to.startsWith("../bench/"));
    expect([...bench, ...tests].map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});

describe("the checks themselves, on a small tree with planted faults", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function tree(files: Record<string, string>): Promise<string> {
    const { dir, cleanup } = await tempDir("motcua-arch-");
    cleanups.push(cleanup);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it("reads every form of import and export-from, and not those in comments", async () => {
    const root = await tree({
      "a/x.ts": [
        'import { b } from "../b/b.js";',
        'import type { C } from "../c/index.js";',
        'export { d } from "../d/d.js";',
        "import {\n  e,\n  f,\n} from '../e/e.js';",
        'const g = await import("../g/g.js");',
        'import "../h/h.js";',
        '// import { no } from "../n/n.js";',
        '/* export { no } from "../n/n.js"; */',
        'import { ext } from "zod";',
      ].join("\n"),
      "b/b.ts": "",
      "c/index.ts": "",
      "d/d.ts": "",
      "e/e.ts": "",
      "g/g.ts": "",
      "h/h.ts": "",
      "n/n.ts": "",
    });
    expect(
      importEdges(root)
        .map((e) => e.to)
        .sort(),
    ).toEqual(["b/b.ts", "c/index.ts", "d/d.ts", "e/e.ts", "g/g.ts", "h/h.ts"]);
  });

  it("reports a planted folder cycle with the imports that close it", async () => {
    const root = await tree({
      "dossiers/open.ts": 'import { notify } from "../notifications/notify.js";',
      "notifications/notify.ts": 'import { rate } from "../ratings/flow.js";',
      "ratings/flow.ts": 'import type { Dossier } from "../dossiers/open.js";',
      "search/index.ts": 'import { x } from "../storage/x.js";',
      "storage/x.ts": "",
    });
    expect(folderCycles(importEdges(root))).toEqual([
      {
        cycle: "dossiers <-> notifications <-> ratings",
        imports: [
          "dossiers/open.ts -> notifications/notify.ts",
          "notifications/notify.ts -> ratings/flow.ts",
          "ratings/flow.ts -> dossiers/open.ts",
        ],
      },
    ]);
  });

  it("catches each kind of upward arrow when planted", async () => {
    const root = await tree({
      "storage/db.ts": 'import { T } from "../core/types.js";',
      "util/queue.ts": 'import { db } from "../storage/db.js";',
      "channels/telegram/bot.ts": 'import { render } from "../zalo/render.js";\nimport { x } from "../text.js";',
      "channels/zalo/render.ts": "",
      "channels/text.ts": "",
      "core/types.ts": 'import { s } from "../service.js";',
      "core/router.ts": 'import { http } from "../server/http.js";',
      "server/http.ts": "",
      "dossiers/open.ts": 'import { f } from "../features/dossiers.js";',
      "features/dossiers.ts": 'import { T } from "../core/types.js";',
      "search/index.ts": 'import { T } from "../core/types.js";',
      "service.ts": 'import { bot } from "./channels/telegram/bot.js";\nimport { f } from "./features/dossiers.js";',
      "main.ts": 'import { s } from "./service.js";',
      "cli/chat.ts": 'import { s } from "../service.js";',
    });
    const edges = importEdges(root);
    const found = Object.fromEntries(RULES.map((rule) => [rule.name, violations(edges, rule)]));
    // Every rule catches its plant, and only it: service.ts, main.ts and cli/ wire things legally.
    expect(found).toEqual({
      "storage imports nothing above it": ["storage/db.ts -> core/types.ts"],
      "the base (util, time, clock, logger, config) imports only the base": ["util/queue.ts -> storage/db.ts"],
      "a channel imports no other channel": ["channels/telegram/bot.ts -> channels/zalo/render.ts"],
      "only entry points (main.ts, cli/) import the composition root": ["core/types.ts -> service.ts"],
      "only the composition root and entry points import channels and features": [
        "dossiers/open.ts -> features/dossiers.ts",
      ],
      "the core imports no feature, channel, server or job": ["core/router.ts -> server/http.ts"],
      "search imports no core, feature or channel": ["search/index.ts -> core/types.ts"],
    });
  });
});
