import {
  clauseTokens,
  FUNCTION_WORDS,
  GENERIC,
  type Glossary,
  glossaryOf,
  glossWith,
  keysSpelled,
  keysTold,
  type LookAlikeReadings,
  NEGATORS,
  pairsSaid,
  type SynonymsRead,
  saidCount,
  typedWithAccents,
} from "../catalogue/readings.js";
import type { Procedure } from "../catalogue/schema.js";
import { extractIntent } from "../search/intent.js";
import { fold, type Word, words } from "../search/normalize.js";

/**
 * Procedures and their variants: a thing first issued or registered ("Cấp Giấy phép bán lẻ rượu",
 * "Cấp giấy phép xây dựng mới", "Đăng ký giám hộ") beside the procedures that change it once it exists
 * (re-issue, exchange, amend, extend, end: "Cấp lại …", "Cấp sửa đổi, bổ sung …", "Gia hạn …", "Đăng ký
 * chấm dứt giám hộ"). A citizen who wants a change says so ("cấp lại", "gia hạn", "bị mất", "hết hạn"):
 * a message that names no change asks for the thing itself, and one that names a change only one listed
 * title holds asks for that one. Words are compared with their accents when the citizen typed them
 * ("đổi" is no "đời", "đội"); typed without accents, any spelling fits.
 */
const CHANGES = [
  "cấp lại",
  "đăng ký lại",
  "xác định lại",
  "đổi",
  "cấp đổi",
  "điều chỉnh",
  "gia hạn",
  "sửa đổi",
  "bổ sung",
  "thay đổi",
  "chấm dứt",
  "tạm ngừng",
  "dừng",
  "thôi",
  "hủy",
  "xóa",
  "đính chính",
  "cải chính",
  "hiệu đính",
  "cập nhật",
].map((phrase) => words(phrase));

/** How citizens say a change the records name otherwise: "xin lại" is the re-issue ("cấp lại"), a paper lost too. */
const SAID_AS: [said: Word[], change: Word[]][] = [
  ["xin lại", "cấp lại"],
  ["làm lại", "cấp lại"],
  ["bị mất", "cấp lại"],
  ["làm mất", "cấp lại"],
  ["đánh mất", "cấp lại"],
  ["thất lạc", "cấp lại"],
  // a paper said lost with what was lost or how: "mất giấy", "mất bản chính", "cháy mất" (not "mất hết": "tổng cộng
  // mất hết bao lâu" is the time taken; "mất hết giấy tờ" is "mất giấy")
  ["mất giấy", "cấp lại"],
  ["mất bản", "cấp lại"],
  ["mất sổ", "cấp lại"],
  ["mất thẻ", "cấp lại"],
  ["cháy mất", "cấp lại"],
  // "sửa lại di chúc", "sửa lại giấy phép": an amendment; "sửa" alone is also a repair ("sửa chữa nhà")
  ["sửa lại", "sửa đổi"],
  // leaving a post or a trade: "xin nghỉ không làm hòa giải viên nữa" (thôi làm), "nghỉ hẳn" (chấm dứt), "tạm nghỉ"
  ["xin nghỉ", "thôi"],
  ["nghỉ làm", "thôi"],
  ["nghỉ hẳn", "chấm dứt"],
  ["tạm nghỉ", "tạm ngừng"],
  ["tạm dừng", "tạm ngừng"],
  // closed down ("tủ sách đóng cửa rồi", "sắp giải thể"), or closed for a while ("tạm đóng cửa"); not a closing hour
  // ("phường đóng cửa lúc mấy giờ")
  ["đóng cửa rồi", "chấm dứt"],
  ["đóng cửa luôn", "chấm dứt"],
  ["đóng cửa hẳn", "chấm dứt"],
  ["giải thể", "chấm dứt"],
  ["tạm đóng cửa", "tạm ngừng"],
  // closing for good: "nghỉ luôn", "đóng hẳn", "dẹp hẳn"
  ["nghỉ luôn", "chấm dứt"],
  ["đóng hẳn", "chấm dứt"],
  ["dẹp hẳn", "chấm dứt"],
  ["dẹp luôn", "chấm dứt"],
  // a paper gone: "mất hẳn", "tìm không ra", "tìm ko ra"
  ["mất hẳn", "cấp lại"],
  ["mất luôn", "cấp lại"],
  ["tìm không ra", "cấp lại"],
  ["tìm ko ra", "cấp lại"],
  ["tìm không thấy", "cấp lại"],
  // staying on where one stays for a time: "hết hạn rồi muốn ở tiếp"
  ["ở tiếp", "gia hạn"],
  // asking for more time: "xin kéo dài thêm", "kéo dài thời hạn giấy phép" (not "thủ tục kéo dài bao lâu", the time it
  // takes; not "ở thêm", also staying with someone)
  ["kéo dài thêm", "gia hạn"],
  ["kéo dài thời hạn", "gia hạn"],
  ["xin kéo dài", "gia hạn"],
  ["muốn kéo dài", "gia hạn"],
  ["reissue", "cấp lại"],
  ["replace", "cấp lại"],
  ["replacement", "cấp lại"],
  ["lost", "cấp lại"],
  ["renew", "gia hạn"],
  ["extend", "gia hạn"],
  ["extension", "gia hạn"],
].map(([said, change]) => [
  words(said as string),
  CHANGES.find(
    (run) =>
      run.map((w) => w.token).join(" ") ===
      words(change as string)
        .map((w) => w.token)
        .join(" "),
  ) ?? [],
]);

/** Words that name a change without naming which: the paper is lost, spoilt, wrong, run out, or done again. */
const CHANGE_HINTS = [
  "lại",
  // lost, not died ("bà em mất hôm qua" asks for the death registration itself)
  "bị mất",
  "làm mất",
  "đánh mất",
  "mất giấy",
  "mất bản",
  "mất sổ",
  "mất thẻ",
  "mất bằng",
  "hỏng",
  "hư",
  "rách",
  "cháy",
  "ướt",
  "thất lạc",
  "hết hạn",
  "quá hạn",
  "sai",
  "nhầm",
  "sửa",
  "thêm",
  "chuyển",
  // moving the shop or the place: "dọn cửa hàng sang số nhà khác", "dời chỗ sinh hoạt"
  "dọn sang",
  "dời sang",
  "dời chỗ",
  "dời đi",
  "sang số nhà khác",
  "sang chỗ khác",
  "sang địa chỉ khác",
  "sang địa điểm khác",
  "sang nhà khác",
  "địa chỉ mới",
  "tiếp tục",
  "kéo dài thêm",
  "kéo dài thời hạn",
  "xin kéo dài",
  "muốn kéo dài",
  "dời qua",
  "dọn qua",
  "dời về",
  "dọn về",
  "dời điểm",
  "chuyển điểm",
  "nghỉ",
  "ngừng",
  "đóng cửa",
  "giải thể",
  "renew",
  "replace",
  "replacement",
  "lost",
  "extend",
  "extension",
  "change",
  "amend",
  "again",
  "cancel",
  "stop",
  "close",
  "correct",
  "wrong",
  "expired",
  "add",
  "more",
  "move",
  "moved",
].map((phrase) => words(phrase));

/** A place moved to another commune or ward: "sang xã bên cạnh", "phường khác", "không cùng phường với chỗ cũ". */
const OTHER_COMMUNE = [
  ...["xã khác", "phường khác", "xã bên cạnh", "phường bên cạnh", "xã bên", "phường bên", "sang xã", "sang phường"],
  ...["khác xã", "khác phường", "không cùng xã", "không cùng phường", "ngoài xã", "ngoài phường", "xã mới"],
  ...["phường mới", "another commune", "another ward", "other commune", "other ward"],
];
/** A place moved within the commune or ward: "cũng trong phường", "cùng xã", "trong địa bàn xã". */
const SAME_COMMUNE = [
  "trong xã",
  "trong phường",
  "cùng xã",
  "cùng phường",
  "trong địa bàn",
  "same commune",
  "same ward",
];

/**
 * What a change alters, said with it: the address ("địa chỉ", "số nhà khác", "chỗ khác", "sang phường khác"), the
 * name, the owner, the trade, the supplier. The variant whose own names or aliases say the same thing is the one meant
 * ("chuyển cửa hàng sang địa chỉ khác" after a household business: "đổi địa chỉ hộ kinh doanh" of its change of
 * registered details; "dọn sang số nhà khác, giấy cũ vẫn ghi địa chỉ cũ" after a tobacco licence: its amendment).
 */
const CHANGED_THINGS: [said: Word[][], alias: Word[]][] = [
  [["địa chỉ", "số nhà khác", "chỗ khác", "nhà khác", "địa điểm khác", "address"], "địa chỉ"],
  [["đổi tên", "tên hộ", "tên cửa hàng", "tên quán"], "tên"],
  [["đổi chủ", "chủ hộ", "người đứng tên", "sang tên", "đứng tên"], "chủ"],
  [["ngành nghề", "mặt hàng", "bán thêm"], "ngành nghề"],
  [["nhà cung cấp", "nhà phân phối", "supplier"], "nhà cung cấp"],
  [["người đại diện", "trưởng nhóm", "đại diện mới"], "người đại diện"],
  [["thiết kế", "bản vẽ", "thêm tầng", "thêm 1 tầng", "thêm một tầng", "nâng tầng"], "thiết kế"],
  // where the place moves to: another commune ("sang xã bên cạnh", "không cùng phường với chỗ cũ"), or within it
  [OTHER_COMMUNE, "xã khác"],
  [SAME_COMMUNE, "trong địa bàn"],
].map(([said, alias]) => [(said as string[]).map((p) => words(p)), words(alias as string)]);
/** The alias a move within the commune is read as (CHANGED_THINGS' last). */
const WITHIN_ALIAS = CHANGED_THINGS.at(-1)?.[1];

function sameWord(said: Word, phrase: Word): boolean {
  return said.token === phrase.token && (said.marks === "" || said.marks === phrase.marks);
}

function says(text: readonly Word[], run: readonly Word[]): boolean {
  for (let i = 0; i + run.length <= text.length; i++) {
    if (run.every((w, j) => sameWord(text[i + j] as Word, w))) return true;
  }
  return false;
}

/** Whether the message names a change of something that exists ("cấp lại", "bị mất", "hết hạn", "xin thêm"). */
export function namesChange(text: string): boolean {
  const said = words(text);
  return [...CHANGES, ...CHANGE_HINTS].some((run) => says(said, run));
}

/** Whether a procedure changes something that exists ("Cấp lại …", "Gia hạn …") rather than issuing it. */
export function isChange(procedure: Procedure): boolean {
  return changesOf(procedure).length > 0;
}

/** The changes a procedure's name says ("Cấp sửa đổi, bổ sung Giấy phép …": sửa đổi, bổ sung). */
function changesOf(procedure: Procedure): Word[][] {
  let found = CHANGES_OF.get(procedure);
  if (!found) {
    // Not a kind its name lists in brackets: "Ghi vào Sổ hộ tịch việc hộ tịch khác … (khai sinh; …; thay đổi hộ tịch)"
    // records a birth abroad and changes nothing of the records beside it.
    const name = words(procedure.name.replace(/\([^)]*\)/g, " "));
    found = CHANGES.filter((run) => says(name, run));
    CHANGES_OF.set(procedure, found);
  }
  return found;
}

/**
 * What a record's own fields say is read once per record (a catalogue's records are never changed in place: a reload
 * brings new objects): every turn of a chat asks it of all records, several times over.
 */
const CHANGES_OF = new WeakMap<Procedure, Word[][]>();
const OFFER_RANK = new WeakMap<Procedure, number>();
type Foreign = (p: Procedure) => boolean;
type RecordsOf = (procedure: Procedure, all: readonly Procedure[], foreign: Foreign) => Procedure[];

/**
 * `make` kept per (foreign reading, catalogue's record list, record): a reload brings a new list and new records, so
 * nothing stale is served. A copy each time, so a caller may sort or splice it.
 */
function keptPerRecord(make: RecordsOf): RecordsOf {
  const cache = new WeakMap<Foreign, WeakMap<readonly Procedure[], WeakMap<Procedure, Procedure[]>>>();
  return (procedure, all, foreign) => {
    let byAll = cache.get(foreign);
    if (!byAll) {
      byAll = new WeakMap();
      cache.set(foreign, byAll);
    }
    let byProcedure = byAll.get(all);
    if (!byProcedure) {
      byProcedure = new WeakMap();
      byAll.set(all, byProcedure);
    }
    let found = byProcedure.get(procedure);
    if (!found) {
      found = make(procedure, all, foreign);
      byProcedure.set(procedure, found);
    }
    return [...found];
  };
}

/**
 * Of a "which one?" list, the procedure the message means when the list is a thing and the changes to it:
 * the one procedure whose name names no change, when the message names none either; the one procedure
 * whose name holds a change the message names, when it names one that no other listed name holds.
 * Undefined when the list is not settled that way.
 */
export function meantVariant(
  listed: readonly Procedure[],
  text: string,
  /** False: only a change the message names settles the list, never the thing itself for naming none. */
  thingItself = true,
): Procedure | undefined {
  if (listed.length < 2) return undefined;
  const said = words(text);
  const changes = listed.map(changesOf);
  const named = [
    ...CHANGES.filter((run) => says(said, run)),
    ...SAID_AS.filter(([form]) => says(said, form)).map(([, change]) => change),
  ];
  if (named.length > 0) {
    // The longest change named decides ("cấp đổi" over "đổi"): the one listed name that holds it.
    const holders = listed.filter((_, i) => named.some((run) => (changes[i] ?? []).includes(run)));
    if (holders.length === 1) return holders[0];
    // Several hold it ("thôi hưởng" of the social pension, the social allowance and a craftsman's allowance): the one
    // that changes a thing the list holds (the craftsman's allowance listed beside its end).
    const ofListed = holders.filter((h) => listed.some((t) => changesThing(h, t)));
    return ofListed.length === 1 ? ofListed[0] : undefined;
  }
  if (!thingItself || CHANGE_HINTS.some((run) => says(said, run))) return undefined;
  const plain = listed.filter((_, i) => (changes[i] ?? []).length === 0);
  // Only when every other listed procedure is a change of something: "Đăng ký khai sinh" beside "Đăng ký
  // khai sinh có yếu tố nước ngoài" is no thing and its change.
  const thing =
    plain.length === 1 && listed.length - 1 === changes.filter((c) => c.length > 0).length ? plain[0] : undefined;
  // …and only when some of those are changes of that very thing, or search put it first anyway: "trợ cấp hưu trí xã
  // hội" and "trợ cấp xã hội hàng tháng" (each named with its adjustment and end) are no changes of a craftsman's
  // allowance listed third beside them, while "Cấp Giấy phép bán lẻ rượu" stands among its re-issue and amendment.
  return thing && (thing === listed[0] || listed.some((p) => p !== thing && changesThing(p, thing)))
    ? thing
    : undefined;
}

/**
 * The order a thing's variants are offered in, whatever was asked, so a number typed later picks the same one: the
 * common changes first (exchange, re-issue, extension, amendment, pause, end), the rare ones (a record brought up to
 * date, an application withdrawn) last.
 */
const OFFER_ORDER = [
  "cấp đổi",
  "đổi",
  "cấp lại",
  "đăng ký lại",
  "xác định lại",
  "gia hạn",
  "điều chỉnh",
  "sửa đổi",
  "thay đổi",
  "tạm ngừng",
  "chấm dứt",
  "thôi",
  "xóa",
  "hủy",
  "đính chính",
  "cải chính",
  "bổ sung",
  "cập nhật",
  "hiệu đính",
  "dừng",
].map((phrase) => words(phrase));

/**
 * Words of a name that say no thing: how it is done ("cấp", "đăng ký", "thủ tục", "thông báo"), new ("mới"), the level
 * ("cấp xã"), the paper ("giấy phép", "giấy chứng nhận", "hồ sơ", "nội dung"), a foreign element (told apart on its own), and the
 * words around a change ("tiếp tục … trước thời hạn đã thông báo").
 */
const NOT_THE_THING = new Set(
  words(
    "thủ tục cấp mới đăng ký xã phường của và các đối với có một số việc trong giấy phép chứng nhận xác nhận thông tin " +
      "hồ sơ tờ nội dung yếu tố nước ngoài hoạt động thực hiện thông báo tiếp tục trước thời hạn đã đề nghị địa bàn đến",
  ).map((w) => `${w.token}:${w.marks}`),
);
const THING_WORDS = new WeakMap<Procedure, Set<string>>();

/** The words of a procedure's name that say the thing it issues or changes: the name without its changes and verbs. */
function thingWords(procedure: Procedure): Set<string> {
  let found = THING_WORDS.get(procedure);
  if (!found) {
    const change = new Set(changesOf(procedure).flatMap((run) => run.map((w) => `${w.token}:${w.marks}`)));
    found = new Set(
      words(procedure.name)
        .map((w) => `${w.token}:${w.marks}`)
        .filter((k) => !change.has(k) && !NOT_THE_THING.has(k)),
    );
    THING_WORDS.set(procedure, found);
  }
  return found;
}

/**
 * The same thing: at least this share of the shorter thing's words stand in the other's ("bán lẻ rượu" is no "bán lẻ
 * sản phẩm thuốc lá"), and more than half of the longer one's ("thường trú" of a declaration "đối với người chưa đủ
 * điều kiện đăng ký thường trú" is no thing of it).
 */
const SAME_THING = 0.75;
const SAME_THING_LONGER = 0.5;
/** An electronic bundle of several procedures ("Liên thông …"): no variant of any one of them. */
const BUNDLE = words("liên thông");

/** Whether a change (`change`) changes the thing a plain procedure (`thing`) issues or registers. */
function changesThing(change: Procedure, thing: Procedure): boolean {
  if (change.code === thing.code || change.field !== thing.field || !isChange(change) || isChange(thing)) return false;
  if ([change, thing].some((p) => says(words(p.name), BUNDLE))) return false;
  const [small, big] = [thingWords(change), thingWords(thing)].sort((x, y) => x.size - y.size) as [
    Set<string>,
    Set<string>,
  ];
  if (small.size < 2) return false;
  let shared = 0;
  for (const k of small) if (big.has(k)) shared++;
  return shared >= SAME_THING * small.size && shared > SAME_THING_LONGER * big.size;
}

/** Where a procedure stands among its thing's variants: the thing itself first, then its changes in OFFER_ORDER. */
function offerRank(procedure: Procedure): number {
  let rank = OFFER_RANK.get(procedure);
  if (rank === undefined) {
    rank = offerRankOf(procedure);
    OFFER_RANK.set(procedure, rank);
  }
  return rank;
}

function offerRankOf(procedure: Procedure): number {
  const name = words(procedure.name);
  const said = OFFER_ORDER.map((run) => (says(name, run) ? ` ${run.map((w) => w.token).join(" ")} ` : ""));
  // A change said inside a longer one is no change of its own: "đổi" of "sửa đổi", "thay đổi".
  const own = said.map(
    (run, i) => run !== "" && !said.some((other, j) => j !== i && other.includes(run) && other !== run),
  );
  const at = own.indexOf(true);
  return isChange(procedure) ? 1 + (at < 0 ? OFFER_ORDER.length : at) : 0;
}

/**
 * The other procedures of the thing a procedure issues or changes ("Cấp Giấy phép bán lẻ rượu": its re-issue and
 * amendment; "Cấp lại …": the licence itself and its amendment), in a stable order (the thing, then OFFER_ORDER),
 * foreign-element ones apart from plain ones (`foreign`, src/features/foreign.ts). Empty when it has none.
 */
export const familyOf: RecordsOf = keptPerRecord(familyOfUncached);

function familyOfUncached(
  procedure: Procedure,
  all: readonly Procedure[],
  foreign: (p: Procedure) => boolean,
): Procedure[] {
  const abroad = foreign(procedure);
  const kin = all.filter((p) => foreign(p) === abroad);
  const things = isChange(procedure) ? kin.filter((t) => changesThing(procedure, t)) : [procedure];
  const family = kin.filter((p) => things.includes(p) || things.some((t) => changesThing(p, t)));
  return family
    .filter((p) => p.code !== procedure.code)
    .sort((a, b) => offerRank(a) - offerRank(b) || a.code.localeCompare(b.code));
}

/**
 * Of a thing and its variants (familyOf and the thing), the one a detail means: the change it names (meantVariant);
 * else the one whose own names and aliases say the hint it gives ("giấy ANTT nhà nghỉ bị hỏng" is the exchange's
 * alias, "giấy phép bán rượu bị rách, cháy" the re-issue's), when one holds more of the hints than any other.
 */
export function variantForDetail(
  listed: readonly Procedure[],
  text: string,
  /** False: only a change or a first issue named, no hint ("cần thêm giấy tờ gì" asks the papers of the one at hand). */
  hinted = true,
): Procedure | undefined {
  const named = meantVariant(listed, text, false);
  if (named) return named;
  const said = words(text);
  // "chưa có giấy ANTT bao giờ, muốn xin mới": the thing itself, first issued.
  if (namesFirstIssue(text)) {
    const plain = listed.filter((p) => !isChange(p));
    return plain.length === 1 ? plain[0] : undefined;
  }
  if (!hinted) return undefined;
  // "lại" alone says no which ("làm lại"), and a loss is a re-issue meantVariant has read already.
  const changeHints = CHANGE_HINTS.filter((run) => says(said, run) && !(run.length === 1 && run[0]?.token === "lai"));
  if (changeHints.length === 0) return undefined;
  const altered = alteredThings(said);
  const hints = [...changeHints, ...altered];
  const held = listed.map(
    (p) => hints.filter((run) => [p.name, ...p.aliases].some((title) => says(words(title), run))).length,
  );
  const best = Math.max(...held);
  return best > 0 && held.filter((n) => n === best).length === 1 ? listed[held.indexOf(best)] : undefined;
}

/**
 * What the words say a change alters (CHANGED_THINGS), as the words the variants' names and aliases say it; a place
 * said moved to another commune is no move within one ("không cùng phường" holds "cùng phường").
 */
function alteredThings(said: readonly Word[]): Word[][] {
  const other = OTHER_COMMUNE.some((p) => says(said, words(p)));
  return CHANGED_THINGS.filter(
    ([forms, alias]) => forms.some((run) => says(said, run)) && !(other && alias === WITHIN_ALIAS),
  ).map(([, alias]) => alias);
}

/** A first issue said: "xin mới", "cấp mới", "lần đầu", "chưa có giấy … bao giờ", "chưa từng có". */
const FIRST_ISSUE = ["xin mới", "cấp mới", "đăng ký mới", "lần đầu", "chưa từng", "chưa bao giờ", "first time"].map(
  (p) => words(p),
);
const NOT_YET_HELD = /(?:^|\s)chua\s+(?:co|lam|xin)\s+(?:\S+\s+){0,4}bao\s+gio(?:\s|$)/;

/** Whether the message says the thing is asked for the first time (no change of one held). */
export function namesFirstIssue(text: string): boolean {
  const said = words(text);
  return FIRST_ISSUE.some((run) => says(said, run)) || NOT_YET_HELD.test(said.map((w) => w.token).join(" "));
}

/**
 * Hints that say by themselves the paper at hand needs changing, told after its answer: spoilt, run out, lost, written
 * wrong ("giấy phép sắp hết hạn", "bị rách", "ghi sai"); the variant whose names and aliases say them (variantForDetail).
 * Not "thêm", "chuyển", "nghỉ", "sai" alone: said of other things too ("hỏi thêm", "khai sai thì sao").
 */
const STRONG_HINTS = [
  ...["hỏng", "hư hỏng", "rách", "cháy", "ướt", "hết hạn", "thất lạc", "giải thể", "nghỉ hẳn"],
  ...["ghi sai", "in sai", "bị sai", "expired", "chưa khởi công"],
].map((p) => words(p));

/** Papers a change is said of: "giấy", "giấy phép", "thẻ", "sổ", "licence". */
const PAPERS = ["giấy", "thẻ", "sổ", "bằng", "license", "licence", "permit", "certificate", "card"].map((p) =>
  words(p),
);
/**
 * Changes said with words that also say other things: "đổi ý", "thay đổi gì không", "bổ sung hồ sơ", "thôi, để em hỏi
 * sau", "dừng lại", "làm lại hồ sơ". Told after an answer, they change the thing only with what they change said just
 * after them: a paper, what a change alters (CHANGED_THINGS), or a word of the thing ("xóa tạm trú", "thôi nhận trợ
 * cấp", "xin nghỉ không làm hòa giải viên").
 */
const LOOSE_CHANGES = new Set(
  [
    ...["đổi", "thay đổi", "sửa đổi", "bổ sung", "điều chỉnh", "dừng", "thôi", "hủy", "xóa", "cập nhật"],
    ...["đính chính", "cải chính", "hiệu đính", "làm lại", "xin lại", "sửa lại", "xin nghỉ", "nghỉ làm", "thay"],
  ].map((p) => key(words(p))),
);
/** How many words after a loose change may say what it changes. */
const OBJECT_WINDOW = 5;

function key(run: readonly Word[]): string {
  return run.map((w) => w.token).join(" ");
}

/** Where a run is said in the words, each place. */
function placesOf(text: readonly Word[], run: readonly Word[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + run.length <= text.length; i++) {
    if (run.every((w, j) => sameWord(text[i + j] as Word, w))) at.push(i);
  }
  return at;
}

/**
 * The changes the words name of the thing at hand (CHANGES, SAID_AS), as the changes the records' names say: a loose one
 * only with what it changes said after it (LOOSE_CHANGES).
 */
function changesNamedOf(said: readonly Word[], thing: ReadonlySet<string>): Word[][] {
  // a paper, not papers in general ("bổ sung giấy tờ" adds documents to a file)
  const paper = (after: readonly Word[]) =>
    PAPERS.some((run) => placesOf(after, run).some((i) => after[i + run.length]?.token !== "to"));
  const object = (form: Word[], after: readonly Word[]) => {
    const only = OBJECT_OF.get(key(form));
    if (only) return only.some((run) => says(after, run));
    return (
      paper(after) ||
      CHANGED_THINGS.some(([forms]) => forms.some((run) => says(after, run))) ||
      after.some((w) => thing.has(w.token))
    );
  };
  const named = (form: Word[]) =>
    !LOOSE_CHANGES.has(key(form)) ||
    placesOf(said, form).some((i) => object(form, said.slice(i, i + form.length + OBJECT_WINDOW)));
  const saidAs = [...SAID_AS, ...TOLD_AS].filter(([form]) => says(said, form) && named(form));
  // A change said inside a longer form said ("dừng" of "tạm dừng") is that form's.
  const within = (run: Word[]) => saidAs.some(([form]) => form !== run && ` ${key(form)} `.includes(` ${key(run)} `));
  return [
    ...CHANGES.filter((run) => says(said, run) && named(run) && !within(run)),
    ...saidAs.filter(([form]) => !within(form)).map(([, change]) => change),
  ];
}

/**
 * Changes said as told after an answer only, with what they change (LOOSE_CHANGES): someone replaced ("thay trưởng
 * nhóm", "thay người đại diện"); "nộp thay", "thay mặt" change nothing.
 */
const TOLD_AS: [Word[], Word[]][] = [["thay", "thay đổi"]].map(([form, change]) => [
  words(form as string),
  CHANGES.find((run) => key(run) === key(words(change as string))) ?? [],
]);

/** Loose changes that change one kind of thing only: "dừng" a procedure under way ("dừng thủ tục", "dừng hồ sơ"). */
const OBJECT_OF = new Map([
  [key(words("dừng")), ["thủ tục", "hồ sơ", "đăng ký"].map((p) => words(p))],
  // someone replaced: the one who represents or holds it ("thay trưởng nhóm"), not "nộp thay cả nhóm"
  [
    key(words("thay")),
    ["thay người đại diện", "thay trưởng nhóm", "thay đại diện", "thay chủ hộ", "thay người đứng tên"].map((p) =>
      words(p),
    ),
  ],
]);

/** How many names of the catalogue say each word of a thing (folded): few say "rượu", many say "trợ", "nhà", "không". */
const NAME_COUNTS = new WeakMap<readonly Procedure[], Map<string, number>>();

/** A word of a thing said in at most this many names tells that thing apart. */
const RARE_NAMES = 4;

function nameCounts(all: readonly Procedure[]): Map<string, number> {
  let counts = NAME_COUNTS.get(all);
  if (!counts) {
    counts = new Map();
    for (const p of all) {
      for (const token of new Set([...thingWords(p)].map((k) => k.split(":")[0] as string))) {
        counts.set(token, (counts.get(token) ?? 0) + 1);
      }
    }
    NAME_COUNTS.set(all, counts);
  }
  return counts;
}

/**
 * Whether the words name a thing outside the family: two words of another procedure's thing said, two of them none of
 * the family's ("đổi tên trong giấy khai sinh" on a household business), or one that few names say ("mất giấy phép bán
 * rượu rồi" on a tobacco licence names the liquor licence).
 */
function namesOtherThing(family: readonly Procedure[], all: readonly Procedure[], said: readonly Word[]): boolean {
  const own = new Set(family.flatMap((p) => [...thingWords(p)].map((k) => k.split(":")[0])));
  const counts = nameCounts(all);
  const saidKeys = (p: Procedure) =>
    [...thingWords(p)].filter((k) => {
      const [token, marks] = k.split(":");
      return said.some((w) => w.token === token && (w.marks === "" || w.marks === marks));
    });
  return all.some((p) => {
    if (family.includes(p)) return false;
    const hit = saidKeys(p)
      .map((k) => k.split(":")[0] as string)
      .filter((t) => !GENERIC.has(t));
    const others = hit.filter((t) => !own.has(t));
    return hit.length >= 2 && (others.length >= 2 || others.some((t) => (counts.get(t) ?? 0) <= RARE_NAMES));
  });
}

/**
 * The variant of the thing at hand that words told after its answer move to ("nếu muốn đổi tên quán thì sao" after a
 * household business: the change of its registered details; "nếu sau này tôi muốn thôi nhận trợ cấp đó" after a
 * craftsman's allowance: its end; "nếu dời chỗ sinh hoạt sang xã khác" after a religious group's registration: the move
 * to another commune; "em chưa có giấy bao giờ, xin mới" after a re-issue: the licence itself). The change they name
 * that one variant's name holds, else what they say it alters that one variant's names say most (variantForDetail).
 * The one at hand when the change they name is its own (a change procedure); undefined when they name no change of it,
 * or name another thing.
 */
export function variantTold(
  current: Procedure,
  all: readonly Procedure[],
  text: string,
  foreign: (p: Procedure) => boolean,
): Procedure | undefined {
  const family = familyOf(current, all, foreign);
  if (family.length === 0) return undefined;
  const listed = [current, ...family];
  const said = words(text);
  if (namesOtherThing(listed, all, said)) return undefined;
  const thing = new Set(listed.flatMap((p) => [...thingWords(p)].map((k) => k.split(":")[0] as string)));
  const named = changesNamedOf(said, thing);
  const altered = alteredThings(said);
  const strong = STRONG_HINTS.filter((run) => says(said, run));
  let meant: Procedure | undefined;
  if (named.length > 0) {
    const holders = listed.filter((p) => named.some((run) => changesOf(p).includes(run)));
    // None holds it: only what it alters may say which ("thay đổi thiết kế" is the permit's adjustment); a loss said of
    // another paper ("giấy chứng sinh bị mất" on a birth registration) re-issues nothing of it.
    meant =
      holders.length === 1
        ? holders[0]
        : holders.length > 1
          ? mostSaid(holders, said, named)
          : altered.length > 0
            ? mostSaid(listed, said, [])
            : undefined;
  } else if (namesFirstIssue(text)) {
    const plain = listed.filter((p) => !isChange(p));
    meant = plain.length === 1 ? plain[0] : undefined;
  } else if (strong.length > 0 || (altered.length > 0 && MOVES.some((run) => says(said, run)))) {
    // what a change alters said alone ("tên quán em định đặt …", "nhà có thêm tầng lửng") describes the thing: only
    // with the thing moved or handed over ("dời điểm nhóm qua xã khác", "giao lại cho tôi đứng tên")
    meant = mostSaid(listed, said, []);
  }
  // The change said in everyday words is the one at hand's own ("nghỉ hẳn luôn, không bán nữa" on the closing): it
  // stays, whatever look-alike search finds for the words ("nghỉ" of a pause). The record's own word said again ("gia
  // hạn được mấy lần") asks of it as the sections do.
  const everyday = named.length > 0 && !CHANGES.some((run) => says(said, run));
  if (meant?.code === current.code && everyday && isChange(current)) return current;
  return meant && meant.code !== current.code ? meant : undefined;
}

/** A thing moved or handed over: what it alters said with these is a change of it. */
const MOVES = [
  ...["chuyển", "dọn sang", "dời sang", "dời chỗ", "dời đi", "dời qua", "dọn qua", "dời về", "dọn về", "dời điểm"],
  ...["giao lại", "nhượng lại", "sang lại", "sang tên", "chuyển nhượng", "move", "moved", "hand over"],
  // a new place said: "sang số nhà khác", "chỗ mới ở phường bên cạnh", "địa chỉ mới"
  ...["sang số nhà khác", "sang chỗ khác", "sang địa chỉ khác", "sang địa điểm khác", "sang nhà khác", "chỗ mới"],
  ...["địa chỉ mới", "địa điểm mới", "số nhà mới", "new address"],
  ...OTHER_COMMUNE,
].map((p) => words(p));

/** A paper spoilt, said any way: the records' aliases say one or two of them ("bị rách, cháy"). */
const DAMAGE = ["rách", "cháy", "hỏng", "hư", "nát", "ướt", "mục"].map((p) => words(p));

/**
 * Of the variants, the one whose own name and aliases say most of what the words tell of the change: the changes named,
 * what it alters (said and as the records say it), the hints ("hết hạn", "ghi sai"; a paper spoilt any way as any
 * spoiling), when one says more than any other.
 */
function mostSaid(
  listed: readonly Procedure[],
  said: readonly Word[],
  named: readonly Word[][],
): Procedure | undefined {
  if (listed.length === 0) return undefined;
  const spoilt = DAMAGE.some((run) => says(said, run));
  const hints = [
    ...named,
    ...alteredThings(said),
    ...CHANGED_THINGS.flatMap(([forms]) => forms.filter((run) => says(said, run))),
    ...CHANGE_HINTS.filter((run) => says(said, run) && !(run.length === 1 && run[0]?.token === "lai")),
    ...STRONG_HINTS.filter((run) => says(said, run) && !CHANGE_HINTS.includes(run)),
    ...(spoilt ? DAMAGE : []),
  ];
  const held = listed.map(
    (p) => hints.filter((run) => [p.name, ...p.aliases].some((title) => says(words(title), run))).length,
  );
  const best = Math.max(...held);
  return best > 0 && held.filter((n) => n === best).length === 1 ? listed[held.indexOf(best)] : undefined;
}

/** A code a note cites ("(thủ tục 2.000635)", "(1.001266)"). */
const CITED = /\b\d\.\d{6}\b/g;
/** A code cited as a likeness, no case of its own: "hồ sơ như cấp mới (2.000181)". */
const CITED_AS_LIKE = /\bnhư\s+(?:\S+\s+){0,3}?\(?(?:thủ tục\s+)?\d\.\d{6}/giu;

/**
 * Words of the notes that tell no case apart: what every note says ("nếu", "thủ tục", "hãy xin", "đăng ký", "cấp") and
 * particles. "không", "chưa" are not among them: they are read with the word they stand before.
 */
const NOTE_STOP = words(
  "nếu thì hãy xin làm thủ tục này đăng ký cấp của và là có được đã các cho vì khi dùng dành việc nơi ở tại một " +
    "muốn phải cần mà hoặc với theo quy định trước đây từ ngày năm tháng sau rồi vẫn cũng đều cả nay thôi em anh chị tôi " +
    "mình ạ ơi sao gì nào thế vậy như bị lại về luôn",
);
/** Words a case shares with too many messages to tell it alone: a clause needs one besides them. */
const NOTE_WEAK = words("còn bản giấy tờ mất người nhà hồ sơ nộp hộ");
function inWords(list: readonly Word[], word: Word): boolean {
  return list.some((w) => sameWord(word, w));
}

/** Whether every time the word is said, a negator stands up to three words before it ("không có trong văn bản"). */
function negatedIn(text: readonly Word[], word: Word): boolean {
  const at = text.flatMap((w, i) => (sameWord(word, w) || sameWord(w, word) ? [i] : []));
  const negator = (i: number) => NEGATORS.has(text[i]?.token ?? "");
  return at.length > 0 && at.every((i) => negator(i - 1) || negator(i - 2) || negator(i - 3));
}

/** A note's sentences and "nếu" clauses; a dot between digits is a cited code's, no break. */
function noteClauses(procedure: Procedure): string[] {
  return [procedure.checkFirst ?? "", ...(procedure.conditions ?? [])]
    .flatMap((note) => note.split(/(?<!\d)\.|\.(?!\d)|;|,\s*(?=nếu)/iu))
    .filter((clause) => clause.trim() !== "");
}

/**
 * The case a clause of a note tells, without what it says the case is not ("…, không phải tạm ngừng", "thay vì đăng
 * ký lại", "…, thì không đổi giấy theo thủ tục này mà phải xác định lại") nor the codes it cites.
 */
function caseOfClause(clause: string): Word[] {
  const own = clause.split(/,?\s(?:không phải|chứ không|thay vì|thì không|instead of)\s/iu)[0] ?? clause;
  return words(own.replace(CITED, " "));
}

/**
 * The words of a clause's case the message may share: those of its condition ("Nếu …" up to "thì", "hãy", "là thủ
 * tục") in an alternative ("…, hoặc …") naming no change, or naming one the message names too ("nay chỉ đổi địa điểm
 * hoặc đổi người đại diện": "người đại diện" counts only beside "đổi"), and those of what it sends to.
 */
function sharable(clause: string, said: readonly Word[]): Word[] {
  const [condition = "", ...rest] = clause.replace(CITED, " ").split(/\s(?:thì|hãy|là thủ tục)\s/iu);
  const action = rest.join(" ");
  const changed = (run: Word[]) =>
    says(said, run) || SAID_AS.some(([form, change]) => change === run && says(said, form));
  const pieces = condition.split(/,|\bhoặc\b/iu).map((piece) => words(piece));
  return [
    ...words(action),
    ...pieces.filter((piece) => CHANGES.filter((run) => says(piece, run)).every(changed)).flat(),
  ];
}

/** Notes' clauses share this many words with the message at least (besides the procedure at hand's own names). */
const NOTE_SHARED = 2;

/**
 * Of a "which one?" list, the one the listed records' own notes send the case told to (noteTold read on each listed one,
 * with the words that led to the list): "sổ gốc ở xã cũng thất lạc rồi" over [the extract, the re-registration of a
 * marriage] → the re-registration (the extract's note: "Nếu cả sổ hộ tịch và bản chính … đều đã mất … đăng ký lại"),
 * "sổ gốc ở phường vẫn còn" over [the extract, the re-registration of a birth] → the extract. Undefined unless the notes
 * send it to one listed record only.
 */
export function notedAmong(
  listed: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  story = "",
  readings?: LookAlikeReadings,
): Procedure | undefined {
  // a fact two listed records' notes say the two ways round, said in one state, settles it before the notes' words
  // ("sổ ở xã vẫn còn lưu, chỉ mất bản chính thôi": the book kept, though "mất bản chính" is said too)
  // A listed record whose own note's state is said stays on itself; several of them may ("sổ … cũng mất" is the case
  // of every re-registration): only a record sent to by another counts first, a lone stay last.
  const read = listed.map((p) => [p, stateTold(p, all, text)] as const);
  const states = new Set(read.flatMap(([p, to]) => (to && to !== p ? [to] : [])));
  if (states.size === 1) return [...states][0];
  const stays = read.flatMap(([p, to]) => (to === p ? [p] : []));
  const told = listed.flatMap((p) => {
    const state = stateTold(p, all, text);
    const to = noteTold(p, all, text, story) ?? (state !== p ? state : undefined);
    return to ? [to] : [];
  });
  if (told.length === 0 && stays.length === 1) return stays[0];
  const sent = new Set(told.filter((to) => listed.includes(to)));
  if (sent.size === 1) return [...sent][0];
  // none listed, but every note that reads the case sends it to one record the list left out ("ý em là xin bản sao
  // thôi, sổ gốc ở phường vẫn còn" over [the re-registration of a birth, the birth registration]: the extract)
  const elsewhere = new Set(told);
  if (sent.size === 0 && elsewhere.size === 1) return [...elsewhere][0];
  // no note reads it: the listed one the words lean to over every other in the citizens' own words, as the câu mẫu say
  // its case ("địa điểm mới ở xã bên cạnh" over a religious group's site registration and its two moves: the move to
  // another xã; learnedAmong)
  return told.length === 0 && stays.length === 0 ? learnedAmong(listed, all, text, readings) : undefined;
}

/** Lost, as the notes say it ("mất"), and the everyday ways a paper or a book is said gone (folded). */
const LOST = words("mất")[0] as Word;
const LOST_SAID =
  /(?:^|[^\p{L}])(?:that lac|lu cuon|nuoc cuon|cuon troi|moi an|moi mot|chay rui|chay het|bi huy|huy het|bi chay|tim khong ra|tim ko ra|lost)(?![\p{L}])/u;

/**
 * The look-alike the procedure at hand's own notes send the case told after its answer to: a clause of its `checkFirst`
 * or conditions that cites another record ("Nếu sổ hộ tịch … còn lưu, hãy xin cấp bản sao trích lục khai sinh (thủ
 * tục 2.000635)" on the re-registration of a birth; "Muốn nghỉ hẳn, không kinh doanh nữa thì làm Chấm dứt … (1.001266)"
 * on a pause; "trẻ đã có Giấy khai sinh (phần cha hoặc mẹ còn trống) … (1.001022)" on a birth joined to an
 * acknowledgement) and whose case shares two words at least with the message, besides the words of the procedure at
 * hand's own name and aliases and one at least besides the commonest ("còn", "giấy", "mất"), said the same way (both
 * with "không" before them, or neither: "sổ vẫn còn lưu" is no "sổ không còn lưu"). A clause citing several ("đăng ký
 * lại: khai sinh (1.004884), kết hôn (1.004746), khai tử (1.005461)" on an extract) is settled by the event the chat was
 * about (`story`, the words that led to the procedure at hand): the one whose own name's words it says, when only one.
 * A code cited as a likeness ("hồ sơ như cấp mới (2.000181)") tells no case. Undefined when no clause fits, or two
 * sending elsewhere fit as well.
 */
export function noteTold(
  current: Procedure,
  all: readonly Procedure[],
  text: string,
  story = "",
): Procedure | undefined {
  // "Còn bà tôi …": a "còn" opening the message turns to another matter, no "còn lưu"
  const said = words(text.replace(/^\s*(?:còn|con)\s/iu, " "));
  // a paper or book gone said any way ("thất lạc", "bị lũ cuốn", "mối ăn hết", "cháy rụi") is lost, as the notes say it
  if (LOST_SAID.test(fold(text.normalize("NFC"))) && !said.some((w) => sameWord(w, LOST))) said.push(LOST);
  const own = [current.name, ...current.aliases].flatMap((title) => words(title));
  const content = said.filter(
    (w) => !inWords(NOTE_STOP, w) && !NEGATORS.has(w.token) && !inWords(own, w) && !/^\d+$/.test(w.token),
  );
  if (content.length < NOTE_SHARED) return undefined;
  const scored = new Map<string, number>();
  for (const clause of noteClauses(current)) {
    const likeness = new Set([...clause.matchAll(CITED_AS_LIKE)].flatMap((m) => m[0].match(CITED) ?? []));
    const cited = [...new Set(clause.match(CITED) ?? [])]
      .filter((code) => code !== current.code && !likeness.has(code))
      .flatMap((code) => all.filter((p) => p.code === code));
    if (cited.length === 0) continue;
    const caseWords = caseOfClause(clause);
    const open = sharable(clause, said);
    const shared = content.filter(
      (w, i) => inWords(caseWords, w) && inWords(open, w) && content.findIndex((o) => o.token === w.token) === i,
    );
    if (shared.length < NOTE_SHARED || shared.every((w) => inWords(NOTE_WEAK, w))) continue;

    // said the other way round: "sổ gốc không còn" is no case of "sổ … còn lưu"
    if (shared.some((w) => negatedIn(said, w) !== negatedIn(caseWords, w))) continue;
    const meant = cited.length === 1 ? cited[0] : eventOf(cited, `${story} ${current.name}`);
    // one word at least of this case that the look-alike's own notes do not say too: "sổ hộ tịch" is the topic of both
    // "nếu sổ hộ tịch còn lưu" and "nếu cả sổ hộ tịch đều đã mất", "còn lưu" and "mất" the cases
    if (meant && !shared.some((w) => !inWords(sentOnWords(meant, all), w))) continue;
    if (meant) scored.set(meant.code, Math.max(scored.get(meant.code) ?? 0, shared.length));
  }
  const ranked = [...scored].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] >= first[1])) return undefined;
  return all.find((p) => p.code === first[0]);
}

/**
 * The words of the cases a procedure's own notes send elsewhere (its clauses citing another record): what both a note of
 * the procedure at hand and one of the look-alike say ("sổ hộ tịch" in "nếu sổ hộ tịch … còn lưu" and "nếu cả sổ hộ tịch
 * … đều đã mất") is their topic, telling neither case.
 */
function sentOnWords(procedure: Procedure, all: readonly Procedure[]): Word[] {
  return noteClauses(procedure)
    .filter((clause) =>
      (clause.match(CITED) ?? []).some((code) => code !== procedure.code && all.some((p) => p.code === code)),
    )
    .flatMap(caseOfClause);
}

/** Of procedures a note cites together, the one whose own name's words (those the others' lack) the chat says. */
function eventOf(cited: readonly Procedure[], chat: string): Procedure | undefined {
  const said = words(chat);
  const names = cited.map((p) => words(p.name));
  const held = names.map(
    (name, i) =>
      name.filter(
        (w, k) =>
          name.findIndex((o) => o.token === w.token) === k &&
          said.some((s) => sameWord(s, w)) &&
          names.every((other, j) => j === i || !inWords(other, w)),
      ).length,
  );
  const best = Math.max(...held);
  return best > 0 && held.filter((n) => n === best).length === 1 ? cited[held.indexOf(best)] : undefined;
}

/**
 * Funeral support comes in several records, one for each kind of person who died: someone on the monthly social
 * allowance, someone on the social pension, a person with merit (a war invalid, a martyr's relative), a victim of a
 * disaster or an accident. The records say which in their own fields — the name, the aliases, who applies ("người lo
 * mai táng cho người đang hưởng trợ cấp hưu trí xã hội"), the conditions — and through the allowance they name (the
 * applicants of 1.001731 say "trợ cấp xã hội hàng tháng", the name of 1.001776). The family: every record whose name or
 * an alias says "mai táng" (no electronic bundle).
 */
const FUNERAL = words("mai táng");
const FUNERAL_FAMILY = new WeakMap<readonly Procedure[], Procedure[]>();

function funeralFamily(all: readonly Procedure[]): Procedure[] {
  let family = FUNERAL_FAMILY.get(all);
  if (!family) {
    family = all.filter(
      (p) => [p.name, ...p.aliases].some((title) => says(words(title), FUNERAL)) && !says(words(p.name), BUNDLE),
    );
    FUNERAL_FAMILY.set(all, family);
  }
  return family;
}

/** Whether the procedure is one of the funeral supports. */
export function inFuneralFamily(procedure: Procedure, all: readonly Procedure[]): boolean {
  return funeralFamily(all).includes(procedure);
}

/** What a record says of whom it is for: its name, aliases, applicants and conditions. */
function caseText(procedure: Procedure): string {
  return [procedure.name, ...procedure.aliases, procedure.applicants ?? "", ...(procedure.conditions ?? [])].join(
    " . ",
  );
}

function pairsOf(tokens: readonly string[]): string[] {
  return pairsSaid(tokens).map((p) => p.pair);
}

/** A word said by at most this many records' own fields tells a person apart alone ("lũ", "thương binh" are pairs). */
const RARE_WORD = 2;

/** How many folded words of a record's name a run must share with a member's applicants to link the allowance. */
const LINK_RUN = 5;

/**
 * The allowance records a funeral member's applicants or conditions name ("đang hưởng trợ cấp hưu trí xã hội" of
 * 1.014028: 1.014027, "Thực hiện … trợ cấp hưu trí xã hội"), by a run of LINK_RUN words of the allowance's name said in
 * that member's fields and no other member's.
 */
function linkedAllowances(member: Procedure, family: readonly Procedure[], all: readonly Procedure[]): Procedure[] {
  const said = (p: Procedure) =>
    ` ${clauseTokens([p.applicants ?? "", ...(p.conditions ?? [])].join(" . ")).join(" ")} `;
  const own = said(member);
  const others = family.filter((m) => m !== member).map(said);
  return all.filter((r) => {
    if (family.includes(r) || says(words(r.name), BUNDLE)) return false;
    const name = clauseTokens(r.name).filter((t) => t !== "|");
    for (let i = 0; i + LINK_RUN <= name.length; i++) {
      const run = ` ${name.slice(i, i + LINK_RUN).join(" ")} `;
      if (own.includes(run) && others.every((o) => !o.includes(run))) return true;
    }
    return false;
  });
}

interface FuneralCases {
  family: Procedure[];
  /** Word pairs only one member's case says (with the allowance it names). */
  own: Map<Procedure, Set<string>>;
  linked: Map<Procedure, Procedure[]>;
}
const FUNERAL_CASES = new WeakMap<readonly Procedure[], FuneralCases>();

function funeralCases(all: readonly Procedure[]): FuneralCases {
  let found = FUNERAL_CASES.get(all);
  if (!found) {
    const family = funeralFamily(all);
    const linked = new Map(family.map((m) => [m, linkedAllowances(m, family, all)]));
    // the member's own titles (name, aliases) and the allowance it names (its name and aliases: its applicants are the
    // living, not the case of a death); then what its applicants and conditions say
    const titles = new Map(
      family.map((m) => [
        m,
        clauseTokens([m, ...(linked.get(m) ?? [])].flatMap((p) => [p.name, ...p.aliases]).join(" . ")),
      ]),
    );
    const fields = new Map(
      family.map((m) => [m, clauseTokens([m.applicants ?? "", ...(m.conditions ?? [])].join(" . "))]),
    );
    const texts = new Map(family.map((m) => [m, [...(titles.get(m) ?? []), "|", ...(fields.get(m) ?? [])]]));
    // words every member says ("trợ", "nhận", "mai táng"): a pair of two of them tells no member apart
    const common = new Set(
      [...(texts.get(family[0] as Procedure) ?? [])].filter((t) => family.every((m) => texts.get(m)?.includes(t))),
    );
    // what the catalogue's records say in many places ("điều kiện", "quyết định", "bảo hiểm") tells no person apart
    const spread = new Map<string, number>();
    for (const p of all) {
      const tokens = clauseTokens(caseText(p));
      for (const key of new Set([...pairsOf(tokens), ...tokens])) spread.set(key, (spread.get(key) ?? 0) + 1);
    }
    const telling = (pair: string) => !pair.split(" ").every((t) => common.has(t) || GENERIC.has(t));
    const singles = (tokens: readonly string[]) =>
      tokens.filter(
        (t) =>
          t !== "|" &&
          !common.has(t) &&
          !GENERIC.has(t) &&
          !FUNCTION_WORDS.has(t) &&
          !/^\d+$/.test(t) &&
          t.length > 1 &&
          (spread.get(t) ?? 0) <= RARE_WORD,
      );
    const pairs = new Map(
      family.map((m) => [
        m,
        new Set([
          ...pairsOf(titles.get(m) ?? []).filter(telling),
          ...pairsOf(fields.get(m) ?? []).filter((pair) => telling(pair) && (spread.get(pair) ?? 0) <= RARE_NAMES),
          ...singles(texts.get(m) ?? []),
        ]),
      ]),
    );
    const own = new Map(
      family.map((m) => [
        m,
        new Set([...(pairs.get(m) ?? [])].filter((k) => family.every((o) => o === m || !pairs.get(o)?.has(k)))),
      ]),
    );
    found = { family, own, linked };
    FUNERAL_CASES.set(all, found);
  }
  return found;
}

/** The burial or the survivors' allowance said (folded): "mai táng", "chôn cất", "ma chay", "lo đám", "tiền tuất". */
const FUNERAL_SAID =
  /(?:^|[^\p{L}])(?:mai tang|chon cat|ma chay|lo dam|lo tang|an tang|tu tuat|tien tuat|che do tuat|funeral|burial|bury)(?![\p{L}])/u;
const ALIVE_SAID = /(?:^|[^\p{L}])(?:con song|van song|still alive|is alive)(?![\p{L}])/u;
/** What the family may receive asked (folded): "được hỗ trợ gì", "hưởng chế độ gì", "được hưởng gì". */
/** The words of a text (folded) with each word a negator stands before blanked ("không ai chết": no death told). */
function unnegated(text: string): string {
  const tokens = clauseTokens(text);
  return tokens
    .map((t, i) => (tokens.slice(Math.max(0, i - 3), i).some((b) => NEGATORS.has(b)) ? "_" : t))
    .filter((t) => t !== "|")
    .join(" ");
}

/**
 * Someone's death said (folded words, as unnegated gives them): a word that only tells a death ("chết", "qua đời"), or
 * a bare "mất" with a person among the three words before it ("bố tôi mất", "bà nội mất", "người nhà mất"). A "mất"
 * after what befell a thing is a loss: «nhà tôi bị sạt lở mất một nửa mái», «lũ cuốn mất cái bếp» after a housing
 * support ask that support, no funeral (REVIEW s21, a regression of 27f24cf); so do a person who lost a thing («bà tôi bị
 * mất giấy tờ», «bố tôi mất việc») and a time asked («mất bao lâu»). Words that fold like a particle («mà»,
 * «có», «còn», «chỉ», «đi», «cũ») and the pronouns a writer says of themselves («em», «anh», «cháu»: «nhà em bị sạt
 * mất nửa mái») are no person here.
 */
function personDied(words: string): boolean {
  return deathRead(words, true);
}

/**
 * A death said (folded words), read as personDied reads it but with no person needed before a bare "mất" ("mất rồi thì
 * có được hỗ trợ gì không"): never a loss or a time asked («mất bao lâu thì có tiền hỗ trợ» after a support asks its
 * time, no funeral).
 */
function deathSaid(words: string): boolean {
  return deathRead(words, false);
}

function deathRead(words: string, personNeeded: boolean): boolean {
  const tokens = words.split(" ");
  return tokens.some((t, i) => {
    if (t !== "mat") return DEATH_ONLY.test(tokens.slice(i, i + 2).join(" "));
    // «bị mất», «mất việc», «mất giấy», «mất bao lâu»: a person who lost something, or a time asked
    if (tokens[i - 1] === "bi" || LOSS_NEXT.has(tokens[i + 1] ?? "")) return false;
    return !personNeeded || tokens.slice(Math.max(0, i - 3), i).some((b) => PERSONS.has(b));
  });
}
const DEATH_ONLY = /^(?:qua doi|tu tran|chet|tu vong|died|passed away|dead)(?![\p{L}])/u;
const LOSS_NEXT = new Set(
  "bao may nhieu het luon giay viec tien nha mai xe so the do cai ca sach dien nuoc lien lac ngu trang".split(" "),
);
const PERSONS = new Set(
  "bo ba cha me ong chong vo chu bac cau mo thim duong noi ngoai nguoi ai father mother".split(" "),
);

/** The name of a support (folded): "Trợ giúp xã hội khẩn cấp về hỗ trợ …", "Hỗ trợ …", "Hưởng trợ cấp …". */
const BENEFIT_NAME = /^(?:tro giup|ho tro|huong tro cap|tro cap)(?![\p{L}])/u;
const BENEFIT_ASKED =
  /(?:^|[^\p{L}])(?:ho tro|che do|huong gi|duoc gi|tro cap gi|huong tro cap gi|support|benefit|allowance)(?![\p{L}])/u;

/**
 * The funeral support the words tell the case of, after an answer: the member whose own fields (and the allowance they
 * name) say the most word pairs the message says and no other member says ("bố tôi là thương binh" → 1.010824, "mất vì
 * tai nạn giao thông" → 2.000744, "đang hưởng trợ cấp xã hội hàng tháng" → 1.001731; a pair said negated — "không
 * hưởng hưu trí xã hội", "không phải người có công" — tells nothing). On a member, only another member told moves; on
 * another procedure (a death registration, an allowance), the burial or the survivors' due must be asked too, and an
 * allowance at hand whose funeral member names it is that member's case ("nếu bà mất thì có được hỗ trợ tiền chôn cất
 * không" after the social pension → 1.014028). Undefined when nothing says one member.
 */
export function funeralTold(
  current: Procedure,
  all: readonly Procedure[],
  said: string,
  /** The câu mẫu readings of the catalogue (lookAlikeReadings); without them only the records' own fields are read. */
  readings?: LookAlikeReadings,
): Procedure | undefined {
  const { family, linked } = funeralCases(all);
  const text = englishGloss(said, all);
  if (family.length < 2) return undefined;
  const folded = clauseTokens(text)
    .filter((t) => t !== "|")
    .join(" ");
  // "còn sống": no death, no funeral case ("chồng cô còn sống, đang lãnh lương hưu…" asks of him)
  if (ALIVE_SAID.test(folded)) return undefined;
  const told = personTold(family, all, text, readings);
  if (family.includes(current)) return told && told !== current ? told : undefined;
  // (or, after another support, a death told: "không phải nhà, bố tôi bị tường đổ đè chết trong bão" after the emergency
  // housing support asks the support for the death)
  const asked =
    FUNERAL_SAID.test(folded) ||
    // (a death as personDied reads it: «mất bao lâu thì có tiền hỗ trợ» asks a time, no one died)
    (deathSaid(folded) &&
      (BENEFIT_ASKED.test(folded) || (BENEFIT_NAME.test(fold(current.name)) && personDied(unnegated(text)))));
  if (!asked) return undefined;
  // the allowance at hand names whose funeral it is ("cháu đang hưởng trợ cấp mà không may mất" after the monthly
  // allowance), unless the words say another member's person in more than one way
  const ofCurrent = family.find((m) => linked.get(m)?.includes(current));
  if (ofCurrent && told && told !== ofCurrent && personScore(told, all, text, readings) < 2) return ofCurrent;
  // no one told apart, after a support titled alike with one member ("… bị tường đổ đè chết trong trận bão" after the
  // emergency housing support: the emergency funeral support of the same programme)
  const shared = family.map((m) => titleShared(current, m));
  const most = Math.max(0, ...shared);
  const sibling = most > 0 && shared.filter((n) => n === most).length === 1 ? family[shared.indexOf(most)] : undefined;
  return told ?? ofCurrent ?? sibling;
}

/**
 * Of funeral supports (some of the family), the one alone whose own fields say most of what the words tell of who died
 * (a pair or a rare word said negated tells nothing). Undefined when none or several say as much.
 */
function personTold(
  among: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  readings: LookAlikeReadings | undefined,
): Procedure | undefined {
  const scores = among.map((m) => personScore(m, all, text, readings));
  const best = Math.max(...scores);
  return best > 0 && scores.filter((s) => s === best).length === 1 ? among[scores.indexOf(best)] : undefined;
}

/** How many of a funeral support's own word pairs and rare words the words say (not negated). */
function personScore(
  member: Procedure,
  all: readonly Procedure[],
  text: string,
  readings: LookAlikeReadings | undefined,
): number {
  const { own } = funeralCases(all);
  const tokens = clauseTokens(text);
  // a pair said with a negator up to three words before it ("không hưởng hưu trí xã hội") tells nothing
  const said = new Set(
    pairsSaid(tokens)
      .filter((p) => !p.negated)
      .map((p) => p.pair),
  );
  tokens.forEach((t, i) => {
    if (!tokens.slice(Math.max(0, i - 3), i).some((b) => NEGATORS.has(b))) said.add(t);
  });
  const learned = [...learnedOwn(member, all, readings)].filter((k) => said.has(k) && !own.get(member)?.has(k));
  return [...(own.get(member) ?? [])].filter((k) => said.has(k)).length + learned.length;
}

/** Of the keys a funeral support's câu mẫu say often, what share of the catalogue's câu mẫu saying it are its own. */
const FUNERAL_SHARE = 0.5;

/**
 * Who died as citizens say it for one funeral support ("bệnh binh" of the veterans'): word pairs LEARNED_MIN câu mẫu
 * of it say at least, none of another support's, and mostly said for it in the catalogue's câu mẫu.
 */
function learnedOwn(member: Procedure, all: readonly Procedure[], learned: LookAlikeReadings | undefined): Set<string> {
  if (!learned) return new Set();
  let found = learned.own.get(member);
  if (!found) {
    const { family } = funeralCases(all);
    const mine = learned.byCode.get(member.code);
    const others = family.filter((m) => m !== member).map((m) => learned.byCode.get(m.code));
    found = new Set(
      [...(mine?.keys ?? [])]
        .filter(
          ([key, n]) =>
            key.includes(" ") &&
            n >= LEARNED_MIN &&
            others.every((o) => (o?.keys.get(key) ?? 0) === 0) &&
            n >= FUNERAL_SHARE * (learned.anywhere.keys.get(key) ?? n),
        )
        .map(([key]) => key),
    );
    learned.own.set(member, found);
  }
  return found;
}

/**
 * Of a "which one?" list holding two funeral supports or more, the one the words tell who died for ("mẹ tôi đang
 * hưởng trợ cấp xã hội hằng tháng vì khuyết tật nặng, vừa mất" over the list of funeral supports → 1.001731; "bố em là
 * thương binh" → 1.010824), read from their own fields as funeralTold reads them. Undefined when the list holds fewer
 * than two, the person is said alive, or the words say no one of them alone.
 */
export function funeralAmong(
  listed: readonly Procedure[],
  all: readonly Procedure[],
  said: string,
  readings?: LookAlikeReadings,
): Procedure | undefined {
  const { family } = funeralCases(all);
  const among = listed.filter((p) => family.includes(p));
  if (among.length < 2) return undefined;
  const text = englishGloss(said, all);
  const folded = clauseTokens(text)
    .filter((t) => t !== "|")
    .join(" ");
  if (ALIVE_SAID.test(folded)) return undefined;
  // a list of funeral supports (one other at most: their bundle), or a death or burial said: no allowance asked by
  // name over a list an allowance's answer left ("không phải, tôi hỏi trợ cấp hưu trí xã hội cơ")
  const aboutFuneral = among.length >= listed.length - 1 || FUNERAL_SAID.test(folded) || deathSaid(folded);
  if (!aboutFuneral) return undefined;
  // a member the list left out, told better than every listed one ("ông nhà tôi là thương binh" over a list search
  // made of the others): that one
  const anyTold = personTold(family, all, text, readings);
  if (anyTold && !among.includes(anyTold)) return anyTold;
  return personTold(among, all, text, readings);
}

/** Word pairs with their polarity ("!" when a negator stands before: "chưa đăng ký kết hôn" → "!ky ket"). */
function keysOf(text: string): Set<string> {
  return new Set(pairsSaid(clauseTokens(text)).map((p) => (p.negated ? `!${p.pair}` : p.pair)));
}

const KEY_SPREAD = new WeakMap<readonly Procedure[], Map<string, number>>();

/** In how many records' own fields each polar word pair stands. */
function keySpread(all: readonly Procedure[]): Map<string, number> {
  let spread = KEY_SPREAD.get(all);
  if (!spread) {
    spread = new Map();
    for (const p of all) for (const k of keysOf(caseText(p))) spread.set(k, (spread.get(k) ?? 0) + 1);
    KEY_SPREAD.set(all, spread);
  }
  return spread;
}

/** A special case said in at least this many of its own word pairs. */
const SPECIAL_SAID = 2;

/**
 * The special case of the procedure at hand the words tell, after its answer: a record of the same field (and the same
 * foreign element or none) whose name says every word of the one at hand's name and more ("Đăng ký khai sinh kết hợp
 * nhận cha, mẹ, con" of "Đăng ký khai sinh"), when the message says SPECIAL_SAID word pairs of its own fields —
 * name, aliases, applicants, conditions — that the one at hand's do not say, each said the same way round ("bọn em chưa
 * đăng ký kết hôn, muốn ghi tên bố vào luôn": its alias "làm giấy khai sinh có tên cha khi chưa đăng ký kết hôn"), and
 * more of them than of any other such record. Pairs many records say tell nothing. Undefined when none fits.
 */
export function specialTold(
  current: Procedure,
  all: readonly Procedure[],
  message: string,
  foreign: (p: Procedure) => boolean,
  /** A foreign-element record's plain twin, whose fields tell the same case in plain words (foreign.ts plainTwin). */
  plainOf: (p: Procedure) => Procedure | undefined = () => undefined,
): Procedure | undefined {
  const name = new Set(clauseTokens(current.name).filter((t) => t !== "|"));
  const special = all.filter((p) => foreign(p) === foreign(current) && specialOf(p, current));
  if (special.length === 0) return undefined;
  const text = englishGloss(message, all);
  const said = keysOf(text);
  const spread = keySpread(all);
  // what a record and its plain twin say ("chưa đăng ký kết hôn" is said by the plain birth-and-acknowledgement only)
  const keysWithTwin = (p: Procedure) => {
    const twin = plainOf(p);
    return new Set([...keysOf(caseText(p)), ...(twin ? keysOf(caseText(twin)) : [])]);
  };
  const own = keysWithTwin(current);
  const scores = special.map(
    (p) => [...keysWithTwin(p)].filter((k) => !own.has(k) && said.has(k) && (spread.get(k) ?? 0) <= RARE_NAMES).length,
  );
  const best = Math.max(...scores);
  const meant =
    best >= SPECIAL_SAID && scores.filter((s) => s === best).length === 1 ? special[scores.indexOf(best)] : undefined;
  if (!meant) return undefined;
  // what the special case adds to the name said too ("tên bố", "nhận con", "người lớn"), not only a paper, a parent
  // ("ba mẹ") or a word of the status told negated ("kết" of "chưa đăng ký kết hôn" is no "kết hợp"): "ba mẹ chưa đăng ký
  // kết hôn thì có làm được không" tells a status and asks of the birth registration itself
  const raw = clauseTokens(text);
  const tokens = new Set(raw.filter((_, i) => !raw.slice(Math.max(0, i - 3), i).some((b) => NEGATORS.has(b))));
  const extra = clauseTokens(meant.name).filter(
    (t) => t !== "|" && !name.has(t) && !FUNCTION_WORDS.has(t) && !PAPER_WORDS.has(t) && !GENERIC.has(t),
  );
  if (!extra.some((t) => tokens.has(t))) return undefined;
  return meant;
}

/**
 * Whether a record is a special case of another: the same field, its name says every word of the other's and more
 * ("Đăng ký khai sinh kết hợp nhận cha, mẹ, con" of "Đăng ký khai sinh"), no bundle, and no note of either citing the
 * other (a look-alike the notes tell apart — "Nếu trẻ chưa được đăng ký khai sinh, hãy làm … (1.000689)" — is theirs).
 */
export function specialOf(special: Procedure, general: Procedure): boolean {
  if (special.code === general.code || special.field !== general.field) return false;
  if (says(words(special.name), BUNDLE) || notesCite(special, general)) return false;
  const name = new Set(clauseTokens(general.name).filter((t) => t !== "|"));
  const other = new Set(clauseTokens(special.name).filter((t) => t !== "|"));
  return other.size > name.size && [...name].every((t) => other.has(t));
}

/** Whether either record's notes cite the other (then the notes tell them apart: noteTold). */
function notesCite(a: Procedure, b: Procedure): boolean {
  const cites = (p: Procedure, code: string) =>
    [p.checkFirst ?? "", ...(p.conditions ?? [])].some((n) => n.includes(code));
  return cites(a, b.code) || cites(b, a.code);
}

/** Papers said of anything (folded): no word of what a special case adds. */
const PAPER_WORDS = new Set(["giay", "to", "so", "the", "bang", "ban"]);

/** A case told (folded): "nếu", "lỡ", "giả sử", "trường hợp", "if". */
const CASE_TOLD = /(?:^|[^\p{L}])(?:neu|lo|gia su|truong hop|if|in case)(?![\p{L}])/u;

/**
 * Whether the words say the change at hand in its own record's words, told after its answer ("nếu muốn mở lại sớm hơn
 * thì sao" after a pause of a household business: its alias "mở lại cửa hàng sớm"; "tiếp tục kinh doanh trước thời
 * hạn": its name), told as a case ("nếu …"): a word pair of the change's own name or aliases, said the same way round,
 * that no other record says in its names. The procedure at hand then stays, whatever look-alike search reads in "mở", "kinh doanh".
 */
export function ownChangeSaid(current: Procedure, all: readonly Procedure[], text: string): boolean {
  // told as a case ("nếu …", "lỡ …", "if …"): a section asked of it alone goes the sections' way
  if (!isChange(current) || !CASE_TOLD.test(fold(text.normalize("NFC")))) return false;
  // another change named ("nếu chỉ bị mất giấy thì xin cấp lại được không" after a re-assessment) is no stay
  const said = words(text);
  const own = changesOf(current);
  const named = [
    ...CHANGES.filter((run) => says(said, run)),
    ...SAID_AS.filter(([form]) => says(said, form)).map(([, change]) => change),
  ];
  if (named.some((run) => !own.includes(run))) return false;
  const titles = (p: Procedure) => keysOf([p.name, ...p.aliases].join(" . "));
  const others = new Set(all.filter((p) => p.code !== current.code).flatMap((p) => [...titles(p)]));
  const keys = keysOf(text);
  return [...titles(current)].some((k) => keys.has(k) && !others.has(k) && !k.startsWith("!"));
}

/**
 * English read in the records' Vietnamese words. The records' fields are Vietnamese, so "my father was a war veteran"
 * or "she was on the monthly social allowance" says none of the word pairs that tell the funeral supports or a special
 * case apart. The synonyms file (data/synonyms.json, staff-edited) already names, for search, the English terms of its
 * concepts ("war invalid" → "thương binh", "veteran" → "người có công", "social allowance" → "trợ cấp xã hội",
 * "listed as the father" → "nhận cha mẹ con"): an English message is read with each such term put in its concept's
 * Vietnamese words (a fused concept word, "kếthôn", spelled as a term of the file spells it, "kết hôn"). A term is
 * English when it is plain ASCII and no accented term of the file folds into it ("dang ky" is Vietnamese typed without
 * accents). Messages with Vietnamese letters, or without two English function words, are read as they are.
 */
/** The glossary of the catalogue these procedures are of (learnGlossary). */
const GLOSSARIES = new WeakMap<readonly Procedure[], Glossary>();

/** The synonyms of the catalogue these procedures are of: English turns are read through them (englishGloss). */
export function learnGlossary(all: readonly Procedure[], synonyms: SynonymsRead): void {
  if (!GLOSSARIES.has(all)) GLOSSARIES.set(all, glossaryOf(synonyms));
}

/**
 * An English message followed by itself with its glossary terms put in Vietnamese ("… war invalid …" → "… thương binh
 * …"); any other message as it is.
 */
export function englishGloss(text: string, all: readonly Procedure[]): string {
  return glossWith(text, GLOSSARIES.get(all));
}

/**
 * Two look-alikes whose notes send to each other on one fact said the two ways round: "Nếu trẻ đã có Giấy khai sinh …,
 * hãy làm … nhận cha, mẹ, con (1.001022)" on the birth joined to the acknowledgement, "Nếu trẻ chưa được đăng ký khai
 * sinh, hãy làm … (1.000689)" on the acknowledgement. The fact ("khai sinh") is a word of both names, so noteTold, which
 * reads a case in words besides the names, cannot read it; its state can: a message that says it held ("bé đã có giấy
 * khai sinh rồi, chỉ là chưa có tên bố", "giấy khai sinh của cháu làm từ năm ngoái rồi", "who already has a birth
 * certificate") or not yet ("bé chưa làm giấy khai sinh gì cả") is the case of the note that says it so. A fact said
 * with no state ("làm khai sinh có tên bố luôn": a wish) tells nothing.
 */
type State = "held" | "not" | undefined;

/** Said before a fact, these say it is held already (folded): "đã có", "có … rồi", "already has". */
const HELD_BEFORE = new Set(["da", "co", "already", "has", "have", "had"]);
/** Said after it: "giấy khai sinh làm rồi", "sổ gốc vẫn còn", "đã làm". */
const HELD_AFTER = new Set(["roi", "already", "con", "da", "giu", "luu"]);
/** A paper or a book said gone (folded): "đã mất", "thất lạc", "bị hủy", "lost". */
const GONE = new Set(["mat", "lac", "lost"]);

/**
 * The state a fact (a word) is said in, the first time it is said: not yet (a negator before it, or just after), gone
 * ("sổ hộ tịch … đều đã mất"), held ("đã có giấy khai sinh", "sổ gốc vẫn còn", "làm từ năm ngoái rồi"), or none. Read
 * within its clause.
 */
function stateOf(tokens: readonly string[], word: string): State {
  const i = tokens.indexOf(word);
  if (i < 0) return undefined;
  const before = tokens.slice(Math.max(0, i - 4), i);
  const clauseBefore = before.slice(before.lastIndexOf("|") + 1);
  if (clauseBefore.some((t) => NEGATORS.has(t) || GONE.has(t))) return "not";
  if (clauseBefore.some((t) => HELD_BEFORE.has(t))) return "held";
  // said after it: "giấy khai sinh đã làm rồi", "khai sinh thì chưa làm", "sổ … đều đã mất"
  const after = tokens.slice(i + 1, i + 13);
  const clauseAfter = after.slice(0, after.includes("|") ? after.indexOf("|") : after.length);
  if (clauseAfter.some((t) => GONE.has(t))) return "not";
  const next = clauseAfter.slice(0, 3);
  const negated = next.findIndex((t) => NEGATORS.has(t));
  const held = clauseAfter.findIndex((t) => HELD_AFTER.has(t));
  if (negated >= 0 && (held < 0 || negated < held)) return "not";
  // "sổ gốc ở xã cũng không còn": the marker said negated
  if (held >= 0 && clauseAfter.slice(Math.max(0, held - 2), held).some((t) => NEGATORS.has(t))) return "not";
  return held >= 0 ? "held" : undefined;
}

/** A note's condition ("Nếu …" up to its comma, "thì" or "hãy") and the records it sends to (by code). */
function sendings(
  procedure: Procedure,
  all: readonly Procedure[],
): { condition: string[]; to: Procedure; several: boolean }[] {
  return [procedure.checkFirst ?? "", ...(procedure.conditions ?? [])]
    .flatMap((note) => note.split(/(?<!\d)\.(?!\d)|;/u))
    .flatMap((clause) => {
      const opened = /(?:^|\s)(?:nếu|if)\s(.*)$/iu.exec(clause.replace(CITED_AS_LIKE, " "));
      if (!opened) return [];
      const condition = (opened[1] ?? "").split(/,|\s(?:thì|hãy|then)\s/iu)[0] ?? "";
      const cited = [...new Set(clause.match(CITED) ?? [])].filter((code) => code !== procedure.code);
      return cited.flatMap((code) => {
        const to = all.find((p) => p.code === code);
        return to ? [{ condition: clauseTokens(condition), to, several: cited.length > 1 }] : [];
      });
    });
}

/**
 * The look-alike the procedure at hand's notes send the case told to, read by the state of a fact both records' notes
 * say the two ways round (above); the one at hand itself when the message says the fact in its own note's state.
 * Undefined when no such pair of notes, or the message says the fact in no state.
 */
export function stateTold(current: Procedure, all: readonly Procedure[], message: string): Procedure | undefined {
  // a book or a paper gone said any way ("bị nước cuốn trôi", "thất lạc", "mối ăn hết") is gone, as the notes say it
  const gone = fold(englishGloss(message, all).normalize("NFC")).replace(
    new RegExp(LOST_SAID.source, "gu"),
    (m) => `${/^[^\p{L}]/u.test(m) ? m[0] : ""} mat `,
  );
  const tokens = clauseTokens(gone).map((t) => (t === "." ? "|" : t));
  // a note citing several ("đăng ký lại: khai sinh (…), kết hôn (…), khai tử (…)") sends by the event, not the state
  for (const { condition, to } of sendings(current, all).filter((s) => !s.several)) {
    const back = sendings(to, all).find((s) => s.to.code === current.code);
    if (!back) continue;
    const facts = [...new Set(condition)].filter(
      (t) => t !== "|" && !FUNCTION_WORDS.has(t) && !NEGATORS.has(t) && !GONE.has(t) && !HELD_AFTER.has(t),
    );
    for (const fact of facts) {
      const here = stateOf(condition, fact);
      const there = stateOf(back.condition, fact);
      if (!here || !there || here === there) continue;
      const said = stateOf(tokens, fact);
      if (said === here) return to;
      // the one at hand's own case ("bé đã có giấy khai sinh rồi" after the acknowledgement): it stays
      if (said === there) return current;
    }
  }
  return undefined;
}

/**
 * What the câu mẫu (data/examples.json: citizens' phrasings labelled with their procedure) say of each procedure: how
 * many of its câu mẫu say each content word and word pair (folded). Look-alikes the records tell apart in words
 * citizens do not use ("lỗi ghi chép, đánh máy" of a deed's error correction, "người có công" of a veteran's funeral
 * support) are told apart in the words citizens do ("gõ nhầm số CCCD", "bệnh binh"): a word many câu mẫu of one
 * look-alike say and none of the other's is the case of that one.
 */
/** How many câu mẫu of a look-alike say a key at least for the key to point to it. */
const LEARNED_MIN = 3;
/** The share of the look-alikes' câu mẫu saying a key that must be one look-alike's for the key to point to it. */
const LEARNED_POINT = 0.6;
/** The share of the whole catalogue's câu mẫu saying a key that must be the look-alike's for the key to point to it. */
const LEARNED_SHARE = 0.2;
/** Evidence (natural log of the odds) the words must give one look-alike over the one at hand to move to it. */
const LEARNED_ODDS = 2;
/** The same over every word of the message either one's câu mẫu say (the pointing words and the rest). */
const LEARNED_WHOLE = 4;

const RECORD_KEYS = new WeakMap<Procedure, Set<string>>();

/** The keys a record's own fields say: its names, who applies, its conditions and notes, its result. */
function recordKeys(procedure: Procedure): Set<string> {
  let found = RECORD_KEYS.get(procedure);
  if (!found) {
    const { name, aliases, applicants, conditions, checkFirst, result } = procedure;
    const fields = [name, ...aliases, applicants ?? "", ...(conditions ?? []), checkFirst ?? "", result ?? ""];
    found = keysTold(fields.join(" . "), true);
    RECORD_KEYS.set(procedure, found);
  }
  return found;
}

/**
 * The look-alike (of `among`, the one at hand `current` among them) each key of the words points to: the one whose câu
 * mẫu say it LEARNED_MIN times at least, LEARNED_POINT of all the look-alikes' câu mẫu that say it ("gõ nhầm", "bệnh
 * binh" point; "xong", "chuyển", "nộp" are said of them all and point nowhere). A key the record at hand says itself is
 * its case too, however seldom its câu mẫu say it, and points nowhere.
 */
function pointedKeys(
  current: Procedure,
  among: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  learned: LookAlikeReadings,
): { key: string; spelled: string | undefined; to: Procedure }[] {
  const own = recordKeys(current);
  const set = [current, ...among.filter((p) => p.code !== current.code)];
  const keys = spelledKeys(text, all);
  return [...keys].flatMap(([key, spelled]) => {
    if (own.has(key)) return [];
    const counts = set.map((p) => saidCount(learned.byCode.get(p.code), key, spelled));
    const total = counts.reduce((a, b) => a + b, 0);
    const best = Math.max(...counts);
    const to = set[counts.indexOf(best)];
    // and a word of its case among the whole catalogue's câu mẫu, not a question's ("qua mạng", "giải quyết", "nộp
    // phường" are said of every procedure, a few look-alikes' câu mẫu more than others')
    const spread = saidCount(learned.anywhere, key, spelled) || best;
    // a syllable its câu mẫu say only inside one compound is that compound's ("phối" of "phân phối", typed without
    // accents as "phoi" of "phổi"): said without the compound, it says nothing of that case
    const said = to && learned.byCode.get(to.code);
    const bound = !key.includes(" ") && said ? said.bound?.get(key) : undefined;
    if (bound && bound.count >= COMPOUND_BOUND * (said?.keys.get(key) ?? 0) && !keys.has(bound.pair)) return [];
    return to && best >= LEARNED_MIN && best >= LEARNED_POINT * total && best >= LEARNED_SHARE * spread
      ? [{ key, spelled, to }]
      : [];
  });
}

/**
 * The keys of a message (read through the English glossary), each with its spelling when the message is typed with
 * accents: then only câu mẫu that spell it alike, or carry no accents at all, say it.
 */
function spelledKeys(text: string, all: readonly Procedure[]): Map<string, string | undefined> {
  const read = englishGloss(text, all);
  const keys = keysSpelled(read);
  const withAccents = typedWithAccents(read);
  return new Map([...keys].map(([key, spelled]) => [key, withAccents ? spelled : undefined]));
}

/** A word its câu mẫu say inside one word pair this often (a share of all its uses) is a syllable of that compound. */
const COMPOUND_BOUND = 0.9;

/** The words of a message leaning this far (natural log, summed) to `none` câu mẫu talk of another matter. */
const LEARNED_CHAT = -1;

/**
 * Whether the words of a message lean, by the câu mẫu, to talk of another matter rather than of the ward's business:
 * the sum over its content words of the log of their rate in in-scope câu mẫu over their rate in `none` ones
 * ("hút thuốc lá có hại gì cho phổi": "hại", "phổi", "hút" are said in `none` câu mẫu far more; the shared "thuốc lá"
 * leans no way). A word few câu mẫu say leans little.
 */
function leansAway(learned: LookAlikeReadings, keys: Map<string, string | undefined>): boolean {
  const ratio = Math.max(1, learned.anywhere.count) / Math.max(1, learned.none.count);
  let lean = 0;
  for (const [key, spelled] of keys) {
    if (key.includes(" ")) continue;
    const ward = saidCount(learned.anywhere, key, spelled);
    const none = saidCount(learned.none, key, spelled);
    lean += Math.log((ward + ratio) / (ratio * (none + 1)));
  }
  return lean < LEARNED_CHAT;
}

/**
 * How strongly keys lean to `to` over `from` by their câu mẫu: the sum, over the keys, of the log of how much more
 * often `to`'s câu mẫu say it than `from`'s (each share smoothed by half a câu mẫu).
 */
function learnedLean(
  from: Procedure,
  to: Procedure,
  learned: LookAlikeReadings,
  keys: readonly { key: string; spelled: string | undefined }[],
): number {
  const a = learned.byCode.get(from.code);
  const b = learned.byCode.get(to.code);
  if (!a || !b || a.count === 0 || b.count === 0) return 0;
  return keys.reduce(
    (lean, { key, spelled }) =>
      lean +
      Math.log((saidCount(b, key, spelled) + 0.5) / (b.count + 1)) -
      Math.log((saidCount(a, key, spelled) + 0.5) / (a.count + 1)),
    0,
  );
}

/**
 * The one the pointing keys point to: when they all point to one, that one; when they point to several ("nhóm dời địa
 * điểm sang xã bên cạnh" over the worship sites: "nhóm dời" said by three câu mẫu of the move within a commune, "sang
 * xã", "bên cạnh" by many of the move to another commune), the one most of them point to, when all the pointing keys
 * together lean to it by LEARNED_ODDS over each other one they point to (the one at hand among them). Undefined when
 * none stands out.
 */
function pointedMost(
  pointed: readonly { key: string; spelled: string | undefined; to: Procedure }[],
  current: Procedure,
  learned: LookAlikeReadings,
): Procedure | undefined {
  const counts = new Map<Procedure, number>();
  for (const p of pointed) counts.set(p.to, (counts.get(p.to) ?? 0) + 1);
  if (counts.size <= 1) return pointed[0]?.to;
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [[to, most] = [undefined, 0], [, next] = [undefined, 0]] = ranked;
  if (!to || to === current || most <= next) return undefined;
  return ranked.every(([o]) => o === to || learnedLean(o, to, learned, pointed) >= LEARNED_ODDS) ? to : undefined;
}

/**
 * Of the look-alikes of the procedure at hand (`among`), the one the words point to in citizens' own words: the keys
 * that point (pointedKeys) point to that one (over a list, most of them do and all of them together lean to it over
 * each other one pointed to: pointedMost), and they lean to it over the one at hand by LEARNED_ODDS at least.
 * Undefined otherwise (the words say nothing of the case, or as much of the one at hand).
 */
export function learnedTold(
  current: Procedure,
  among: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  /** The catalogue's câu mẫu readings (lookAlikeReadings); none, no look-alike is told this way. */
  learned: LookAlikeReadings | undefined,
  /** How many keys must point to it (over a list, two: one word may be any other matter's, "app ngân hàng bị khóa"). */
  keysAtLeast = 1,
  /**
   * Over a list, most keys decide (pointedMost): none of the listed ones is a case the citizen is on. After an answer,
   * a key pointing to the one at hand or to a third one keeps the chat where it is.
   */
  byMost = false,
): Procedure | undefined {
  if (!learned) return undefined;
  // a section asked ("có cần mang bản gốc không", "nộp ở đâu") asks of the one at hand, whatever words it shares
  if (extractIntent(words(text)).intent !== "general") return undefined;
  const pointed = pointedKeys(current, among, all, text, learned);
  const targets = new Set(pointed.map((p) => p.to));
  const to = byMost ? pointedMost(pointed, current, learned) : targets.size === 1 ? pointed[0]?.to : undefined;
  if (!to || to === current || pointed.filter((p) => p.to === to).length < keysAtLeast) return undefined;
  // talk of another matter that shares the thing's word ("hút thuốc lá có hại gì cho phổi" after a tobacco licence)
  // tells no case of the ward's: it moves nowhere, whatever word of it a look-alike's câu mẫu say
  const keys = spelledKeys(text, all);
  if (leansAway(learned, keys)) return undefined;
  // A detail that fits the one at hand ("bà nội mất ở quê tuần trước" after a death registration: "nội mất" is said in
  // a re-registration's câu mẫu of old deaths, "tuần trước" in the registration's) leans no way once all its words are
  // weighed: the words either look-alike's câu mẫu say must lean to the look-alike too.
  const mine = learned.byCode.get(current.code);
  const theirs = learned.byCode.get(to.code);
  const weighed = [...keys]
    .map(([key, spelled]) => ({ key, spelled }))
    .filter(({ key, spelled }) => saidCount(mine, key, spelled) + saidCount(theirs, key, spelled) > 0);
  return learnedLean(current, to, learned, pointed) >= LEARNED_ODDS &&
    learnedLean(current, to, learned, weighed) >= LEARNED_WHOLE
    ? to
    : undefined;
}

/**
 * Of a "which one?" list, the one the words point to over the other listed ones by the câu mẫu (learnedTold from each
 * other listed one); undefined when none does.
 */
export function learnedAmong(
  listed: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  learned: LookAlikeReadings | undefined,
): Procedure | undefined {
  return listed.find((p) => listed.every((o) => o === p || learnedTold(o, listed, all, text, learned, 2, true) === p));
}

/** Of the shorter title, this share of its words at least, and no fewer than SHARED_TITLE_WORDS, the longer one says. */
const SHARED_TITLE = 0.5;
const SHARED_TITLE_WORDS = 3;

/** Words of a title that say no thing: how it is done, the level, the paper, links ("đăng ký", "cấp", "giấy"). */
const TITLE_STOP = new Set(
  words("thủ tục cấp đăng ký xã phường của và các đối với có một số việc trong đã bị được giấy tờ mới thông báo").map(
    (w) => `${w.token}:${w.marks}`,
  ),
);

/**
 * Whether two records of one field are titled alike: a name or alias of one says most of a name or alias of the other
 * ("hủy hợp đồng đã chứng thực" of a deed's amendment, "chứng thực hợp đồng mua bán" of the deed; "sửa đổi di chúc đã
 * chứng thực", "chứng thực di chúc").
 */
function titledAlike(a: Procedure, b: Procedure): boolean {
  return titleShared(a, b) > 0;
}

/** How many title words two records of one field titled alike share at most (0 when not titled alike). */
function titleShared(a: Procedure, b: Procedure): number {
  if (a.field !== b.field) return 0;
  const titles = (p: Procedure) =>
    [p.name, ...p.aliases].map(
      (t) => new Set(words(t).flatMap((w) => (TITLE_STOP.has(`${w.token}:${w.marks}`) ? [] : [w.token]))),
    );
  const theirs = titles(b);
  let most = 0;
  for (const mine of titles(a))
    for (const other of theirs) {
      const [short, long] = mine.size <= other.size ? [mine, other] : [other, mine];
      const shared = [...short].filter((t) => long.has(t)).length;
      if (shared >= SHARED_TITLE_WORDS && shared >= SHARED_TITLE * short.size) most = Math.max(most, shared);
    }
  return most;
}

/**
 * Look-alikes of a procedure by its records: what its notes cite, what cites it, its thing's variants, and the changes of
 * its field titled alike.
 */
export const lookAlikesOf: RecordsOf = keptPerRecord(lookAlikesOfUncached);

function lookAlikesOfUncached(
  current: Procedure,
  all: readonly Procedure[],
  foreign: (p: Procedure) => boolean,
): Procedure[] {
  const notes = (p: Procedure) => [p.checkFirst ?? "", ...(p.conditions ?? [])].join(" ");
  const cites = (p: Procedure, q: Procedure) => notes(p).includes(q.code);
  const family = familyOf(current, all, foreign);
  return all.filter(
    (p) =>
      p.code !== current.code &&
      foreign(p) === foreign(current) &&
      (cites(current, p) ||
        cites(p, current) ||
        family.includes(p) ||
        // a change of a thing titled alike ("hủy hợp đồng đã chứng thực" of a deed's amendment after the deed), unless
        // it changes another thing of the catalogue (the amendment of a tobacco licence is none of a liquor licence's,
        // though both are "giấy phép bán lẻ")
        (titledAlike(current, p) &&
          isChange(p) &&
          !isChange(current) &&
          !all.some((thing) => thing.code !== current.code && changesThing(p, thing)))),
  );
}
