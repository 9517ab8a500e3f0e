// The served case-question judge (data/case-question.json) must be what `npm run case-question:train` makes of today's
// tuning conversations and câu mẫu: a file left behind after a split in would judge follow-ups by turns that are no
// longer the tuning part's (as test/search/ranker.test.ts holds data/ranker.json and s15-scope data/scope.json). The
// stay-or-switch judge beside it (its `staySwitch`) must have learnt from today's tuning conversations: its turns are
// read with the served search, so it is held by the conversations' fingerprint rather than retrained here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import {
  CASE_QUESTION_FILE,
  caseTurns,
  conversationsFingerprint,
  formatCaseQuestion,
  trainOn,
} from "../../src/cli/case-question-train.js";
import type { StaySwitchModel } from "../../src/features/case-question.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("the case-question judge's model", () => {
  it("data/case-question.json is what npm run case-question:train makes of today's data", async () => {
    const loaded = await loadCatalogue(path.join(ROOT, "data"));
    if (!loaded.ok) throw new Error("bundled catalogue is invalid");
    const file = readFileSync(path.join(ROOT, CASE_QUESTION_FILE), "utf8");
    const staySwitch = (JSON.parse(file) as { staySwitch?: StaySwitchModel }).staySwitch;
    expect(staySwitch?.trained?.data, "the stay-or-switch judge learnt from today's tuning conversations").toBe(
      conversationsFingerprint(ROOT),
    );
    expect(file).toBe(formatCaseQuestion(trainOn(caseTurns(ROOT, loaded.catalogue), loaded.catalogue), staySwitch));
  }, 180_000);
});
