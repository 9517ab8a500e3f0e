// npx tsx bench/redirects-latency.ts [--rounds R] [--every K] [--dump FILE | --against FILE]
//
// What `matchRedirect` (src/features/redirects.ts, read on every message the assistant gets) costs per message, over
// every message of eval/tuning.tsv and every turn of eval/conversations-tuning.jsonl (the tuning part only), each
// also typed without accents (the bare spelling is how many citizens type). `--dump FILE` writes, instead of timing,
// each message's match (the redirect's id, the term, its strength, every term said) and `--against FILE` reads such a
// dump made by an earlier commit and prints every message whose match differs, exiting 1 when any does: a change
// made for speed alone must leave every match as it was.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../src/catalogue/load.js";
import { matchRedirect } from "../src/features/redirects.js";
import { parseLabelledQueries } from "../src/search/evaluate.js";
import { fold } from "../src/search/normalize.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const rounds = Number(argument("--rounds") ?? 3);
const dumpTo = argument("--dump");
const against = argument("--against");

const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
const redirects = loaded.catalogue.redirects ?? [];

const tuning = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8")).map((q) => q.query);
const turns = readFileSync(path.join(ROOT, "eval/conversations-tuning.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .flatMap((line) => (JSON.parse(line) as { turns: { text?: string }[] }).turns.map((t) => t.text ?? ""))
  .filter((text) => text !== "");
const every = [...new Set([...tuning, ...turns].flatMap((m) => [m, fold(m)]))];
// The timing reads every `--every`-th message (all by default); a dump always holds them all.
const step = Number(argument("--every") ?? 1);
const messages = dumpTo !== undefined || against !== undefined ? every : every.filter((_, i) => i % step === 0);

const outcome = (text: string) => {
  const match = matchRedirect(redirects, text);
  return match === undefined
    ? null
    : { id: match.redirect.id, term: match.term, strength: match.strength, said: match.said };
};

if (dumpTo !== undefined) {
  writeFileSync(dumpTo, messages.map((m) => JSON.stringify([m, outcome(m)])).join("\n"));
  console.log(`${messages.length} messages' matches written to ${dumpTo}`);
} else if (against !== undefined) {
  const before = new Map(
    readFileSync(against, "utf8")
      .split("\n")
      .map((line) => JSON.parse(line) as [string, unknown]),
  );
  let differ = 0;
  for (const message of messages) {
    const now = JSON.stringify(outcome(message));
    const then = JSON.stringify(before.get(message));
    if (now !== then) {
      differ++;
      console.log(`differs: ${message}\n  before ${then}\n  now    ${now}`);
    }
  }
  console.log(`${differ} of ${messages.length} matches differ (${before.size} in the dump)`);
  if (differ > 0) process.exitCode = 1;
} else {
  for (let round = 0; round < rounds; round++) {
    const times: number[] = [];
    for (const message of messages) {
      const started = performance.now();
      matchRedirect(redirects, message);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(3);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `round ${round + 1}: ${messages.length} messages, mean ${mean.toFixed(3)} ms, median ${at(0.5)} ms, p95 ${at(0.95)} ms`,
    );
  }
}
