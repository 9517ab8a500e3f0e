import { readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { catalogueCodes, examplesFromTuning, rebuildExamples } from "../../eval/examples.js";
import { LiveCatalogue, labelKey } from "../../src/catalogue/live.js";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import {
  crossValidate,
  ExampleIndex,
  ExampleSearch,
  foldsOf,
  type LabelledExample,
  NEAREST_EXAMPLE_TUNING,
  NONE,
} from "../../src/search/examples.js";
import { ProcedureSearch, type SearchOutcome } from "../../src/search/index.js";
import { fold } from "../../src/search/normalize.js";
import { BUNDLED_DATA, copyOfBundledData, editJson, ROOT, tempDir } from "../harness/common.js";

let catalogue: Catalogue;
let rules: ProcedureSearch<Procedure>;
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  catalogue = result.catalogue;
  rules = new ProcedureSearch(catalogue.procedures, catalogue.synonyms, undefined, catalogue.redirects);
});

const withExamples = (examples: LabelledExample[], procedures: readonly Procedure[] = catalogue.procedures) =>
  new ExampleSearch(procedures, catalogue.synonyms, examples, catalogue.redirects);
const first = (o: SearchOutcome<Procedure>) => (o.decision === "none" ? undefined : o.hits[0]?.procedure.code);

// A staff phrasing the rules cannot read: no word of it is a procedure's.
const STAFF_PHRASE = "cho em xin cái giấy để bé nhà em đi tiêm chủng được ạ";
const BIRTH = "1.001193";

describe("labelled examples over the rules", () => {
  it("answers a phrasing labelled by staff, which the rules alone do not answer, whatever its case or punctuation", () => {
    expect(first(rules.search(STAFF_PHRASE))).not.toBe(BIRTH);
    const search = withExamples([{ text: STAFF_PHRASE, code: BIRTH }]);
    for (const typed of [STAFF_PHRASE, `  ${STAFF_PHRASE.toUpperCase()}?? `, STAFF_PHRASE.replace(" ạ", ", ạ!")]) {
      const outcome = search.search(typed);
      expect(outcome.decision).toBe("answer");
      expect(outcome.sure).toBe(true);
      expect(first(outcome)).toBe(BIRTH);
      // As named as a message saying the record's whole name: the conversation takes it as said.
      expect(outcome.hits[0]?.parts.title).toBe(1);
    }
    // The section staff gave it is the section answered; examples that disagree on it leave it to the rules.
    const intent = rules.search(STAFF_PHRASE).intent;
    const other = intent === "fee" ? "time" : "fee";
    expect(withExamples([{ text: STAFF_PHRASE, code: BIRTH, intent: other }]).search(STAFF_PHRASE).intent).toBe(other);
    const split = withExamples([
      { text: STAFF_PHRASE, code: BIRTH, intent: other },
      { text: STAFF_PHRASE.toUpperCase(), code: BIRTH, intent: "place" },
    ]).search(STAFF_PHRASE);
    expect(first(split)).toBe(BIRTH);
    expect(split.intent).toBe(intent);
    // Typed without accents, it is still that message; with other accents, another one.
    expect(first(search.search(fold(STAFF_PHRASE)))).toBe(BIRTH);
    const otherAccents = STAFF_PHRASE.replace("giấy", "giây");
    expect(first(search.search(otherAccents))).toBe(first(rules.search(otherAccents)));
    // Examples that fold alike but say different things leave a message typed without accents to the rules. (Without
    // the re-ranker: its gram model weighs the examples' folded words among its other features, as it should.)
    const twins = new ExampleSearch(
      catalogue.procedures,
      catalogue.synonyms,
      [
        { text: "khai sinh lại cho bé", code: "1.004884" },
        { text: "khai sinh cho bé lai", code: "2.000528" },
        { text: "khai sinh cho bé lái", code: BIRTH },
      ],
      catalogue.redirects,
      { ranker: null },
    );
    expect(first(twins.search("khai sinh lại cho bé"))).toBe("1.004884");
    const [served, own] = [twins.search("khai sinh cho be lai"), rules.search("khai sinh cho be lai")];
    expect([served.decision, first(served)]).toEqual([own.decision, first(own)]);
  });

  it("holds back a confident answer for a message labelled none (another agency's service, chit-chat)", () => {
    // An out-of-scope message of the tuning part that the rules answer: the examples' label holds it back.
    const tuning = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
    const answered = tuning.find((q) => q.expected.length === 0 && rules.search(q.query).decision === "answer");
    expect(answered).toBeDefined();
    const text = answered?.query as string;
    const search = withExamples([{ text, code: NONE }]);
    const outcome = search.search(text);
    expect(outcome.decision).toBe("none");
    expect(outcome.hits).toEqual([]);
    // Another message is still the rules': their decision, procedure, section and sureness (the re-ranker, which
    // also reads candidates the rules do not, may order and cut the alternatives after it).
    const other = "làm giấy khai sinh cho con";
    const own = (o: SearchOutcome<Procedure>) => [o.decision, first(o), o.intent, o.sure];
    expect(own(search.search(other))).toEqual(own(rules.search(other)));
  });

  it("leaves a section asked alone (a follow-up) to the conversation", () => {
    const text = "mất bao lâu";
    expect(rules.search(text).sectionOnly).toBe(true);
    const outcome = withExamples([{ text, code: BIRTH }]).search(text);
    expect(outcome).toEqual(rules.search(text));
  });

  it("ignores an example whose procedure left the catalogue, and examples that disagree on the same words", () => {
    const gone = catalogue.procedures.filter((p) => p.code !== BIRTH);
    const search = withExamples(
      [
        { text: STAFF_PHRASE, code: BIRTH },
        { text: "giấy cho bé đi học", code: "1.004884" },
        { text: "Giấy cho bé đi học!", code: "2.000635" },
      ],
      gone,
    );
    expect(search.examples.ignored.map((e) => e.code)).toEqual([BIRTH]);
    const plain = new ProcedureSearch(gone, catalogue.synonyms, undefined, catalogue.redirects);
    // The rules' decision, first procedure and list (the re-ranker may order the rest of a list).
    const asRules = (o: SearchOutcome<Procedure>) => [o.decision, first(o), o.hits.map((h) => h.procedure.code).sort()];
    expect(asRules(search.search(STAFF_PHRASE))).toEqual(asRules(plain.search(STAFF_PHRASE)));
    expect(asRules(search.search("giấy cho bé đi học"))).toEqual(asRules(plain.search("giấy cho bé đi học")));
  });

  it("finds the nearest examples by their words, accents typed on both sides agreeing", () => {
    const index = new ExampleIndex(
      [
        { text: "làm giấy khai sinh cho con", code: BIRTH },
        { text: "làm hộ chiếu ở đâu", code: NONE },
        { text: "khai sinh cho con lai", code: "2.000528" },
      ],
      catalogue.synonyms,
      new Set(catalogue.procedures.map((p) => p.code)),
    );
    const near = index.nearest("con mới sinh thì làm giấy khai sinh thế nào");
    expect(near.codes[0]?.code).toBe(BIRTH);
    expect(near.codes[0]?.score).toBeGreaterThan(0);
    expect(near.codes[0]?.score).toBeLessThan(1);
    expect(index.nearest("hộ chiếu làm mất bao lâu").none).toBeGreaterThan(0);
    // Every example it was given is served, by its exact words at least.
    expect(index.size).toBe(3);
    expect(index.nearest("Làm giấy khai sinh cho con.").exact).toBe(BIRTH);
  });

  it("with the nearest-example rules on, settles a list by examples that agree strongly", () => {
    // Find a message the rules answer with a list, from the labelled tuning part, and teach its first-listed rival.
    const tuning = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
    const listed = tuning.find((q) => q.expected.length === 1 && rules.search(q.query).decision === "choose");
    expect(listed).toBeDefined();
    const query = listed?.query as string;
    const codes = rules.search(query).hits.map((h) => h.procedure.code);
    const pick = codes[1] as string;
    const search = new ExampleSearch(
      catalogue.procedures,
      catalogue.synonyms,
      [{ text: `${query} nữa`, code: pick }],
      catalogue.redirects,
      { examples: NEAREST_EXAMPLE_TUNING },
    );
    const outcome = search.search(query);
    expect(outcome.decision).toBe("answer");
    expect(first(outcome)).toBe(pick);
    expect(outcome.sure).toBe(false);
  });
});

describe("data/examples.json", () => {
  it("holds no message of the held-out part (it is what measures whether the examples generalise)", () => {
    const file = JSON.parse(readFileSync(path.join(ROOT, "data/examples.json"), "utf8")) as {
      examples: LabelledExample[];
    };
    const heldOut = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/heldout.tsv"), "utf8"));
    expect(heldOut.length).toBeGreaterThan(0);
    const texts = new Set(file.examples.map((e) => e.text.normalize("NFC").trim()));
    // As the served search meets a message with an example: numbers scrubbed (labelKey), accents aside when untyped.
    const taught = new Set(file.examples.map((e) => fold(labelKey(e.text))));
    // Only how many: the held-out messages are not to be read while tuning. No text is shared, and no in-scope
    // message shares its words (small talk may: "ok", "👍" are said alike in both parts, and labelled none in both).
    expect(heldOut.filter((q) => texts.has(q.query.normalize("NFC").trim())).length).toBe(0);
    expect(heldOut.filter((q) => q.expected.length > 0 && taught.has(fold(labelKey(q.query)))).length).toBe(0);
  });

  it("is what eval/examples.ts rebuilds from eval/tuning.tsv", () => {
    const codes = new Set(catalogue.procedures.map((p) => p.code));
    const built = rebuildExamples({
      file: path.join(ROOT, "data/examples.json"),
      tuningFile: path.join(ROOT, "eval/tuning.tsv"),
      codes,
    });
    expect(readFileSync(path.join(ROOT, "data/examples.json"), "utf8")).toBe(built.text);
  });
});

describe("eval/examples.ts", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("rebuilds the tuning entries and keeps staff's as they are", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const tuningFile = path.join(temp.dir, "tuning.tsv");
    const file = path.join(temp.dir, "examples.json");
    await writeFile(
      tuningFile,
      [
        "id\tquery\texpected\tintent\tstyle\tlength\toos\ttopic",
        "m0001\tlàm giấy khai sinh cho con\t1.001193\tgeneral\tplain\tshort\t-\t-",
        "m0002\tkhai sinh online được không\t1.001193|3.000722\tonline|steps\tplain\tshort\t-\t-",
        "m0003\tlàm hộ chiếu ở đâu\tnone\tplace\tplain\tshort\tredirect\tpassport",
        "m0004\tthủ tục chưa có\t9.999999\tgeneral\tplain\tshort\t-\t-",
      ].join("\n"),
    );
    const staff = { text: "giấy cho bé tiêm chủng", code: BIRTH, source: "nhân viên nv01", added: "2026-12-02" };
    const stale = { text: "một câu cũ", code: BIRTH, source: "eval/tuning.tsv m0999" };
    await writeFile(file, JSON.stringify({ examples: [stale, staff] }));
    const built = rebuildExamples({ file, tuningFile, codes: new Set([BIRTH, "3.000722"]) });
    expect(built.skipped).toBe(1);
    expect(built.file.examples).toEqual([
      { text: "làm giấy khai sinh cho con", code: BIRTH, intent: "general", source: "eval/tuning.tsv m0001" },
      // Two records answer it: an example of the first (the plain procedure), and of its first section.
      { text: "khai sinh online được không", code: BIRTH, intent: "online", source: "eval/tuning.tsv m0002" },
      { text: "làm hộ chiếu ở đâu", code: NONE, source: "eval/tuning.tsv m0003" },
      staff,
    ]);
    // The written file is one the catalogue accepts.
    const { dir, cleanup: drop } = await copyOfBundledData();
    try {
      await writeFile(path.join(dir, "examples.json"), built.text);
      const loaded = await loadCatalogue(dir);
      expect(loaded.ok).toBe(true);
    } finally {
      await drop();
    }
  });

  it("rebuilds after a procedure left the catalogue, though its examples refuse the catalogue meanwhile", async () => {
    const { dir, cleanup: drop } = await copyOfBundledData();
    cleanup = drop;
    await writeFile(
      path.join(dir, "examples.json"),
      JSON.stringify({ examples: [{ text: "đăng ký kết hôn", code: "1.000894", source: "eval/tuning.tsv m0001" }] }),
    );
    await rm(path.join(dir, "procedures/ho-tich/1.000894-dang-ky-ket-hon.json"));
    expect((await loadCatalogue(dir)).ok).toBe(false);
    const codes = await catalogueCodes(dir);
    expect(codes.has(BIRTH)).toBe(true);
    expect(codes.has("1.000894")).toBe(false);
    const tuningFile = path.join(dir, "tuning.tsv");
    await writeFile(tuningFile, "id\tquery\texpected\tintent\nm0001\tđăng ký kết hôn\t1.000894\tgeneral\n");
    const built = rebuildExamples({ file: path.join(dir, "examples.json"), tuningFile, codes });
    await writeFile(path.join(dir, "examples.json"), built.text);
    expect(built.skipped).toBe(1);
    expect((await loadCatalogue(dir)).ok).toBe(true);
  });

  it("reads only the tuning file it is given", () => {
    const { entries } = examplesFromTuning(
      "id\tquery\texpected\tintent\nm0001\tcảm ơn\tnone\tgeneral\n",
      "eval/tuning.tsv",
      new Set(),
    );
    expect(entries).toEqual([{ text: "cảm ơn", code: NONE, source: "eval/tuning.tsv m0001" }]);
  });
});

describe("cross-validation (what bench:search scores the tuning part by)", () => {
  it("deals folds that differ by one at most, the same for the same seed", () => {
    const folds = foldsOf(103, 5, 7);
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(foldsOf(103, 5, 7)).toEqual(folds);
    expect(foldsOf(103, 5, 8)).not.toEqual(folds);
  });

  it("never answers a message with its own label", () => {
    // Every message labelled none: were a message its own example, its exact words would hold its answer back.
    const tuning = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
    const answered = tuning.filter((q) => rules.search(q.query).decision === "answer").slice(0, 40);
    expect(answered.length).toBe(40);
    const queries = answered.map((q) => ({ ...q, expected: [] }));
    const index = withExamples([]);
    const outcomes = crossValidate({ index, records: catalogue.procedures, synonyms: catalogue.synonyms, queries });
    for (const q of queries) expect(outcomes.get(q.query)).toEqual(rules.searchUncached(q.query));
    // …while the same messages taught to the served search are held back.
    const taught = withExamples(queries.map((q) => ({ text: q.query, code: NONE })));
    expect(queries.every((q) => taught.search(q.query).decision === "none")).toBe(true);
    // A hang guard, not a budget: cross-validating 40 messages over the câu mẫu ran 28 s quiet, 40 s loaded.
  }, 120_000);
});

describe("the live catalogue's search", () => {
  it("learns a phrasing staff label into examples.json, on reload", async () => {
    const { dir, cleanup } = await copyOfBundledData();
    const live = await LiveCatalogue.open(dir);
    try {
      expect(first(live.current().search.search(STAFF_PHRASE))).not.toBe(BIRTH);
      await editJson(path.join(dir, "examples.json"), (file) => {
        file.examples.push({ text: STAFF_PHRASE, code: BIRTH, source: "nhân viên nv01", added: "2026-12-02" });
      });
      expect(await live.reload()).toBe(true);
      const outcome = live.current().search.search(STAFF_PHRASE);
      expect(outcome.decision).toBe("answer");
      expect(first(outcome)).toBe(BIRTH);
      expect(JSON.parse(await readFile(path.join(dir, "examples.json"), "utf8")).examples.length).toBeGreaterThan(1);
      // Staff label questions as the console shows them, numbers scrubbed: the citizen's number is any number.
      const scrubbed = "cho em hỏi giấy cho bé sinh năm [số] đi tiêm thì làm sao";
      const asked = "cho em hỏi giấy cho bé sinh năm 2025 đi tiêm thì làm sao";
      const unaccented = "cho em hoi giay cho be sinh nam 2024 di tiem thi lam sao";
      expect(first(live.current().search.search(asked))).not.toBe(BIRTH);
      expect(first(live.current().search.search(unaccented))).not.toBe(BIRTH);
      await editJson(path.join(dir, "examples.json"), (file) => {
        file.examples.push({ text: scrubbed, code: BIRTH, source: "nhân viên nv01", added: "2026-12-02" });
      });
      expect(await live.reload()).toBe(true);
      expect(first(live.current().search.search(asked))).toBe(BIRTH);
      expect(first(live.current().search.search("cho em hỏi giấy cho bé sinh năm 2024 đi tiêm thì làm sao"))).toBe(
        BIRTH,
      );
      // Typed without accents, numbers and all: the same label (the scrubbed mark's accent is no accent typed).
      expect(first(live.current().search.search(unaccented))).toBe(BIRTH);
      // Staff relabel a message the eval examples label otherwise (none, here): staff's label is served, not
      // the two left to disagree (the console, which cannot edit the eval entries, promised it is served).
      const evalNone = "gia hạn thẻ bảo hiểm y tế hộ gia đình";
      expect(live.current().catalogue.examples).toContainEqual(expect.objectContaining({ text: evalNone, code: NONE }));
      expect(live.current().search.search(evalNone).decision).toBe("none");
      await editJson(path.join(dir, "examples.json"), (file) => {
        file.examples.push({ text: evalNone, code: BIRTH, source: "nhân viên nv01, 2026-12-02", added: "2026-12-02" });
      });
      expect(await live.reload()).toBe(true);
      expect(first(live.current().search.search(evalNone))).toBe(BIRTH);
      expect(first(live.current().search.search(fold(evalNone)))).toBe(BIRTH);
    } finally {
      await live.close();
      await cleanup();
    }
    // A hang guard, not a budget: four whole-catalogue loads (each builds the search over 6,600 câu mẫu) took 32–37 s
    // on a loaded two-core machine, past the default 30 s.
  }, 120_000);
});
