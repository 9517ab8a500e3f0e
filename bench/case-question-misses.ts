// npx tsx bench/case-question-misses.ts [--at P] — the case-question judge trained on each half of the tuning turns
// (case-question-train.ts caseTurns), read on the other half: per half and kind, how many turns it reads as the case's
// at P (default CASE_QUESTION_BROAD), and the misses (stay turns read no, none turns read yes) as tab-separated lines.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../src/catalogue/load.js";
import { type CaseTurn, caseTurns, trainOn } from "../src/cli/case-question-train.js";
import { CASE_QUESTION_BROAD, caseQuestionP, typedInEnglish } from "../src/features/case-question.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid");
const catalogue = loaded.catalogue;
const at = process.argv.includes("--at") ? Number(process.argv[process.argv.indexOf("--at") + 1]) : CASE_QUESTION_BROAD;
/** `--en P`: the P English follow-ups are counted at (answer.ts ENGLISH_CASE_SURE). */
const enAt = process.argv.includes("--en") ? Number(process.argv[process.argv.indexOf("--en") + 1]) : 0.7;
const misses: string[] = [];
for (const [train, read] of [
  ["even", "odd"],
  ["odd", "even"],
] as const) {
  const model = trainOn(caseTurns(ROOT, catalogue, train), catalogue);
  const turns = caseTurns(ROOT, catalogue, read);
  const line: string[] = [];
  for (const kind of ["stay", "none", "switch", "message"] as CaseTurn["kind"][]) {
    const of = turns.filter((t) => t.kind === kind);
    let yes = 0;
    for (const t of of) {
      const p = caseQuestionP(model, t.text, t.current, catalogue);
      if (p >= at) yes++;
      if ((kind === "stay") !== p >= at && kind !== "switch")
        misses.push(`${read}\t${kind}\t${p.toFixed(2)}\t${t.id}\t${t.current.code}\t${t.text.replace(/\s+/g, " ")}`);
    }
    line.push(`${kind} ${yes}/${of.length}`);
  }
  // English follow-ups apart: the judge alone decides them at a higher P (answer.ts ENGLISH_CASE_SURE)
  const english = (kind: CaseTurn["kind"], p: number) => {
    const of = turns.filter((t) => t.kind === kind && typedInEnglish(t.text));
    return `${kind} ${of.filter((t) => caseQuestionP(model, t.text, t.current, catalogue) >= p).length}/${of.length}`;
  };
  console.error(
    `${read} half read by ${train}'s judge at P ≥ ${at}: ${line.join(", ")}; English at ${enAt}: ${english("stay", enAt)}, ${english("none", enAt)}, ${english("message", enAt)}`,
  );
}
console.log(misses.join("\n"));
