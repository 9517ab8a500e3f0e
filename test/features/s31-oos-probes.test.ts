import { bundledCatalogueOfFile, describeOosBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 31 (OOS): a probe batch of first messages written by OOS from how such requests are built, after the change
 * and tuned on (test/features/s31-oos-probe1.tsv): a copy or summary of one's medical records asked (the health pointer's
 * act-led terms in data/redirects.json: «xin/sao chụp/tóm tắt … hồ sơ bệnh án», "copy of / get / request … medical
 * records"), a car's periodic safety inspection asked in English (the đăng kiểm pointer), and a letter whose question
 * names another agency as the one who demands (redirects.ts agencyDemands); in-scope look-alikes: medical records asked
 * as a paper the disability certificate needs (Vietnamese, English), a ward paper a bank demands asked at the ward.
 * Main 64ad01f: out of scope answered 1, listed 1 of 8, the pointer given to 2 (the rest not found or small talk); in
 * scope 2 right and 1 a list holding it. With the change: answered 1, listed 0, the pointer given to 7; in scope the same.
 * The one left answered: "request my late father's medical records" (four words between the act and the term, beyond a
 * term's gap of three; a bare "medical records" term took the English look-alike, a paper needed, to the pointer, so the
 * terms are act-led). The English look-alike stays a list holding its procedure, as on main.
 */
describeOosBatches(catalogue, "probe batch (test/features/s31-oos-probe1.tsv)", [
  ["test/features/s31-oos-probe1.tsv", { answered: 1, listed: 0, inRight: 2 }],
]);
