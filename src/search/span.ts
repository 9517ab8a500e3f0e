import { type TextWord, type Word, words } from "./normalize.js";

/**
 * A trade stopped for a stated span is a pause, not a closing (review s13 H1): "hộ kinh doanh em muốn nghỉ bán 2
 * tháng", "nghỉ bán 3 tháng vì em đi đẻ", "đóng cửa tiệm một thời gian", "close my shop for two months" ask the
 * pause (tạm ngừng kinh doanh), which the citizen rarely calls by its "tạm". The closing's own words ("nghỉ hẳn",
 * "dẹp luôn", "for good") keep the closing. The reading adds the pause's word before the stop, and the search's
 * synonyms and records do the rest ("tạm nghỉ bán" is the pause's).
 */

const fold = (text: string): Word[] => words(text);

/**
 * Phrases as runs of words, with those that start with each folded token in list order: a message's word is compared
 * only with the runs that start with it (the readings run at every word of every message), and the first such run that
 * fits is the list's first that fits there.
 */
interface Runs {
  readonly byFirst: ReadonlyMap<string, readonly Word[][]>;
}
function list(texts: readonly string[]): Runs {
  const runs = texts.map(fold);
  const byFirst = new Map<string, Word[][]>();
  for (const run of runs) {
    const head = (run[0] as Word).token;
    const same = byFirst.get(head);
    if (same) same.push(run);
    else byFirst.set(head, [run]);
  }
  return { byFirst };
}

/** Stopping something: the verb a span turns into a pause. */
const STOPS = list(["nghỉ", "ngừng", "ngưng", "dừng", "đóng cửa", "close", "stop", "shut"]);

/** What a stop may take that is no trade: a job, school, leave, retirement ("nghỉ việc 7 năm", "nghỉ thai sản 6 tháng"). */
const NOT_TRADE = list(["việc", "làm", "học", "phép", "hưu", "ốm", "thai sản", "sinh", "đẻ", "job", "work", "school"]);

/** What is stopped is a trade: said anywhere in the message. */
const TRADE = list([
  ...["kinh doanh", "bán", "buôn", "tiệm", "quán", "cửa hàng", "sạp", "hkd", "xưởng"],
  ...["shop", "store", "business", "stall", "restaurant"],
]);

/** A count: digits, or a number word (Vietnamese or English), or a vague few. */
const COUNTS = new Set(
  [
    ...["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "vài", "mấy", "dăm", "nửa", "ít"],
    ...["one", "two", "three", "four", "five", "six", "a", "few", "several", "couple"],
  ].map((t) => (fold(t)[0] as Word).token),
);
/** The units a count makes a span of. */
const UNITS = list(["tháng", "tuần", "ngày", "hôm", "bữa", "năm", "month", "months", "week", "weeks", "day", "days"]);

/** A span said without a count. */
const SPANS = list([
  ...["một thời gian", "thời gian ngắn", "ít lâu", "một dạo", "tạm thời", "trong lúc", "trong thời gian"],
  ...["a while", "for now", "temporarily", "for some time"],
]);

/** The closing's words: with them a span says when it closes, not how long it pauses. */
const FOR_GOOD = list([
  ...["hẳn", "luôn", "vĩnh viễn", "giải thể", "chấm dứt", "dẹp", "không kinh doanh nữa", "không bán nữa"],
  ...["for good", "permanently", "forever", "close down", "shut down"],
]);

/** The pause's own word, added before the stop. */
const PAUSE_VI = fold("tạm")[0] as Word;
const PAUSE_EN = fold("temporarily")[0] as Word;

/** A phrase's word as typed: the folded token, and its accents when any were typed. */
const fits = (w: Word, p: Word) => w.token === p.token && (w.marks === "" || w.marks === p.marks);
function runAt(said: readonly Word[], k: number, run: readonly Word[]): boolean {
  for (let j = 0; j < run.length; j++) {
    const w = said[k + j];
    if (w === undefined || !fits(w, run[j] as Word)) return false;
  }
  return true;
}
/** The first of `runs` (in list order) said at `k`. */
function firstAt(runs: Runs, said: readonly Word[], k: number): readonly Word[] | undefined {
  const w = said[k];
  const starting = w === undefined ? undefined : runs.byFirst.get(w.token);
  if (starting === undefined) return undefined;
  for (const run of starting) if (runAt(said, k, run)) return run;
  return undefined;
}
/** Whether one of `runs` is said at `k`. */
function anyAt(runs: Runs, said: readonly Word[], k: number): boolean {
  return firstAt(runs, said, k) !== undefined;
}
function saysAny(said: readonly Word[], runs: Runs): boolean {
  for (let k = 0; k < said.length; k++) if (anyAt(runs, said, k)) return true;
  return false;
}

/** Whether a span of time is said at `k`: a count and a unit ("2 tháng", "vài tuần", "two months"), or a span phrase. */
function spanAt(said: readonly Word[], k: number): boolean {
  const w = said[k] as Word;
  if (/^\d+$/.test(w.token) || COUNTS.has(w.token)) {
    // "2 tháng", "hai tháng", "a few months", "mấy bữa".
    for (let j = k + 1; j <= k + 2 && j < said.length; j++) if (anyAt(UNITS, said, j)) return true;
  }
  return anyAt(SPANS, said, k);
}

/**
 * The positions (`at`) of the stops in `said` that are a trade's pause, in a message about a trade that says none of
 * the closing's words: said as one ("tạm nghỉ"), or made one by a span said in their sentence ("nghỉ tết 2 tháng").
 */
export function pausedStops(said: readonly TextWord[]): Set<number> {
  const out = new Set<number>();
  if (!saysAny(said, TRADE) || saysAny(said, FOR_GOOD)) return out;
  said.forEach((w, k) => {
    if (!anyAt(STOPS, said, k)) return;
    if (anyAt(NOT_TRADE, said, k + 1)) return;
    const before = said[k - 1];
    if (before && (fits(before, PAUSE_VI) || fits(before, PAUSE_EN))) out.add(w.at);
    else if (said.some((v, j) => v.sentence === w.sentence && spanAt(said, j))) out.add(w.at);
  });
  return out;
}

/** The trade a pause stops, as the pause's record names it ("tạm nghỉ kinh doanh", "tạm ngừng kinh doanh"). */
const TRADE_VI = fold("kinh doanh");

/**
 * `rest` with each stop of `paused` read as the pause of the trade: the pause's word before it unless said, and in
 * Vietnamese the trade after it unless said ("quán bún bò nghỉ tết 2 tháng" → "… tạm nghỉ kinh doanh tết 2 tháng",
 * "tiệm sửa xe tạm nghỉ 6 tháng" → "… tạm nghỉ kinh doanh 6 tháng"): the citizen names the shop ("quán", "tiệm",
 * "sạp"), the record the trade.
 */
export function withPause<T extends TextWord>(rest: readonly T[], paused: ReadonlySet<number>, english: boolean): T[] {
  if (paused.size === 0) return [...rest];
  const pause = english ? PAUSE_EN : PAUSE_VI;
  const out: T[] = [];
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k] as T;
    if (!paused.has(w.at)) {
      out.push(w);
      continue;
    }
    const before = rest[k - 1];
    if (!(before !== undefined && (fits(before, PAUSE_VI) || fits(before, PAUSE_EN))))
      out.push({ ...w, token: pause.token, marks: pause.marks });
    // The stop whole ("đóng cửa"), then the trade after it unless said.
    const stop = firstAt(STOPS, rest, k)?.length ?? 1;
    out.push(...rest.slice(k, k + stop));
    k += stop - 1;
    if (!english && !runAt(rest, k + 1, TRADE_VI))
      out.push(...TRADE_VI.map((t) => ({ ...w, token: t.token, marks: t.marks })));
  }
  return out;
}

/**
 * A household business changing what it registered, told in everyday words (REVIEW s22 class 5): its capital raised
 * or cut ("tiệm tạp hóa muốn tăng vốn lên 300 triệu"), its line changed ("đổi từ bán cà phê qua bán cơm"), its place
 * moved ("quán nhậu nhà tui dời qua đường bên kia", "chuyển quán ăn sang số nhà khác"), its owner or its name. The
 * citizen names the shop and the change, the record "thay đổi nội dung đăng ký hộ kinh doanh": the reading adds the
 * record's words before the change ("thay đổi nội dung", and "hộ kinh doanh" unless said), and the synonyms and the record's
 * own aliases (thay đổi vốn, thêm ngành nghề, đổi chủ…) do the rest.
 */

/** Moving something: a shop moved is its place changed. */
const MOVES = list(["dời", "dọn", "chuyển"]);
/** The shop a citizen names (the trade's place), or the registration itself. */
const SHOPS = list([
  ...["quán", "tiệm", "cửa hàng", "cửa hiệu", "sạp", "quầy", "shop", "xưởng", "chỗ bán", "chỗ kinh doanh"],
  ...["địa điểm kinh doanh", "hộ kinh doanh", "hkd", "hộ kd"],
]);
/** Where a moved shop goes, right after the move ("dời qua", "chuyển sang", "dọn về"), or the clause ends. */
const WHITHER = list(["qua", "sang", "về", "đến", "tới", "ra", "vào", "lên", "xuống", "đi", "chỗ", "địa điểm"]);
/** Changing a thing: with what the registration records right after it, the record's change. */
const CHANGES = list(["đổi", "thay đổi", "thay", "tăng", "giảm", "thêm", "bổ sung", "bớt", "nâng", "rút", "chuyển"]);
/** What a household business's registration records, that a citizen changes. */
const REGISTERED = list([
  ...["vốn", "ngành", "ngành nghề", "mặt hàng", "địa chỉ kinh doanh", "địa điểm", "chủ hộ", "chủ quán", "chủ tiệm"],
  ...["chủ cửa hàng", "người đứng tên", "tên quán", "tên tiệm", "tên cửa hàng", "tên hộ", "tên biển hiệu"],
]);
/** A trade said: without one, a change or a move is someone else's ("chuyển địa điểm" of a residence). */
const TRADED = list([
  ...["kinh doanh", "buôn bán", "bán hàng", "quán", "tiệm", "cửa hàng", "cửa hiệu", "sạp", "quầy", "shop"],
  ...["hkd", "hộ kd", "xưởng"],
]);
/** A firm, not a household business: its changes are the business registry's (a redirect). */
const FIRM = list(["công ty", "doanh nghiệp", "hợp tác xã", "cty"]);
/** A line of trade changed: "(từ) bán X qua/sang bán Y". */
const SELLS = list(["bán", "kinh doanh", "buôn", "mở"]);
const TO = list(["qua", "sang"]);
/** Words said between a change and what it changes ("đổi lại tên quán", "tăng thêm vốn"). */
const BETWEEN = list(["lại", "thêm", "bớt", "cái", "từ"]);

/** The change as the record names it: "thay đổi nội dung" ("thay đổi" before "hộ" would read "thay đổi họ", a name). */
const CHANGE_VI = fold("thay đổi nội dung");
const HOUSEHOLD_VI = fold("hộ kinh doanh");
const HOUSEHOLD_SAID = list(["hộ kinh doanh", "hkd", "hộ kd", "hộ cá thể", "kinh doanh cá thể"]);

/** The positions (`at`) in `said` where a household business's change is told (`tradeChanges`). */
export function changedTrades(said: readonly TextWord[]): Set<number> {
  const out = new Set<number>();
  if (saysAny(said, FIRM)) return out;
  const traded = saysAny(said, TRADED);
  said.forEach((w, k) => {
    const move = firstAt(MOVES, said, k);
    if (move && traded) {
      // "dời quán", "chuyển cửa hàng": the shop moved right after the move…
      if (anyAt(SHOPS, said, k + move.length)) out.add(w.at);
      // …or named before it in its clause, the move going somewhere ("quán nhậu nhà tui dời qua đường bên kia").
      const next = said[k + move.length];
      const goes = next === undefined || next.clause !== w.clause || anyAt(WHITHER, said, k + 1);
      const subject = said
        .slice(Math.max(0, k - 5), k)
        .some((v, j, before) => v.clause === w.clause && anyAt(SHOPS, before, j));
      if (goes && subject) out.add(w.at);
    }
    const change = firstAt(CHANGES, said, k);
    if (!change) return;
    let j = k + change.length;
    while (j < said.length && j < k + change.length + 2 && anyAt(BETWEEN, said, j)) j++;
    const thing = said[j];
    if (thing === undefined || thing.clause !== w.clause) return;
    if (traded && anyAt(REGISTERED, said, j)) out.add(w.at);
    // "đổi (từ) bán cà phê qua bán cơm": a line sold for another.
    if (anyAt(SELLS, said, j)) {
      const turn = said.findIndex((v, t) => t > j && t <= j + 5 && v.clause === w.clause && anyAt(TO, said, t));
      if (turn > 0 && anyAt(SELLS, said, turn + 1)) out.add(w.at);
    }
  });
  return out;
}

/**
 * `said` with the record's words before each change of `changedTrades`: "thay đổi nội dung", and "hộ kinh doanh" once
 * unless the message says it.
 */
export function tradeChanges<T extends TextWord>(said: readonly T[]): T[] {
  const changes = changedTrades(said);
  if (changes.size === 0) return [...said];
  let household = saysAny(said, HOUSEHOLD_SAID);
  const out: T[] = [];
  for (let k = 0; k < said.length; k++) {
    const w = said[k] as T;
    if (changes.has(w.at)) {
      const as = (p: Word) => ({ ...w, token: p.token, marks: p.marks });
      out.push(...CHANGE_VI.map(as));
      if (!household) out.push(...HOUSEHOLD_VI.map(as));
      household = true;
    }
    out.push(w);
  }
  return out;
}

/** The phrase runs' index, for the tests that hold it to the plain reading (test/search/s39-speed.test.ts). */
export { firstAt as firstRunAt, list as phraseRuns };
