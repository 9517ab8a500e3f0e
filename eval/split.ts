/**
 * Splits the labelled evaluation set into a tuning part and a held-out part, once and for good.
 *
 *   npx tsx eval/split.ts                 re-derive both parts from their union and check every label
 *   npx tsx eval/split.ts check           only check: labels well formed, every item in its part
 *   npx tsx eval/split.ts stats           counts per part (style, length, intent, kind)
 *   npx tsx eval/split.ts add new.tsv     give new messages ids, then re-derive (new.tsv: query, expected,
 *                                          intent, style, oos, topic; header line required)
 *   npx tsx eval/split.ts add-conv new.jsonl   the same for conversations
 *
 * Why blocks of five: within each stratum (in-scope style, or out-of-scope kind; long messages apart),
 * items are taken in id order, five at a time, and a permutation drawn from the fixed seed puts three
 * of each block in tuning and two in held-out. An item's part depends only on its stratum and its rank
 * there, so appending new items (higher ids) never moves an existing one: nothing the tuner has seen
 * can become held-out, and nothing held-out can leak into tuning.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SEED = 20261201;
const BLOCK = 5;
const TUNING_PER_BLOCK = 3;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const FILES = {
  tuning: join(HERE, "tuning.tsv"),
  heldout: join(HERE, "heldout.tsv"),
  convTuning: join(HERE, "conversations-tuning.jsonl"),
  convHeldout: join(HERE, "conversations-heldout.jsonl"),
};
// Codes the data helpers are adding; a label may use them before the record lands (the bench skips it then).
const NEXT_LIST = process.env.NEXT_LIST ?? join(ROOT, "..", "shared", "catalogue", "ward-procedures-next.tsv");

export const INTENTS = ["documents", "fee", "time", "place", "steps", "online", "conditions", "general"];
export const STYLES = ["plain", "noaccent", "typo", "chat", "slang", "letter", "portal", "english", "short"];
export const OOS_KINDS = ["smalltalk", "redirect", "other"];
const COLUMNS = ["id", "query", "expected", "intent", "style", "length", "oos", "topic"] as const;

export type Message = Record<(typeof COLUMNS)[number], string>;
export type Turn = { text?: string; pick?: string; expected: string; intent: string; note?: string };
export type Conversation = { id: string; kind: string; turns: Turn[] };

export function lengthBucket(query: string): string {
  const n = [...query.normalize("NFC")].length;
  return n < 60 ? "short" : n < 150 ? "medium" : "long";
}

function stratumOf(m: Message): string {
  const base = m.expected === "none" ? `oos:${m.oos}` : `in:${m.style}`;
  return m.length === "long" ? `${base}:long` : base;
}

// mulberry32: small, seeded, the same on every machine.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

/** True when the item at this rank of this stratum belongs to the tuning part. */
export function inTuning(stratum: string, rank: number): boolean {
  const block = Math.floor(rank / BLOCK);
  const next = rng(SEED ^ hash(`${stratum}#${block}`));
  const order = Array.from({ length: BLOCK }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.indexOf(rank % BLOCK) < TUNING_PER_BLOCK;
}

/** Id order by number: "m10000" comes after "m9999" (as text it would fall between "m1000" and "m1001"). */
export function byIdNumber(a: { id: string }, b: { id: string }): number {
  const number = (id: string): number => Number(id.replace(/^\D+/, ""));
  return number(a.id) - number(b.id) || a.id.localeCompare(b.id);
}

export function assign<T extends { id: string }>(
  items: T[],
  stratum: (t: T) => string,
): { tuning: T[]; heldout: T[] } {
  // Ranks follow id order; ids are numbered as added, so an item added later never moves an earlier one.
  const sorted = [...items].sort(byIdNumber);
  const rank = new Map<string, number>();
  const tuning: T[] = [];
  const heldout: T[] = [];
  for (const item of sorted) {
    const s = stratum(item);
    const r = rank.get(s) ?? 0;
    rank.set(s, r + 1);
    (inTuning(s, r) ? tuning : heldout).push(item);
  }
  return { tuning, heldout };
}

function readTsv(path: string): Message[] {
  if (!existsSync(path)) return [];
  const [header, ...lines] = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const cols = (header ?? "").split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    const row = Object.fromEntries(COLUMNS.map((c) => [c, (cells[cols.indexOf(c)] ?? "").trim()]));
    return row as Message;
  });
}

function writeTsv(path: string, rows: Message[]): void {
  const body = rows.map((r) => COLUMNS.map((c) => r[c]).join("\t"));
  writeFileSync(path, `${[COLUMNS.join("\t"), ...body].join("\n")}\n`);
}

function readJsonl(path: string): Conversation[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Conversation)
    .map((c) => ({ id: c.id, kind: c.kind, turns: c.turns }));
}

function writeJsonl(path: string, rows: Conversation[]): void {
  writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
}

function knownCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith(".json")) codes.add(entry.name.split("-")[0] ?? "");
    }
  };
  walk(join(ROOT, "data", "procedures"));
  if (existsSync(NEXT_LIST)) {
    for (const line of readFileSync(NEXT_LIST, "utf8").split("\n").slice(1)) {
      const code = line.split("\t")[0] ?? "";
      if (/^\d\.\d{6}$/.test(code)) codes.add(code);
    }
  }
  return codes;
}

const fold = (s: string): string =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ").trim();

const bare = (s: string): string =>
  fold(s)
    .replace(/[^a-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim();

function fixtureQueries(): string[] {
  const files = ["dev-queries.tsv", "holdout-queries.tsv"].map((f) => join(ROOT, "test", "fixtures", f));
  return files
    .filter((f) => existsSync(f))
    .flatMap((f) => readFileSync(f, "utf8").split("\n").slice(1))
    .map((line) => line.split("\t")[0] ?? "")
    .filter((q) => q !== "");
}

function tuningConversationTexts(): string[] {
  return readJsonl(FILES.convTuning).flatMap((c) => c.turns.flatMap((t) => (t.text === undefined ? [] : [t.text])));
}

function checkLabel(where: string, expected: string, intent: string, codes: Set<string>, problems: string[]): void {
  for (const code of expected.split("|")) {
    if (code !== "none" && !/^\d\.\d{6}$/.test(code)) problems.push(`${where}: bad code ${code}`);
    else if (code !== "none" && !codes.has(code))
      problems.push(`${where}: code ${code} neither in the catalogue nor the next list`);
  }
  // A message that asks two sections lists both ("documents|place"): either answer is right.
  for (const one of intent.split("|")) if (!INTENTS.includes(one)) problems.push(`${where}: bad intent ${intent}`);
}

function check(messages: Message[], conversations: Conversation[]): string[] {
  const codes = knownCodes();
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const m of messages) {
    const where = `${m.id} "${m.query.slice(0, 40)}"`;
    if (m.query !== m.query.normalize("NFC")) problems.push(`${where}: not NFC`);
    checkLabel(where, m.expected, m.intent, codes, problems);
    // Two codes only where two records answer the same request by design (a procedure and its online bundle).
    if (m.expected.split("|").length > 2 || (m.expected.includes("|") && m.expected.includes("none")))
      problems.push(`${where}: at most two codes, never with none`);
    if (!STYLES.includes(m.style)) problems.push(`${where}: bad style ${m.style}`);
    if (m.expected === "none" ? !OOS_KINDS.includes(m.oos) || !m.topic : m.oos !== "-")
      problems.push(`${where}: oos/topic columns do not fit the label`);
    if (m.length !== lengthBucket(m.query)) problems.push(`${where}: length should be ${lengthBucket(m.query)}`);
    if (m.style === "letter" && m.length !== "long") problems.push(`${where}: a letter under 150 characters`);
    const key = fold(m.query);
    if (seen.has(key)) problems.push(`${where}: same text as ${seen.get(key)}`);
    seen.set(key, m.id);
  }
  // A held-out message must be unseen: not a query of the project's own fixtures (tuned on for months) nor a
  // line of a tuning conversation. Small talk ("cảm ơn") and punctuation ("???") recur everywhere and are exempt.
  const seenElsewhere = new Set([...fixtureQueries(), ...tuningConversationTexts()].map(bare));
  for (const m of readTsv(FILES.heldout)) {
    const text = bare(m.query);
    if (m.oos !== "smalltalk" && text.length > 3 && seenElsewhere.has(text))
      problems.push(`${m.id} "${m.query}": held-out text also in the fixtures or a tuning conversation`);
  }
  for (const c of conversations) {
    if (c.turns.length < 2 || c.turns.length > 5) problems.push(`${c.id}: ${c.turns.length} turns`);
    c.turns.forEach((t, i) => {
      const where = `${c.id} turn ${i + 1}`;
      if ((t.text === undefined) === (t.pick === undefined)) problems.push(`${where}: give text or pick`);
      if (t.pick !== undefined && t.pick !== t.expected) problems.push(`${where}: pick must be the expected code`);
      checkLabel(where, t.expected, t.intent, codes, problems);
    });
  }
  return problems;
}

function nextId(prefix: string, ids: string[]): () => string {
  let n = Math.max(0, ...ids.map((id) => Number(id.slice(prefix.length)) || 0));
  return () => `${prefix}${String(++n).padStart(4, "0")}`;
}

/** Counts per part by style, length, kind of out-of-scope message and conversation kind (for the README). */
function printStats(): void {
  const parts = { tuning: readTsv(FILES.tuning), heldout: readTsv(FILES.heldout) };
  const convs = { tuning: readJsonl(FILES.convTuning), heldout: readJsonl(FILES.convHeldout) };
  const table = (title: string, key: (m: Message) => string | undefined): void => {
    const rows = new Map<string, [number, number]>();
    for (const [i, list] of [parts.tuning, parts.heldout].entries()) {
      for (const m of list) {
        const k = key(m);
        if (k === undefined) continue;
        const row = rows.get(k) ?? [0, 0];
        row[i] = (row[i] ?? 0) + 1;
        rows.set(k, row);
      }
    }
    console.log(`\n| ${title} | tuning | held-out | all |\n|---|---|---|---|`);
    for (const [k, [t, h]] of [...rows].sort()) console.log(`| ${k} | ${t} | ${h} | ${t + h} |`);
  };
  table("scope", (m) => (m.expected === "none" ? "out of scope" : "in scope"));
  table("style (in scope)", (m) => (m.expected === "none" ? undefined : m.style));
  table("length (in scope)", (m) => (m.expected === "none" ? undefined : m.length));
  table("length (all)", (m) => m.length);
  table("intent (in scope)", (m) =>
    m.expected === "none" ? undefined : m.intent.includes("|") ? "two sections" : m.intent,
  );
  table("out of scope kind", (m) => (m.expected === "none" ? m.oos : undefined));
  table("style (out of scope)", (m) => (m.expected === "none" ? m.style : undefined));
  const all = [...parts.tuning, ...parts.heldout];
  const codes = new Set(all.flatMap((m) => m.expected.split("|")).filter((c) => c !== "none"));
  console.log(`\nprocedure codes labelled: ${codes.size}`);
  console.log(`messages with two acceptable codes: ${all.filter((m) => m.expected.includes("|")).length}`);
  const kinds = new Map<string, [number, number]>();
  for (const [i, list] of [convs.tuning, convs.heldout].entries()) {
    for (const c of list) {
      const row = kinds.get(c.kind) ?? [0, 0];
      row[i] = (row[i] ?? 0) + 1;
      kinds.set(c.kind, row);
    }
  }
  console.log("\n| conversation kind | tuning | held-out | all |\n|---|---|---|---|");
  for (const [k, [t, h]] of [...kinds].sort()) console.log(`| ${k} | ${t} | ${h} | ${t + h} |`);
  const turns = [...convs.tuning, ...convs.heldout].reduce((n, c) => n + c.turns.length, 0);
  console.log(`\nconversation turns: ${turns}`);
}

function main(): void {
  const [command, file] = process.argv.slice(2);
  let messages = [...readTsv(FILES.tuning), ...readTsv(FILES.heldout)];
  let conversations = [...readJsonl(FILES.convTuning), ...readJsonl(FILES.convHeldout)];

  if (command === "add" && file) {
    const id = nextId(
      "m",
      messages.map((m) => m.id),
    );
    const fresh = readTsv(file).map((m) => {
      const query = m.query.normalize("NFC");
      return { ...m, id: id(), query, length: lengthBucket(query), oos: m.oos || "-", topic: m.topic || "-" };
    });
    messages = [...messages, ...fresh];
    console.log(`added ${fresh.length} messages`);
  } else if (command === "add-conv" && file) {
    const id = nextId(
      "c",
      conversations.map((c) => c.id),
    );
    const fresh = readJsonl(file).map((c) => ({ id: id(), kind: c.kind, turns: c.turns }));
    conversations = [...conversations, ...fresh];
    console.log(`added ${fresh.length} conversations`);
  } else if (command === "check") {
    // handled below, after the labels are checked
  } else if (command === "stats") {
    printStats();
    return;
  } else if (command !== undefined) {
    throw new Error("usage: split.ts [check | stats | add file.tsv | add-conv file.jsonl]");
  }

  const problems = check(messages, conversations);
  if (command === "check") {
    // The files must already be exactly the split of their union.
    const m = assign(messages, stratumOf);
    const c = assign(conversations, (x) => x.kind);
    const ids = (list: { id: string }[]): string =>
      list
        .map((x) => x.id)
        .sort()
        .join(",");
    if (ids(m.tuning) !== ids(readTsv(FILES.tuning)) || ids(c.tuning) !== ids(readJsonl(FILES.convTuning)))
      problems.push("an item is in the wrong part: run npx tsx eval/split.ts");
    for (const p of problems) console.error(p);
    console.log(problems.length === 0 ? "split and labels check out" : `${problems.length} problems`);
    process.exit(problems.length === 0 ? 0 : 1);
  }
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);

  const m = assign(messages, stratumOf);
  writeTsv(FILES.tuning, m.tuning);
  writeTsv(FILES.heldout, m.heldout);
  const c = assign(conversations, (x) => x.kind);
  writeJsonl(FILES.convTuning, c.tuning);
  writeJsonl(FILES.convHeldout, c.heldout);
  console.log(
    `messages: ${m.tuning.length} tuning, ${m.heldout.length} held-out; ` +
      `conversations: ${c.tuning.length} tuning, ${c.heldout.length} held-out`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
