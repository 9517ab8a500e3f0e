import { smallTalkReply } from "../../src/features/small-talk.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders, readsRedirect } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 24 (OOS): probe batch 1 (test/features/s24-oos-probe1.tsv) through the whole assistant, written by OOS after
 * reading the even tuning half's eight misses and before any change was measured on it (md5 dfcb23e0); none of its
 * lines was then tuned on. Figures, main at aa8c9c0 -> e219043: out of scope answered 5 -> 2 of 18, listed 0 -> 0; in
 * scope 4 of 6 right -> 4 (one offered a list holding it; «bé nhà em chưa có giấy khai sinh, làm lần đầu ở đâu ạ» gets
 * a land record's first issue, search's). Left: the office's phone asked with a ward request as its reason, the meaning
 * of a word on a paper («chữ "quyển số" nghĩa là gì»). Floors: what the landed changes reach, none listed.
 */
describeOosBatches(catalogue, "probe batches (test/features/s24-oos-probe*)", [
  ["test/features/s24-oos-probe1.tsv", { answered: 2, listed: 0, inRight: 4 }],
]);

/**
 * The readers the session changed, each on messages it must take and must leave (test/features/s24-oos-readers.tsv:
 * reader, text, yes|no): the other agency's term read as all the message asks (a paper not yet had then asked for; an
 * agency put forward as where to go), the digits' meaning and longer complaints (off topic), a question about the bot
 * after a story (identity).
 */
describeReaders("test/features/s24-oos-readers.tsv", {
  "pointer asked": readsRedirect(catalogue, (_, said) => said.strength === 1),
  "off topic": (text) => smallTalkReply(text) === "small-talk-offtopic",
  identity: (text) => smallTalkReply(text) === "small-talk-identity",
});
