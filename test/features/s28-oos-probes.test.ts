import { asksAgencyService } from "../../src/features/redirects.js";
import { bundledCatalogueOfFile, describeReaders, readsRedirect } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 28 (OOS): the readers the session changed, on messages written by OOS before any change was measured on them
 * (test/features/s28-oos-readers.tsv: reader, text, yes|no). Service asked (redirects.ts asksAgencyService): another
 * agency's service said as what a ward paper asked is for, by a purpose word other than «để» («nhằm», «với mục đích»,
 * «mục đích là», «phục vụ việc», «dùng cho việc»), is no request for that service; with no ward paper before the
 * words, an errand, it is. Main fcf3cbc: 1 of the 8 «no» lines right (7 went to the pointer), the 4 «yes» right; with
 * the purpose words read as «để» is (purposeBefore): 12 of 12.
 */
describeReaders("test/features/s28-oos-readers.tsv", {
  "service asked": readsRedirect(catalogue, asksAgencyService),
});
