import type { Redirect } from "../catalogue/schema.js";
import { extractIntent } from "../search/intent.js";
import { MAX_QUERY_CHARS, tokenize, words } from "../search/normalize.js";

export interface RedirectMatch {
  redirect: Redirect;
  /** The term said, folded ("ly hon"). */
  term: string[];
  /** Share of the message's words (section cues aside) that the matched term says, 0..1. */
  strength: number;
  /** Every term of the redirect the message says ("đổi biển số" and "biển số xe" in "đổi biển số xe"). */
  said: string[][];
}

/** Chat words that say nothing about what is asked, so "làm hộ chiếu ở đâu" is all passport. */
const IDLE = new Set(
  tokenize(
    "thủ tục làm cấp xin muốn cần tôi em mình cho hỏi ạ ơi với được không ko đc thế nào sao vậy gì i want to get a my how",
  ),
);

/**
 * The redirect whose term the message says, word for word after folding ("lam ho chieu" says
 * "hộ chiếu"), the longest term first; undefined when none does.
 */
export function matchRedirect(redirects: readonly Redirect[], text: string): RedirectMatch | undefined {
  const { rest } = extractIntent(words(text.slice(0, MAX_QUERY_CHARS)));
  const content = rest.filter((w) => !IDLE.has(w.token)).length;
  // Terms are looked for in every word, section cues included: "bị phạt nguội" holds the cue "bị phạt",
  // "lệ phí trước bạ" the cue "lệ phí".
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  let best: RedirectMatch | undefined;
  for (const redirect of redirects) {
    const said = redirect.terms.map(tokenize).filter((run) => run.length > 0 && containsRun(tokens, run));
    for (const run of said) {
      const words = run.filter((t) => !IDLE.has(t)).length;
      const strength = content === 0 ? 1 : Math.min(1, words / content);
      if (!best || strength > best.strength) best = { redirect, term: run, strength, said };
    }
  }
  return best;
}

export function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((t, j) => tokens[i + j] === t)) return true;
  }
  return false;
}

/** Words a request opens with before its topic: "cho hỏi", "tôi muốn xin", "làm thủ tục". */
const OPENING = new Set(tokenize("cho hỏi muốn xin làm thủ tục về ạ"));
/** Who asks, skipped only before a request ("tôi muốn vay vốn"): "tôi ly hôn được 3 năm rồi" is a status. */
const ASKER = new Set(tokenize("tôi em mình"));
const REQUEST = new Set(tokenize("muốn xin"));

/**
 * Whether the message opens with the term, its topic said first ("vay vốn ngân hàng chính sách cho hộ nghèo thì
 * thủ tục thế nào"): the request itself, though a ward procedure's words follow; a paper or a status in a
 * question about a procedure comes after it ("khai sinh cho con cần cccd của bố mẹ không").
 */
export function opensWith(text: string, term: readonly string[]): boolean {
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  const at = tokens.findIndex((t, i) => !OPENING.has(t) && !(ASKER.has(t) && REQUEST.has(tokens[i + 1] ?? "")));
  return at >= 0 && term.every((t, j) => tokens[at + j] === t);
}

/** Words before a paper's name that make it something to bring ("mang bản gốc căn cước", "kèm bản sao hộ chiếu"). */
const BRING = new Set(tokenize("mang theo kèm gốc chính sao photo xuất trình"));

/**
 * Whether the message names the term as a paper the citizen brings rather than asks for: "có phải
 * mang bản gốc căn cước không" is about the documents of the procedure at hand, not about a căn cước.
 */
export function namesPaperToBring(text: string, term: readonly string[]): boolean {
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  for (let i = 0; i + term.length <= tokens.length; i++) {
    if (!term.every((t, j) => tokens[i + j] === t)) continue;
    if (tokens.slice(Math.max(0, i - 3), i).some((t) => BRING.has(t))) return true;
  }
  return false;
}

/** Words that make what follows a paper to bring ("mang sổ hộ khẩu", "kèm bản sao", "xuất trình căn cước"). */
const BRING_VERBS = new Set(tokenize("mang đem kèm xuất trình photo"));

/** Whether the message speaks of bringing a paper ("có cần mang sổ hộ khẩu không", "phải photo căn cước không"). */
export function bringsPaper(text: string): boolean {
  return tokenize(text.slice(0, MAX_QUERY_CHARS)).some((t) => BRING_VERBS.has(t));
}

/**
 * Words just before a term that make it something the citizen has, needs, lists or is, not the service
 * asked for: "có hộ chiếu", "cần cccd", "số căn cước của chủ hộ", "giấy tờ như căn cước", "đã ly hôn",
 * "trước khi khởi kiện".
 */
const HAD = new Set(tokenize("có cần số như đã kèm mang dùng bằng"));
const HAD_PAIRS = new Set(["truoc khi", "thay vi", "sau khi"]);

/**
 * Whether every place the message says one of the terms (overlapping terms taken together: "khởi kiện ra
 * tòa"), it names a paper held or needed, or a status.
 */
export function namesAsHeld(text: string, terms: readonly (readonly string[])[]): boolean {
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  const spans: Array<[number, number]> = [];
  for (const term of terms) {
    for (let i = 0; i + term.length <= tokens.length; i++) {
      if (term.length > 0 && term.every((t, j) => tokens[i + j] === t)) spans.push([i, i + term.length]);
    }
  }
  if (spans.length === 0) return false;
  spans.sort((a, b) => a[0] - b[0]);
  let start = -1;
  let end = -1;
  const starts: number[] = [];
  for (const [from, to] of spans) {
    if (from >= end) {
      if (start >= 0) starts.push(start);
      start = from;
    }
    end = Math.max(end, to);
  }
  starts.push(start);
  return starts.every((at) => {
    const before = tokens[at - 1] ?? "";
    return HAD.has(before) || HAD_PAIRS.has(`${tokens[at - 2] ?? ""} ${before}`);
  });
}
