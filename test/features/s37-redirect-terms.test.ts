/**
 * Session 37 (SPEED): the redirects are read through an index of their terms by word (redirects.ts `termsThatMaySay`):
 * a message is compared only with the terms whose rarest word it says. The index may only spare work: every term that
 * `findTerm` finds in a message, reading all the terms, must be among the terms the index offers, in the redirect's
 * order, over the tuning messages as typed and folded (no accents, lower case) and over a redirects list staff edited.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Redirect } from "../../src/catalogue/schema.js";
import { findTerm, matchRedirect, termsThatMaySay } from "../../src/features/redirects.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { fold, words } from "../../src/search/normalize.js";

const redirects = (JSON.parse(readFileSync("data/redirects.json", "utf8")) as { redirects: Redirect[] }).redirects;
/** Every 25th tuning message, as typed and folded: a thousand or so, read against all 800 terms. */
const messages = parseLabelledQueries(readFileSync("eval/tuning.tsv", "utf8"))
  .filter((_, i) => i % 25 === 0)
  .flatMap((q) => [q.query, fold(q.query)]);

/** The terms of each redirect found in the words by reading every term (what the index must never leave out). */
function foundReadingAll(list: readonly Redirect[], text: string): string[][] {
  const typed = words(text);
  const tokens = typed.map((w) => w.token);
  const marks = typed.map((w) => w.marks);
  return list.map((r) => r.terms.filter((term) => findTerm(tokens, term, marks) !== undefined));
}

function offered(list: readonly Redirect[], text: string): string[][] {
  const tokens = words(text).map((w) => w.token);
  return termsThatMaySay(list, tokens).map((terms) => terms ?? []);
}

describe("the redirects' terms indexed by word", () => {
  it("offers every term a message says, in its redirect's order", () => {
    let said = 0;
    for (const text of messages) {
      const all = foundReadingAll(redirects, text);
      const mayBe = offered(redirects, text);
      all.forEach((found, r) => {
        said += found.length;
        expect(mayBe[r] ?? [], `«${text}» · ${redirects[r]?.id}`).toEqual(expect.arrayContaining(found));
        // the offered terms in the order the redirect lists them (a term listed twice is offered twice)
        const terms = mayBe[r] ?? [];
        expect(terms).toEqual(redirects[r]?.terms.filter((t) => terms.includes(t)));
      });
    }
    // the sample names other agencies' services often enough for the check to mean something
    expect(said).toBeGreaterThan(50);
  });

  it("offers nothing to a message that says no word of any term, and reads an edited list afresh", () => {
    expect(offered(redirects, "zzz qqq").every((terms) => terms.length === 0)).toBe(true);
    // a staff edit brings new terms (and a new list): the index of the old list is not used for it
    const edited = redirects.map((r) =>
      r.id === "ho-chieu" ? { ...r, terms: [...r.terms, "sổ thông hành xanh"] } : r,
    );
    expect(matchRedirect(redirects, "xin sổ thông hành xanh ở đâu")?.redirect.id).not.toBe("ho-chieu");
    expect(matchRedirect(edited, "xin sổ thông hành xanh ở đâu")?.redirect.id).toBe("ho-chieu");
    const gapped = redirects.map((r) => (r.id === "ho-chieu" ? { ...r, terms: ["gia hạn … hộ chiếu xanh"] } : r));
    expect(matchRedirect(gapped, "gia hạn giúp tôi hộ chiếu xanh")?.redirect.id).toBe("ho-chieu");
  });
});
