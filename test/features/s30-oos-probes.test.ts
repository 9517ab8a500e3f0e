import { bundledCatalogueOfFile, describeOosBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 30 (OOS): a probe batch of first messages written by OOS from how such requests are built, after the change
 * and tuned on (test/features/s30-oos-probe1.tsv): another agency's service said in English by an everyday name (a car
 * or motorbike licence, a new or trading company, the electricity or water contract or meter, a SIM card: terms of
 * data/redirects.json and answer.ts OWN_COMPANY), and a letter whose story tells a ward procedure done while its closing
 * clauses ask a carrier's SIM service with no ward thing beside it (redirects.ts byLettersQuestion); in-scope
 * look-alikes (a household business said as no company, a company's staff registering residence, a ward paper asked
 * for a SIM). Main 12194aa: out of scope answered 2 of 10, listed 3, in scope 3 of 3; with the change 0, 0, 3 of 3.
 */
describeOosBatches(catalogue, "probe batch (test/features/s30-oos-probe1.tsv)", [
  ["test/features/s30-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 3 }],
]);
