import { asksOfficeContact } from "../../src/features/office-contact.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 32 (OOS): the office's own phone number, hotline or e-mail asked gets the reply with the office's contact block
 * (office-contact.ts `asksOfficeContact`, answer.ts), not a list of the procedures the citizen names as the reason to
 * call. Tuning part, 5-fold through the whole assistant (bench/oos-assistant.ts): out of scope listed even 3 → 2, odd
 * 4 → 3 (an English e-mail of the committee, a letter naming birth registration and temporary residence as its
 * reason), broken 0 / 0; the reader takes no in-scope tuning message, conversation turn or test fixture line.
 * Probe batch test/features/s32-oos-probe1.tsv (own, written after the change, tuned on). Second change: a paper to be
 * "legalised for use" abroad or at home, said in English, gets the consular pointer (data/redirects.json
 * hop-phap-hoa-lanh-su): tuning answered even 7 → 6, a pointer where not found was given odd +3, broken 0 / 0.
 */
describeOosBatches(catalogue, "probe batch (test/features/s32-oos-probe1.tsv)", [
  ["test/features/s32-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 2 }],
]);

describeReaders("test/features/s32-oos-readers.tsv", { "office-contact": asksOfficeContact });
