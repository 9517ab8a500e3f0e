/**
 * Session 20 (DETERM): the same tree gives the same replies whatever ran before it in the process. Vitest runs the unit
 * files with `isolate: false` (vitest.config.ts): the files of one worker share loaded modules, so module-level state
 * one file leaves (a cache, a registration keyed by the catalogue) reaches every file after it. The nineteenth session
 * saw a probe floor play 32/39 alone and 31/39 inside CI's full run (test/core/s17-follow.test.ts, batch 2), and an
 * off-topic «hút thuốc lá có hại gì cho phổi» after a tobacco licence answered 2.000162 once (s18-oos-requests).
 *
 * A fixed set of conversations is played on a fresh assistant over a catalogue of this file's own; each test then does
 * in the same process what other files do (other conversations, the search asked directly, the look-alike readings
 * they call on the catalogue they share), plays the same
 * conversations again on a new assistant over the same catalogue and expects every reply identical, word for word,
 * choices included (test/harness/replay.ts lists the turns that differ, both replies).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { lookAlikeReadings } from "../../src/catalogue/readings.js";
import { learnGlossary } from "../../src/features/variants.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";
import { type Conversation, conversations } from "../harness/eval-conversations.js";
import { differences, replay, type Transcript } from "../harness/replay.js";

/**
 * The conversations compared: the two batches that moved in the full run, and look-alike corrections (the readings most
 * bound to state learned from the catalogue).
 */
const FIXED: readonly Conversation[] = [
  ...conversations("test/core/s17-follow-probe2.jsonl"),
  ...conversations("test/features/s18-oos-probe1.jsonl"),
  ...conversations("test/core/s19-lookalike-probe1.jsonl").slice(0, 20),
];

/** Conversations of other files, played in between. */
const WARM_UP: readonly Conversation[] = [
  ...conversations("test/core/s16-follow-probe1.jsonl").slice(0, 30),
  ...conversations("test/core/s18-lookalike-probe2.jsonl"),
  ...conversations("test/features/s19-oos-probe1.jsonl"),
];

/** Messages searched directly in between: the first column of a fixture of labelled queries. */
const SEARCHED = readFileSync(path.join(ROOT, "test/fixtures/dev-queries.tsv"), "utf8")
  .split("\n")
  .slice(1, 400)
  .map((line) => line.split("\t")[0] ?? "")
  .filter((text) => text !== "");

let catalogue: LiveCatalogue;
/** The replies of the fixed conversations on a fresh assistant over a fresh catalogue. */
let fresh: Transcript;
// A hang guard, not a budget: a catalogue of this file's own (not the worker's shared one, which earlier files may have
// touched) takes seconds to open calm and far longer on the shared machine under load; then one play of the conversations.
beforeAll(async () => {
  catalogue = await LiveCatalogue.open(BUNDLED_DATA);
  fresh = await replay(FIXED, catalogue);
}, 240_000);

describe("replies do not depend on what ran before in the process", () => {
  it("after other conversations and the search asked directly", async () => {
    await replay(WARM_UP, catalogue);
    // as the search floors do: its recent outcomes and spelling fixes are kept
    const { search } = catalogue.current();
    for (const line of SEARCHED) search.search(line);
    const again = await replay(FIXED, catalogue);
    expect(fresh.lines.length).toBeGreaterThan(100);
    expect(differences(fresh, again)).toEqual([]);
    // A hang guard, not a budget: some 150 conversations played, 15–20 s alone, a minute or more beside the full run.
  }, 240_000);

  // The cause of the nineteenth session's 32/39 vs 31/39: test/core/s19-lookalike.test.ts's beforeAll read the câu mẫu
  // for the look-alikes told apart in citizens' words (variants.ts learnGlossary's third argument) on the catalogue
  // every file of the worker shares, and every chat after it in that worker read with them though the assistant's own
  // wiring (answer.ts snapshotOf) passed none: s17f2-24#2 «bà nội mất ở quê tuần trước» after khai tử left 1.000656, and
  // o18a05#2 «hút thuốc lá có hại gì cho phổi» after a tobacco licence was answered 2.000162. Now the assistant's turn
  // sets the readings its wiring says, whatever another caller registered for the same catalogue before. Twenty-first
  // session: nothing is registered at all; the readings are learned once per catalogue version with its snapshot
  // (catalogue/readings.ts) and handed to the readers, so readings another caller learns from other câu mẫu (none, or
  // the labels turned round) and the glossary it reads change no reply.
  it("after the look-alike readings other files learn directly on the same catalogue", async () => {
    const { catalogue: current } = catalogue.current();
    learnGlossary(current.procedures, current.synonyms);
    const shuffled = current.examples.map((e, i, all) => ({ ...e, code: all[(i + 1) % all.length]?.code ?? e.code }));
    expect(lookAlikeReadings(current.synonyms, shuffled).byCode.size).toBeGreaterThan(10);
    expect(lookAlikeReadings(current.synonyms, []).byCode.size).toBe(0);
    const learned = await replay(FIXED, catalogue);
    expect(differences(fresh, learned)).toEqual([]);
    // A hang guard, not a budget: two plays of the conversations.
  }, 240_000);
});
