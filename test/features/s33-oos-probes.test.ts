import { asksProviderChoice } from "../../src/features/everyday.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 33 (OOS): which landlord, shop, studio or law office to go to (everyday.ts `asksProviderChoice`:
 * the provider followed by its "nào", not a way, a time or a place asked, not "any" after a negation, not a kind asked of
 * a rule), the dishes of a meal or an offering asked after a story (small-talk.ts EVERYDAY_ASKED), and a writer who says
 * outright that no procedure is asked (small-talk.ts `disclaimsProcedure`) get small talk, not the procedure the ward
 * paper of the purpose or the story names. Tuning part, 5-fold through the whole assistant (bench/oos-assistant.ts):
 * out of scope answered even 9 → 8, odd 14 → 8; broken 0 / 0; the readers take no in-scope tuning message, tuning
 * conversation turn or test fixture line that expects a procedure. Probe batch test/features/s33-oos-probe1.tsv (own,
 * written after the change, tuned on).
 */
describeOosBatches(catalogue, "probe batch (test/features/s33-oos-probe1.tsv)", [
  ["test/features/s33-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 2 }],
]);

describeReaders("test/features/s33-oos-readers.tsv", { "provider-choice": asksProviderChoice });
