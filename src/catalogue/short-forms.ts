import { tokenize, words } from "../search/normalize.js";
import { unchat } from "../search/spelling.js";
import type { Redirect, SynonymsFile } from "./schema.js";

/**
 * Other agencies' terms as citizens shorten them, read from the synonyms (data/synonyms.json) rather than listed in
 * data/redirects.json spelling by spelling: «lltp» for «lý lịch tư pháp», «cmt» for «chứng minh thư», «vp công chứng»
 * and «vpcc» for «văn phòng công chứng». The search reads a synonym group's names as one concept; the redirects read
 * their terms word for word (features/redirects.ts `findTerm`), so a pointer's term said by a short form of the same
 * concept was missed («lltp số 1 xin ở đâu» got the contact block, «làm lại cmt» no pointer). Staff add a short form
 * to the synonyms once, and both readers know it.
 *
 * Only short forms are brought in, not every name of the group: a group gathers words the search may read alike that
 * are no agency's service said whole («giấy tờ tùy thân» beside «căn cước», «chứng thực» beside «công chứng»). A short
 * form is spelt from another name of its group, each of its words either that name's word or the initials of two or
 * more of its words in a row, one at least: «cmnd» of «chứng minh nhân dân», «vp công chứng» of «văn phòng công chứng».
 */

/** Whether `short` (folded words) is spelt from `full` word by word or by initials, one initials at least (above). */
export function isShortFormOf(short: readonly string[], full: readonly string[]): boolean {
  const from = (i: number, j: number, initials: boolean): boolean => {
    if (i === short.length) return j === full.length && initials;
    const word = short[i] as string;
    if (full[j] === word && from(i + 1, j + 1, initials)) return true;
    // the initials of two or more of the full name's words in a row
    for (let n = 2; n <= word.length && j + n <= full.length; n++) {
      const run = full.slice(j, j + n);
      if (run.map((w) => w[0]).join("") === word && from(i + 1, j + n, true)) return true;
    }
    return false;
  };
  return short.length > 0 && from(0, 0, false);
}

/** Each synonym group's names (folded words) and which of them are short forms of another name of the group. */
function groupsOf(synonyms: SynonymsFile): Array<{ names: string[][]; shorts: string[][] }> {
  return synonyms.groups.map((group) => {
    const names = group.terms.map(tokenize).filter((t) => t.length > 0);
    const shorts = names.filter((s) => names.some((full) => full !== s && isShortFormOf(s, full)) && !readAsChat(s));
    return { names, shorts };
  });
}

/**
 * Whether the search's chat reading writes the short form out already («đk» → «đăng ký», «kd» → «kinh doanh»:
 * spelling.ts `unchat`), which the redirects read too (features/redirects.ts `withTermSlips`).
 */
function readAsChat(short: readonly string[]): boolean {
  return unchat(words(short.join(" "))).some((w, k) => w.token !== short[k]);
}

const at = (tokens: readonly string[], run: readonly string[], i: number) => run.every((t, k) => tokens[i + k] === t);

/**
 * A term's spellings by the short forms of the synonym groups it says: the longest name of a group said in the term
 * (as whole words) written by each of its short forms. Terms with gaps («…») are left as they are.
 */
function shortSpellings(term: string, groups: ReturnType<typeof groupsOf>): string[] {
  if (term.includes("…")) return [];
  const tokens = tokenize(term);
  const out: string[] = [];
  for (const { names, shorts } of groups) {
    if (shorts.length === 0) continue;
    for (let i = 0; i < tokens.length; i++) {
      const said = names
        .filter((name) => i + name.length <= tokens.length && at(tokens, name, i))
        .sort((a, b) => b.length - a.length)[0];
      if (!said) continue;
      // a term that is the group's name whole («căn cước», «thuế») is the concept: every short form of the group
      // («cmt», «cmnd»; «mst»); a name inside a longer term only its own («đăng ký xe» → «dk xe»)
      const whole = said.length === tokens.length;
      for (const short of shorts) {
        if (short.join(" ") === said.join(" ") || !(whole || isShortFormOf(short, said))) continue;
        out.push([...tokens.slice(0, i), ...short, ...tokens.slice(i + said.length)].join(" "));
      }
      i += said.length - 1;
    }
  }
  return out;
}

/**
 * The redirects with their terms' short spellings added (`shortSpellings`), as the catalogue serves them; the file's
 * own terms first and unchanged, a spelling already a term (folded) not added twice. The data file is not touched.
 */
export function withShortForms(redirects: readonly Redirect[], synonyms: SynonymsFile): Redirect[] {
  const groups = groupsOf(synonyms);
  return redirects.map((redirect) => {
    const known = new Set(redirect.terms.map((t) => tokenize(t).join(" ")));
    const added: string[] = [];
    for (const term of redirect.terms) {
      for (const spelling of shortSpellings(term, groups)) {
        if (known.has(spelling)) continue;
        known.add(spelling);
        added.push(spelling);
      }
    }
    return added.length === 0 ? redirect : { ...redirect, terms: [...redirect.terms, ...added] };
  });
}
