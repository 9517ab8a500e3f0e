import bundledRedirects from "../../data/redirects.json" with { type: "json" };
import { fold, type TextWord, textWords, tokenize, type Word, words } from "../search/normalize.js";

/**
 * Everyday life beside the ward: the one list of establishments (shops, markets, hospitals, schools, banks …) that
 * small talk (src/features/small-talk.ts: a shop's hours asked) and the follow-ups (src/features/follow-up.ts: "chợ Bến
 * Thành ở đâu" after an answer) read, and the request frames that ask for what no ward procedure gives — a shop, a
 * craftsman or a service found, a thing bought or hired, a price, advice or a recommendation — whatever the topic.
 * Review s15 L3: the lists of small-talk.ts and follow-up.ts had drifted apart ("nhà hàng" a place in one, only "nhà
 * hàng nào" in the other).
 */

/** An everyday establishment, and the words around it that make its words something else ("nhà hàng xóm"). */
interface Establishment {
  run: readonly Word[];
  /** A word right after the run that makes it no establishment ("nhà hàng xóm", "trường hợp", "hiệu lực"). */
  notBefore?: readonly string[];
  /** A word right before the run that makes it no establishment ("môi trường", "quê quán", "thương hiệu"). */
  notAfter?: readonly string[];
}

type Entry = string | { run: string; notBefore?: string; notAfter?: string };
const ESTABLISHMENT_LIST: readonly Entry[] = [
  ...["chợ", "tiệm", "cửa hàng", "siêu thị", "ngân hàng", "cây xăng", "trạm xăng", "bến xe", "nhà ga"],
  ...["sân bay", "bệnh viện", "phòng khám", "trạm y tế", "nhà thuốc", "nhà tang lễ", "khách sạn", "công viên"],
  ...["nhà thờ", "chùa", "bãi xe", "bãi giữ xe", "bãi đỗ xe", "bưu điện", "bưu cục", "atm", "shop", "nhà sách", "rạp"],
  ...["cà phê", "ga"],
  // a room or house to rent found ("chủ nhà trọ nào … có phòng dưới 2 triệu", "phòng trọ nào gần chợ còn trống")
  ...["nhà trọ", "phòng trọ", "khu trọ"],
  { run: "quán", notAfter: "quê nguyên nhất" },
  { run: "hiệu", notBefore: "lực trưởng quả chỉnh đính", notAfter: "thương tín ký nhãn dấu hữu" },
  { run: "sân", notBefore: "thượng vườn nhà trước sau" },
  { run: "trường", notBefore: "hợp", notAfter: "môi thị hiện lập quảng chiến đấu" },
  { run: "nhà hàng", notBefore: "xóm" },
  ...["hospital", "school", "market", "bank", "restaurant", "hotel", "station", "store", "supermarket", "pharmacy"],
  ...["cafe", "coffee", "park", "airport", "post office", "nearest"],
];

/** Establishments, typed with accents ("quán" is no "quận", "chợ" no "cho"). */
export const ESTABLISHMENTS: readonly Establishment[] = ESTABLISHMENT_LIST.map((entry) =>
  typeof entry === "string"
    ? { run: words(entry) }
    : {
        run: words(entry.run),
        ...(entry.notBefore ? { notBefore: tokenize(entry.notBefore) } : {}),
        ...(entry.notAfter ? { notAfter: tokenize(entry.notAfter) } : {}),
      },
);

/**
 * How many words of an establishment the words say at `at` (0 for none). With `accented`, each word with the
 * establishment's own accents ("quán" is no "quận"); a word that makes it another thing after it ("nhà hàng xóm", the
 * neighbour's house) makes it none.
 */
export function establishmentAt(said: readonly Word[], at: number, accented: boolean): number {
  for (const { run, notBefore, notAfter } of ESTABLISHMENTS) {
    const matches = run.every((p, j) => {
      const w = said[at + j];
      return w !== undefined && w.token === p.token && (!accented || w.marks === p.marks);
    });
    if (!matches) continue;
    if (notBefore?.includes(said[at + run.length]?.token ?? "")) continue;
    if (notAfter?.includes(said[at - 1]?.token ?? "")) continue;
    return run.length;
  }
  return 0;
}

/** Whether the words name an establishment anywhere (with their accents where typed). */
export function namesEstablishment(said: readonly Word[]): boolean {
  const accented = said.some((w) => w.marks !== "");
  return said.some((_, i) => establishmentAt(said, i, accented) > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Request frames: what the question asks for, beside what it is about.

const run = (phrase: string): readonly Word[] => words(phrase);

/**
 * A quality asked of a choice: no ward procedure is good, tasty, pretty or cheap ("tiệm cắt tóc nào đẹp", "sửa
 * laptop ở đâu uy tín", "where is the best pho"). Said after a "which" or "where" word of the same clause.
 */
const QUALITY = [
  ...["tốt", "ngon", "đẹp", "uy tín", "rẻ", "bền", "chất lượng", "xịn", "nổi tiếng", "giá tốt", "giá rẻ"],
  ...["giá mềm", "phù hợp", "ổn định", "linh nghiệm", "yên tĩnh", "chuyên nghiệp", "không đau", "đông khách", "giỏi"],
  // a choice near somewhere ("nhóm trẻ tư thục nào gần Hà Đông", "which gym near Tay Ho")
  ...["gần", "near"],
  ...["good", "best", "nice", "cheap", "cheaper", "cheapest", "reliable", "great", "decent", "affordable"],
].map(run);
/**
 * Qualities read only as typed with their accents, in any message: typed without them they are other words ("nhe" is
 * the particle «nhé», "em" a pronoun). "loại nào nhẹ, dễ gấp gọn", "xe lăn nào êm".
 */
const QUALITY_ACCENTED = ["nhẹ", "êm", "gọn nhẹ", "dễ dùng", "dễ gấp", "tiện lợi", "an toàn nhất"].map(run);
/** A quality word followed by these is another word ("tốt nghiệp", "đẹp trai" is still a quality). */
const NOT_QUALITY_BEFORE = new Set(tokenize("nghiệp"));
/** Which or where, in the clause before the quality. */
const WHICH = ["nào", "ở đâu", "đâu", "chỗ nào", "where", "which"].map(run);
/** How far after the which-word the quality may stand ("ở studio nào đẹp mà rẻ", "quán nào bán bánh ngon"). */
const QUALITY_REACH = 6;
/** Recommendation and advice asked ("gợi ý vài nơi", "có nên cho con đi du học không", "recommend a dentist"). */
const ADVICE = [
  ...["gợi ý", "lời khuyên", "tư vấn giúp", "recommend", "suggest", "any good", "the best", "should i buy"],
  ...["nên mua", "nên chọn", "nên dùng", "nên đi", "nên học", "nên cho", "nên đặt", "nên thuê", "nên ăn", "nên uống"],
  ...["có nên", "nên hay không"],
  // someone to point one to a provider ("luật sư giỏi về đất đai, ai biết chỉ em với", "giới thiệu giúp em")
  ...["ai biết chỉ", "ai biết giới thiệu", "giới thiệu giúp", "giới thiệu cho em", "giới thiệu cho tôi"],
  ...["chỉ em với", "chỉ giúp em", "chỉ giùm", "chỉ dùm", "chỉ mình với"],
  // an opinion asked of the bot ("theo bạn tên nào nghe dễ thương hơn", "in your opinion")
  ...["theo bạn", "theo ad", "theo admin", "bạn thấy", "in your opinion"],
].map(run);
/**
 * Buying, hiring, having something done by a craftsman or a shop ("mua ghế sofa ở đâu", "thuê xe tải chuyển nhà",
 * "tìm gia sư", "sửa tủ lạnh tại nhà gọi ai", "cắt tỉa lông chó ở đâu"): acts the ward never does for a citizen, asked
 * where or from whom (FIND) or for how much (PRICE).
 */
const TRADE = [
  ...["mua", "thuê", "tìm", "kiếm", "đặt", "gọi", "sửa", "thay", "học", "dạy", "lắp", "rửa", "giặt", "cắt", "nhổ"],
  ...["khám", "chữa", "chụp", "sơn", "may", "đổi tiền", "gửi xe", "diệt", "tỉa", "nhập hàng", "nhập"],
  ...["dịch vụ", "buy", "rent", "hire", "book a", "repair", "fix", "learn", "eat"],
].map(run);
/** A trade word followed by these is a ward act or no trade ("thay đổi", "học sinh", "học nghề", "nhập khẩu"). */
const NOT_TRADE_BEFORE = new Map<string, Set<string>>([
  ["hoc", new Set(tokenize("sinh nghề bạ tập"))],
  ["thay", new Set(tokenize("đổi thế mặt người trưởng đại tên chủ vì"))],
  ["nhap", new Set(tokenize("khẩu hộ quốc học"))],
  ["tim", new Set(tokenize("hiểu"))],
  ["dat", new Set(tokenize("đai ở"))],
  ["may", new Set(tokenize("ngày tháng năm giờ tuổi người lần bản tầng"))],
  ["cat", new Set(tokenize("khẩu hộ"))],
  ["kham", new Set(tokenize("sức"))],
  ["sua", new Set(tokenize("sai lỗi lại đổi chữa thông tin dữ liệu tên giấy gp hđ hợp đồng nội dung ngày năm giá"))],
  ["dich vu", new Set(tokenize("công"))],
]);
/** Where, from whom or which number, and around ("ở đâu", "chỗ nào", "gọi ai", "số nào", "gần đây"). */
const FIND = [
  ...["ở đâu", "chỗ nào", "nơi nào", "ở mô", "đâu", "gọi ai", "số nào", "số điện thoại", "sđt", "gần đây"],
  ...["gần nhất", "where", "near", "nearby", "around here"],
].map(run);
/** Units after "bao nhiêu" that ask no price: days, months, years, age, people, times, size. */
const NOT_PRICE_BEFORE = new Set(
  tokenize("ngày tháng năm tuổi lâu người lần phần m2 mét km tầng con cái giờ tiếng phút bản trang hộ đứa cháu"),
);
const ENGLISH_WHERE = ["where can", "where do", "where should", "where to", "where is", "where are"].map(run);
/** A price asked ("giá bao nhiêu", "hết bao nhiêu tiền", "how much"). */
const PRICE = [...["bao nhiêu", "bn", "bnhiu", "mấy triệu", "mấy trăm", "how much", "giá"]].map(run);
/** Found somewhere at all ("có chỗ nào dạy bơi không", "ai biết chỗ sửa đồng hồ"), or named around. */
const SOMEWHERE = [
  ...["có chỗ nào", "có nơi nào", "có ai biết chỗ", "ai biết chỗ", "bik chỗ", "biết chỗ"],
  ...["any place"],
].map(run);

/**
 * Whether runs are read with their accents: in a message typed with accents a word typed without them is itself ("gia"
 * of "gia hạn" is no "giá"); in one typed without any, every word may stand for its accented forms. Set by
 * `requestFrame` for the clause it reads (the frames are read synchronously, one message at a time).
 */
let exact = false;

/** Where the run starts in the words at or after `from` (accents as `exact` says), or -1. */
function runAt(said: readonly Word[], phrase: readonly Word[], from = 0): number {
  for (let i = from; i + phrase.length <= said.length; i++) {
    if (
      phrase.every((p, j) => {
        const w = said[i + j] as Word;
        return w.token === p.token && (w.marks === p.marks || (!exact && w.marks === ""));
      })
    )
      return i;
  }
  return -1;
}

function has(said: readonly Word[], phrases: readonly (readonly Word[])[]): boolean {
  return phrases.some((p) => runAt(said, p) >= 0);
}

/** Near somewhere: a quality of a choice asked ("nào gần"), not of an establishment said ("trường gần nhà"). */
const NEAR = new Set(tokenize("gần near"));
/** The address asked of an establishment ("xin địa chỉ cửa hàng …"). */
const ADDRESS = run("địa chỉ");
const ADDRESS_ASKED = new Set(tokenize("xin cho hỏi biết"));
/** How far before a where-word its quality may stand ("luật sư giỏi ở đâu"). */
const QUALITY_BEFORE = 2;
/** How far after an establishment its "nào" may stand ("tiệm giặt hấp áo vest nào"). */
const ESTABLISHMENT_REACH = 5;
const NAO = (words("nào")[0] as Word).marks;

/** A quality asked after a which/where word of the clause ("tiệm nào đẹp", "ở đâu rẻ"). */
function asksQuality(clause: readonly Word[]): boolean {
  for (const which of WHICH) {
    for (let at = runAt(clause, which); at >= 0; at = runAt(clause, which, at + 1)) {
      const after = clause.slice(at + which.length, at + which.length + QUALITY_REACH);
      for (const q of QUALITY) {
        const i = runAt(after, q);
        if (i >= 0 && !NOT_QUALITY_BEFORE.has(after[i + q.length]?.token ?? "")) return true;
      }
      const was = exact;
      exact = true;
      const accentedQuality = QUALITY_ACCENTED.some((q) => runAt(after, q) >= 0);
      exact = was;
      if (accentedQuality) return true;
    }
  }
  // "luật sư giỏi ở đâu", "ăn ngon chỗ nào": the quality right before the where
  for (const which of WHICH) {
    for (let at = runAt(clause, which); at >= 0; at = runAt(clause, which, at + 1)) {
      const before = clause.slice(Math.max(0, at - QUALITY_BEFORE), at);
      if (QUALITY.some((q) => runAt(before, q) >= 0)) return true;
    }
  }
  // "tiệm giặt nào", "quán nào", "phòng khám thú y nào": an establishment chosen, whatever is asked of it; "tiệm may áo
  // dài đẹp ở Huế": one with a quality; "địa chỉ cửa hàng bán cá cảnh": one's whereabouts
  const accented = clause.some((w) => w.marks !== "");
  for (let i = 0; i < clause.length; i++) {
    const length = establishmentAt(clause, i, accented);
    if (length === 0) continue;
    const after = clause.slice(i + length, i + length + ESTABLISHMENT_REACH);
    if (after.some((w) => w.token === "nao" && (w.marks === "" || w.marks === NAO))) return true;
    if (QUALITY.some((q) => !NEAR.has(q[0]?.token ?? "") && runAt(clause.slice(i + length), q) >= 0)) return true;
    // the address asked for ("xin địa chỉ cửa hàng"), not changed ("đổi địa chỉ cửa hàng" is a business's change)
    const address = runAt(clause.slice(Math.max(0, i - 2), i), ADDRESS);
    if (address >= 0 && ADDRESS_ASKED.has(clause[Math.max(0, i - 2) + address - 1]?.token ?? "")) return true;
  }
  // "rẻ nhất", "tốt nhất", "best", "cheapest": a superlative says a choice too
  return QUALITY.some((q) => {
    const i = runAt(clause, q);
    return i >= 0 && clause[i + q.length]?.token === "nhat";
  });
}

/** A trade word after these is another word: "thu nhập" (income: «thu nhập dưới bao nhiêu thì được»), "sáp nhập". */
const NOT_TRADE_AFTER = new Map<string, Set<string>>([["nhap", new Set(tokenize("thu sáp"))]]);

/** A trade act in the clause, not one of its ward senses ("thay đổi", "học nghề", "nhập khẩu", "thu nhập"). */
function tradeAt(clause: readonly Word[]): number {
  for (const t of TRADE) {
    for (let at = runAt(clause, t); at >= 0; at = runAt(clause, t, at + 1)) {
      const next = clause[at + t.length]?.token ?? "";
      const not = t.length === 1 ? NOT_TRADE_BEFORE.get(t[0]?.token ?? "") : undefined;
      if (not?.has(next)) continue;
      if (t.length === 1 && NOT_TRADE_AFTER.get(t[0]?.token ?? "")?.has(clause[at - 1]?.token ?? "")) continue;
      return at;
    }
  }
  return -1;
}

/** A choice's quality or a shop's said alone ("khách sạn gần biển giá rẻ", "thợ sửa máy lạnh uy tín", "best place"). */
const CHOSEN = [
  ...["giá rẻ", "giá tốt", "giá mềm", "uy tín", "ngon", "rẻ nhất", "tốt nhất", "đẹp nhất", "ngon nhất"],
  ...["best", "cheapest", "recommend", "recommended", "a good", "any good"],
].map(run);
/** Something sought ("tìm giáo viên dạy đàn", "kiếm phòng trọ"), not understood ("tìm hiểu"). */
const SEEK = ["tìm", "kiếm", "looking for"].map(run);
const NOT_SEEK_BEFORE = new Set(tokenize("hiểu được thấy ra"));
/** A price asked of a thing named by "giá" ("giá tập một tháng bao nhiêu", "giá vàng hôm nay"). */
const PRICE_WORD = run("giá");
const PRICE_ASKED = ["bao nhiêu", "bn", "khoảng", "hôm nay", "mấy"].map(run);
const PRICE_REACH = 6;
/**
 * A way of doing something in life ("cách làm bánh flan", "làm sao để bỏ thuốc lá"), in a short message only: a story
 * before "phải làm sao" is most often a ward case ("Giấy khai sinh bản gốc của tôi mất …, giờ phải làm sao?").
 */
const HOW_TO_WORDS = 16;
const HOW_TO = ["cách", "làm sao để", "làm thế nào để", "bí quyết", "mẹo", "phải làm sao"].map(run);
/** Of these, a way asked by its noun ("xin hỏi cách cài đặt Zalo") is a life question in a letter too. */
const WAY = [
  ...["hỏi cách", "chỉ cách", "biết cách", "hướng dẫn cách", "chỉ giúp cách", "chỉ em cách", "chỉ tôi cách"],
  ...["bí quyết", "mẹo"],
].map(run);
const NOT_HOW_BEFORE = new Set(
  // "cách nhau bao nhiêu tuổi" (apart), "cách ly" (isolation), "cách đây" (ago), "cách 50 mét" (a distance)
  tokenize("ly thức chỗ nhà đây đó xa khoảng chừng hơn trung tâm chợ trường phường xã cổng nhau"),
);

function seeks(clause: readonly Word[]): boolean {
  for (const t of SEEK) {
    for (let at = runAt(clause, t); at >= 0; at = runAt(clause, t, at + 1))
      if (!NOT_SEEK_BEFORE.has(clause[at + t.length]?.token ?? "")) return true;
  }
  return false;
}

/** A price asked, not a number of days or people ("bao nhiêu ngày", "bao nhiêu người"). */
function asksPrice(clause: readonly Word[]): boolean {
  for (const p of PRICE) {
    for (let at = runAt(clause, p); at >= 0; at = runAt(clause, p, at + 1))
      if (!NOT_PRICE_BEFORE.has(clause[at + p.length]?.token ?? "")) return true;
  }
  return false;
}

function pricesThing(clause: readonly Word[]): boolean {
  for (let at = runAt(clause, PRICE_WORD); at >= 0; at = runAt(clause, PRICE_WORD, at + 1)) {
    // typed without accents, "gia" is also "gia hạn", "gia đình": then the price must be asked right after
    const after = clause.slice(at + 1, at + 1 + PRICE_REACH);
    if (clause[at]?.marks === "" && !has(after.slice(0, 2), PRICE_ASKED)) continue;
    if (has(after, PRICE_ASKED)) return true;
  }
  return false;
}

function howTo(clause: readonly Word[], short: boolean): boolean {
  for (const t of short ? HOW_TO : WAY) {
    for (let at = runAt(clause, t); at >= 0; at = runAt(clause, t, at + 1)) {
      const next = clause[at + t.length]?.token ?? "";
      // "bằng cách" (by means of), "cách 50 mét" (a distance), "khoảng cách" (a gap): no way asked
      if (NOT_HOW_BEFORE.has(next) || /^\d/.test(next) || ["bang", "khoang"].includes(clause[at - 1]?.token ?? ""))
        continue;
      return true;
    }
  }
  return false;
}

/** Which frame a clause asks in, if any: what no ward procedure gives. */
export type EverydayFrame = "quality" | "advice" | "trade" | "somewhere" | "price" | "how-to";

export function requestFrame(
  clause: readonly Word[],
  short = true,
  accented = clause.some((w) => w.marks !== ""),
): EverydayFrame | undefined {
  exact = accented;
  // "for good" (for ever) asks no quality: "I run a small noodle shop and want to close it for good"
  clause = clause.filter((w, i) => !(w.token === "good" && clause[i - 1]?.token === "for"));
  if (asksQuality(clause)) return "quality";
  if (has(clause, ADVICE)) return "advice";
  const trade = tradeAt(clause);
  if (trade >= 0 && (has(clause.slice(trade), FIND) || asksPrice(clause.slice(trade)))) return "trade";
  // English asks where first: "where can I buy a SIM card", "where do I rent a scooter"
  if (trade >= 0 && has(clause.slice(0, trade), ENGLISH_WHERE)) return "trade";
  if (has(clause, SOMEWHERE)) return "somewhere";
  if (has(clause, CHOSEN)) return "quality";
  if (seeks(clause)) return "trade";
  if (pricesThing(clause)) return "price";
  if (howTo(clause, short)) return "how-to";
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Other agencies' terms: a message that says one is left to the redirects. The terms are the served redirects' (the
// catalogue's: staff's edits, and the terms as citizens shorten them, catalogue/short-forms.ts), so that what the
// redirects point for is never read as everyday talk; data/redirects.json as bundled where no catalogue is at hand.

/** Redirects as far as their terms go (the catalogue's `Redirect` and data/redirects.json's entries alike). */
export type RedirectTerms = ReadonlyArray<{ readonly terms: readonly string[] }>;

const BUNDLED_REDIRECTS: RedirectTerms = (bundledRedirects as { redirects: RedirectTerms }).redirects;

const TERM_PIECES = new WeakMap<RedirectTerms, readonly (readonly string[])[]>();

/** Each term as its pieces ("mất … giấy tờ tùy thân": both, in order, anything between), made once per redirects. */
function termPieces(redirects: RedirectTerms): readonly (readonly string[])[] {
  let pieces = TERM_PIECES.get(redirects);
  if (!pieces) {
    pieces = redirects
      .flatMap((r) => r.terms)
      .map((term) => term.split("…").map((piece) => tokenize(piece).join(" ")))
      .filter((said) => said.every((p) => p !== "") && (said.length > 1 || (said[0] as string).length >= 4));
    TERM_PIECES.set(redirects, pieces);
  }
  return pieces;
}

/** Whether the words say another agency's term (of `redirects`, the served ones): left to its pointer. */
export function saysRedirectTerm(tokens: readonly string[], redirects: RedirectTerms = BUNDLED_REDIRECTS): boolean {
  const padded = ` ${tokens.join(" ")} `;
  return termPieces(redirects).some((pieces) => {
    let at = 0;
    for (const piece of pieces) {
      const found = padded.indexOf(` ${piece} `, at);
      if (found < 0) return false;
      at = found + piece.length + 1;
    }
    return true;
  });
}

/**
 * The word places (start, end) of the one-piece terms of other agencies the words say ("lịch tiêm", "đồng hồ nước"):
 * for a question whose everyday words are the other agency's service itself.
 */
export function redirectTermSpans(
  tokens: readonly string[],
  redirects: RedirectTerms = BUNDLED_REDIRECTS,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const pieces of termPieces(redirects)) {
    if (pieces.length !== 1) continue;
    const term = (pieces[0] as string).split(" ");
    for (let i = 0; i + term.length <= tokens.length; i++)
      if (term.every((t, j) => tokens[i + j] === t)) out.push([i, i + term.length]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** How far into a message its question is read. */
const ASKED_CHARS = 1_500;

/**
 * Whether a message's question asks for what no ward procedure gives — a quality or a recommendation, advice, a thing
 * bought or a craftsman hired and where, somewhere that does something, a price, a way of doing something — and the
 * clause that asks it, and everything said from its sentence on, names nothing of the ward (`namesWard`: a ward paper,
 * procedure, office or service). Then the ward has nothing to say whatever the topic: "thuê váy cưới ở đâu đẹp",
 * "cắt tỉa lông chó poodle ở đâu", "Nhà tôi vừa làm xong giấy phép xây dựng …, xin hỏi nên mua gạch loại nào". A ward
 * request in everyday words names a ward thing and keeps its procedure ("sao y giấy tờ ở đâu nhanh mà rẻ", "photo
 * công chứng giấy tờ hết bao nhiêu tiền"). Another agency's term (data/redirects.json) is left to its pointer.
 */
export function asksEverydayThing(
  text: string,
  namesWard: (said: readonly Word[]) => boolean,
  askedPart: (text: string) => readonly Word[] | undefined,
  redirects?: RedirectTerms,
): boolean {
  const all = textWords(text.slice(0, ASKED_CHARS));
  if (all.length === 0) return false;
  const accented = all.some((w) => w.marks !== "");
  if (
    saysRedirectTerm(
      all.map((w) => w.token),
      redirects,
    )
  )
    return false;
  // A letter that turns from its story to its question ("…, giờ cho em hỏi …") asks in the words after the turn.
  const asked = askedPart(text);
  const start = asked && asked.length > 0 ? all.length - asked.length : 0;
  const clauses = new Map<number, TextWord[]>();
  // the turn's last word read too: "xin hỏi cách …" asks a way
  for (const w of all.slice(Math.max(0, start - 1))) {
    // a capital inside a sentence starts a name ("tỉnh Lạng Sơn"), whose words are no trade ("sơn", paint)
    if (w.capital && w.at > start && all[w.at - 1]?.sentence === w.sentence) continue;
    const clause = clauses.get(w.clause);
    if (clause) clause.push(w);
    else clauses.set(w.clause, [w]);
  }
  for (const clause of clauses.values()) {
    if (!requestFrame(clause, all.length <= HOW_TO_WORDS, accented)) continue;
    const first = clause[0] as TextWord;
    // What the question says: after the turn, or its sentence from its start and all after it. A ward thing there
    // makes it the ward's. A question that says little of its own ("cho em hỏi chỗ nào làm nhanh rẻ") asks of what the
    // message said before: then all of it is read.
    // A choice of goods asked in a clause of its own after a story ("em vừa đăng ký hộ kinh doanh quán cà phê, nên mua
    // máy pha loại nào bền mà rẻ"): that clause and what follows say what is asked, when it says enough itself.
    const ownClause = all.filter((w) => w.at >= first.at);
    const choice =
      start === 0 &&
      (has(clause, GOODS_CHOSEN) || has(clause, ADVICE)) &&
      clause.filter((w) => !isFiller(w, accented) && !isFrameWord(w, accented)).length >= OWN_WORDS;
    // A clause after the question that only tells what was or will be done ("có tiệm in thiệp cưới nào rẻ ở khu mình
    // không, tháng sau bọn mình đăng ký kết hôn rồi") is the story, not the question.
    const told = toldAfter(all, first.clause);
    const from = (
      choice ? ownClause : all.filter((w) => w.at >= start && (start > 0 || w.sentence >= first.sentence))
    ).filter((w) => !told.has(w.clause));
    const own = from.filter((w) => !isFiller(w, accented)).length;
    const read = own >= OWN_WORDS ? from : all;
    // Something must be asked about: "ở đâu rẻ nhất", "sửa ở đâu" alone ask of what is at hand (after an answer, the
    // procedure answered).
    if (!read.some((w) => !isFiller(w, accented) && !isFrameWord(w, accented) && !/^\d+$/.test(w.token))) continue;
    // The goods bought or hired and the kind of a provider chosen are what is asked for, not a ward thing: "mua rượu
    // vang nhập khẩu ở đâu uy tín", "công ty xây dựng nào uy tín", "thuê nhà ở đâu giá rẻ".
    // …in every clause read: "luật sư giỏi về tranh chấp đất đai ở Bình Dương, ai biết chỉ em với" asks in its last
    const goods = new Set<number>();
    const readClauses = new Map<number, TextWord[]>();
    for (const w of read) readClauses.set(w.clause, [...(readClauses.get(w.clause) ?? []), w]);
    for (const c of readClauses.values()) for (const at of goodsAndProviders(c)) goods.add(at);
    // A capitalised word that continues a name inside its sentence is the name's ("khu Cầu Giấy", "huyện Đất Đỏ"), not
    // a ward thing; the name's first word and an official name's head ("làm Giấy chứng nhận …") are read.
    const named = (w: TextWord) =>
      w.capital && all[w.at - 1]?.sentence === w.sentence && (all[w.at - 1]?.capital ?? false);
    if (namesWard(read.filter((w) => !goods.has(w.at) && !named(w)))) continue;
    return true;
  }
  return false;
}

/** Words that tell a clause as done or to come: with their accents where typed ("dạ" is no "đã"). */
const TOLD_WORDS = words("rồi xong đã vừa sắp");
const TOLD_RUNS = [
  "tháng sau",
  "tuần sau",
  "năm sau",
  "tháng tới",
  "tuần tới",
  "next month",
  "next week",
  "already",
].map(run);
/** Words that make a clause ask: then it is no story. */
const ASKING_WORDS = new Set(
  tokenize("không ko k hông gì j sao nào đâu bao mấy chưa nhỉ hả à how what where when which"),
);
/** The clauses after `asking` that only tell (a told word, nothing asked, no "?"), up to the sentence's end and beyond. */
function toldAfter(all: readonly TextWord[], asking: number): Set<number> {
  const byClause = new Map<number, TextWord[]>();
  for (const w of all) if (w.clause > asking) byClause.set(w.clause, [...(byClause.get(w.clause) ?? []), w]);
  const told = new Set<number>();
  for (const [clause, said] of byClause) {
    const tells =
      said.some((w) => TOLD_WORDS.some((t) => t.token === w.token && (w.marks === "" || w.marks === t.marks))) ||
      TOLD_RUNS.some((r) => said.some((_, i) => r.every((t, j) => said[i + j]?.token === t.token)));
    if (tells && !said.some((w) => ASKING_WORDS.has(w.token))) told.add(clause);
  }
  return told;
}

// ---------------------------------------------------------------------------------------------------------------
// Goods and providers: the words that say what is bought or hired, or which kind of firm is chosen.

/** Buying or hiring: what follows, up to where or how good, is the goods ("mua rượu vang nhập khẩu ở đâu uy tín"). */
const ACQUIRE = ["mua", "thuê", "đặt mua", "buy", "rent", "hire", "order"].map(run);
/**
 * A firm, a shop or a tradesman chosen ("công ty xây dựng nào uy tín", "đại lý rượu nào giá sỉ rẻ", "which construction
 * company is reliable"): the words between it and its "nào" or quality say its trade.
 */
const PROVIDER = [
  ...["công ty", "cty", "hãng", "đại lý", "nhà thầu", "thợ", "đội thợ", "xưởng", "tiệm", "cửa hàng", "shop", "studio"],
  ...["trung tâm", "văn phòng luật", "luật sư", "dịch vụ", "nhà cung cấp", "siêu thị", "showroom", "salon"],
  ...["company", "firm", "agency", "contractor", "store", "shop", "dealer", "provider", "centre", "center", "service"],
].map(run);
/**
 * Words that make the span a ward request or the ward's own office ("công ty dịch vụ làm sổ đỏ nào", "trung tâm hành
 * chính công nào gần nhất", "mua tờ khai ở đâu"): then nothing is set aside.
 */
const NOT_GOODS = [
  ...["đăng ký", "đăng kí", "đk", "dk", "xin", "làm", "cấp", "nộp", "thủ tục", "giấy", "sổ", "tờ khai", "biểu mẫu"],
  ...["đơn", "hồ sơ", "chứng thực", "sao y", "công chứng", "hành chính", "phục vụ", "phường", "xã", "ủy ban", "ubnd"],
  ...["công an", "tư pháp", "một cửa", "thì", "để", "mà", "cần", "phải", "có", "được", "register", "registration"],
  ...["form", "forms", "certificate", "certify", "office", "ward"],
].map(run);
/** Buying or hiring as the purpose, said after the goods and the where ("… khu nào giá rẻ để mua", "… to rent"). */
const PURPOSE_ACQUIRE = ["để mua", "để thuê", "mà mua", "to buy", "to rent"].map(run);
/**
 * A provider's trade said after its quality or its "nào" ("luật sư giỏi về tranh chấp đất đai", "luật sư nào chuyên
 * mảng đất đai", "a lawyer good at land disputes"), up to where the provider is looked for ("ở Bình Dương").
 */
const TRADE_OF = [
  "về",
  "chuyên về",
  "chuyên",
  "mảng",
  "lĩnh vực",
  "at",
  "in",
  "specialising in",
  "specializing in",
].map(run);
const TRADE_STOP = ["ở", "tại", "gần", "in", "near", "around"].map(run);
/** How many words the goods or a provider's trade may take. */
const GOODS_WORDS = 5;
/** What ends the goods: where, which, how good, how much. */
const GOODS_END = [...FIND, ...WHICH, ...QUALITY, ...PRICE, ...CHOSEN];

/** Where the next run of `ends` starts in the words at or after `from`, or -1. */
function nextEnd(clause: readonly Word[], from: number, ends: readonly (readonly Word[])[]): number {
  for (let i = from; i < clause.length; i++)
    if (ends.some((e) => runAt(clause.slice(i, i + e.length), e) === 0)) return i;
  return -1;
}

/**
 * The places (`at`) of the words that name the goods bought or hired, or a chosen provider's trade, in a clause that
 * asks where, which or how good: nothing when those words say a ward request or office (NOT_GOODS).
 */
function goodsAndProviders(clause: readonly TextWord[]): Set<number> {
  const out = new Set<number>();
  // `head`: the provider's own words in the span, beside its trade's
  const keep = (from: number, to: number, head = 0) => {
    const span = clause.slice(from, to);
    if (span.length === 0 || span.length > GOODS_WORDS + head || has(span, NOT_GOODS)) return;
    for (const w of span) out.add(w.at);
  };
  for (const verb of ACQUIRE) {
    for (let at = runAt(clause, verb); at >= 0; at = runAt(clause, verb, at + 1)) {
      const end = nextEnd(clause, at + verb.length, GOODS_END);
      if (end > at + verb.length) keep(at + verb.length, end);
    }
  }
  // bought or hired, said last ("nhà đất ở khu nào giá còn rẻ để mua"): the goods open the clause
  if (has(clause, PURPOSE_ACQUIRE)) {
    const end = nextEnd(clause, 0, GOODS_END);
    if (end > 0) keep(0, end);
  }
  for (const provider of PROVIDER) {
    for (let at = runAt(clause, provider); at >= 0; at = runAt(clause, provider, at + 1)) {
      const end = nextEnd(clause, at + provider.length, GOODS_END);
      if (end >= 0) keep(at, end, provider.length);
      // English names the trade first: "which construction company", "a good moving company"
      const before = clause.slice(Math.max(0, at - GOODS_WORDS), at);
      let start = -1;
      for (let i = before.length - 1; i >= 0 && start < 0; i--)
        if ([...WHICH, ...QUALITY, ...CHOSEN].some((q) => runAt(before.slice(i, i + q.length), q) === 0)) start = i;
      if (start >= 0 && clause[at]?.marks === "")
        keep(at - before.length + start + 1, at + provider.length, provider.length);
      // "luật sư giỏi về tranh chấp đất đai ở …": the trade after the provider's quality or "nào" and "về"
      let k = at + provider.length;
      for (let more = true; more; ) {
        const q = [...WHICH, ...QUALITY].find((w) => runAt(clause.slice(k, k + w.length), w) === 0);
        more = q !== undefined;
        if (q) k += q.length;
      }
      const of =
        k > at + provider.length ? TRADE_OF.find((t) => runAt(clause.slice(k, k + t.length), t) === 0) : undefined;
      if (of) {
        const from = k + of.length;
        const stop = nextEnd(clause, from, [...GOODS_END, ...TRADE_STOP]);
        keep(at, stop < 0 ? clause.length : stop, from - at);
      }
    }
  }
  return out;
}

/** Each token with the accent signatures it is typed with in a list of runs or words. */
function marksOf(list: readonly Word[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const w of list) out.set(w.token, (out.get(w.token) ?? new Set()).add(w.marks));
  return out;
}
/** Whether a word is one of `known`, with its accents in a message typed with them ("đất" is no "đặt", "nhà" no "nha"). */
function isOf(known: Map<string, Set<string>>, w: Word, accented: boolean): boolean {
  const marks = known.get(w.token);
  return marks !== undefined && (!accented || marks.has(w.marks) || w.marks === "");
}

/** The frames' own words, which say what is asked for, not what about. */
const FRAME_WORDS = marksOf(
  [QUALITY, WHICH, ADVICE, TRADE, FIND, PRICE, SOMEWHERE, CHOSEN, SEEK, PRICE_ASKED, HOW_TO, [PRICE_WORD]].flatMap(
    (list) => list.flat(),
  ),
);
const isFrameWord = (w: Word, accented: boolean) => isOf(FRAME_WORDS, w, accented);

/** Words that say nothing of what is asked about: address, asking, which and where, particles. */
const FILLER_WORDS = marksOf(
  words(
    "cho em anh chị tôi mình cháu hỏi xin ạ à ơi ad admin nhé nha với vậy thế thì là có không ko k được đc muốn cần " +
      "phải làm sao gì nào ntn " +
      "nào đâu ở chỗ nơi giờ bây hiện rồi mọi người ai biết bik vui lòng giúp dùm giùm hộ z v nhỉ ha i the a an is " +
      "can you me my please where which what how",
  ),
);
const isFiller = (w: Word, accented: boolean) => isOf(FILLER_WORDS, w, accented);
/** A kind or a make of goods chosen ("loại nào", "hãng nào", "which brand"). */
const GOODS_CHOSEN = ["loại nào", "hãng nào", "mẫu nào", "dòng nào", "which brand", "which model", "which type"].map(
  run,
);
/** A clause with at least this many words of its own is read apart from the story before it. */
const OWN_WORDS = 3;

/** Folded text of words, for tests and reports. */
export function foldedOf(text: string): string {
  return fold(text);
}

// ---------------------------------------------------------------------------------------------------------------
// A private provider chosen by "which": whatever ward paper it is chosen for, the ward recommends no one.

/**
 * Providers a citizen chooses among: a landlord or a room, a shop, a studio, a law office. No ward
 * procedure answers which of them to go to, even when the ward paper is what they are chosen for ("chủ trọ nào ở
 * phường … cho đăng ký tạm trú dễ", "tiệm khắc dấu nào gần phường … làm con dấu cho hộ kinh doanh"). With accents
 * where typed ("tiệm" is no "tiêm", "chủ" no "chú").
 */
const CHOSEN_PROVIDERS = [
  ...["chủ trọ", "chủ nhà trọ", "chủ nhà", "chủ phòng", "nhà trọ", "phòng trọ", "khu trọ", "dãy trọ", "tiệm"],
  ...["cửa hàng", "shop", "studio", "văn phòng luật", "văn phòng luật sư", "luật sư", "đại lý"],
].map(run);
/** How far after the provider its "nào" may stand ("tiệm khắc dấu nào", "chủ nhà trọ nào ở khu phố 3"). */
const PROVIDER_REACH = 5;
/** "thế nào", "như nào", "khi nào", "lúc nào", "chỗ nào": a way, a time or a place asked, no choice of provider. */
const NOT_WHICH_AFTER = new Set(tokenize("thế như khi lúc hồi bằng ra chỗ nơi"));
/**
 * Words that end the provider's own words before its "nào": what is filed or done next ("bán lẻ rượu cho tiệm tạp hóa
 * thì nộp chỗ nào": the shop is the applicant, the place of filing asked).
 */
const PROVIDER_STOP = new Set(tokenize("thì nộp xin để mà phải cần"));
/**
 * A negation before it makes "nào" "any", no choice asked ("chưa ký hợp đồng với đại lý bia rượu nào thì có được
 * không": a condition of the licence).
 */
const NEGATION = new Set(tokenize("không ko k chưa chẳng chả hông"));
/**
 * What the provider may or must do said right after its "nào" makes it a kind asked of a rule, no provider chosen
 * ("cửa hàng nào thì được bán rượu", "tiệm nào mới phải đăng ký"): a condition of the procedure.
 */
const RULE_AFTER = new Set(tokenize("thì mới được phải cần"));
const WHICH_WORD = run("nào")[0] as Word;

/**
 * Whether a clause asks which private provider to go to (`CHOSEN_PROVIDERS` followed within `PROVIDER_REACH` words by
 * its "nào"): the ward recommends no landlord, shop or lawyer, whatever ward paper the provider is chosen for. Another
 * agency's term said anywhere is left to its pointer ("công ty cấp nước nào"). 5-fold on the tuning part (7 December
 * 2026): of the tuning messages that say such a clause, no in-scope one; of the conversation turns and test lines, one
 * asks "any" after a negation and one a kind of shop of a rule, which are not read. A paid service firm ("công ty dịch vụ
 * làm sổ đỏ nào uy tín") is left to the search, as session 17 decided (test/features/s17-oos-requests.test.ts).
 */
export function asksProviderChoice(text: string, redirects?: RedirectTerms): boolean {
  const all = textWords(text.slice(0, ASKED_CHARS));
  if (
    all.length === 0 ||
    saysRedirectTerm(
      all.map((w) => w.token),
      redirects,
    )
  )
    return false;
  const accented = all.some((w) => w.marks !== "");
  const same = (w: Word | undefined, p: Word) =>
    w !== undefined && w.token === p.token && (!accented || w.marks === p.marks || w.marks === "");
  const startsAt = (i: number, p: readonly Word[]) => p.every((q, j) => same(all[i + j], q));
  for (let i = 0; i < all.length; i++) {
    let length = 0;
    for (const p of CHOSEN_PROVIDERS) if (p.length > length && startsAt(i, p)) length = p.length;
    if (length === 0) continue;
    const clause = (all[i] as TextWord).clause;
    if (all.some((w) => w.clause === clause && w.at < i && NEGATION.has(w.token))) continue;
    for (let k = i + length; k < Math.min(all.length, i + length + PROVIDER_REACH + 1); k++) {
      const w = all[k] as TextWord;
      if (w.clause !== clause || PROVIDER_STOP.has(w.token)) break;
      if (
        same(w, WHICH_WORD) &&
        !NOT_WHICH_AFTER.has(all[k - 1]?.token ?? "") &&
        !RULE_AFTER.has(all[k + 1]?.token ?? "")
      )
        return true;
    }
  }
  return false;
}
