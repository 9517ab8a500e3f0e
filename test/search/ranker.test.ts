import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { labelKey, servedExamples } from "../../src/catalogue/live.js";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { sourceFiles } from "../../src/cli/fingerprint.js";
import { drift, NOT_RANKER_INPUTS, RANKER_FILE, rankerInputs } from "../../src/cli/ranker-train.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { asExample, ExampleSearch, foldsOf, rankerDocuments, titlesOf } from "../../src/search/examples.js";
import { ProcedureSearch } from "../../src/search/index.js";
import {
  FEATURES,
  fitLead,
  GramModel,
  grams,
  LEAD,
  LEAD_COST,
  leadThreshold,
  offerable,
  RANKER_MODEL,
  RANKER_ON,
  type RankerModel,
  RESCUE_COST,
  RESCUE_FLOOR,
  rescueProbability,
  rescueThreshold,
  type Sample,
  SituationModel,
  trainRanker,
  trainRescue,
} from "../../src/search/ranker.js";
import { trainOn } from "../../src/search/ranker-train.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";
import { servedSearch } from "../harness/served-search.js";

let catalogue: Catalogue;
const tuning = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  catalogue = result.catalogue;
});

const codesOf = (hits: ReadonlyArray<{ procedure: Procedure }>) => hits.map((h) => h.procedure.code);

describe("the learned re-ranker", () => {
  it("trains deterministically: the same samples give the same model", () => {
    // Two candidates a message: the right one has the higher first feature, whatever its rank.
    const d = FEATURES.length;
    const samples: Sample[] = Array.from({ length: 40 }, (_, n) => {
      const right = n % 2;
      const rows = [0, 1].map((k) =>
        Array.from({ length: d }, (_, i) => (i === 0 ? (k === right ? 1 : 0) : (n % 7) / 7)),
      );
      return { rows, codes: ["a", "b"], right };
    });
    const first = trainRanker(samples);
    expect(trainRanker(samples)).toEqual(first);
    expect(first.weights[0]).toBeGreaterThan(0);
  });

  it("reads a message typed without accents by the grams of the examples it is like", () => {
    const model = new GramModel([
      { text: "đăng ký khai sinh cho con", code: "birth" },
      { text: "làm giấy khai sinh cho bé", code: "birth" },
      { text: "đăng ký khai tử cho mẹ", code: "death" },
    ]);
    const g = grams("lam giay khai sinh cho con trai");
    expect(model.centroid(model.unit(g), "birth")).toBeGreaterThan(model.centroid(model.unit(g), "death"));
    expect(model.logLikelihood(g, "birth") as number).toBeGreaterThan(model.logLikelihood(g, "death") as number);
    expect(model.logLikelihood(g, "marriage")).toBeUndefined();
  });

  it("scores a message under a candidate with the very numbers of the plain formulas (fit = logLikelihood, centroid)", () => {
    const titles = titlesOf(catalogue.procedures);
    const known = new Set(catalogue.procedures.map((p) => p.code));
    const model = new GramModel(rankerDocuments(servedExamples(catalogue.examples), titles, known));
    const codes = [...known].filter((_, i) => i % 3 === 0);
    const generalisation = parseLabelledQueries(
      readFileSync(path.join(ROOT, "test/search/generalisation.tsv"), "utf8"),
    );
    const texts = [...tuning.slice(0, 60), ...generalisation.slice(0, 60)].map((q) => q.query);
    let compared = 0;
    for (const text of [...texts, "", "???", "xyzzy qwerty"]) {
      const g = grams(text);
      const m = model.message(g);
      const v = model.unit(g);
      for (const code of [...codes, "not-a-code"]) {
        const fit = model.fit(m, code);
        expect(fit.likelihood).toBe(model.logLikelihood(g, code));
        expect(fit.centroid).toBe(model.centroid(v, code));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("keeps the rules' own outcome when it keeps their whole ranking (decide over the whole ranking is the rules' own)", () => {
    const rules = new ProcedureSearch(catalogue.procedures, catalogue.synonyms, undefined, catalogue.redirects);
    const ranked = new ExampleSearch(catalogue.procedures, catalogue.synonyms, [], catalogue.redirects, {
      ranker: { features: [], weights: [], codes: {} },
    });
    for (const q of tuning.slice(0, 150)) {
      const a = rules.searchUncached(q.query);
      const b = ranked.rulesUncached(q.query);
      expect([b.decision, b.sure, b.intent, codesOf(b.hits)]).toEqual([a.decision, a.sure, a.intent, codesOf(a.hits)]);
    }
  });

  it("learns from four fifths of the messages to place more of the held-back fifth right than the rules with examples", () => {
    // A seeded sample of at most SAMPLE messages, so the test's time stays put as the tuning part grows with every
    // split (at 15,211 câu mẫu the whole part took 263-282 s, most of a CI worker's share): four fifths taught.
    // 6,000 → 3,000 in the thirty-third session: at 21,051 câu mẫu the test took 154 s of a whole-suite run.
    const SAMPLE = 3000;
    const part = foldsOf(tuning.length, Math.ceil(tuning.length / SAMPLE), 20261206);
    const sample = tuning.filter((_, i) => part[i] === 0);
    const fold = foldsOf(sample.length, 5, 20261202);
    const taught = sample.filter((_, i) => fold[i] !== 0);
    const empty: RankerModel = { features: [], weights: [], codes: {} };
    const { procedures, synonyms, redirects } = catalogue;
    const index = new ExampleSearch(procedures, synonyms, [], redirects, { key: labelKey, ranker: empty });
    const model = trainOn({ index, records: procedures, synonyms, queries: taught, key: labelKey });
    const examples = taught.map(asExample);
    const withModel = new ExampleSearch(procedures, synonyms, examples, redirects, { key: labelKey, ranker: model });
    const without = new ExampleSearch(procedures, synonyms, examples, redirects, { key: labelKey, ranker: null });
    // The held-back fifth (fold 0), never taught: the model places more of its messages right than the rules with
    // the same examples do, and fixes more than it breaks (which ones depends on the part's size, so none is named).
    const heldBack = sample.filter((q, i) => fold[i] === 0 && q.expected.length > 0);
    const firstRight = (s: ExampleSearch<Procedure>, q: (typeof tuning)[number]) =>
      q.expected.includes(codesOf(s.search(q.query).hits)[0] ?? "");
    let fixed = 0;
    let broken = 0;
    for (const q of heldBack) {
      const [a, b] = [firstRight(withModel, q), firstRight(without, q)];
      if (a && !b) fixed++;
      if (b && !a) broken++;
    }
    expect(heldBack.length).toBeGreaterThan(300);
    expect(fixed).toBeGreaterThan(broken);
    expect(fixed - broken).toBeGreaterThanOrEqual(heldBack.length * 0.005);
    // What the rules find nothing for stays nothing, and their decision stays: out-of-scope messages alike.
    for (const q of sample.filter((q, i) => fold[i] === 0 && q.expected.length === 0).slice(0, 60)) {
      expect(withModel.search(q.query).decision).toBe(without.search(q.query).decision);
    }
    // A hang guard, not a budget: on the whole tuning part (15,211 câu mẫu) this took 282 s in a whole-suite run and
    // over 480 s in CI beside measuring runs; on the sample (5,071 messages, 834 held back in scope: 79 fixed, 7
    // broken) 30 s alone.
  }, 300_000);

  it("is wired into the catalogue's search as RANKER_ON says, and moves answers when in it", async () => {
    // the catalogue's search as served (indexCatalogue of the bundled catalogue), built once per worker
    const search = (await servedSearch()).search as ExampleSearch<Procedure>;
    expect(search).toBeInstanceOf(ExampleSearch);
    expect(RANKER_MODEL).not.toBeNull();
    expect(search.ranker).toBe(RANKER_ON ? RANKER_MODEL : null);
    const served = (ranker: RankerModel | null) =>
      new ExampleSearch(
        catalogue.procedures,
        catalogue.synonyms,
        servedExamples(catalogue.examples),
        catalogue.redirects,
        { key: labelKey, ranker },
      );
    const [on, off] = [served(RANKER_MODEL), served(null)];
    // Messages no example says (the search helper's own set): some placed otherwise with the model.
    const own = parseLabelledQueries(readFileSync(path.join(ROOT, "test/search/generalisation.tsv"), "utf8"));
    const moved = own.filter((q) => codesOf(on.search(q.query).hits)[0] !== codesOf(off.search(q.query).hits)[0]);
    expect(moved.length).toBeGreaterThan(0);
    const first = moved[0]?.query ?? "";
    expect(search.search(first)).toEqual((RANKER_ON ? on : off).search(first));
  }, 120_000);

  it("reads a note that names another record by its code as that record's situation, not its own", () => {
    // 1.000689 (birth with recognition) says: "Nếu trẻ đã có Giấy khai sinh …, hãy làm … (thủ tục 1.001022)".
    const situations = new SituationModel(catalogue.procedures);
    const codes = ["1.000689", "1.001022"];
    const [combined, recognition] = situations.fit(
      situations.message("trẻ đã có giấy khai sinh, phần cha còn trống"),
      codes,
    );
    expect(recognition?.own).toBeGreaterThan(combined?.own as number);
    expect(recognition?.cosine).toBeGreaterThan(combined?.cosine as number);
    // Without the citing note the words are nobody's own: the same records, the notes on what to check first left out.
    const bare = new SituationModel(catalogue.procedures.map((p) => ({ ...p, checkFirst: undefined, conditions: [] })));
    const [, without] = bare.fit(bare.message("trẻ đã có giấy khai sinh, phần cha còn trống"), codes);
    expect(recognition?.own).toBeGreaterThan(without?.own as number);
  });

  it("binds a state word to the words after it, and weighs each candidate beside its closest rival", () => {
    // Two records with the very same words: only which thing is "chưa" (not yet) and which "đã" (done) parts them.
    const record = (code: string, applicants: string) => ({
      code,
      name: `Thủ tục ${code}`,
      aliases: [],
      field: "x",
      level: "Cấp xã",
      applicants,
    });
    const situations = new SituationModel([
      record("married", "người chưa kết hôn, đã được cấp thẻ"),
      record("card", "người đã kết hôn, chưa được cấp thẻ"),
    ]);
    const [married, card] = situations.fit(situations.message("tôi chưa bao giờ được cấp thẻ"), ["married", "card"]);
    expect(card?.cosine).toBeGreaterThan(married?.cosine as number);
    // Each is the other's closest rival: what one says and the other lacks counts for it and against the other.
    expect(card?.edge).toBeGreaterThan(0);
    expect(married?.edge).toBeCloseTo(-(card?.edge as number), 12);
  });

  it("offers nothing from the rescue's threshold where its first candidate is held back by another agency's service (only from the held threshold, s23)", () => {
    // 'ly hôn' alone (the court's) was offered the ward's divorce-note records: a held-back first is no offer from the
    // rescue's threshold, and such a message sets no threshold either (a row whose `free` is 0 is left out of it).
    // Since the twenty-third session a held-back first is offered from a threshold of its own, far higher
    // (`rescue.held`, from `HELD_FLOOR`; `rescueOffered`), tested with it.
    const row = (p: number, free: number) => [1, p, 0.3, 0.5, 0.5, 0, free, p, 0, p, 0, 0, 0, 1, 0];
    expect(offerable(row(0.9, 1))).toBe(true);
    expect(offerable(row(0.9, 0))).toBe(false);
    const samples = [
      ...[0.9, 0.8, 0.85, 0.95].map((p) => ({ row: row(p, 1), right: true, outOfScope: false })),
      ...[0.1, 0.2].map((p) => ({ row: row(p, 1), right: false, outOfScope: true })),
    ];
    const held = { row: row(0.99, 0), right: false, outOfScope: true };
    expect(trainRescue([...samples, held], { floor: 0 }).threshold).toBeLessThan(
      trainRescue([...samples, { ...held, row: row(0.99, 1) }], { floor: 0 }).threshold,
    );
  });

  it("sets the rescue's threshold above every out-of-scope message it learnt from, and offers a list, never an answer", async () => {
    const row = (p: number) => [1, p, 0.3, 0.5, 0.5, 0, 1, p, 0, p, 0, 0, 0, 1, 0];
    const samples = [
      ...[0.9, 0.8, 0.85, 0.95].map((p) => ({ row: row(p), right: true, outOfScope: false })),
      ...[0.1, 0.2, 0.6].map((p) => ({ row: row(p), right: false, outOfScope: true })),
    ];
    const rescue = trainRescue(samples);
    expect(trainRescue(samples)).toEqual(rescue);
    const probability = (x: number[]) =>
      1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * (rescue.weights[i] ?? 0), 0)));
    for (const s of samples.filter((s) => s.outOfScope)) expect(probability(s.row)).toBeLessThan(rescue.threshold);
    // Served: a message the rules find nothing for is at most offered a list; with the threshold at nothing, every
    // such message with two candidates or more is offered the model's first three.
    const search = (await servedSearch()).search as ExampleSearch<Procedure>;
    const model = search.ranker as RankerModel;
    const eager = new ExampleSearch(
      catalogue.procedures,
      catalogue.synonyms,
      servedExamples(catalogue.examples),
      catalogue.redirects,
      {
        key: labelKey,
        ranker: { ...model, rescue: { ...(model.rescue as NonNullable<RankerModel["rescue"]>), threshold: 0 } },
      },
    );
    const rulesOnly = new ExampleSearch(catalogue.procedures, catalogue.synonyms, [], catalogue.redirects, {
      key: labelKey,
      ranker: null,
    });
    // Messages no câu mẫu says word for word (the search helper's own sets): the tuning part's would be answered as labelled.
    const own = ["generalisation.tsv", "lookalike-probe.tsv", "lookalike-probe2.tsv"].flatMap((f) =>
      parseLabelledQueries(readFileSync(path.join(ROOT, "test/search", f), "utf8")),
    );
    let offered = 0;
    for (const q of own) {
      if (rulesOnly.search(q.query).decision !== "none") continue;
      expect(search.search(q.query).decision).not.toBe("answer");
      const outcome = eager.search(q.query);
      expect(outcome.decision).not.toBe("answer");
      if (outcome.decision === "choose") {
        offered++;
        expect(outcome.hits.length).toBeLessThanOrEqual(3);
      }
    }
    expect(offered).toBeGreaterThan(5);
  }, 120_000);

  it("weighs a list offered out of scope against the in-scope lists a lower threshold gains (RESCUE_COST)", () => {
    // Session 16: one out-of-scope message learnt from ("How much is the fine for running a red light on a
    // motorbike?", 0.83) set the threshold above 37 in-scope messages whose list held their procedure. The threshold
    // now weighs each out-of-scope list at RESCUE_COST in-scope lists: one stray message no longer decides it, many do.
    const weights = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const row = (logit: number) => [1, logit, 0.3, 0.5, 0.5, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const p = (logit: number) => rescueProbability(row(logit), weights);
    const inScope = [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1].map((x) => ({
      row: row(x),
      right: true,
      outOfScope: false,
    }));
    const stray = { row: row(2.2), right: false, outOfScope: true };
    expect(p(1)).toBeGreaterThan(0.7);
    // Twelve right lists outweigh one stray out-of-scope message: the floor stays.
    expect(rescueThreshold([...inScope, stray], weights, 0.7, RESCUE_COST)).toBe(0.7);
    // Without a cost's end, above it, as before session 16.
    expect(rescueThreshold([...inScope, stray], weights, 0.7, Number.POSITIVE_INFINITY)).toBeCloseTo(p(2.2) + 1e-4, 9);
    // Out-of-scope messages as many as a tenth of the right lists above the floor: above them all.
    const strays = [1.05, 1.15].map((x) => ({ row: row(x), right: false, outOfScope: true }));
    expect(rescueThreshold([...inScope, ...strays], weights, 0.7, RESCUE_COST)).toBeCloseTo(p(1.15) + 1e-4, 9);
    // A list in scope that misses its procedure counts against a lower threshold too: three such tip it above the stray.
    const wrong = [1, 1.02, 1.04].map((x) => ({ row: row(x), right: false, outOfScope: false }));
    expect(rescueThreshold([...inScope, stray, ...wrong], weights, 0.7, RESCUE_COST)).toBeCloseTo(p(2.2) + 1e-4, 9);
  });

  it("keeps the rescue's floor (RESCUE_FLOOR) above out-of-scope English messages the model would otherwise offer a list", () => {
    // The floor is the default: with every out-of-scope message it learns from far below, the threshold is the floor,
    // not what those messages alone would allow.
    const row = (p: number) => [1, p, 0.3, 0.5, 0.5, 0, 1, p, 0, p, 0, 0, 0, 1, 0];
    const samples = [
      ...[0.9, 0.8, 0.85, 0.95].map((p) => ({ row: row(p), right: true, outOfScope: false })),
      ...[0.1, 0.2].map((p) => ({ row: row(p), right: false, outOfScope: true })),
    ];
    expect(trainRescue(samples).threshold).toBe(RESCUE_FLOOR);
    expect(trainRescue(samples, { floor: 0 }).threshold).toBeLessThan(RESCUE_FLOOR);
    // The committed model was trained with it (without, the tuning part's out-of-scope messages alone set 0.79, and
    // "how do I register my dog" was offered a list), and test/search/english.tsv's out-of-scope messages are offered
    // no list by the rescue.
    const model = RANKER_MODEL as RankerModel;
    const rescue = model.rescue as NonNullable<RankerModel["rescue"]>;
    expect(rescue.threshold).toBeGreaterThanOrEqual(RESCUE_FLOOR);
    const served = (threshold: number) =>
      new ExampleSearch(
        catalogue.procedures,
        catalogue.synonyms,
        servedExamples(catalogue.examples),
        catalogue.redirects,
        { key: labelKey, ranker: { ...model, rescue: { ...rescue, threshold } } },
      );
    const atFloor = served(rescue.threshold);
    const rulesOnly = new ExampleSearch(catalogue.procedures, catalogue.synonyms, [], catalogue.redirects, {
      key: labelKey,
      ranker: null,
    });
    const outOfScope = parseLabelledQueries(readFileSync(path.join(ROOT, "test/search/english.tsv"), "utf8")).filter(
      (q) => q.expected.length === 0 && rulesOnly.search(q.query).decision === "none",
    );
    expect(outOfScope.length).toBeGreaterThan(10);
    const offered = (s: ExampleSearch<Procedure>) => outOfScope.filter((q) => s.search(q.query).decision !== "none");
    expect(offered(atFloor).map((q) => q.query)).toEqual([]);
  }, 120_000);

  it(`${RANKER_FILE} is what npm run ranker:train makes of today's data and code (near enough)`, () => {
    // Until the thirtieth session this test retrained the model (3 min of CPU alone, 437 s of a CI run's 1,084) and
    // compared. The trainer now records in the file hashes of everything it reads and runs (`trained`: eval/tuning.tsv,
    // data/ but its own output and the follow-up judge's model, the source files it imports and package-lock.json;
    // src/cli/fingerprint.ts), so the same check costs a read: hashes equal to today's mean the file was written from this
    // very checkout, either by npm run ranker:train (training is deterministic, as the first test of this file holds: the
    // file is exactly what a retrain makes) or by npm run ranker:check, which retrains and records today's hashes only
    // when `drift` (the very tolerances this test used to apply, tested below) finds nothing. A change of the data or of
    // any code the trainer runs fails here until one of the two is run: stricter than the retrain was, never looser.
    const stored = JSON.parse(readFileSync(path.join(ROOT, RANKER_FILE), "utf8")) as RankerModel;
    expect(stored.features).toEqual([...FEATURES]);
    expect(stored.lead?.features).toEqual([...LEAD]);
    const today = rankerInputs(ROOT);
    expect(
      stored.trained?.data,
      `${RANKER_FILE} was trained from other data: run npm run ranker:train (or npm run ranker:check, which keeps the weights when a retrain lands near enough) and commit it`,
    ).toBe(today.data);
    expect(
      stored.trained?.code,
      `${RANKER_FILE} was trained by other code: run npm run ranker:check (records today's code when a retrain lands near enough; else npm run ranker:train) and commit it`,
    ).toBe(today.code);
  });

  it("hashes every source file the trainer runs, and what the model may move by without a retrain (drift)", () => {
    // The trainer's imports, followed: the search's rules and features and the catalogue's loading are all hashed.
    const files = sourceFiles(ROOT, "src/cli/ranker-train.ts");
    for (const f of [
      "src/search/index.ts",
      "src/search/ranker.ts",
      "src/search/examples.ts",
      "src/catalogue/load.ts",
    ]) {
      expect(files).toContain(f);
    }
    // The follow-up judge's model is left out of the data hash because nothing the trainer runs loads it.
    for (const f of files)
      expect(readFileSync(path.join(ROOT, f), "utf8")).not.toMatch(/import [^;]*case-question\.json/);
    expect(NOT_RANKER_INPUTS).toEqual([RANKER_FILE, "data/case-question.json"]);
    // A weight, a prior or a rescue weight may move by less than 0.25, the rescue's threshold by less than 0.1.
    const model: RankerModel = {
      features: ["a", "b"],
      weights: [1, -1],
      codes: { x: 0.5, y: -0.2 },
      rescue: { features: ["r"], weights: [2], threshold: 0.6 },
    };
    expect(drift(model, model)).toEqual([]);
    const near: RankerModel = {
      ...model,
      weights: [1.2, -0.8],
      codes: { x: 0.3, z: 0.2 },
      rescue: { features: ["r"], weights: [1.8], threshold: 0.65 },
    };
    expect(drift(model, near)).toEqual([]);
    expect(drift(model, { ...model, weights: [1.3, -1] })).toHaveLength(1);
    expect(drift(model, { ...model, codes: { x: 0.5 } })).toHaveLength(0);
    expect(drift(model, { ...model, codes: { x: 0.5, y: -0.2, w: 0.3 } })).toHaveLength(1);
    expect(drift(model, { ...model, rescue: { features: ["r"], weights: [2.3], threshold: 0.6 } })).toHaveLength(1);
    expect(drift(model, { ...model, rescue: { features: ["r"], weights: [2], threshold: 0.75 } })).toHaveLength(1);
    expect(drift(model, { ...model, rescue: { features: ["s"], weights: [2], threshold: 0.6 } })).toHaveLength(1);
    expect(drift(model, { ...model, features: ["a", "c"] })).toHaveLength(1);
    expect(drift(model, { ...model, weights: [1, Number.NaN] })).toHaveLength(1);
    const judged: RankerModel = { ...model, lead: { features: ["l"], weights: [1], threshold: 0.9 } };
    expect(drift(judged, { ...judged, lead: { features: ["l"], weights: [1.2], threshold: 0.95 } })).toEqual([]);
    expect(drift(judged, { ...judged, lead: { features: ["l"], weights: [1.3], threshold: 0.9 } })).toHaveLength(1);
    expect(drift(judged, { ...judged, lead: { features: ["l"], weights: [1], threshold: 1.01 } })).toHaveLength(1);
  });

  it("sets the list judge's threshold above every out-of-scope list and where a wrong first costs LEAD_COST right ones", () => {
    const row = (p: number, right: boolean, outOfScope = false) => ({ p, right, outOfScope });
    // Seven right lists for each wrong one from 0.9 up; below, one wrong in three.
    const rows = [
      ...Array.from({ length: 14 }, (_, k) => row(0.91 + k * 0.005, true)),
      row(0.9, false),
      row(0.95, false),
      ...Array.from({ length: 6 }, (_, k) => row(0.6 + k * 0.02, k % 3 !== 0)),
    ];
    expect(leadThreshold(rows)).toBeCloseTo(0.91, 5);
    // An out-of-scope list at 0.93 lifts it above that list.
    expect(leadThreshold([...rows, row(0.93, false, true)])).toBeGreaterThan(0.93);
    // Nothing worth answering: never.
    expect(leadThreshold([row(0.8, false), row(0.7, true)])).toBe(Number.POSITIVE_INFINITY);
    expect(LEAD_COST).toBe(7);
    expect(fitLead([])).toEqual(fitLead([]));
  });
});
