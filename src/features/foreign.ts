import type { LookAlikeReadings } from "../catalogue/readings.js";
import type { Procedure } from "../catalogue/schema.js";
import { fold, tokenize } from "../search/normalize.js";
import {
  funeralTold,
  inFuneralFamily,
  learnedTold,
  lookAlikesOf,
  noteTold,
  ownChangeSaid,
  specialOf,
  specialTold,
  stateTold,
  variantTold,
} from "./variants.js";

/**
 * The civil-status procedures come in pairs: the plain one and its "có yếu tố nước ngoài" twin (a
 * foreign spouse, parent or child, or an event decided abroad). A message that names nothing foreign
 * is about the plain one; a message that names a foreigner, a nationality or abroad is about the twin.
 */

const COUNTRIES = [
  ...["hàn quốc", "nhật bản", "trung quốc", "đài loan", "thái lan", "campuchia", "singapore", "malaysia"],
  ...["philippines", "indonesia", "ấn độ", "hoa kỳ", "canada", "châu âu", "liên bang nga", "anh quốc", "hà lan"],
  ...["thụy điển", "na uy", "đan mạch", "tây ban nha", "bồ đào nha", "ba lan", "cuba", "new zealand", "brazil"],
  ...["ukraine", "nam phi", "châu phi", "ả rập", "mông cổ", "myanmar", "bangladesh"],
  // read folded: none that folds like a Vietnamese phrase ("ai cập" is "ai cấp", "triều tiên" "triệu tiền")
  ...["hồng kông", "thổ nhĩ kỳ", "thụy sĩ", "italia", "pakistan", "sri lanka", "mexico", "argentina", "nigeria"],
  ...["kenya", "ireland", "israel", "brunei", "phi líp pin", "philippin", "phi-líp-pin"],
];
// never "anh" (a brother), "tây" (Tây Nguyên) or "đức" (a name) alone
const SHORT_COUNTRIES = ["mỹ", "nhật", "hàn", "pháp", "úc", "nga", "lào"];

/**
 * A foreign person in the message ("người Hàn Quốc", "chồng Nhật", "Việt kiều", "quốc tịch Mỹ", "a Vietnamese
 * woman", "foreigner"): a foreign element whatever else is said.
 */
const FOREIGN_PERSON = [
  ...["người nước ngoài", "quốc tịch", "việt kiều", "kiều bào", "con lai", "không quốc tịch", "yếu tố nước ngoài"],
  ...[...COUNTRIES, ...SHORT_COUNTRIES].flatMap((country) =>
    ["người", "quốc tịch", "chồng", "vợ"].map((before) => `${before} ${country}`),
  ),
  ...["foreigner", "foreigners", "foreign", "nationality", "expat", "a vietnamese", "is vietnamese"],
  ...["us citizen", "u s citizen", "us citizenship", "us national", "citizenship", "green card"],
  ...["thai citizen", "thai national", "is thai", "a thai"],
  ...["korean", "japanese", "chinese", "taiwanese", "american", "french", "australian", "british", "german"],
  // read folded: never "thai" ("mang thai", "Thái Bình"), "chồng/vợ Tây" ("chống tay", "vỗ tay")
  ...["canadian", "russian", "laotian", "cambodian", "filipino", "indonesian", "malaysian", "singaporean"],
  ...["indian", "italian", "spanish", "dutch", "swedish", "norwegian", "danish", "polish", "kenyan", "nigerian"],
  // "English" is a language too ("do you speak English"): only said of a person
  ...["is english", "are english", "was english", "english father", "english husband", "english wife"],
  ...["english boyfriend", "english girlfriend", "english man", "english woman", "english citizen", "english national"],
  // "Đức" alone is also a given name: only as a nationality
  ...["người đức", "quốc tịch đức"],
].map(tokenize);

/**
 * A foreign place ("ở nước ngoài", "bên Nhật", "sinh ở Mỹ", "abroad"): a foreign element (a child born abroad,
 * a marriage made there) unless the person is only away for work ("chồng em đi làm ở Đài Loan chưa về").
 */
const FOREIGN_PLACE = [
  "nước ngoài",
  ...COUNTRIES,
  ...SHORT_COUNTRIES.flatMap((country) => ["ở", "bên", "sang", "tại"].map((before) => `${before} ${country}`)),
  ...["abroad", "overseas", "korea", "japan", "china", "taiwan", "usa", "america", "france", "australia", "germany"],
].map(tokenize);
const AWAY = [
  ...["đi làm", "công tác", "làm việc", "đi xa", "chưa về", "xuất khẩu lao động", "đi lao động", "lao động", "du học"],
  ...["working", "away"],
].map(tokenize);

/** Names of the foreign-element procedures, folded: the twin's own words and events decided abroad. */
const FOREIGN_ELEMENT = [tokenize("có yếu tố nước ngoài"), tokenize("ghi vào sổ hộ tịch việc")];

function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((t, j) => tokens[i + j] === t)) return true;
  }
  return false;
}

/**
 * Someone said to have become Vietnamese (folded): "đã nhập quốc tịch Việt Nam", "giờ có quốc tịch Việt Nam rồi", "nay
 * là công dân Việt Nam", "naturalised", "became Vietnamese", "has Vietnamese citizenship now". The nationality said
 * before it in the same sentence ("vợ em trước là người Trung Quốc nhưng đã nhập quốc tịch Việt Nam") is the past.
 */
const NATURALISED =
  /(?:^|[^\p{L}])(?:(?:nhap|da co|duoc cap|duoc nhap|doi sang|chuyen sang|lay)\s+(?:duoc\s+)?quoc tich viet(?:\s+nam)?|(?:gio|nay|hien|bay gio)\s+(?:da\s+)?(?:la\s+)?(?:cong dan|quoc tich)\s+viet(?:\s+nam)?|naturali[sz]ed|became (?:a )?vietnamese|(?:has|got|have|with) vietnamese (?:citizenship|nationality))(?![\p{L}])/u;
/** A foreign element said absent (folded): "không dính dáng gì (đến) nước ngoài", "không có yếu tố nước ngoài". */
const NO_FOREIGN =
  /(?:^|[^\p{L}])(?:khong|ko|k|chang|chua)\s+(?:(?:co|phai|dinh dang|lien quan|dinh|gi|den|toi|voi|yeu to|la|nguoi|ai)\s+){0,4}nuoc ngoai|no foreign(?: element| elements)?|nothing foreign/gu;

/** Who a sentence is about, when it says a relative or the spouse (folded): the word itself, first said. */
const ROLE_WORD =
  /(?:^|[^\p{L}])(vo|chong|nguoi yeu|ban gai|ban trai|hon phu|hon the|vi hon phu|vi hon the|anh ay|co ay|bo|ba|cha|me|my wife|my husband|wife|husband|father|mother|fiancee|fiance)(?![\p{L}])/u;

/**
 * The message with what says someone became Vietnamese put as that person being Vietnamese, from the relative or spouse
 * it is said of ("vợ em trước là người Trung Quốc nhưng đã nhập quốc tịch Việt Nam rồi" → "vo la nguoi viet"; "mẹ cháu
 * người Nhật, bố cháu đã nhập quốc tịch Việt Nam": the father only), folded; the message folded when it says none.
 */
function naturalisedAsVietnamese(text: string): string {
  // "không dính dáng gì nước ngoài", "không có yếu tố nước ngoài", "no foreign element": a foreign element said absent
  let folded = chatSpelled(fold(text.normalize("NFC"))).replace(NO_FOREIGN, " trong nuoc ");
  for (let match = NATURALISED.exec(folded); match; match = NATURALISED.exec(folded)) {
    const end = match.index + match[0].length;
    const sentenceStart = folded.slice(0, match.index).search(/[^.;!?\n]*$/u);
    const before = folded.slice(sentenceStart, end);
    const roles = [...before.matchAll(new RegExp(ROLE_WORD.source, "gu"))];
    const last = roles.at(-1);
    const from = last ? sentenceStart + (last.index ?? 0) : sentenceStart;
    folded = `${folded.slice(0, from)} ${last?.[1] ?? "em"} la nguoi viet ${folded.slice(end)}`;
  }
  return folded;
}

/**
 * The writer or the couple said Vietnamese in English (folded): "as a Vietnamese citizen", "I'm Vietnamese", "we are
 * both Vietnamese nationals". No foreigner, though "a Vietnamese" alone is how a foreigner names a Vietnamese spouse.
 */
const SELF_VIETNAMESE =
  /(?:^|[^\p{L}])(?:as|i am|i'm|im|we are|we're|both|am)\s+(?:both\s+)?(?:a\s+)?vietnamese(?:\s+(?:citizens?|nationals?|people|person))?(?![\p{L}])/gu;

/**
 * Vietnamese nationality named, however short ("quốc tịch Việt Nam", "quốc tịch VN", "qt Việt", "Vietnamese
 * nationality"), accented or folded: no foreign nationality.
 */
const VIETNAMESE_NATIONALITY =
  /(?:quốc tịch|quoc tich|qt)\s+(?:việt\s*nam|viet\s*nam|vn|việt|viet)(?![\p{L}])|vietnamese\s+(?:nationality|citizenship)/giu;

/**
 * Chat spellings of the words a nationality is said with (folded): "ng Mỹ", "ck Hàn", "nc ngoài", "người Mĩ"; and
 * "passed away", a death (not "away" working).
 */
const CHAT_SPELLED: [RegExp, string][] = [
  [/(?<![\p{L}])ng(?![\p{L}])/gu, "nguoi"],
  [/(?<![\p{L}])nc(?=\s+ngoai(?![\p{L}]))/gu, "nuoc"],
  [/(?<![\p{L}])ck(?![\p{L}])/gu, "chong"],
  [/(?<![\p{L}])vk(?![\p{L}])/gu, "vo"],
  // "passed away" is a death, no one away working
  [/passed away/gu, "died"],
  [/(?<=(?:nguoi|ng|chong|vo|quoc tich)\s)mi(?![\p{L}])/gu, "my"],
];

/**
 * A foreigner said in words that fold like other words, so read with their accents and capitals as typed: "chồng
 * Tây", "bố nó là Tây" (not "Tây Nguyên", "chống tay"), "bố cháu là người Anh" (not "là người anh cả"), "bạn trai người
 * Ý", "sống ở Đức" (not "ở Đức Phổ").
 */
const FOREIGN_ACCENTED = [
  /(?<![\p{L}])(?:chồng|vợ|bố|ba|cha|người|là|lấy|bạn trai|bạn gái|ông|anh|chị)\s+tây(?![\p{L}])(?!\s+(?:nguyên|ninh|bắc|đô|hồ|sơn|ban|nam|giang|tựu|mỗ|thạnh|ninh|hòa|an|lộc))/iu,
  /(?<![\p{L}])là\s+(?:người|ng)\s+anh(?![\p{L}])(?!\s+(?:trai|họ|em|cả|ruột|rể|của|chị|ấy|lớn|nuôi|cùng|trong|thứ|hai|ba|kết nghĩa))/iu,
  // a relative or the spouse said "người Anh", "người Đức" as one says a nationality, capital and all, "là" or not ("bố
  // cháu người Anh, đang sống ở London"; not "bố cháu là người anh cả", "chồng em người Đức Phổ")
  /(?<![\p{L}])(?:[Bb]ố|[Mm]ẹ|[Cc]ha|[Bb]a|[Mm]á|[Cc]hồng|[Vv]ợ|[Cc]k|[Vv]k|[Bb]ạn trai|[Bb]ạn gái|[Nn]gười yêu|[Hh]ôn phu|[Hh]ôn thê)(?:\s+(?:cháu|em|e|bé|con|tôi|tui|mình|nó|sắp cưới|của\s+(?:cháu|em|bé|con|tôi|tui|mình|nó)))?\s*,?\s+(?:là\s+)?(?:người|ng)\s+(?:Anh|ANH|Đức|ĐỨC)(?![\p{L}])(?!\s+(?:trai|họ|em|cả|ruột|rể|của|chị|ấy|lớn|nuôi|cùng|trong|thứ|hai|ba|kết nghĩa|\p{Lu}))/u,
  /(?<![\p{L}])(?:người|ng|quốc tịch)\s+ý(?![\p{L}])/iu,
  /(?<![\p{L}])(?:ở|bên|sang|tại)\s+Đức(?![\p{L}])(?!\s+\p{Lu})/u,
];

/** A foreigner said in words read with their accents (FOREIGN_ACCENTED), not said to have become Vietnamese. */
function foreignAccented(typed: string): boolean {
  const nfc = typed.normalize("NFC");
  return FOREIGN_ACCENTED.some((said) => said.test(nfc)) && !NATURALISED.test(fold(nfc));
}

function chatSpelled(folded: string): string {
  return CHAT_SPELLED.reduce((text, [said, meant]) => text.replace(said, meant), folded);
}

/** Whether the message names a foreign element (a foreigner, a nationality, abroad). */
export function namesForeign(typed: string): boolean {
  if (foreignAccented(typed)) return true;
  const text = naturalisedAsVietnamese(typed).replace(SELF_VIETNAMESE, " nguoi viet ");
  // "quốc tịch Việt Nam", "quốc tịch VN", "người Việt Nam định cư…": Vietnamese nationality named is none foreign
  const tokens = tokenize(text.replace(VIETNAMESE_NATIONALITY, " "));
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  return says(FOREIGN_PERSON) || (says(FOREIGN_PLACE) && !says(AWAY));
}

/**
 * Words of staying abroad and having it done there: "bên này" (over here, said from abroad, beside a foreign
 * place), "chưa thể về nước" (alone: only someone abroad goes home to the country). Not "ở đây" (said at home as
 * well: "chồng đi làm ở Đài Loan, em làm khai sinh cho con ở đây").
 */
const OVER_HERE = ["bên này"].map(tokenize);
/**
 * Not coming back home yet: said only from abroad ("về nước" is going home to Vietnam), as unable or as not meaning to
 * ("không định về nước", "chưa có ý định về nước", "chưa tính về nước").
 */
const NOT_BACK = [
  ...["chưa thể về nước", "không thể về nước", "chưa về nước được", "không về nước được"],
  ...["không định về nước", "chưa định về nước", "không có ý định về nước", "chưa có ý định về nước"],
  ...["không tính về nước", "chưa tính về nước"],
  ...["chưa thể về việt nam", "không thể về việt nam", "chưa về việt nam được", "không về việt nam được"],
  ...["can't come back to vietnam", "cannot come back to vietnam", "cannot return to vietnam", "while abroad"],
].map(tokenize);

/**
 * Whether the citizen is abroad and asks to have it done there ("con vừa sinh ở Osaka, chưa thể về nước, làm
 * khai sinh ngay bên này ở đâu"): civil status for Vietnamese abroad is the embassy's or consulate's.
 */
export function staysAbroad(text: string): boolean {
  const tokens = tokenize(text);
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  return says(NOT_BACK) || (says(FOREIGN_PLACE) && says(OVER_HERE));
}

/** Whether the message names a foreign person (not only a foreign place): "chồng tôi quốc tịch Pháp". */
export function namesForeigner(typed: string): boolean {
  if (foreignAccented(typed)) return true;
  const text = naturalisedAsVietnamese(typed).replace(SELF_VIETNAMESE, " nguoi viet ");
  const tokens = tokenize(text.replace(VIETNAMESE_NATIONALITY, " "));
  return FOREIGN_PERSON.some((run) => run.length > 0 && containsRun(tokens, run));
}

/** Whether the procedure is for cases with a foreign element. */
export function isForeignElement(procedure: Procedure): boolean {
  let found = FOREIGN_NAMED.get(procedure);
  if (found === undefined) {
    const name = tokenize(procedure.name);
    found = FOREIGN_ELEMENT.some((run) => containsRun(name, run));
    FOREIGN_NAMED.set(procedure, found);
  }
  return found;
}

/** Read once per record: every turn asks it of all records (a reload brings new record objects). */
const FOREIGN_NAMED = new WeakMap<Procedure, boolean>();

/**
 * How a foreign-element name reads as its plain twin's name: the plain name word for word, the twin's own words ("có
 * yếu tố nước ngoài") left out, a word of the plain name said again ("khai sinh kết hợp đăng ký nhận cha, mẹ, con") and,
 * after a comma where the plain name ends, what the twin covers besides ("…, xác định lại dân tộc"). The number of
 * words it says besides, or undefined when it is no twin of the plain name: "Đăng ký lại khai tử …" is no twin of
 * "Đăng ký khai tử" ("lại" is none of its words), "Đăng ký khai sinh kết hợp …" none of "Đăng ký khai sinh" (no comma).
 */
function twinExtra(plainName: string, foreignName: string): number | undefined {
  const plain = tokenize(plainName);
  const own = new Set(plain);
  const foreignRun = FOREIGN_ELEMENT[0] as string[];
  const clauses = foreignName.split(",").map((clause) => {
    const tokens = tokenize(clause);
    for (let i = 0; i + foreignRun.length <= tokens.length; i++) {
      if (foreignRun.every((t, j) => tokens[i + j] === t)) tokens.splice(i, foreignRun.length);
    }
    return tokens;
  });
  let at = 0;
  let extra = 0;
  for (const clause of clauses) {
    // The plain name said whole by the clauses before: what follows is what the twin covers besides.
    if (at === plain.length) {
      extra += clause.length;
      continue;
    }
    for (const token of clause) {
      if (token === plain[at]) at++;
      else if (at > 0 && at < plain.length && own.has(token)) extra++;
      else return undefined;
    }
  }
  return at === plain.length && plain.length > 0 ? extra : undefined;
}

/**
 * The foreign-element twin of a plain procedure among `candidates`: the one whose name reads as the plain name with
 * the fewest words besides ("Đăng ký khai sinh" → "Đăng ký khai sinh có yếu tố nước ngoài", not the birth registration
 * joined to an acknowledgement of paternity; "Đăng ký khai sinh kết hợp nhận cha, mẹ, con" → that one's twin).
 */
export function foreignTwin(procedure: Procedure, candidates: readonly Procedure[]): Procedure | undefined {
  if (isForeignElement(procedure)) return undefined;
  let best: Procedure | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (!isForeignElement(candidate)) continue;
    const extra = twinExtra(procedure.name, candidate.name);
    if (extra !== undefined && extra < fewest) [best, fewest] = [candidate, extra];
  }
  return best;
}

/** The plain twin of a foreign-element procedure among `candidates`: the plain one whose twin it is. */
export function plainTwin(procedure: Procedure, candidates: readonly Procedure[]): Procedure | undefined {
  if (!isForeignElement(procedure)) return undefined;
  return candidates.find((c) => foreignTwin(c, candidates)?.code === procedure.code);
}

/**
 * Who the words say is Vietnamese, read once (folded): `everyone` in the case ("cả hai đều người Việt", "hai vợ chồng
 * đều người Việt, …", "cả nhà", "both Vietnamese"), or `someone` — one side of it ("em là người Việt"), or the case
 * said at large ("trong nước", "quốc tịch Việt Nam", "Việt Nam cả") — with the Vietnamese words bounded by a space
 * as they always were ("người Việt," before a comma is read only after a word of everyone).
 */
const VIETNAMESE_WORDS = "(?:nguoi viet|trong nuoc|quoc tich viet nam|viet nam ca|vietnamese)";
const EVERYONE_WORDS = "(?:ca hai|hai vo chong|ca nha|deu|both)";
const VIETNAMESE = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:(${EVERYONE_WORDS})(?:[^\p{L}]+\p{L}+){0,3}?[^\p{L}]+)?${VIETNAMESE_WORDS}(?![\p{L}])`,
  "gu",
);
/** What `everyone` reads after: "người Việt", "quốc tịch Việt Nam", "Vietnamese" (not "trong nước", "Việt Nam cả"). */
const OF_EVERYONE = /(?:nguoi viet|quoc tich viet nam|vietnamese)$/;
/** What `someone` reads: the words said alone, bounded by spaces (not "Vietnamese": English names a foreigner). */
const OF_SOMEONE = /(?:^|\s)(?:nguoi viet|trong nuoc|quoc tich viet nam|viet nam ca)$/;

type VietnameseSaid = "everyone" | "someone";

/**
 * The other side said Vietnamese too ("vợ em người Việt", "chồng sắp cưới của em cũng là người Việt", "bố cháu cũng là
 * người Việt"): the one the case could have had as a foreigner is none, so everyone is (folded). The citizen writing is
 * the other side: "em là người Việt" alone is that side and says nothing of the other.
 */
const OTHER_SIDE =
  /(?:^|[^\p{L}])(?:(?:vo|chong|nguoi yeu|ban gai|ban trai|hon phu|hon the|anh ay|co ay|ba|bo|me|cha)(?:[^\p{L}]+\p{L}+){0,4}?[^\p{L}]+|cung\s+)(?:la\s+)?(?:nguoi viet|quoc tich viet nam)(?![\p{L}])/gu;

/**
 * A relative beside the case said in a clause (folded): the writer's own family ("bố mẹ em", "mẹ tôi", "bố mẹ chồng"),
 * a grandparent ("bà ngoại bé", "ông bà"), or one parent alone ("mẹ bé", "ba của bé"). Saying them Vietnamese takes no
 * foreigner back: a marriage's foreigner is the spouse, and a birth's may be the other parent ("con tôi có bố người Hàn"
 * / "mẹ bé là người Việt"). Both parents ("bố mẹ đều người Việt"), or one said Vietnamese "too" ("bố cháu cũng là người
 * Việt"), are the whole case.
 */
const PARENT = "(?:bo|me|ba|cha)";
const WRITERS_FAMILY = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:${PARENT}(?:\s+${PARENT})?\s+(?:cua\s+)?(?:em|toi|minh|to|tao|tui|chong|vo)|(?:ong|ba)\s+(?:ngoai|noi)|ong ba|anh chi|ho hang)(?![\p{L}])`,
  "u",
);
const LONE_PARENT = new RegExp(
  String.raw`(?:^|[^\p{L}])(?<!(?:^|[^\p{L}])${PARENT}\s)${PARENT}(?!\s+${PARENT}(?![\p{L}]))(?![\p{L}])`,
  "u",
);
/** "Too": the one said Vietnamese is so as well as the other ("cũng"), or both are ("đều", "cả hai"). */
const AS_WELL = /(?:^|[^\p{L}])(?:cung|deu|ca hai)(?![\p{L}])/u;

/** The clause the words up to `end` close (folded): from the last comma or stop before them. */
function clauseUpTo(folded: string, end: number): string {
  const before = folded.slice(0, end);
  return before.slice(before.search(/[^,.;!?]*$/u));
}

/** One parent of the writer or the child ("bố tôi", "mẹ bé"): not both, nor an in-law or a grandparent. */
const ONE_PARENT = new RegExp(
  String.raw`^\s*(?:(?:a|a khong|khong|khong phai|nham|a nham|xin loi)\s+)?${PARENT}\s+(?:cua\s+)?(?:em|toi|minh|to|tao|tui|be|chau|con|no)\s+(?:la\s+)?(?:nguoi viet|quoc tich viet nam)\s*$`,
  "u",
);
/** A clause that only says a nationality, or a "no"/"sorry" before it. */
const NATIONALITY_ONLY =
  /^\s*(?:a khong|khong phai|a nham|xin loi|khong|nham|a)?\s*(?:la\s+)?(?:quoc tich viet nam|nguoi viet)?\s*(?:a|nhe|thoi|ma)?\s*$/u;

/**
 * Whether the one said Vietnamese in `clause` is a relative beside the case, not the person it made foreign. One parent
 * said Vietnamese in a message that says nothing else ("à không, bố tôi người Việt, quốc tịch Việt Nam") corrects the
 * parent the case made foreign; asked about ("mẹ tôi là người Việt, mẹ đi làm được không") they stand beside it.
 */
function relativeBeside(clause: string, folded: string): boolean {
  const clauses = folded.split(/[,.;!?]+/u).filter((c) => c.trim() !== "");
  if (ONE_PARENT.test(clause) && clauses.every((c) => ONE_PARENT.test(c) || NATIONALITY_ONLY.test(c))) return false;
  return WRITERS_FAMILY.test(clause) || (LONE_PARENT.test(clause) && !AS_WELL.test(clause));
}

function vietnameseSaid(text: string): VietnameseSaid | undefined {
  const folded = naturalisedAsVietnamese(text);
  let said: VietnameseSaid | undefined;
  for (const match of folded.matchAll(OTHER_SIDE)) {
    const end = (match.index ?? 0) + match[0].length;
    if (!relativeBeside(clauseUpTo(folded, end), folded)) return "everyone";
    said = "someone";
  }
  for (const match of folded.matchAll(VIETNAMESE)) {
    const end = (match.index ?? 0) + match[0].length;
    if (match[1] !== undefined && OF_EVERYONE.test(match[0]) && !relativeBeside(clauseUpTo(folded, end), folded)) {
      return "everyone";
    }
    const after = folded.slice(end);
    if (OF_SOMEONE.test(match[0]) && (after === "" || /^\s/.test(after))) said = "someone";
  }
  return said;
}

/**
 * A case said abroad in words namesForeign leaves out (folded): a country said as a place at the end of a clause
 * ("sinh ra ở Đức,", "sinh tại Ý" — "Đức" alone is also a name, "ở Đức Trọng" a district), living abroad
 * ("định cư ở nước ngoài", "Việt kiều", "hải ngoại"). A child born abroad to two Vietnamese parents is still the
 * foreign-element case.
 */
const ABROAD =
  /(?:^|[^\p{L}])(?:(?:o|tai|ben|sang)\s+(?:duc|anh|y|sec|bi|ao|thuy si|hung|rumani|israel|dubai|qatar|ai cap|dai loan)(?=\s*(?:[,.;!?]|$))|nuoc ngoai|hai ngoai|viet kieu|kieu bao)/u;

/** Whether the message says the case has no foreign element ("cả hai đều người Việt"), and nothing foreign beside it. */
export function saysDomestic(text: string): boolean {
  return vietnameseSaid(text) !== undefined && !namesForeign(text) && !ABROAD.test(naturalisedAsVietnamese(text));
}

/**
 * Of a "which one?" list holding plain procedures and foreign-element ones, the one the words' foreign element (or its
 * absence) settles: the only listed one of that kind, else the twin of the first listed one of the other kind (the one
 * search led with) when it is listed too. "quên nói, anh ấy quốc tịch Pháp" over [nhận cha mẹ con, khai sinh kết hợp
 * nhận cha, khai sinh, their foreign twins] → 2.000779, the leader's twin. Undefined when nothing foreign or domestic is
 * said, or the list does not settle.
 */
export function elementAmong(
  options: readonly Procedure[],
  text: string,
  all: readonly Procedure[],
): Procedure | undefined {
  const plain = options.filter((p) => !isForeignElement(p));
  const foreign = options.filter((p) => isForeignElement(p));
  if (plain.length === 0 || foreign.length === 0) return undefined;
  const [kind, other] = namesForeign(text) ? [foreign, plain] : saysDomestic(text) ? [plain, foreign] : [];
  if (!kind || !other) return undefined;
  if (kind.length === 1) return kind[0];
  const leader = other[0] as Procedure;
  const twin = isForeignElement(leader) ? plainTwin(leader, all) : foreignTwin(leader, all);
  return twin && kind.some((p) => p.code === twin.code) ? twin : undefined;
}

/** What the chat has told of the case before the new words: the procedure at hand, the words that led to it. */
export interface CaseSoFar {
  /** The procedure the chat is on, if any. */
  procedure?: Procedure;
  /** The words that led to it, or the story a "which one?" list was offered for. */
  story?: string;
}

/**
 * Whether the case has a foreign element: the new words name one, or, saying nothing of it either way, the chat told
 * it before — the procedure at hand is a foreign-element one, or the words that led to it named a foreigner or abroad
 * ("vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn" then "làm lại": the wife is still Chinese). The new words
 * saying the case is domestic ("hai vợ chồng đều người Việt") end it.
 */
export function caseForeign(text: string, before: CaseSoFar = {}): boolean {
  if (namesForeign(text)) return true;
  // "bố cháu là người Việt" when the mother was told the foreigner: she still is.
  if (foreignerBesides(text, before.story)) return true;
  if (saysDomestic(text) || saysAllDomestic(text)) return false;
  return toldForeignBefore(before);
}

/**
 * The plain twin of a foreign-element record search answered when nothing foreign is told: not in the new words, nor
 * before in the chat (caseForeign: the procedure at hand, the words that led to it), nor an event abroad. A message in
 * English is no foreign element: "how much to fix my wrong birth date on the birth certificate" → 1.004859, not its
 * twin 2.000748; "sửa sai năm sinh trên giấy khai sinh, cả nhà đều quốc tịch VN" neither. Undefined otherwise.
 */
export function plainAsTold(
  procedure: Procedure,
  all: readonly Procedure[],
  text: string,
  before: CaseSoFar = {},
): Procedure | undefined {
  if (!isForeignElement(procedure) || caseForeign(text, before)) return undefined;
  if (ABROAD.test(naturalisedAsVietnamese(text)) || staysAbroad(text)) return undefined;
  return plainTwin(procedure, all);
}

/** Whether the message says everyone of the case is Vietnamese ("không, cả hai đều người Việt, làm lại"). */
export function saysAllDomestic(text: string): boolean {
  return vietnameseSaid(text) === "everyone" && !namesForeign(text);
}

/** Whether the chat told a foreign element before the new words: the procedure at hand is one, or its words said one. */
function toldForeignBefore({ procedure, story }: CaseSoFar): boolean {
  return (procedure !== undefined && isForeignElement(procedure)) || (story !== undefined && namesForeign(story));
}

/**
 * The procedure to answer for the case, of a plain civil-status procedure and its foreign-element twin: the twin when
 * the case has a foreign element (caseForeign), told now or earlier in the chat; the plain one when a look-alike read
 * from a detail is the twin but nothing foreign was ever told ("đăng ký lại kết hôn" / "làm lại": the plain
 * re-registration, though search ranks its twin beside it). "Em là người Việt" after a marriage with a foreigner is
 * the Vietnamese side of that same case: the twin stays. Any other procedure stays as it is.
 */
export function forTheCase(
  procedure: Procedure,
  all: readonly Procedure[],
  text: string,
  before: CaseSoFar = {},
): Procedure {
  if (isForeignElement(procedure)) {
    // "em là người Việt" is one side of a case with a foreigner; "cả hai đều người Việt" takes the foreigner back.
    return namesForeign(text) ||
      (toldForeignBefore(before) && !saysAllDomestic(text)) ||
      foreignerBesides(text, before.story)
      ? procedure
      : (plainTwin(procedure, all) ?? procedure);
  }
  return caseForeign(text, before) ? (foreignTwin(procedure, all) ?? procedure) : procedure;
}

/** A marriage said (folded tokens): "kết hôn", "cưới", "giấy kết hôn", "married", "marriage". */
const MARRIAGE = ["ket hon", "cuoi", "lay nhau", "married", "marriage", "wedding"].map(tokenize);
/** Said done, not planned: "rồi", "đã", "xong", "already", "got married". */
const DONE_WORDS = ["roi", "xong", "already", "got", "were", "did"].map(tokenize);
const DA = [["da"]];
/** Said planned: "định", "sắp", "muốn", "will", "plan" — a wedding to be held abroad is no marriage to record. */
const PLANNED = ["dinh", "sap", "se", "tinh", "du dinh", "chuan bi", "will", "plan", "planning", "going to"].map(
  tokenize,
);
/** Going there, not marrying there: a honeymoon, a trip. */
const TRIP = ["du lich", "trang mat", "honeymoon", "trip", "tham", "di choi"].map(tokenize);

/**
 * Whether the message says a marriage was already made abroad ("tôi kết hôn ở nước ngoài rồi, giờ ghi vào sổ", "nếu
 * bọn em kết hôn ở Hàn rồi thì sao", "we already got married in Korea"): what is left here is recording it
 * (2.002189), not registering one. A wedding planned abroad or a honeymoon there is none.
 */
export function marriedAbroad(text: string): boolean {
  const tokens = tokenize(text.replace(/quốc tịch việt nam|quoc tich viet nam/giu, " "));
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  const abroad = says(FOREIGN_PLACE) || ABROAD.test(fold(text.normalize("NFC")));
  // "đã" typed with its accent, or any "da" typed without accents ("dạ" is a polite yes, not "already")
  const typed = text.normalize("NFC").toLowerCase();
  const done = says(DONE_WORDS) || /(?:^|[^\p{L}])đã(?![\p{L}])/u.test(typed) || (fold(typed) === typed && says(DA));
  return abroad && says(MARRIAGE) && done && !says(PLANNED) && !says(TRIP) && !says(AWAY);
}

/**
 * Whether a procedure's own aliases say it serves a marriage with a foreigner ("xin giấy độc thân để kết hôn với người
 * nước ngoài"): a foreigner named for that purpose is its own case, no look-alike's.
 */
function servesForeignMarriage(procedure: Procedure): boolean {
  return procedure.aliases.some((alias) => {
    const tokens = tokenize(alias);
    return (
      containsRun(tokens, ["de"]) &&
      MARRIAGE.some((run) => containsRun(tokens, run)) &&
      containsRun(tokens, tokenize("nước ngoài"))
    );
  });
}

/** A marriage said as what something is for (folded): "để cưới chồng người Hàn", "để làm hồ sơ kết hôn với …". */
const MARRIAGE_PURPOSE =
  /(?:^|[^\p{L}])(?:de|for|to)\s+(?:\p{L}+\s+){0,3}?(?:ket hon|cuoi|lay chong|lay vo|marry|marriage)(?![\p{L}])/u;

function marriagePurpose(text: string): boolean {
  const folded = fold(text.normalize("NFC"));
  const match = MARRIAGE_PURPOSE.exec(folded);
  // a way asked to it ("làm thế nào để đăng ký kết hôn với người Hàn", "cần làm gì để cưới vợ Nhật") asks for the
  // marriage itself, not what a paper is for
  return match !== null && !WAY_ASKED.test(folded.slice(0, match.index + match[0].search(/de|for|to/u)));
}

/** A way asked, just before a purpose (folded): "làm sao", "làm thế nào", "cách nào", "cần làm gì", "how". */
const WAY_ASKED = /(?:^|[^\p{L}])(?:lam sao|lam the nao|the nao|cach nao|ra sao|lam gi|lam j|ntn|how)\s*$/u;

/**
 * Whether the message asks for a marriage (folded tokens): a marriage said, not said done ("tụi em đăng ký kết hôn rồi",
 * "đã kết hôn") — planned, wished or asked ("nếu muốn kết hôn với người Hàn", "còn đăng ký kết hôn … thì cần giấy gì").
 */
function asksMarriage(text: string): boolean {
  const tokens = tokenize(text.replace(/quốc tịch việt nam|quoc tich viet nam/giu, " "));
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  if (!says(MARRIAGE)) return false;
  const typed = text.normalize("NFC").toLowerCase();
  const done = says(DONE_WORDS) || /(?:^|[^\p{L}])đã(?![\p{L}])/u.test(typed) || (fold(typed) === typed && says(DA));
  return !done || says(PLANNED);
}

/** The record of an event done abroad ("Ghi vào Sổ hộ tịch việc kết hôn … của nước ngoài"), by the event's words. */
function recordOfAbroad(event: string, all: readonly Procedure[], listed = false): Procedure | undefined {
  const run = tokenize(`ghi vào sổ hộ tịch việc ${event}`);
  const exact = all.find((p) => containsRun(tokenize(p.name), run));
  if (exact || !listed) return exact;
  // "Ghi vào Sổ hộ tịch việc hộ tịch khác … (khai sinh; giám hộ; …; khai tử; …)": the event among those it lists
  const record = tokenize("ghi vào sổ hộ tịch việc");
  return all.find((p) => {
    const name = tokenize(p.name);
    return containsRun(name, record) && containsRun(name, tokenize(event)) && !containsRun(name, tokenize("kết hôn"));
  });
}

/** The marriage family: registering one (plain, foreign, mobile) or again. */
function aboutMarriage(procedure: Procedure): boolean {
  const name = tokenize(procedure.name);
  return containsRun(name, tokenize("kết hôn")) && !containsRun(name, tokenize("ghi vào sổ"));
}

/**
 * The registration done where the person is (folded): staff coming to the home ("cán bộ xuống nhà", "nhờ cán bộ đến
 * làm", "làm tại nhà/tại chỗ"), or someone too unwell to come ("nằm liệt, không lên phường được", "nằm viện, không đến
 * ủy ban được"). Not a death at home ("mất tại nhà"), nor someone busy or sending another ("không đi được thì nhờ
 * chồng đi"): neither asks staff to come.
 */
const STAFF_COMES =
  /(?:^|[^\p{L}])(?:luu dong|can bo\s+(?:\p{L}+\s+){0,2}?(?:xuong|den|toi|ve|qua|vao)\s+(?:tan\s+)?(?:nha|noi|tan noi|benh vien|lam)|(?:lam|dang ky|ky|giai quyet)\s+(?:\p{L}+\s+){0,3}?(?:tai nha|tai cho|tan noi|tan nha|tai benh vien)|come to (?:my|our|the) (?:home|house|hospital))(?![\p{L}])/u;
/** Someone who cannot come for a reason of health: bedridden, gravely ill, in hospital, too frail (folded). */
const CANNOT_COME =
  /(?:^|[^\p{L}])(?:khong|ko|k|chua|kho)\s+(?:the\s+)?(?:tu\s+)?(?:di|len|ra|toi|den)\s+(?:(?:duoc|noi)\s*)?(?:phuong|xa|uy ban|ubnd|duoc)?(?![\p{L}])/u;
const UNWELL =
  /(?:^|[^\p{L}])(?:nam liet|liet|om nang|benh nang|gia yeu|yeu|nam vien|tai bien|bedridden|in hospital)(?![\p{L}])/u;
const CANNOT_COME_EN = /(?:^|[^\p{L}])(?:can'?t|cannot|unable to)\s+(?:come|go|walk|travel)(?![\p{L}])/u;

/** Whether the message asks the registration be done where the person is (MOBILE). */
export function asksMobile(text: string): boolean {
  const folded = fold(text.normalize("NFC"));
  return STAFF_COMES.test(folded) || (UNWELL.test(folded) && (CANNOT_COME.test(folded) || CANNOT_COME_EN.test(folded)));
}

/** The mobile variant of a registration: its own name said with "lưu động" ("Đăng ký khai tử lưu động"). */
function mobileOf(procedure: Procedure, all: readonly Procedure[]): Procedure | undefined {
  const name = tokenize(`${procedure.name} lưu động`).join(" ");
  const own = all.find((p) => p.code !== procedure.code && tokenize(p.name).join(" ") === name);
  if (own || !containsRun(tokenize(procedure.name), tokenize("liên thông"))) return own;
  // an electronic bundle ("Liên thông …: đăng ký khai tử, xóa đăng ký thường trú, …"): the mobile variant of the one
  // registration it names that has one (staff come to register the death; the rest follows online)
  const bundle = tokenize(procedure.name);
  const mobiles = all.flatMap((part) => {
    if (part.code === procedure.code || !containsRun(bundle, tokenize(part.name))) return [];
    const mobile = all.find((p) => tokenize(p.name).join(" ") === tokenize(`${part.name} lưu động`).join(" "));
    return mobile ? [mobile] : [];
  });
  return mobiles.length === 1 ? mobiles[0] : undefined;
}

/**
 * The look-alike the new words move the case to, told after an answer, or undefined when they tell nothing of it:
 * a marriage already made abroad, after a marriage registration, is recorded here (2.002189); a foreigner named after
 * a plain procedure with a twin ("bố cháu là người Úc", "mẹ cháu là Việt kiều", "cháu mang quốc tịch Hàn") is its
 * twin; everyone said Vietnamese after a foreign-element one ("à không, vợ em người Việt") is its plain twin. A
 * foreign place alone is not read here (a honeymoon in Korea, a husband working in Japan): only a person or a deed.
 * Someone who cannot come to the office ("bà nội nằm liệt, cán bộ xuống nhà làm được không") is the mobile variant. A
 * change of the thing at hand said ("nếu muốn đổi tên quán thì sao" after a household business) is that variant.
 */
export function retoldCase(
  current: Procedure,
  all: readonly Procedure[],
  text: string,
  /** What the chat told of the case before (the words that led to `current`): who was the foreigner. */
  before: CaseSoFar = {},
  /** The catalogue's câu mẫu readings (variants.ts lookAlikeReadings, learned with its snapshot); none, only records. */
  readings?: LookAlikeReadings,
): Procedure | undefined {
  if (aboutMarriage(current) && marriedAbroad(text)) return recordOfAbroad("kết hôn", all);
  if (asksMobile(text)) {
    const mobile = mobileOf(current, all);
    if (mobile) return mobile;
  }
  if (!isForeignElement(current)) {
    // "còn đăng ký kết hôn với người Pháp thì cần giấy gì" after a birth registration: a marriage asked for, not the
    // case's state ("tụi em đăng ký kết hôn rồi"), names another procedure; the foreigner is that one's
    if (namesForeigner(text) && servesForeignMarriage(current) && marriagePurpose(text)) return current;
    if (namesForeigner(text) && !(asksMarriage(text) && !aboutMarriage(current))) return foreignTwin(current, all);
  } else if (saysAllDomestic(text)) {
    return foreignerBesides(text, before.story) ? undefined : plainTwin(current, all);
  }
  // Who died, told after a funeral support, a death registration or an allowance ("bố tôi là thương binh", "mất vì tai
  // nạn giao thông", "nếu bà mất thì có được hỗ trợ chôn cất không" after the social pension): the funeral support whose
  // own fields say that person (src/features/variants.ts funeralTold).
  const funeral = funeralTold(current, all, text, readings);
  if (funeral) return funeral;
  // A change of the thing at hand told ("nếu muốn đổi tên quán thì sao", "giấy cũ bị mất thì xin lại thế nào"): the
  // variant whose name holds it (src/features/variants.ts).
  const variant = variantTold(current, all, text, isForeignElement);
  if (variant) return variant;
  // A special case of the one at hand told in its record's own words ("bọn em chưa đăng ký kết hôn, muốn ghi tên bố" after
  // a birth registration: the birth registration joined to the father's acknowledgement).
  const special = specialTold(current, all, text, isForeignElement, (p) => plainTwin(p, all));
  if (special) return special;
  // The birth or death already registered abroad ("bé sinh ở Đài Loan, đã có giấy khai sinh Đài Loan rồi", "bố em mất
  // bên Mỹ, bên đó đã cấp giấy chứng tử rồi"): what is left here is noting it in the register (2.000547).
  const abroad = EVENTS.find(([event, papers]) => aboutEvent(current, event) && doneAbroad(text, papers));
  if (abroad) {
    const noted = recordOfAbroad(abroad[0], all, true);
    if (noted && noted.code !== current.code) return noted;
  }
  // What the procedure at hand's own notes send elsewhere ("sổ gốc vẫn còn lưu" after a re-registration: the extract),
  // for the case as told: its foreign-element twin when a foreigner was (src/features/variants.ts noteTold).
  // A fact both look-alikes' notes say the two ways round, said in one state ("bé đã có giấy khai sinh rồi" after the
  // birth joined to the acknowledgement: the acknowledgement; variants.ts stateTold).
  const noted = stateTold(current, all, text) ?? noteTold(current, all, text, before.story);
  if (noted?.code === current.code) return current;
  // The change at hand said in its own record's words ("nếu muốn mở lại sớm hơn thì sao" after a pause: its alias "mở
  // lại cửa hàng sớm"): it stays (variants.ts ownChangeSaid). Else a look-alike the words lean to in the citizens' own
  // words, as the câu mẫu say its case ("chỉ gõ nhầm số CCCD bên bán thôi" after a deed's amendment: its error
  // correction; variants.ts learnedTold).
  if (!noted) {
    if (ownChangeSaid(current, all, text)) return current;
    const learned = learnedTold(current, lookAlikesOf(current, all, isForeignElement), all, text, readings);
    return learned && caseForeign(text, before) && !isForeignElement(learned)
      ? (foreignTwin(learned, all) ?? learned)
      : learned;
  }
  return caseForeign(text, before) && !isForeignElement(noted) ? (foreignTwin(noted, all) ?? noted) : noted;
}

/**
 * Whether the records themselves send the case to the look-alike retoldCase read: a note of the procedure at hand cites
 * it (or its plain twin: "Nếu sổ hộ tịch … còn lưu, hãy xin cấp bản sao trích lục (2.000635)"), or it is the register's
 * record of an event made abroad, or a funeral support (its applicants say whose death it is for). Search finding another look-alike by name in the same words ("sổ gốc … mất" names
 * the re-registration of a death by its alias) does not overrule the note.
 */
export function toldByRecords(current: Procedure, told: Procedure, all: readonly Procedure[]): boolean {
  const notes = [current.checkFirst ?? "", ...(current.conditions ?? [])].join(" ");
  const plain = isForeignElement(told) ? plainTwin(told, all) : undefined;
  return (
    // the one at hand itself, its own words said (variants.ts ownChangeSaid)
    told.code === current.code ||
    notes.includes(told.code) ||
    (plain !== undefined && notes.includes(plain.code)) ||
    // the look-alike's own notes tell its case from the one at hand's ("Nếu dạng tật … đã thay đổi … (1.001699) thay vì
    // chỉ đổi giấy" on the exchange of a disability certificate), read in the words citizens say it (variants.ts
    // learnedTold)
    [told.checkFirst ?? "", ...(told.conditions ?? [])].join(" ").includes(current.code) ||
    containsRun(tokenize(told.name), tokenize("ghi vào sổ hộ tịch việc")) ||
    // who died, read from the funeral supports' own fields (variants.ts funeralTold)
    inFuneralFamily(told, all) ||
    // a special case of the one at hand, read from its own fields (variants.ts specialTold)
    specialOf(told, current) ||
    // the one at hand's own twin, a nationality told ("anh ấy quốc tịch Pháp" after an acknowledgement of paternity;
    // "chồng em là người Pháp, tụi em đăng ký kết hôn rồi" after a birth registration: the marriage is the case's state)
    foreignTwin(current, all)?.code === told.code ||
    plainTwin(current, all)?.code === told.code
  );
}

/** Events registered here or abroad, with the papers that say one was made: a birth, a death. */
const EVENTS: [event: string, papers: string[][]][] = [
  ["khai sinh", ["giấy khai sinh", "khai sinh", "birth certificate"].map(tokenize)],
  ["khai tử", ["giấy chứng tử", "chứng tử", "khai tử", "giấy báo tử", "death certificate"].map(tokenize)],
];

/** A registration of the event, here (not the record of one made abroad). */
function aboutEvent(procedure: Procedure, event: string): boolean {
  const name = tokenize(procedure.name);
  return containsRun(name, tokenize(event)) && !containsRun(name, tokenize("ghi vào sổ"));
}

/** The paper said not yet made ("chưa làm giấy khai sinh bên đó", "không có giấy chứng tử"), folded. */
const NOT_MADE = /(?:^|\s)(?:chua|khong|ko|k|chang)\s+(?:\S+\s+){0,2}?(?:lam|co|cap|duoc cap|dang ky|khai)(?=\s|$)/u;

/**
 * Whether the message says the event was registered abroad already: a foreign place, one of its papers, and said done
 * ("đã có giấy khai sinh Đài Loan rồi", "bệnh viện bên đó đã cấp giấy chứng tử"); not a paper said not yet made there,
 * nor a plan or a trip.
 */
function doneAbroad(text: string, papers: readonly string[][]): boolean {
  const folded = fold(text.normalize("NFC"));
  const tokens = tokenize(text);
  const says = (runs: readonly string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  const abroad = says(FOREIGN_PLACE) || ABROAD.test(folded);
  const typed = text.normalize("NFC").toLowerCase();
  const done = says(DONE_WORDS) || /(?:^|[^\p{L}])đã(?![\p{L}])/u.test(typed) || (fold(typed) === typed && says(DA));
  return abroad && says(papers) && done && !NOT_MADE.test(folded) && !says(PLANNED) && !says(TRIP);
}

/** Who a relative or spouse word names in the case (folded): one parent, the partner; undefined when it may be either. */
const ROLE_OF = new Map<string, string>([
  ...["bo", "ba", "cha", "father"].map((w): [string, string] => [w, "father"]),
  ...["me", "mother"].map((w): [string, string] => [w, "mother"]),
  ...["vo", "chong", "nguoi yeu", "ban gai", "ban trai", "hon phu", "hon the", "vi hon phu", "vi hon the"].map(
    (w): [string, string] => [w, "partner"],
  ),
  ...["my wife", "my husband", "wife", "husband", "fiancee", "fiance"].map((w): [string, string] => [w, "partner"]),
]);

/**
 * Who the words say is foreign and who Vietnamese, by the relative or spouse each clause is about ("khai sinh cho con
 * có mẹ là người Trung Quốc": the mother foreign; "bố cháu là người Việt": the father Vietnamese). A word that may be
 * either ("anh ấy") counts as "someone".
 */
function rolesSaid(text: string): { foreign: Set<string>; vietnamese: Set<string> } {
  const folded = naturalisedAsVietnamese(text);
  const found = [...folded.matchAll(new RegExp(ROLE_WORD.source, "gu"))];
  const foreign = new Set<string>();
  const vietnamese = new Set<string>();
  found.forEach((match, i) => {
    const word = match[1] as string;
    const start = (match.index ?? 0) + match[0].length;
    let said = folded.slice(start, found[i + 1]?.index ?? folded.length);
    const stop = said.search(/[,.;!?\n]/u);
    if (stop >= 0) said = said.slice(0, stop);
    const role = ROLE_OF.get(word) ?? "someone";
    if (/(?:^|\s)(?:nguoi viet|quoc tich viet nam|vietnamese)(?![\p{L}])/u.test(said)) vietnamese.add(role);
    // "cha, mẹ, con có yếu tố nước ngoài" (a procedure's name said) is the case's element, no one's nationality
    else if (namesForeigner(`${word} ${said.replace(/(?:co\s+)?yeu to nuoc ngoai/gu, " ")}`)) foreign.add(role);
  });
  return { foreign, vietnamese };
}

/**
 * Whether a foreigner the chat told before is still one after the new words say someone Vietnamese: the earlier words
 * named who was foreign (the mother), and the new ones say another of the case Vietnamese (the father). "Khai sinh cho
 * con có mẹ là người Trung Quốc" then "bố cháu là người Việt": the mother is still Chinese; "à nhầm, mẹ cháu là người
 * Việt": no foreigner is left. Earlier words naming nobody's nationality, or someone either word may be, leave none.
 */
function foreignerBesides(text: string, story: string | undefined): boolean {
  if (!story) return false;
  const before = rolesSaid(story).foreign;
  const now = rolesSaid(text).vietnamese;
  if (before.size === 0 || now.size === 0 || before.has("someone") || now.has("someone")) return false;
  return [...before].some((role) => !now.has(role));
}

/** Words around a foreign element that name no procedure: living there ("định cư", "sinh sống"). */
const FOREIGN_AROUND = ["định cư", "sinh sống", "sống"].map(tokenize);

/**
 * The message's words with what retoldCase reads left out (folded): its foreign element and its asking staff to come.
 * What it names besides: "mẹ cháu là Việt kiều định cư ở Mỹ" names no procedure, though a record's alias says "người
 * Việt định cư nước ngoài"; "cán bộ xuống nhà làm được không" no mobile marriage registration.
 */
export function withoutCaseWords(text: string): string {
  const unmoved = fold(text.normalize("NFC").replace(/quốc tịch việt nam|quoc tich viet nam/giu, " "));
  const tokens = tokenize(
    [STAFF_COMES, UNWELL, CANNOT_COME, CANNOT_COME_EN].reduce(
      (rest, re) => rest.replace(new RegExp(re.source, "gu"), " "),
      unmoved,
    ),
  );
  const drop = new Set<number>();
  for (const run of [...FOREIGN_PERSON, ...FOREIGN_PLACE, ...FOREIGN_AROUND]) {
    if (run.length === 0) continue;
    for (let i = 0; i + run.length <= tokens.length; i++) {
      if (run.every((t, j) => tokens[i + j] === t)) for (let j = 0; j < run.length; j++) drop.add(i + j);
    }
  }
  return tokens.filter((_, i) => !drop.has(i)).join(" ");
}
