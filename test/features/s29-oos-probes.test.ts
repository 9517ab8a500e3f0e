import { bundledCatalogueOfFile, describeOosBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 29 (OOS): a probe batch of first messages written by OOS from how such requests are built, and tuned on
 * (test/features/s29-oos-probe1.tsv): the meaning of a wording quoted or pointed at on a paper, the bot's opinion of a
 * rule, English thanks telling how it went (small-talk.ts asksMeaningOfWording, asksOpinionOfRule, THANKS_TOLD); an
 * entry of another agency's paper or contract asked changed after a ward procedure the story tells done (redirects.ts
 * asksEntryChanged); in-scope look-alikes (a paper's own name asked for its meaning, a ward paper asked for changing
 * another agency's paper, an entry of the ward's own paper changed). Main d9b46f9: out of scope answered 7 of 12, listed
 * 1, in scope 4 of 4; with the session's changes 0, 0, 4 of 4. Floors: what the landed changes reach.
 */
describeOosBatches(catalogue, "probe batch (test/features/s29-oos-probe1.tsv)", [
  ["test/features/s29-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 4 }],
]);
