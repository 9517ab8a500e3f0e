import type { CatalogueSnapshot } from "../catalogue/live.js";
import type { Feature, FeatureContext } from "../core/types.js";
import { whyRefusedAt } from "../search/intent-context.js";
import { type TextWord, textWords, tokenize, typedWithMarks, type Word, words } from "../search/normalize.js";
import { outOfScope, SCOPE_MODEL, type ScopeModel } from "../search/scope.js";
import {
  asksEverydayThing,
  asksProviderChoice,
  namesEstablishment,
  type RedirectTerms,
  redirectTermSpans,
  saysRedirectTerm,
} from "./everyday.js";

/** Folded whole messages (particles aside) that are thanks, agreement or goodbye, not questions. */
const KINDS: { reply: string; phrases: string[] }[] = [
  {
    reply: "small-talk-thanks",
    phrases: [
      "cảm ơn",
      "cám ơn",
      "cảm ơn bạn",
      "cảm ơn nhiều",
      "cảm ơn nhé",
      "cảm ơn ạ",
      "cám ơn nhiều",
      "thanks",
      "thank you",
      "thank",
      "tks",
      "thanks a lot",
      "many thanks",
      "thank you very much",
      "cảm ơn bot",
      "camon",
      "cmon",
      "thankyou",
      "thank you so much",
      "thanks so much",
      "ty",
      "tks ad",
    ],
  },
  {
    reply: "small-talk-praise",
    phrases: [
      "giỏi quá",
      "giỏi ghê",
      "thông minh ghê",
      "thông minh quá",
      "bot thông minh",
      "hữu ích quá",
      "tuyệt vời",
      "good job",
      "very helpful",
      "great very helpful",
      "helpful",
      "well done",
      "nice",
    ],
  },
  {
    reply: "small-talk-ok",
    phrases: [
      "ok",
      "oke",
      "okay",
      "okie",
      "ok ạ",
      "ok nhé",
      "ok bạn",
      "vâng",
      "dạ",
      "ừ",
      "uh",
      "uk",
      "ừm",
      "được",
      "được rồi",
      "đã rõ",
      "rõ rồi",
      "hiểu rồi",
      "tốt",
      "tuyệt",
      "hay quá",
      "good",
      "great",
      "got it",
      "i see",
      "fine",
      "yes",
      "okela",
      "okê",
      "oki",
      "ừm",
      "ừ ừ",
      "vậy hả",
      "zậy hả",
      "thế à",
      "vậy à",
      "mình hiểu rồi",
      "em hiểu rồi",
      "để em xem",
      "để mình xem",
      "hihi",
      "hehe",
      "haha",
      "hic",
      "kkk",
      "kk",
      "lol",
    ],
  },
  {
    reply: "small-talk-identity",
    phrases: [
      "bạn tên gì",
      "bạn tên là gì",
      "tên bạn là gì",
      "tên bạn là chi",
      "bạn là ai",
      "bạn là gì",
      "bot tên gì",
      "em tên gì",
      "ad tên gì",
      "bạn là người hay máy",
      "bạn là người thật không",
      "bạn là người thật à",
      "bạn là bot à",
      "bạn là robot à",
      "có phải người thật không",
      "đây là bot à",
      "what is your name",
      "what's your name",
      "who are you",
      "are you a bot",
      "are you a robot",
      "are you human",
      "are you a real person",
    ],
  },
  {
    reply: "small-talk-bye",
    phrases: [
      "tạm biệt",
      "bye",
      "bye bye",
      "goodbye",
      "bai",
      "chào tạm biệt",
      "hẹn gặp lại",
      "see you",
      "thôi chào nhé",
      "chào nhé",
      "chào bạn nhé",
      "bye ad",
      "thôi không cần nữa",
      "không cần nữa",
      "thôi không cần",
      "thôi ko cần nữa",
      "thôi k cần nữa",
      "ko cần nữa",
      "k cần nữa",
      "thôi ko cần",
      "thôi k cần",
    ],
  },
];
const PARTICLES = new Set(
  tokenize("ạ à nhé nha nhe nhiều lắm ha ơi bot ad admin shop very much vậy thế nhỉ cho hỏi xin"),
);

const BY_TEXT = new Map<string, string>();
for (const kind of KINDS) for (const phrase of kind.phrases) BY_TEXT.set(tokenize(phrase).join(" "), kind.reply);
/** When one message holds several (ok cảm ơn, tạm biệt), which reply it gets. */
const PRIORITY = ["small-talk-bye", "small-talk-thanks", "small-talk-praise", "small-talk-ok"];
/**
 * Every word thanks, ok, praise and goodbye are made of: a message of these words only ("dạ em cảm ơn",
 * "ok cảm ơn") is small talk. Not the identity questions' words ("có", "không"): "có được không" is a question.
 */
const POLITE = new Set(tokenize("em anh chị dạ vâng ok"));
const VOCABULARY = new Set([
  ...PARTICLES,
  ...POLITE,
  ...[...BY_TEXT].filter(([, reply]) => PRIORITY.includes(reply)).flatMap(([phrase]) => phrase.split(" ")),
]);
/**
 * Chit-chat the office has nothing to say about (weather, lottery, football, jokes): a short message
 * holding one of these gets a pointer to what the bot does instead of a procedure list; anything else
 * unknown gets the not-found reply with the office's contact. Only short messages: "nhà bị bão sập có được hỗ trợ không" is a procedure question.
 */
const OFF_TOPIC = [
  ...["thời tiết", "có mưa", "mưa không", "mưa ko", "trời mưa", "nắng không", "nhiệt độ", "dự báo", "weather"],
  ...["tỷ giá", "tỉ giá", "xổ số", "vé số", "lô đề", "bóng đá", "tỷ số", "tỉ số", "chuyện cười"],
  ...["kể chuyện", "joke", "bài văn", "làm thơ", "capital of", "will it rain", "going to rain", "is it raining"],
  ...["forecast", "temperature"],
].map(phraseOf);
const OFF_TOPIC_LONGEST = 10;
/**
 * Chit-chat asked for whatever it is about ("bot ơi kể chuyện cười về đăng ký kết hôn đi", "gợi ý chỗ tổ chức tiệc
 * cưới", "quán phở nào ngon gần UBND phường"): a joke, a poem, a party or a place to eat is never a procedure, though
 * the message names one, so these hold in longer messages too (no question of a procedure comes with them).
 */
const CHITCHAT = [
  ...["chuyện cười", "bài thơ", "làm thơ", "tell me a joke"],
  // a place to eat or to party recommended; not "quán ăn", "nhà hàng" alone (a licence for one is the ward's)
  ...["chỗ tổ chức tiệc cưới", "nơi tổ chức tiệc cưới", "nào ngon", "ăn gì ngon", "good restaurant", "good food"],
].map(phraseOf);
const CHITCHAT_LONGEST = 30;
/**
 * Fortune and omens, and who won or leads a match or a league ("xem tuổi xây nhà năm nay", "kết hôn năm 2026 tuổi Ngọ có
 * hợp không, ngày nào đẹp để cưới", "Câu lạc bộ bóng đá nào vô địch V-League năm ngoái?"): no ward procedure reads a
 * horoscope or a score, though the message names the marriage, the house or the club; a procedure asked with them
 * ("ngày đẹp đi đăng ký kết hôn phường có làm việc không": PROCEDURE_NAMED) is left to the search.
 */
const FORTUNE_AND_SCORES = [
  ...["xem tuổi", "hợp tuổi", "khắc tuổi", "ngày đẹp", "ngày nào đẹp", "ngày tốt để", "ngày nào tốt", "giờ đẹp"],
  ...["giờ tốt", "giờ hoàng đạo", "ngày hoàng đạo", "phong thủy", "kim lâu", "hợp mệnh", "mệnh gì", "xem bói"],
  ...["horoscope", "feng shui", "lucky day", "auspicious"],
  ...["vô địch", "đứng đầu bảng", "bảng xếp hạng", "ai thắng", "who won", "champion", "champions", "league"],
].map(phraseOf);
/** A ward act asked: with it, a fortune or a score is the case told, not the question. */
const WARD_ACT = ["xin", "nộp", "công nhận", "hòa giải", "làm giấy", "apply", "register", "registration"].map(phraseOf);
/** Of these, ones whose words typed without accents are other words ("tu vi": "trật tự vì"; "xem ngay": at once). */
const FORTUNE_ACCENTED = ["tử vi", "xem ngày"].map(phraseOf);
/** Whether the words say the run with its own accents, every word typed with them. */
function saysAccented(text: readonly Word[], run: readonly Word[]): boolean {
  for (let i = 0; i + run.length <= text.length; i++)
    if (run.every((w, j) => text[i + j]?.token === w.token && text[i + j]?.marks === w.marks)) return true;
  return false;
}
/**
 * Market prices asked ("Nhà tôi đã có sổ đỏ … Mẹ tôi nhờ hỏi giá vàng nhẫn hôm nay bao nhiêu một chỉ …"): never a
 * procedure, however many ward papers the story names. A short one too ("gia vang hom nay bn" after an answer got the
 * fee of the procedure at hand: review s12 M2); small talk keeps the choices offered before. Only a price *asked*: the
 * price and a word asking it in one clause; a gold shop's trade ("đăng ký hộ kinh doanh mua bán vàng nhẫn, vàng miếng") is no price.
 */
const PRICES = [
  ...["giá vàng", "giá xăng", "giá dầu", "giá usd", "giá bạc"],
  ...["gold price", "price of gold", "petrol price", "fuel price"],
].map(phraseOf);
/** Words asking a price, in the clause that names it ("… hôm nay bao nhiêu một chỉ", "… lên xuống thế nào"). */
const PRICE_ASKED = [
  ...["hôm nay", "bao nhiêu", "bn", "mấy triệu", "một chỉ", "lên xuống", "tăng hay giảm", "có tăng", "có giảm"],
  ...["sắp tăng", "sắp giảm", "thế nào", "ra sao", "today", "how much", "now", "current"],
].map(phraseOf);
/**
 * A procedure asked or a registration or permit named ("… cần những giấy tờ gì", "đăng ký hộ kinh doanh", "giấy phép
 * kinh doanh vàng"): then a price word is the trade's, and the message is the procedure's.
 */
const PROCEDURE_NAMED = [
  ...["đăng ký", "giấy phép", "cấp phép", "xin phép", "thủ tục", "hồ sơ", "giấy tờ gì", "những giấy tờ", "lệ phí"],
  ...["nộp ở đâu", "làm ở đâu", "kinh doanh", "register", "licence", "license", "permit"],
].map(phraseOf);
/** A processing time asked: a procedure's, unless what takes the time is an everyday thing (`duration`). */
const TIME_ASKED = ["bao lâu", "mấy ngày"].map(phraseOf);
const PROCEDURE_ASKED = [...PROCEDURE_NAMED, ...TIME_ASKED];

/** Where or for how much a repair is asked. */
const REPAIR_ASKED = ["ở đâu", "chỗ nào", "gần đây", "gần nhất", "bao nhiêu", "where", "near", "how much"].map(
  phraseOf,
);
/**
 * Things of everyday life, asked as such: what they cost ("tiền thuê nhà … bao nhiêu", "vé xe khách tết bao nhiêu",
 * "đi đám cưới nên mừng bao nhiêu"), when a shop opens ("quán cà phê mấy giờ đóng cửa"), where to get something fixed
 * ("sửa xe máy ở đâu gần đây", "where can I get my motorbike repaired"). Another topic at any length, though their words
 * are the catalogue's ("đóng cửa" closes a household business, "xe máy" is registered online, "thuê nhà" is where one
 * registers temporary residence). A procedure asked with them (PROCEDURE_ASKED) keeps the message the procedure's, and
 * one's own shop ("tiệm tạp hóa nhà em muốn tạm nghỉ 2 tháng báo ở đâu") is a household business's question.
 * Fixing is the ward's own work too (cải chính, đính chính, sửa chữa nhà ở: "where can I fix my name on my birth
 * certificate"), so a repair is everyday only when goods are what is fixed (`goods`: "fix my phone", "sửa xe"), and a
 * ward paper or procedure in the clause (WARD_WORDS) keeps it the ward's (review s12 H4).
 */
const EVERYDAY: {
  things: readonly (readonly Word[])[];
  goods?: readonly (readonly Word[])[];
  asked: readonly (readonly Word[])[];
  /** One's own wish does not make it a household business's question ("mở quán cà phê cần vốn bao nhiêu"). */
  ownToo?: boolean;
  /** The time asked is the thing's ("hỏa táng mất bao lâu"), no procedure's. */
  duration?: boolean;
  /** The things are everyday establishments (`namesEstablishment`). */
  establishment?: boolean;
}[] = [
  {
    things: [
      ...["tiền thuê nhà", "tiền nhà", "tiền trọ", "giá thuê", "vé xe", "vé tàu", "vé máy bay", "xe khách", "xe buýt"],
      ...["taxi", "grab", "gửi xe", "mừng cưới", "tiền mừng", "mừng bao nhiêu", "phong bì"],
      ...["bus ticket", "train ticket", "flight", "taxi fare", "wedding gift", "rent"],
    ].map(phraseOf),
    asked: ["bao nhiêu", "bn", "mấy triệu", "how much"].map(phraseOf),
  },
  {
    // bills, a wedding's or a lawyer's cost, a shop's capital, a hospital birth, a wage: none is a ward fee
    things: [
      ...["cước internet", "cước mạng", "gói cước", "cước điện thoại", "tiền điện", "tiền nước", "tiền mạng", "wifi"],
      ...["chi phí đám cưới", "tổ chức đám cưới", "tiệc cưới", "cỗ cưới", "đám cưới hết", "cần vốn", "vốn khoảng"],
      ...["thuê luật sư", "phí luật sư", "in màu", "photo một tờ", "in bảng hiệu", "sinh thường", "sinh mổ", "đẻ mổ"],
      ...["đẻ thường", "khám thai", "mức lương", "lương bao nhiêu", "lương tháng", "internet bill", "electricity bill"],
      ...["lawyer", "wedding cost", "wedding costs", "salary"],
    ].map(phraseOf),
    asked: ["bao nhiêu", "bn", "mấy triệu", "how much", "khoảng"].map(phraseOf),
    ownToo: true,
  },
  {
    // how long a cremation or a recovery takes is no procedure's processing time
    things: ["hỏa táng", "hồi phục", "cremation"].map(phraseOf),
    asked: ["bao lâu", "mấy tiếng", "mấy ngày", "how long"].map(phraseOf),
    duration: true,
  },
  {
    // an establishment's hours (the one list of src/features/everyday.ts, which follow-up.ts reads too)
    things: [],
    establishment: true,
    asked: ["mấy giờ", "giờ nào", "what time", "opening hours"].map(phraseOf),
  },
  {
    things: [
      ...["sửa xe", "rửa xe", "vá xe", "thay nhớt", "sửa điện thoại", "sửa máy", "sửa tivi", "sửa tủ lạnh", "tiệm sửa"],
      ...["repair shop"],
    ].map(phraseOf),
    asked: REPAIR_ASKED,
  },
  {
    things: ["fix", "fixed", "fixing", "repair", "repaired", "repairing", "mend", "mended"].map(phraseOf),
    // goods, not papers or a house: "fix my name on my birth certificate", "get my house repaired" are the ward's
    goods: [
      ...["motorbike", "motorcycle", "bike", "bicycle", "scooter", "car", "tyre", "tire", "brakes", "engine"],
      ...["phone", "iphone", "tablet", "laptop", "computer", "printer", "screen", "tv", "television", "fridge"],
      ...["washing machine", "air conditioner", "aircon", "fan", "watch", "shoes", "xe máy", "điện thoại"],
    ].map(phraseOf),
    asked: REPAIR_ASKED,
  },
];
/**
 * A ward paper or procedure named in the clause: then the everyday thing is what the procedure is done to or for
 * ("chứng thực bản sao vé máy bay bao nhiêu tiền", "sao y vé tàu", "how much to fix my name on the land certificate").
 * Accents as typed: "giày" (shoes) is no "giấy".
 */
const WARD_WORDS = [
  ...["chứng thực", "sao y", "bản sao", "bản chính", "công chứng", "cải chính", "đính chính", "trích lục", "xác nhận"],
  ...["khai sinh", "khai tử", "chứng tử", "kết hôn", "hộ khẩu", "hộ tịch", "tạm trú", "thường trú", "cư trú"],
  ...["giấy chứng nhận", "sổ đỏ", "sổ hồng", "nhà ở", "giấy phép", "căn cước", "hộ chiếu"],
  // the ward's allowances ("trợ cấp xã hội bằng bao nhiêu phần trăm mức lương cơ sở", "mai táng phí")
  ...["trợ cấp", "mai táng", "hộ nghèo", "cận nghèo", "người có công", "thương binh", "liệt sĩ"],
  ...["certificate", "certified", "certify", "notarized", "notarize", "copy of", "copies", "registration"],
  ...["household", "residence", "red book", "pink book", "support", "subsidy", "allowance", "passport", "id card"],
  // the papers of the goods ("my motorbike papers have the wrong engine number, where is it fixed")
  ...["giấy tờ", "papers", "paperwork", "document", "documents", "record", "records"],
].map(phraseOf);
/** The office itself ("what time does the one-stop shop open": its hours, which the search's place section gives). */
const OFFICE = ["one stop", "một cửa", "ủy ban", "ubnd", "ward office", "people's committee"].map(phraseOf);
/** One's own shop or a wish to do something with it: a household business's question. */
const OWN_BUSINESS = [
  ...[
    "muốn",
    "mún",
    "xin",
    "nghỉ",
    "mở quán",
    "mở tiệm",
    "mở cửa hàng",
    "thông báo",
    "của tôi",
    "của mình",
    "nhà em",
    "nhà tôi",
    "nhà mình",
  ],
  // learning the trade ("học nghề sửa xe được hỗ trợ học phí") is vocational training support
  ...["học", "nghề", "hỗ trợ", "my shop", "my business", "i want", "i run", "i own", "learn", "course", "training"],
].map(phraseOf);

/** Which everyday thing the clause asks as such (EVERYDAY), if any. */
function everydayAsked(words: readonly Word[]): (typeof EVERYDAY)[number] | undefined {
  if ([...WARD_WORDS, ...OFFICE].some((phrase) => says(words, phrase))) return undefined;
  const own = OWN_BUSINESS.some((phrase) => says(words, phrase));
  return EVERYDAY.find(
    ({ things, goods, asked, ownToo, establishment }) =>
      (ownToo || !own) &&
      (things.some((t) => says(words, t)) || (establishment === true && namesEstablishment(words))) &&
      (!goods || goods.some((g) => says(words, g))) &&
      asked.some((a) => says(words, a)),
  );
}

/**
 * Whether a message asks a market price or an everyday thing, at any length, in the clause that asks,
 * and no procedure from that sentence on: the papers a letter's story tells of before ("Nhà tôi … đã có sổ đỏ và giấy
 * phép xây dựng. Mẹ tôi nhờ hỏi giá vàng …") ask nothing.
 */
export function asksPrice(text: string): boolean {
  const all = textWords(text);
  const clauses = new Map<number, Word[]>();
  for (const w of all) {
    const clause = clauses.get(w.clause);
    if (clause) clause.push(w);
    else clauses.set(w.clause, [w]);
  }
  // Each clause is read once: a long message can be a single clause of thousands of words.
  const pricing = new Set<number>();
  let duration = false;
  for (const [clause, words] of clauses) {
    const price = PRICES.some((phrase) => says(words, phrase)) && PRICE_ASKED.some((p) => says(words, p));
    const everyday = price ? undefined : everydayAsked(words);
    if (price || everyday) pricing.add(clause);
    if (everyday?.duration && pricing.size === 1) duration = true;
  }
  const asked = all.find((w) => pricing.has(w.clause));
  if (!asked) return false;
  const from = all.filter((w) => w.sentence >= asked.sentence);
  return !(duration ? PROCEDURE_NAMED : PROCEDURE_ASKED).some((phrase) => says(from, phrase));
}

/**
 * A price someone quoted, judged ("thợ báo giá xây thô 4 triệu một mét vuông, giá đó đắt hay rẻ?", "is that too
 * expensive"): a tradesman's, a seller's or a landlord's price, never a ward fee, however many ward papers the story
 * before it names (the lead's note of 22:11: since 21d8359's retrain the scope gate no longer took this question, and the
 * building permit's three records were listed). From the clause that judges it on, no procedure may be asked nor a fee
 * named ("lệ phí khai sinh 8 nghìn có đắt không" is the fee's question). Each word with its own accents: typed without
 * them, "co dat khong" is as much «có đất không» (has land: a land record's question) as «có đắt không».
 */
const PRICE_JUDGED = [
  ...["đắt hay rẻ", "rẻ hay đắt", "có đắt không", "có đắt ko", "đắt quá không", "đắt không", "bị chặt chém"],
  ...["giá đó có", "giá đó đắt", "giá vậy có", "giá như vậy có", "giá thế có", "is that expensive", "too expensive"],
  ...["fair price", "overpriced", "ripped off"],
].map(phraseOf);
/**
 * A price quoted in the message: a price word or an amount. Without one, «làm sổ đỏ lần đầu có đắt không» or "is it too
 * expensive to certify copies" asks the procedure's own fee (REVIEW s22: answered with small talk after 11662dc).
 */
const PRICE_QUOTED = [
  ...["báo giá", "giá", "triệu", "nghìn", "ngàn", "đồng", "price", "quoted", "quote", "charged", "charges", "usd"],
].map(phraseOf);
export function judgesPrice(text: string): boolean {
  const all = textWords(text);
  if (!all.some((w) => /\d/.test(w.token)) && !PRICE_QUOTED.some((phrase) => saysAccented(all, phrase))) return false;
  let at = -1;
  for (let i = 0; i < all.length && at < 0; ) {
    let j = i;
    while (j < all.length && all[j]?.clause === all[i]?.clause) j++;
    const clause = all.slice(i, j);
    if (PRICE_JUDGED.some((phrase) => saysAccented(clause, phrase))) at = i;
    i = j;
  }
  if (at < 0) return false;
  const from = all.slice(at);
  return !PROCEDURE_ASKED.some((phrase) => says(from, phrase)) && !says(from, FEE_RUN);
}

const LONGEST = 8;

/**
 * A well-wish that closes a chat, alone or with thanks, ok or goodbye words around it: «cảm ơn bạn nhiều, chúc bạn một
 * ngày làm việc vui vẻ», «chúc ad cuối tuần vui vẻ nhé», "thanks a lot, have a nice day", "wish you a good weekend",
 * "take care". Every word is a closing's or a wish's (WISH_WORDS): a wish beside a question («chúc mừng bé chào đời thì
 * làm khai sinh ở đâu») is no closing. «chúc» is read with its accents where the message is typed with them («chức», a
 * post, is none), and never in a will («di chúc», «chúc thư») or a congratulation («chúc mừng»).
 */
const WISH_OPENING = ["have a", "wish you", "take care"].map(phraseOf);
const WISH = phraseOf("chúc")[0] as Word;
const NOT_WISH_BEFORE = new Set(tokenize("di"));
const NOT_WISH_AFTER = new Set(tokenize("thư mừng"));
/** Whom a wish is for and what it wishes («chúc bạn», «một ngày», «cuối tuần», «vui vẻ», «tốt lành»; "a nice day"). */
const WISHED = [
  ...["bạn", "ad", "admin", "anh chị", "em", "mọi người", "cả nhà", "cô chú", "bác", "một ngày", "buổi tối"],
  ...["buổi sáng", "buổi chiều", "cuối tuần", "năm mới", "làm việc", "vui vẻ", "tốt lành", "an lành", "bình an"],
  ...["sức khỏe", "khỏe mạnh", "may mắn", "thành công", "hiệu quả", "thuận lợi", "niềm vui", "luôn", "nice", "good"],
  ...[
    "great",
    "lovely",
    "wonderful",
    "day",
    "weekend",
    "evening",
    "week",
    "one",
    "and",
    "again",
    "too",
    "all the best",
  ],
];
const WISH_WORDS = new Set(["chúc", "have a", "wish you", "take care", ...WISHED].flatMap((run) => tokenize(run)));
const WISH_LONGEST = 25;
/** Thanks said with the wish: thanked back («Không có gì ạ!»); a wish alone or with a greeting or goodbye: goodbye. */
const THANKED = (KINDS.find((kind) => kind.reply === "small-talk-thanks")?.phrases ?? []).map(phraseOf);
function closesWithWish(said: readonly Word[]): boolean {
  if (said.length === 0 || said.length > WISH_LONGEST) return false;
  const accented = typedWithMarks(said);
  const wishes =
    WISH_OPENING.some((run) => says(said, run)) ||
    said.some(
      (w, i) =>
        w.token === WISH.token &&
        (w.marks === WISH.marks || (!accented && w.marks === "")) &&
        !NOT_WISH_BEFORE.has(said[i - 1]?.token ?? "") &&
        !NOT_WISH_AFTER.has(said[i + 1]?.token ?? ""),
    );
  return wishes && said.every((w) => VOCABULARY.has(w.token) || WISH_WORDS.has(w.token));
}

/**
 * A request to translate a text for the citizen ("dịch câu này sang tiếng Anh giúp tôi", "translate this into
 * Vietnamese"): the bot does not translate, and it is no certification of a translation (the ward certifies a
 * translator's signature, which such a message never mentions). "dịch vụ", "dịch bệnh" are other words.
 */
const TRANSLATE = [" dich sang ", " dich ra ", " dich giup ", " dich ho ", " dich gium ", " dich dum ", " translate "];
const TRANSLATE_TO = [" sang tieng ", " ra tieng ", " into ", " to english ", " to vietnamese "];
/** Words of certifying a translation, which the ward does: then the message is that procedure's. */
const CERTIFY = [
  ...["chứng thực", "công chứng", "người dịch", "bản dịch", "cộng tác viên", "certify", "certified"],
  ...["certification", "notarize", "notarized", "notary"],
].map((phrase) => words(phrase));
const TRANSLATION_LONGEST = 25;

function asksTranslation(text: string): boolean {
  const said = words(text);
  const padded = ` ${said.map((w) => w.token).join(" ")} `;
  if (said.length > TRANSLATION_LONGEST || CERTIFY.some((run) => says(said, run))) return false;
  // whether a paper must be translated is asked of its procedure's papers, no translation asked of the bot
  if (asksIfTranslationNeeded(padded, said)) return false;
  if (said.length <= WORD_ASKED_LONGEST && WORD_ASKED.some((pattern) => pattern.test(padded))) return true;
  const asks =
    TRANSLATE.some((run) => padded.includes(run)) || (padded.startsWith(" dich ") && !padded.startsWith(" dich vu "));
  return asks && (TRANSLATE_TO.some((run) => padded.includes(run)) || padded.includes(" translate "));
}

/**
 * Whether a message asks if translating is required (FOLLOW s25: «giấy kết hôn bên Hàn cấp có cần dịch ra tiếng Việt
 * không», «giấy tờ của chồng em bên Hàn cấp thì có phải dịch ra tiếng Việt không», «do the papers need to be translated
 * into Vietnamese?»): the need asked, yes or no, is the procedure's documents (its record says which foreign papers are
 * translated), not a request to translate. Folded words, padded with spaces; `said`, the message's words.
 */
function asksIfTranslationNeeded(padded: string, said: readonly Word[]): boolean {
  const needed = / (?:co phai|co can|can phai|co bat buoc|bat buoc phai|phai|can) (?:\S+ ){0,1}dich /.test(padded);
  const english =
    / (?:need|needs|have|has|must) (?:to )?be translated | (?:do|does|must) (?:i|we|you) (?:need|have) to translate /;
  return (needed && questionEnd(said).yesNo) || english.test(padded);
}

/** Words of a yes/no question's end: the yes/no word, then the particles that may close it (folded). */
const YES_NO_END = words("không ko k hông hok chưa hả à hem");
const CLOSING = new Set(tokenize("ạ ah vậy z thế nhỉ hả ta nhé nha chứ đây bạn ad em anh chị ơi"));

/**
 * How a message ends as a question: `end`, past the last word before the particles that close it («… không ạ», «… ko
 * nhỉ», «… chưa anh ơi»), and whether that word is a yes/no word (`yesNo`: «… có cần không», «… phải dịch không vậy»,
 * «… cần lý lịch tư pháp hả»). Where the message is typed with accents, the yes/no word must carry its own («ạ» closes,
 * it is no «à»). One reader for a translation asked as needed (here) and another agency's paper asked as needed
 * (redirects.ts).
 */
export function questionEnd(said: readonly Word[]): { end: number; yesNo: boolean } {
  const accented = typedWithMarks(said);
  const isYesNo = (w: Word | undefined) =>
    w !== undefined && YES_NO_END.some((n) => n.token === w.token && (!accented || n.marks === w.marks));
  let end = said.length;
  while (end > 1 && !isYesNo(said[end - 1]) && CLOSING.has(said[end - 1]?.token as string)) end--;
  return { end, yesNo: isYesNo(said[end - 1]) };
}

/**
 * A word asked in another language ("giấy khai sinh tiếng Anh là gì", "tạm trú tiếng Hàn nói thế nào", "how do you
 * say birth certificate in Vietnamese"): a translation, not the procedure named. Folded words, padded with spaces.
 */
const LANGUAGE = "(?:anh|han|nhat|trung|phap|duc|nga|viet|hoa|thai|lao)";
const WORD_ASKED = [
  new RegExp(
    ` tieng ${LANGUAGE} (?:la gi|goi la gi|noi the nao|noi sao|viet the nao|viet sao|dich the nao|la chu gi) `,
  ),
  / (?:how do you say|how do i say|what is the (?:english|vietnamese) (?:word|for)|what s the (?:english|vietnamese) for) /,
  / in (?:english|vietnamese) (?:is|called) /,
];
const WORD_ASKED_LONGEST = 14;

/**
 * A request to write something for the citizen ("ad viết giúp em lá đơn xin nghỉ phép gửi công ty", "soạn hộ tôi
 * bài phát biểu đám cưới", "can you write me a cover letter"): the bot writes no letters, and the writing asked is no
 * ward procedure, whatever the occasion names (a wedding is no marriage registration). Only writings no ward procedure
 * is made of: a petition or an application form to the ward ("viết giúp đơn xin hỗ trợ") is left to the search, which
 * answers the procedure it belongs to.
 */
/** Longest first: "soạn thảo" before "soạn". */
const WRITE = ["soạn thảo", "viết", "soạn", "write", "draft", "compose"].map(phraseOf);
/** Who the writing is asked of or for, right after the verb: "viết giúp", "soạn hộ", "write me". */
const FOR_ME = words("giúp hộ dùm giùm cho me");
/** Asked in English before the verb: "can you write", "help me write", "please write". */
const ASK_BEFORE = ["can you", "could you", "help me", "please", "would you"].map(phraseOf);
const WRITINGS = [
  ...["bài phát biểu", "phát biểu", "diễn văn", "điếu văn", "lời chúc", "thiệp"],
  ...["đơn xin nghỉ", "đơn xin nghỉ phép", "đơn xin việc", "đơn xin thôi việc", "đơn nghỉ việc", "cv", "email"],
  ...["bài văn", "bài thơ", "bài đăng", "status", "kịch bản", "truyện"],
  ...["cover letter", "speech", "essay", "poem", "resume", "story", "toast"],
].map(phraseOf);
/**
 * A letter or a message may be a ward request itself ("viết hộ em thư xin xác nhận tình trạng hôn nhân", "a power of
 * attorney letter", "a letter to register my baby's birth"): one counts as a writing asked of the bot only when nothing
 * around it asks something of an office (REQUESTED).
 */
const LETTERS = ["thư", "lá thư", "bức thư", "tin nhắn", "letter", "message"].map(phraseOf);
/** Words that make a letter a request to an office: what it asks for, or the paper it is. */
const REQUESTED = [
  ...["xin", "đề nghị", "yêu cầu", "ủy quyền", "xác nhận", "trình bày", "kiến nghị", "khiếu nại", "tố cáo"],
  ...["to register", "to request", "to apply", "requesting", "asking", "attorney", "authorization", "authorisation"],
  ...["certificate", "certify", "confirm", "complaint", "application"],
].map(phraseOf);
/** How far before ("a power of attorney letter") and after ("thư xin …") a letter such words are read. */
const REQUEST_REACH = 4;
/** Words between the request and the writing: "viết giúp em một lá đơn …", "write me a short …". */
const WRITING_REACH = 6;
const WRITING_LONGEST = 30;
/** A writing to the ward itself ("write a letter to the ward asking for …"): the procedure it asks is the answer. */
const TO_WARD = ["phường", "xã", "ủy ban", "ubnd", "ward", "commune", "một cửa"].map(phraseOf);

function asksWriting(said: readonly Word[]): boolean {
  if (said.length > WRITING_LONGEST || TO_WARD.some((run) => says(said, run))) return false;
  for (let start = 0; start < said.length; start++) {
    // "soạn thảo" is one verb ("soạn thảo giúp tôi …"); "thảo" alone is a name ("chị Thảo cho em hỏi …")
    const verb = WRITE.find((run) => foundAt(said.slice(start, start + run.length), run) === 0);
    if (!verb) continue;
    const i = start + verb.length - 1;
    const asked =
      FOR_ME.some((w) => says(said.slice(i + 1, i + 2), [w])) ||
      ASK_BEFORE.some((run) => says(said.slice(Math.max(0, start - run.length), start), run));
    if (!asked) continue;
    const after = said.slice(i + 1, i + 2 + WRITING_REACH);
    if (WRITINGS.some((run) => says(after, run))) return true;
    for (const letter of LETTERS) {
      const at = foundAt(after, letter);
      if (at < 0) continue;
      const end = i + 1 + at + letter.length;
      // "thư viện" (a library, the ward registers a community one) is no letter
      if (says(said.slice(end - letter.length, end + 1), phraseOf("thư viện"))) continue;
      const around = said.slice(Math.max(i + 1, end - letter.length - REQUEST_REACH), end + REQUEST_REACH);
      if (!REQUESTED.some((run) => says(around, run))) return true;
    }
  }
  return false;
}

/** Whether the words say the run, with its accents where the citizen typed accents ("bạn dịch" is no "bản dịch"). */
function says(text: readonly Word[], run: readonly Word[]): boolean {
  return foundAt(text, run) >= 0;
}

/** Where the words say the run first (as `says` reads it), or -1. */
function foundAt(text: readonly Word[], run: readonly Word[]): number {
  for (let i = 0; i + run.length <= text.length; i++) {
    if (
      run.every((w, j) => {
        const at = text[i + j] as Word;
        return at.token === w.token && (at.marks === "" || at.marks === w.marks);
      })
    ) {
      return i;
    }
  }
  return -1;
}

/**
 * Thanks, then what was done thanks to it ("cảm ơn bot nhiều, giấy khai sinh của con làm xong rồi", "thanks, I got
 * it done"): no question, so no procedure to answer though one is named.
 */
const THANKS_OPENING = ["cam on", "cám on", "thanks", "thank you", "tks", "camon"].map(
  (p) => ` ${tokenize(p).join(" ")} `,
);
const DONE_ENDING = new Set(tokenize("rồi xong done already"));
const QUESTION_WORDS = new Set(
  // "bao" for "bao nhiêu", "bao lâu" ("nhiều" of "cảm ơn nhiều" folds as "nhiêu"); no "à", "hả" ("ạ", "ha" end thanks)
  tokenize("không ko k hông hok gì j sao nào đâu bao mấy chưa nhỉ how what where when can could should"),
);
const DONE_TAIL = new Set(tokenize("ạ nhé nha nhe ha á luôn"));
const THANKS_DONE_LONGEST = 20;
const AGREE = new Set(tokenize("ok okay oke okie vâng dạ ừ uh yes"));

function thanksForDone(text: string, tokens: readonly string[]): boolean {
  if (thanksTold(text) || thanksLast(text)) return true;
  if (tokens.length > THANKS_DONE_LONGEST || text.includes("?")) return false;
  // "ok thanks, …", "dạ cảm ơn, …": an agreement may come first
  const from = tokens.findIndex((t) => !POLITE.has(t) && !AGREE.has(t));
  const padded = ` ${tokens.slice(Math.max(0, from)).join(" ")} `;
  if (!THANKS_OPENING.some((opening) => padded.startsWith(opening))) return false;
  if (tokens.some((t) => QUESTION_WORDS.has(t))) return false;
  let end = tokens.length - 1;
  while (end > 0 && DONE_TAIL.has(tokens[end] as string)) end--;
  return DONE_ENDING.has(tokens[end] as string) || tokens.includes("already");
}

/**
 * Thanks first, then only what was done or how it went, with no question or request anywhere ("cảm ơn ad nhiều, giấy
 * khai sinh của bé nhà em làm xong rồi, nhanh lắm luôn", "Em cảm ơn phường đã hỗ trợ em làm thủ tục đăng ký kết hôn
 * nhanh chóng, cán bộ rất nhiệt tình ạ", "thanks a lot, my temporary residence registration was approved yesterday"):
 * the procedure named is what was done, not what is asked. Something must be told as done or praised (a bare "cảm
 * ơn, đăng ký kết hôn" is a request after the thanks), and a question word, a request ("muốn", "cần", "xin", "want",
 * "need") or a turn to more ("còn", "nữa", "giờ", "tiếp", "also", "next") keeps it a question.
 */
const THANKS_WHO = new Set(tokenize("em anh chị dạ vâng ok okay oke tôi mình cháu con tui tớ e ad bot i we"));
const THANKS_TOLD = [
  ...["rồi", "xong", "đã", "vừa", "được", "nhanh", "nhiệt tình", "tận tình", "chu đáo", "dễ thương", "dễ hiểu"],
  ...["rõ ràng", "hữu ích", "done", "already", "approved", "got", "received", "finished", "was", "were", "did"],
  ...["helpful", "kind", "quick", "fast", "great"],
  // how it went ("thanks so much, my temporary residence went through smoothly")
  ...["went", "quickly", "smoothly", "easily", "sorted"],
].map(phraseOf);
const THANKS_MORE = words(
  "không ko k hông hok gì j sao nào đâu bao mấy chưa nhỉ how what where when can could should " +
    "muốn mún cần xin hỏi giúp nhờ ntn còn nữa giờ tiếp want need like please help also next now another " +
    // a section asked on after the thanks ("thanks, got it. And the fee for my roommate too")
    "and fee fees cost price documents papers phí",
);
const THANKS_GIVEN = words("đã vừa");
const THANKS_TOLD_LONGEST = 45;

function thanksTold(text: string): boolean {
  if (text.includes("?")) return false;
  const said = words(text);
  if (said.length > THANKS_TOLD_LONGEST) return false;
  const from = said.findIndex((w) => !THANKS_WHO.has(w.token));
  if (from < 0) return false;
  const padded = ` ${said
    .slice(from)
    .map((w) => w.token)
    .join(" ")} `;
  if (!THANKS_OPENING.some((opening) => padded.startsWith(opening))) return false;
  // with its accents where typed: "cán bộ" asks nothing, "can" does; nor the "sao" of "bản sao", "sao y", or help
  // told as given ("đã giúp", "vừa hướng dẫn")
  if (asksMore(said)) return false;
  return THANKS_TOLD.some((run) => says(said, run));
}

/**
 * A question or a request anywhere in the words (THANKS_MORE), with its accents where typed: "cán bộ" asks nothing,
 * "can" does; nor the "sao" of "bản sao", "sao y", or help told as given ("đã giúp", "vừa hướng dẫn").
 */
const PAPER_NAMED = new Set(tokenize("đơn giấy"));
function asksMore(said: readonly Word[]): boolean {
  // in a message typed with accents a word typed without them is itself ("con" is no "còn")
  const accented = said.some((w) => w.marks !== "");
  return said.some(
    (w, i) =>
      THANKS_MORE.some((m) => m.token === w.token && (w.marks === m.marks || (!accented && w.marks === ""))) &&
      !(w.token === "sao" && (said[i - 1]?.token === "ban" || said[i + 1]?.token === "y")) &&
      // a paper's name: "đơn xin tách hộ", "giấy xin phép"
      !(w.token === "xin" && PAPER_NAMED.has(said[i - 1]?.token ?? "")) &&
      !THANKS_GIVEN.some(
        (t) => t.token === said[i - 1]?.token && (said[i - 1]?.marks === "" || said[i - 1]?.marks === t.marks),
      ),
  );
}

/**
 * Thanks said LAST, after what was done or will be done, with no question or request anywhere ("dạ em nộp hồ sơ tạm
 * trú cho mẹ rồi ạ, cảm ơn nhiều", "giay khai sinh cua be lay roi nha, tks ad", "vâng em hiểu rồi, mai em mang giấy
 * tờ lên phường, cảm ơn chị"): the procedure named is what was done, not what is asked. The clause right before the
 * thanks must tell something done or how it went (THANKS_TOLD), or the message must open on an agreement ("ok", "vâng",
 * "em hiểu rồi", "got it"); a bare request before the thanks ("con em sinh được 2 tháng rồi, làm khai sinh cho bé, cảm
 * ơn") is still a request.
 */
const THANKS_TAIL = new Set(
  tokenize(
    "ạ nhé nha nhe nhá ha nhiều lắm ad admin bot chị anh bạn em cô chú bác mọi người phường very much so a lot " +
      // "thanks a lot for the help", "cheers guys", "really appreciate it again"
      "for the your help helping support everything all again guys team",
  ),
);
/** Said before the thanks itself: "em cảm ơn", "xin chân thành cảm ơn", "rất cảm ơn". */
const THANKS_LEAD = new Set(tokenize("em anh chị tôi mình cháu con e xin chân thành rất many really truly i we"));
const THANKS_CLOSING = [
  ...["cam on", "cám on", "thanks", "thank you", "thank u", "tks", "thks", "camon", "cmon", "thx", "cheers"],
  ...["appreciate it", "much appreciated", "many thanks", "biết ơn", "grateful"],
].map((p) => tokenize(p));
/**
 * Praise said last instead of thanks, after what was done ("my son got his birth certificate sorted last week, you guys
 * are great", "xong hết rồi, phường làm nhanh ghê, tuyệt vời"): as thanks.
 */
const PRAISE_CLOSING = [
  ...["you guys are great", "you are great", "you re great", "you guys rock", "you re the best", "great job"],
  ...["good job", "awesome", "amazing", "tuyệt vời", "giỏi quá", "nhanh ghê", "nhanh thật", "chu đáo quá"],
].map((p) => tokenize(p));
/** An agreement or an understanding the message opens on ("ok em …", "vâng em hiểu rồi, …", "got it, …"). */
const ACKNOWLEDGED = [
  ...["ok", "okay", "oke", "okie", "vâng", "dạ vâng", "dạ vâng ạ", "ừ", "uh", "got it", "i see", "understood"],
  ...["em hiểu rồi", "hiểu rồi", "em biết rồi", "e biết rồi", "biết rồi", "rõ rồi", "em rõ rồi", "dạ em hiểu rồi"],
].map(phraseOf);
const THANKS_LAST_TOLD = [...THANKS_TOLD, ...["suôn sẻ", "xong xuôi", "ổn rồi", "will", "i'll"].map(phraseOf)];
/** An English verb told in the past ("we collected …", "submitted everything yesterday", "got it sorted"). */
const ENGLISH_PAST = /^[a-z]{3,}ed$/;
const ENGLISH_PAST_NOT = new Set(tokenize("need needed red bed shed feed seed speed"));
function toldInEnglish(said: readonly Word[]): boolean {
  return said.some((w) => w.marks === "" && ENGLISH_PAST.test(w.token) && !ENGLISH_PAST_NOT.has(w.token));
}
/**
 * The deed thanked for, said after the thanks ("…, cảm ơn cán bộ đã hướng dẫn tận tình", "thanks to the officer who
 * helped"): who, then "đã", "vừa", "vì", "for", "who" within a few words, and no question or request.
 */
const DEED_OPENING = words("đã vừa vì for who");
const DEED_REACH = 4;

/** An act one asks for, which makes a clause before the thanks a request ("làm khai sinh cho bé, cảm ơn"). */
const REQUEST_ACTS = words("làm đăng ký đk dk xin nộp cấp chứng thực khai register apply renew");
/**
 * Words of a story told before the thanks that ask nothing: English "and" joining what was done ("the officer explained
 * everything and it was done the same day"), and "còn" inside its clause ("chị cán bộ còn gọi điện báo": even), not
 * opening it ("còn lệ phí thì sao": and what about).
 */
const CON = words("còn")[0] as Word;
function joinsTold(before: readonly TextWord[], i: number): boolean {
  const w = before[i] as TextWord;
  if (w.token === "and" && w.marks === "") return true;
  return w.token === CON.token && w.marks === CON.marks && before[i - 1]?.clause === w.clause;
}

function thanksLast(text: string): boolean {
  if (text.includes("?")) return false;
  const all = textWords(text);
  if (all.length > THANKS_TOLD_LONGEST) return false;
  let end = all.length;
  while (end > 0 && THANKS_TAIL.has(all[end - 1]?.token as string)) end--;
  let closing = [...THANKS_CLOSING, ...PRAISE_CLOSING].find((run) =>
    run.every((t, j) => all[end - run.length + j]?.token === t),
  );
  if (!closing) {
    // the thanks, then the deed thanked for: "…, cảm ơn cán bộ đã hướng dẫn tận tình"
    for (let i = all.length - 1; i > 0 && !closing; i--) {
      const run = THANKS_CLOSING.find((r) => r.every((t, j) => all[i + j]?.token === t));
      if (!run) continue;
      const deed = all.slice(i + run.length);
      const opens = deed
        .slice(0, DEED_REACH)
        .some((w) => DEED_OPENING.some((d) => d.token === w.token && (w.marks === "" || w.marks === d.marks)));
      if (deed.length > 0 && opens && !asksMore(deed)) {
        closing = run;
        end = i + run.length;
      }
    }
  }
  if (!closing) return false;
  let start = end - closing.length;
  while (start > 0 && THANKS_LEAD.has(all[start - 1]?.token as string)) start--;
  const before = all.slice(0, start);
  if (before.length < 2 || asksMore(before.filter((_, i) => !joinsTold(before, i)))) return false;
  const lastClause = before.filter((w) => w.clause === before[before.length - 1]?.clause);
  const tells = (clause: readonly Word[]) => THANKS_LAST_TOLD.some((run) => says(clause, run)) || toldInEnglish(clause);
  if (tells(lastClause)) return true;
  // what was done told in an earlier clause, the last one only adding how it ended ("… cán bộ làm nhanh lắm, chiều là
  // có giấy, em cảm ơn phường nhiều ạ"): not a bare request before the thanks ("…, làm khai sinh cho bé, cảm ơn")
  const clauses = new Set(before.map((w) => w.clause));
  const earlier = [...clauses].some((c) => tells(before.filter((w) => w.clause === c)));
  if (
    earlier &&
    !lastClause.some((w) => REQUEST_ACTS.some((r) => r.token === w.token && (w.marks === "" || w.marks === r.marks)))
  )
    return true;
  // the agreement opens the message, after a "dạ" or an address at most
  return ACKNOWLEDGED.some((run) => foundAt(before.slice(0, run.length + 1), run) >= 0);
}

/**
 * Venting, no question ("… cán bộ trả lời cộc lốc, tôi rất bực mình. Tôi chỉ muốn nói ra cho nhẹ người thôi."): a
 * story that names a procedure asks nothing of it.
 */
const VENTING = [
  ...["chỉ muốn nói ra", "nói ra cho nhẹ", "cho nhẹ lòng", "cho nhẹ người", "chỉ muốn tâm sự", "chỉ muốn than"],
  ...["just venting", "just want to vent", "just wanted to vent"],
].map((phrase) => ` ${tokenize(phrase).join(" ")} `);

function vents(text: string, padded: string): boolean {
  return !text.includes("?") && VENTING.some((phrase) => padded.includes(phrase));
}

/**
 * A complaint, no question or request ("làm tạm trú gì mà chậm thế, nộp 2 tuần rồi chưa thấy gì, phường làm ăn kiểu gì
 * vậy", "làm khai sinh cho con mà phải đi lại 3 lần, mệt mỏi quá", "your service is so slow, I waited a week for a
 * simple certified copy"): the procedure named is what was suffered, not what is asked. Rhetorical "gì mà", "kiểu gì"
 * ask nothing; a section asked ("bao lâu", "ở đâu"), a yes/no said last ("… xong chưa", "… được không"), a request
 * ("muốn", "cần", "xin") or a petition the ward takes (khiếu nại, tố cáo, phản ánh, kiến nghị, đơn) keeps it a question.
 */
const COMPLAINT = [
  ...["chậm thế", "chậm quá", "chậm vậy", "chậm chạp", "lâu thế", "lâu quá", "lâu vậy", "mệt mỏi", "mệt quá"],
  ...["chán quá", "chán thật", "chán ghê", "chán thế", "chán vậy", "bực mình", "bực quá", "bực ghê", "bức xúc"],
  ...["thái độ", "quá tệ", "tệ quá", "tệ hại", "làm ăn kiểu gì", "hành dân"],
  ...["hành người dân", "vô trách nhiệm", "quan liêu", "hạch sách", "phải đi lại", "đi lại mấy lần", "vô dụng"],
  ...["mất thời gian", "như không", "so slow", "too slow", "terrible", "ridiculous", "useless", "waste of time"],
  ...["rude", "unacceptable", "fed up", "tired of"],
].map(phraseOf);
const COMPLAINT_ASKS = [
  ...["bao", "mấy", "nào", "đâu", "ntn", "làm sao", "thế nào", "như nào", "muốn", "mún", "cần", "xin", "nhờ", "giúp"],
  ...["hỏi", "cho em hỏi", "khiếu nại", "tố cáo", "phản ánh", "kiến nghị", "đơn", "được không", "có được", "có phải"],
  ...["how", "what", "where", "when", "which", "can", "could", "should", "want", "need", "please", "help", "complain"],
].map(phraseOf);
/**
 * A feeling of annoyance or weariness said with an intensifier after it or a degree word before it ("nản thật sự", "tức
 * ghê", "chán không buồn nói", "mệt hết cả người", "phát bực", "so annoying"): a complaint in whatever feeling word.
 */
const FEELING = ["chán", "bực", "nản", "tức", "mệt", "ngán", "oải", "khổ", "điên", "ức chế", "bực bội", "cáu"].map(
  phraseOf,
);
const FEELING_AFTER = [
  ...["quá", "ghê", "thật", "thế", "vậy", "lắm", "thật sự", "kinh khủng", "hết cả người", "không buồn nói", "chết"],
  ...["đi được", "cả mình", "cả người", "muốn chết", "thiệt", "dễ sợ", "vãi"],
].map(phraseOf);
const FEELING_BEFORE = ["phát", "thật là", "rất"].map(phraseOf);
/** English feelings are complaints said with a degree word before them ("so annoying", "really frustrating"). */
const FEELING_EN = [
  ...["annoying", "annoyed", "frustrating", "frustrated", "tiring", "exhausting", "disappointing", "disappointed"],
].map(phraseOf);
const FEELING_EN_BEFORE = ["so", "really", "very", "too", "how", "totally", "extremely"].map(phraseOf);
/** A hassle or a failing system told ("rườm rà", "đi lên đi xuống", "cứ báo lỗi suốt", "keeps crashing"). */
const HASSLE = [
  ...["rườm rà", "lằng nhằng", "nhiêu khê", "phiền phức", "đi lên đi xuống", "đi đi lại lại", "lên xuống mấy"],
  ...["báo lỗi suốt", "lỗi suốt", "lỗi hoài", "lỗi mãi", "cứ báo lỗi", "treo suốt", "keeps crashing", "keeps failing"],
  ...["never works", "doesn't work", "not working", "still broken"],
].map(phraseOf);
/** The places (start, length) of the complaint's own words: a listed run, a feeling said strongly, a hassle told. */
function complaintSpans(all: readonly Word[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < all.length; i++) {
    for (const run of [...RHETORICAL, ...COMPLAINT, ...HASSLE])
      if (foundAt(all.slice(i, i + run.length), run) === 0) spans.push([i, run.length]);
    for (const [feelings, afters, befores] of [
      [FEELING, FEELING_AFTER, FEELING_BEFORE],
      [FEELING_EN, [], FEELING_EN_BEFORE],
    ] as const) {
      for (const feeling of feelings) {
        if (foundAt(all.slice(i, i + feeling.length), feeling) !== 0) continue;
        const end = i + feeling.length;
        const after = afters.find((run) => foundAt(all.slice(end, end + run.length), run) === 0);
        if (after) spans.push([i, feeling.length + after.length]);
        const before = befores.find((run) => i >= run.length && foundAt(all.slice(i - run.length, i), run) === 0);
        if (before) spans.push([i - before.length, before.length + feeling.length]);
      }
    }
  }
  return spans;
}

/** Rhetorical: these ask nothing ("gì mà chậm thế", "hỏi gì cũng cáu", "hỏi mãi không ra"). */
const RHETORICAL = ["hỏi gì cũng", "hỏi mãi", "hỏi cả", "hỏi 3 lần", "hỏi ba lần", "như không"].map(phraseOf);
/** A yes/no said last in a clause ("… xong chưa", "… có kết quả không ạ"). */
const YES_NO_WORDS = words("không ko k hông hok chưa chứ");
const YES_NO_LAST = new Set(YES_NO_WORDS.map((w) => w.token));
/** With the accents typed: "máy photo hỏng" (broken) is no "hông" (colloquial "không"), "chữ" no "chứ". */
const YES_NO_MARKS = new Map(YES_NO_WORDS.map((w) => [w.token, w.marks]));
const YES_NO_TAIL = new Set(tokenize("ạ vậy thế nhỉ hả à ta"));
const COMPLAINT_LONGEST = 40;

/**
 * A longer complaint (to COMPLAINT_LONGEST_TOLD words) is one only with no "?" at all, its asking words read only in
 * clauses that tell nothing done: "Tôi đã lên phường 3 lần để hỏi về hộ khẩu … mà lần nào cán bộ cũng bảo thiếu giấy,
 * đi lại tốn thời gian quá, tôi rất bức xúc …" asked in the story, and asks nothing now.
 */
const COMPLAINT_LONGEST_TOLD = 80;
const DEED_TOLD = ["đã", "vừa", "rồi", "lần nào", "mấy lần", "bao nhiêu lần", "nhiều lần"].map(phraseOf);
const TIMES = phraseOf("lần");
function tellsDeed(clause: readonly Word[]): boolean {
  return (
    DEED_TOLD.some((run) => says(clause, run)) ||
    clause.some((_, i) => foundAt(clause.slice(i, i + 1), TIMES) === 0 && /^\d+$/.test(clause[i - 1]?.token ?? ""))
  );
}

export function complains(text: string): boolean {
  const all = textWords(text);
  if (all.length > COMPLAINT_LONGEST_TOLD || (all.length > COMPLAINT_LONGEST && text.includes("?"))) return false;
  const long = all.length > COMPLAINT_LONGEST;
  const spans = complaintSpans(all);
  // a rhetorical run alone is no complaint
  const rhetorical = (at: number, length: number) =>
    RHETORICAL.some((run) => run.length === length && foundAt(all.slice(at, at + length), run) === 0);
  if (!spans.some(([at, length]) => !rhetorical(at, length))) return false;
  // Rhetorical runs and the complaint's own words ask nothing ("đi lại mấy lần"), nor what was done before a "mà" that
  // turns to the complaint ("xin cái giấy xác nhận cư trú mà mất thời gian kinh khủng").
  const silent = new Set<number>();
  for (const [i, length] of spans) {
    for (let j = 0; j < length; j++) silent.add(i + j);
    let but = i - 1;
    while (but >= 0 && all[but]?.clause === all[i]?.clause && all[but]?.token !== "ma") but--;
    if (but >= 0 && all[but]?.token === "ma")
      for (let k = 0; k <= but; k++) if (all[k]?.clause === all[i]?.clause) silent.add(k);
  }
  if (long) {
    // a long complaint's asking words told in a clause of what was done ("đã lên phường 3 lần để hỏi") ask nothing
    const clauses = new Map<number, Word[]>();
    for (const w of all) clauses.set(w.clause, [...(clauses.get(w.clause) ?? []), w]);
    all.forEach((w, i) => {
      if (tellsDeed(clauses.get(w.clause) ?? [])) silent.add(i);
    });
  }
  const spoken = all.filter((_, i) => !silent.has(i));
  if (COMPLAINT_ASKS.some((run) => says(spoken, run))) return false;
  return !endsYesNo(spoken);
}

/** Whether a clause ends on a yes/no word ("… xong chưa", "… có kết quả không ạ", "… làm giấy không hay …"). */
function endsYesNo(said: readonly TextWord[]): boolean {
  for (let i = 0; i < said.length; i++) {
    const w = said[i] as TextWord;
    if (!YES_NO_LAST.has(w.token)) continue;
    if (w.marks !== "" && w.marks !== YES_NO_MARKS.get(w.token)) continue;
    let j = i + 1;
    while (j < said.length && said[j]?.clause === w.clause && YES_NO_TAIL.has(said[j]?.token as string)) j++;
    if (j >= said.length || said[j]?.clause !== w.clause || said[j]?.token === "hay") return true;
  }
  return false;
}

/**
 * Trivia and opinion about the records' matters, with nothing of a procedure asked ("khai sinh có từ năm nào ở Việt
 * Nam", "ai là người nghĩ ra sổ hộ khẩu", "tại sao phải có giấy xác nhận độc thân mới được kết hôn", "ngày xưa khai
 * tử có phải làm giấy không", "why does Vietnam still use the household registration book", "theo bạn có nên đăng ký
 * kết hôn sớm không"): history, origins, customs, reasons and opinions are no procedure. A section, a request or a
 * procedure act asked beside them (TRIVIA_NOT: "bao nhiêu", "ở đâu", "có bắt buộc", "thủ tục", "hồ sơ", "muốn") keeps
 * the message the search's; short messages only (a letter tells its story in such words: "do ngày xưa cán bộ ghi
 * thiếu").
 */
const TRIVIA = [
  ...["có từ năm nào", "có từ bao giờ", "có từ khi nào", "có từ thời", "xuất hiện từ", "ra đời từ", "ra đời năm"],
  ...["ra đời khi nào", "ra đời vào", "nguồn gốc", "lịch sử của", "lịch sử hình thành", "ai nghĩ ra", "ai đặt ra"],
  ...["ai phát minh", "người nghĩ ra", "người đặt ra", "thời phong kiến"],
  ...["tục lệ", "phong tục", "ý nghĩa của", "tại sao phải", "vì sao phải", "sao lại phải", "tại sao người"],
  ...["vì sao người", "tại sao lại", "vì sao lại", "bạn nghĩ sao"],
  // who did a thing of history, what other countries do ("vua nào dời đô", "người đầu tiên … là ai", "ở nước ngoài
  // người ta có sổ hộ khẩu như mình không")
  ...["vua nào", "triều đại nào", "triều nào", "đầu tiên là ai", "là người đầu tiên", "nước khác có"],
  ...["nước ngoài người ta", "người đầu tiên"],
  ...["các nước khác", "in other countries"],
  ...["since when", "who invented", "history of", "origin of", "why does", "why do", "why is", "why are"],
  ...["why must", "why should", "in your opinion", "what do you think"],
].map(phraseOf);
const TRIVIA_NOT = [
  ...["bao nhiêu", "bao lâu", "mấy ngày", "ở đâu", "chỗ nào", "nơi nào", "cơ quan nào", "có bắt buộc", "bắt buộc"],
  ...["có cần", "cần gì", "cần những", "giấy tờ gì", "hồ sơ", "thủ tục", "làm sao", "thế nào", "như nào", "ntn"],
  ...["muốn", "mún", "xin", "nộp", "lệ phí", "phí", "online", "trực tuyến", "bị phạt", "phạt", "có được", "được không"],
  ...["em có", "tôi có", "mình có", "how do i", "how can i", "how much", "how long", "where", "do i need", "fee"],
  ...["required", "must i", "can i", "should i"],
].map(phraseOf);
const TRIVIA_LONGEST = 25;
/**
 * A reason asked at the start of the message, with any words before what must or does happen ("tại sao người Việt lại
 * phải có tên đệm", "vì sao ngày phụ nữ Việt Nam lại là 20 tháng 10", "tại sao người già hay muốn lập di chúc sớm"): a
 * custom or a reason, unless a section or an act is asked beside (TRIVIA_NOT).
 */
const WHY = ["tại sao", "vì sao", "sao lại", "why", "how come"].map(phraseOf);
const WHY_OPENERS = new Set(tokenize("cho em tôi mình hỏi ad admin bot ơi dạ ạ à ừ mà nhưng thế vậy thì but so and"));
function opensWithWhy(said: readonly Word[]): boolean {
  for (const run of WHY) {
    const at = foundAt(said, run);
    if (at >= 0 && said.slice(0, at).every((w) => WHY_OPENERS.has(w.token))) return true;
  }
  return false;
}
/** Since when something was brought in or done away with ("sổ hộ khẩu giấy bị bỏ từ năm nào"). */
const SINCE_WHEN = ["từ năm nào", "từ bao giờ", "từ khi nào", "từ lúc nào", "từ thời nào", "từ hồi nào"].map(phraseOf);
const CAME_OR_WENT = [
  ...["bỏ", "bãi bỏ", "xóa bỏ", "có", "ra đời", "xuất hiện", "áp dụng", "dùng", "sử dụng", "không còn", "ngừng"],
  ...["thay", "thay thế", "đổi sang", "chuyển sang"],
].map(phraseOf);
const CAME_REACH = 4;
function asksSinceWhen(said: readonly Word[]): boolean {
  return SINCE_WHEN.some((since) => {
    const at = foundAt(said, since);
    if (at < 0) return false;
    const before = said.slice(Math.max(0, at - CAME_REACH), at);
    return CAME_OR_WENT.some((run) => says(before, run));
  });
}
/** What a paper of the old days looked like ("giấy khai sinh thời bao cấp trông như thế nào"): its "thế nào" asks no way. */
const LOOKS = [
  "trông như thế nào",
  "trông thế nào",
  "trông ra sao",
  "trông như nào",
  "hình dáng",
  "look like",
  "looked like",
].map(phraseOf);

/** The old days, asked of ("ngày xưa khai tử có phải làm giấy không"), not told ("ba em hồi xưa làm ruộng"). */
const TRIVIA_PAST = [
  ...["ngày xưa", "thời xưa", "hồi xưa", "ngày trước", "hồi trước", "in the past", "thời bao cấp", "thời pháp"],
  ...["thời chiến", "năm xưa", "thời ông bà", "back then", "in the old days"],
].map(phraseOf);
const PAST_ASKED = ["nào", "sao", "ai", "có phải", "how", "what", "did", "was", "were"].map(phraseOf);
/** An opinion asked of the bot, said first ("theo bạn có nên …", "theo ad thì …"; not "mang j theo ad"). */
const OPINION_FIRST = ["theo bạn", "theo ad", "theo admin", "theo bot"].map(phraseOf);

export function asksTrivia(text: string, said: readonly Word[]): boolean {
  if (said.length > TRIVIA_LONGEST) return false;
  // a why asked of one's own filing refused or held up ("vì sao con tôi không được cấp giấy khai sinh ở phường",
  // "why was my application rejected"): the procedure's conditions, no trivia (intent-context.ts reads it so)
  if (whyRefusedAt(textWords(text)) >= 0) return false;
  const past = TRIVIA_PAST.some((run) => says(said, run));
  // the old days' look asked: its "thế nào" is no way asked
  const looks = past ? LOOKS.find((run) => says(said, run)) : undefined;
  const at = looks ? foundAt(said, looks) : -1;
  const rest = looks ? [...said.slice(0, at), ...said.slice(at + looks.length)] : said;
  return (
    (TRIVIA.some((run) => says(said, run)) ||
      OPINION_FIRST.some((run) => foundAt(said.slice(0, 3), run) >= 0) ||
      opensWithWhy(said) ||
      asksSinceWhen(said) ||
      looks !== undefined ||
      (past && (text.includes("?") || PAST_ASKED.some((run) => says(said, run)) || endsYesNo(textWords(text))))) &&
    !TRIVIA_NOT.some((run) => says(rest, run))
  );
}

/**
 * What the digits or letters of a number mean ("mã số định danh 12 số mỗi nhóm số nghĩa là gì", "3 số đầu của căn cước
 * có ý nghĩa gì", "what do the first digits of my ID number mean"): how a number is made, which no procedure answers. A
 * paper's or form's own name asked ("CT07 nghĩa là gì", "giấy xác nhận tình trạng hôn nhân nghĩa là gì") names no
 * digits: that one is the search's. Short messages, nothing of a procedure asked beside (TRIVIA_NOT).
 */
const MEANING = [
  ...["nghĩa là gì", "nghĩa gì", "ý nghĩa gì", "nghĩa là sao", "nghĩa như thế nào", "thể hiện gì", "thể hiện điều gì"],
  ...["mean", "means", "stand for", "stands for"],
].map(phraseOf);
const DIGITS = [
  ...["chữ số", "nhóm số", "các số", "con số", "số đầu", "số cuối", "số giữa", "số tiếp theo", "dãy số", "ký tự"],
  ...["chữ cái", "digit", "digits", "numbers", "letters"],
].map(phraseOf);
function asksMeaningOfDigits(said: readonly Word[]): boolean {
  if (said.length > TRIVIA_LONGEST) return false;
  const meant = Math.max(...MEANING.map((run) => foundAt(said, run)));
  if (meant < 0) return false;
  const before = said.slice(0, meant);
  return DIGITS.some((run) => says(before, run)) && !TRIVIA_NOT.some((run) => says(said, run));
}

/**
 * What a wording printed or written on a paper means, the wording quoted or pointed at ("giấy chứng tử có ghi «…», chữ
 * này có nghĩa là gì", "«…» ở góc giấy nghĩa là sao", "mấy chữ viết tắt này nghĩa là gì", 'the stamp says "…", what
 * does that mean'): how a paper
 * reads, which no procedure answers, though the paper named is a ward's (session 29: such questions got the paper's
 * procedure). The wording quoted or pointed at stands before the meaning asked; a section or a request asked in the
 * question (TRIVIA_NOT, read from the wording on: "… nghĩa là gì, phải làm lại ở đâu") keeps it the search's. A paper's
 * own name asked unquoted ("giấy xác nhận tình trạng hôn nhân nghĩa là gì") points at no wording: the search's.
 */
const QUOTED = /["“”«»„]([^"“”«»„\n]{1,80})["“”«»„]/gu;
const POINTED = [
  ...["chữ đó", "chữ này", "chữ ấy", "chữ kia", "ký hiệu", "kí hiệu", "cụm từ", "từ đó", "từ này", "từ ấy"],
  ...["viết tắt", "dòng chữ", "abbreviation", "this word", "that word"],
].map(phraseOf);
function asksMeaningOfWording(text: string): boolean {
  const said = words(text);
  if (said.length > TRIVIA_LONGEST) return false;
  const meant = Math.max(...MEANING.map((run) => foundAt(said, run)));
  if (meant <= 0) return false;
  const starts: number[] = [];
  for (const quote of text.matchAll(QUOTED)) {
    const at = words(text.slice(0, quote.index)).length;
    if (at < meant && words(quote[1] ?? "").length > 0) starts.push(at);
  }
  for (const run of POINTED) {
    const at = foundAt(said.slice(0, meant), run);
    if (at >= 0) starts.push(at);
  }
  if (starts.length === 0) return false;
  return !TRIVIA_NOT.some((run) => says(said.slice(Math.min(...starts)), run));
}

/**
 * The bot's opinion asked of a rule or a procedure being there at all ("bot nghĩ nhà nước nên bỏ … không", "theo admin
 * quy định phải khai báo … vậy có hợp lý ko"): a view on the law, which no procedure answers, though the procedure is named
 * (TRIVIA_NOT's "thủ tục" names what is judged here). The opinion asked of the bot and the rule judged must both be
 * said; a section or a request asked beside keeps it the search's ("theo bạn em nên đăng ký tạm trú hay thường trú":
 * advice on one's own case judges no rule).
 */
const OPINION_ASKED = [
  ...["theo bạn", "theo ad", "theo admin", "theo bot", "bạn nghĩ", "ad nghĩ", "admin nghĩ", "bot nghĩ", "bạn thấy"],
  ...["ad thấy", "admin thấy", "bot thấy", "in your opinion", "do you think"],
].map(phraseOf);
const RULE_JUDGED = [
  ...["có hợp lý", "hợp lý không", "hợp lý ko", "nên bỏ", "bãi bỏ", "hơi thừa", "có thừa", "thừa không"],
  ...["reasonable", "abolish", "abolished", "scrapped", "pointless"],
].map(phraseOf);
const OPINION_ALLOWED = tokenize("thủ tục").join(" ");
function asksOpinionOfRule(said: readonly Word[]): boolean {
  if (said.length > TRIVIA_LONGEST) return false;
  if (!OPINION_ASKED.some((run) => says(said, run)) || !RULE_JUDGED.some((run) => says(said, run))) return false;
  return !TRIVIA_NOT.some((run) => run.map((w) => w.token).join(" ") !== OPINION_ALLOWED && says(said, run));
}

/**
 * Trivia asked in English about a person, a place or a past event, with nobody of the asker's in it ("who was the first
 * president of Vietnam", "when did the war end", "when was the general born", "which dynasty built the citadel in Hue",
 * "how tall is the tower"): history, geography and famous people are no procedure, though a word of theirs is a record's
 * ("born", "end", "land"). Session 22: such questions got a birth registration or a household business's closing. The
 * question opens the message (a greeting or "do you know" may stand before); the asker or the bot named ("my", "we",
 * "you"), a modal or a way asked ("must", "can", "how do", "how much"), or a ward word ("register", "certificate",
 * "ward") leaves it to the search.
 */
const TRIVIA_EN_OPENERS = [
  ...["who was", "who were", "who is", "who wrote", "who built", "who founded", "who led", "who discovered"],
  ...["who painted", "who composed", "who ruled", "who won", "when did", "when was", "when were", "what year did"],
  ...["what year was", "what year were", "in what year", "which year did", "which dynasty", "which king"],
  ...["which emperor", "which city", "which country", "which river", "how tall", "how high", "how big is"],
  ...["how old is", "how old was", "how many people live", "what is the population", "what s the population"],
  ...["what is the capital", "what s the capital", "what is the largest", "what is the biggest", "what is the longest"],
  ...["what is the highest", "what is the oldest", "what is the most famous", "tell me about", "what happened in"],
  ...["what happened on", "what is the history", "where was", "where were", "how did", "why did", "who killed"],
  ...["who married", "who died", "what did", "how many provinces", "how many people", "is it true that"],
].map(phraseOf);
/** Greetings and asking frames that may stand before the opener. */
const TRIVIA_EN_LEAD = new Set(tokenize("hi hello hey bot ok so and but do you know tell me please quick question"));
const TRIVIA_EN_LEAD_WORDS = 5;
/** The asker, the bot or a listener named: a question about one's own case or the office's. */
const TRIVIA_EN_PERSONAL = new Set(tokenize("i im my me mine myself we our us ours you your yours"));
/** A modal, a way or an amount asked, or a ward word: the search's question. */
const TRIVIA_EN_NOT = [
  ...["must", "need", "needs", "needed", "should", "can", "could", "have to", "has to", "required", "allowed"],
  ...["how do", "how does", "how can", "how much", "how long does", "how long will", "where do", "where can"],
  ...["register", "registered", "registration", "certificate", "certified", "certify", "apply", "application"],
  ...["permit", "licence", "license", "ward", "commune", "office", "fee", "fees", "document", "documents"],
  ...["papers", "procedure", "residence", "household", "allowance", "support", "benefit", "dossier", "extract"],
  // Who may or must do a ward act ("who is eligible for the social pension", "who is responsible for registering a
  // death", "who is a legal guardian for an orphan": REVIEW s22, answered before 6931db3).
  ...["eligible", "entitled", "qualify", "qualifies", "responsible", "guardian", "legal", "registering", "pension"],
].map(phraseOf);
export function asksEnglishTrivia(said: readonly Word[]): boolean {
  if (said.length === 0 || said.length > TRIVIA_LONGEST || !said.every((w) => w.marks === "")) return false;
  let lead = 0;
  while (lead < TRIVIA_EN_LEAD_WORDS && TRIVIA_EN_LEAD.has(said[lead]?.token ?? "")) lead++;
  // The opener may start at any of the lead words' places: "tell me about the Trung sisters" opens with "tell me
  // about" though "tell me" are lead words too (session 22 skipped them all first and missed the opener).
  for (let start = 0; start <= lead; start++) {
    const rest = said.slice(start);
    const opener = TRIVIA_EN_OPENERS.find((run) => foundAt(rest.slice(0, run.length), run) === 0);
    if (!opener) continue;
    const asked = rest.slice(opener.length);
    return !asked.some((w) => TRIVIA_EN_PERSONAL.has(w.token)) && !TRIVIA_EN_NOT.some((run) => says(asked, run));
  }
  return false;
}

/**
 * A family rite asked of, with no why ("nha co tang thi bao lau moi duoc to chuc dam cuoi", "cúng 100 ngày cho ông cần
 * chuẩn bị những gì", "nhà có người mất thì cúng thất mấy ngày", "lễ ăn hỏi cần bao nhiêu tráp"): mourning, offerings
 * and anniversaries, betrothal, moving house, a baby's first month are customs, no procedure, though their days and
 * things read as a section ("mấy ngày", "cần những gì"). A ward matter beside them keeps the message the search's:
 * a paper or filing (`namesWardRequest`), the ward's things (WARD_ASKED: "hỗ trợ", "phường" …), money or an allowance
 * for the worship of a martyr, a place of worship's or a festival's registration (RITE_WARD).
 */
const RITES = [
  ...["cúng", "giỗ", "có tang", "để tang", "đám tang", "xả tang", "mãn tang", "ăn hỏi", "đám hỏi", "lễ hỏi", "tráp"],
  ...["nhập trạch", "động thổ", "đầy tháng", "thôi nôi", "mâm cỗ"],
].map(phraseOf);
const RITE_WARD = [
  ...["liệt sĩ", "trợ cấp", "tiền", "chế độ", "tín ngưỡng", "đình", "đền", "miếu", "chùa", "lễ hội", "ban quản lý"],
  ...["nhà nước", "hưởng", "người có công", "tôn giáo", "mai táng", "chôn cất", "hỏa táng", "cải táng", "khai tử"],
  ...["báo tử", "chứng tử", "thờ cúng"],
].map(phraseOf);
const RITE_LONGEST = 25;
function asksFamilyRite(text: string, said: readonly Word[]): boolean {
  if (said.length > RITE_LONGEST) return false;
  // with its accents where typed ("cung cấp" is no "cúng"); typed bare, one syllable says too little ("gio" is also
  // "giờ", "cung" "cung cấp")
  const accented = said.some((w) => w.marks !== "");
  const named = RITES.some((run) =>
    said.some((_, i) =>
      run.every((r, j) => {
        const typed = said[i + j];
        return typed !== undefined && typed.token === r.token && (accented ? typed.marks === r.marks : run.length > 1);
      }),
    ),
  );
  if (!named) return false;
  if (!asksIn(said) && !text.trimEnd().endsWith("?")) return false;
  return (
    !namesWardRequest(said) && !WARD_ASKED.some((run) => says(said, run)) && !RITE_WARD.some((run) => says(said, run))
  );
}

/**
 * A festival's date asked ("lễ hội chùa Hương năm nay khai hội ngày nào", "hội Lim năm 2027 tổ chức vào ngày mấy âm
 * lịch", "when is the Hung Kings festival"): a calendar, no procedure. Telling the ward of a festival (thủ tục thông
 * báo tổ chức lễ hội) is asked with a notice, a permit, a dossier or what must be done (FESTIVAL_WARD).
 */
const FESTIVAL = ["lễ hội", "khai hội", "festival", "hội làng", "hội đền", "hội chùa"].map(phraseOf);
const FESTIVAL_DATE = [
  ...["ngày nào", "ngày mấy", "hôm nào", "khi nào", "bao giờ", "tháng mấy", "âm lịch", "diễn ra", "mùng mấy"],
  ...["when is", "when does", "what date", "which day"],
].map(phraseOf);
const FESTIVAL_WARD = [
  ...["thông báo", "báo", "xin phép", "giấy phép", "phép", "đăng ký", "hồ sơ", "thủ tục", "giấy", "nộp", "cần"],
  ...["phải", "trước bao nhiêu", "notify", "notice", "permit", "register", "apply"],
].map(phraseOf);
const FESTIVAL_LONGEST = 25;

function asksFestivalDate(text: string): boolean {
  const all = textWords(text);
  if (all.length > FESTIVAL_LONGEST || FESTIVAL_WARD.some((run) => says(all, run))) return false;
  // "hội Lim", "hội Gióng": a festival named by "hội" and its capitalised name
  const named = all.some((w, i) => w.token === "hoi" && all[i + 1]?.capital === true && i + 1 < all.length);
  return (named || FESTIVAL.some((run) => says(all, run))) && FESTIVAL_DATE.some((run) => says(all, run));
}

/**
 * Which place is open when ("thư viện nào mở cửa ngày chủ nhật cho con đọc sách", "which library is open on Sunday"):
 * a facility chosen by its hours, no procedure; the ward office's own hours ("phường nào mở cửa thứ bảy để nộp hồ sơ",
 * "bộ phận một cửa mở cửa mấy giờ") are its place section, and a procedure named beside keeps it the search's.
 */
const WHICH_ONE = ["nào", "which"].map(phraseOf);
const OPEN = ["mở cửa", "mở đến", "còn mở", "open", "opens"].map(phraseOf);
const OPEN_REACH = 3;
const OFFICE_BEFORE = [...OFFICE, ...["phường", "xã", "bộ phận", "công an", "ward", "commune", "office"].map(phraseOf)];

function asksWhichIsOpen(said: readonly Word[]): boolean {
  if (said.length > CHITCHAT_LONGEST || PROCEDURE_NAMED.some((run) => says(said, run))) return false;
  for (let i = 0; i < said.length; i++) {
    if (!WHICH_ONE.some((run) => foundAt(said.slice(i, i + run.length), run) === 0)) continue;
    const after = said.slice(i + 1, i + 1 + OPEN_REACH + 1);
    // "which library is open": the facility after "which"; "thư viện nào mở cửa": before "nào"
    const chosen = said[i]?.token === "which" ? said.slice(i + 1, i + 4) : said.slice(Math.max(0, i - 3), i);
    if (!OPEN.some((run) => says(after, run) || (said[i]?.token === "which" && says(said.slice(i), run)))) continue;
    if (!OFFICE_BEFORE.some((run) => says(chosen, run))) return true;
  }
  return false;
}

/**
 * Joy at something done or to come, no question ("Mình vừa làm xong giấy xác nhận độc thân ở phường, vui quá, cuối tuần
 * đi đăng ký kết hôn rồi hihi"): a story that names a procedure asks nothing of it. Any question word, a "?" or a
 * request ("muốn", "cần", "hỏi", "giúp") makes it a question.
 */
const JOY = [
  ...["vui quá", "vui ghê", "mừng quá", "mừng ghê", "sướng quá", "hạnh phúc quá", "hihi", "haha", "hehe"],
  ...["so happy", "so glad", "yay"],
].map(phraseOf);
const REQUEST_WORDS = new Set(tokenize("muốn cần hỏi giúp xin ntn help need want please"));
const JOY_LONGEST = 30;

function rejoices(text: string, said: readonly Word[]): boolean {
  if (said.length > JOY_LONGEST || text.includes("?") || !JOY.some((phrase) => says(said, phrase))) return false;
  // something told as done or coming ("xong", "rồi", "sắp"): "hihi đăng ký kết hôn" alone is a request
  return (
    TOLD.some((word) => says(said, [word])) &&
    !said.some((w) => QUESTION_WORDS.has(w.token) || REQUEST_WORDS.has(w.token))
  );
}
/** With their accents: "dạ" is no "đã", the "mại" of "thương mại" no "mai". */
const TOLD = words("rồi xong vừa đã sắp mai done finally got");

/**
 * A question about the bot itself, not a procedure: who made it ("bot này do ai làm vậy", "who made this chatbot"),
 * whether it is a person ("bot ơi bạn là người thật hay máy vậy"), what it can do or speak ("bạn trả lời được những gì",
 * "bạn có nói được tiếng Anh không", "do you speak Korean"). Read in the sentence that asks it, with no procedure
 * asked from there on (PROCEDURE_ASKED), so a letter that tells of papers before ("… làm giấy khai sinh, hộ khẩu đều
 * online hết. Em thấy bot trả lời nhanh lắm, em muốn hỏi là bot này do ai làm vậy …") is about the bot too.
 */
/** The bot named as a thing ("bot này", "trợ lý ảo"), and as addressed ("bạn", "you"). */
const BOT_NOUN = ["bot", "chatbot", "chat bot", "trợ lý ảo", "ứng dụng này", "app này", "this app"].map(phraseOf);
const ADDRESSED = [...BOT_NOUN, ...["bạn", "you"].map(phraseOf)];
/** Who made it: with the bot named in the sentence ("bot này do ai làm"), or self-contained in English. */
const BOT_MADE = [
  ...["do ai làm", "ai làm ra", "ai tạo ra", "ai viết ra", "ai lập trình", "ai phát triển", "do ai tạo", "do ai viết"],
  ...["do ai phát triển", "phường tự làm", "who made", "who built", "who created", "who developed", "who programmed"],
].map(phraseOf);
const MADE_YOU = ["who made you", "who built you", "who created you", "who programmed you"].map(phraseOf);
/** What it is, right after it is addressed: "bạn là người thật hay máy", "bot là ai". */
const KIND = [
  "là người thật",
  "là người hay máy",
  "người thật hay máy",
  "là máy à",
  "là robot",
  "là ai",
  "là người hay bot",
];
const KIND_EN = [
  ...["are you real", "are you human", "are you a person", "are you ai", "are you an ai", "are you a robot"],
  ...["are you a bot", "are you an actual", "are you a real", "is this a bot", "is this a robot", "is this a real"],
  ...["am i talking to", "am i chatting with", "do you store", "do you keep my", "do you save", "do you remember"],
  ...["how s your day", "how is your day", "how are you doing", "how are you today"],
].map(phraseOf);
/** Whether a person or a machine answers, asked whoever is addressed ("em là người thật hay máy trả lời tự động"). */
const PERSON_OR_MACHINE = [
  ...["người thật hay máy", "người thật hay bot", "người hay máy", "máy trả lời tự động", "người thật hay robot"],
  ...["trả lời tự động à", "người thật không", "người thật à"],
].map(phraseOf);
/** What it can do or speak, right after it is addressed ("bạn có nói được tiếng Anh không", "bot giúp được gì"). */
const CAN = [
  ...["nói được tiếng", "nói tiếng", "hiểu tiếng", "hiểu được tiếng", "biết tiếng", "dịch được", "dịch tiếng"],
  ...["trả lời được những gì", "trả lời được gì", "trả lời những gì", "làm được gì", "làm được những gì"],
  ...["giúp được gì", "giúp được những gì", "trả lời bằng tiếng", "nói chuyện bằng tiếng", "biết làm thơ"],
  ...["trả lời được tiếng", "nhớ", "lưu thông tin", "lưu lại", "được ai lập trình", "do ai lập trình"],
];
const ABLE = ["", "có ", "có thể ", "có biết "];
const BOT_ABLE = [
  ...[...KIND, ...CAN].flatMap((ability) =>
    ["bot", "chatbot", "bạn", "trợ lý ảo"].flatMap((who) => ABLE.map((able) => phraseOf(`${who} ${able}${ability}`))),
  ),
  // what the "ad" (admin) who answers is ("ad là ai z, có phải cán bộ phường ko"): only what it is, not what it can
  // do ("ad nhớ giúp em …" is a call)
  ...KIND.flatMap((kind) => ["ad", "admin"].map((who) => phraseOf(`${who} ${kind}`))),
];
const CAN_EN = [
  ...["do you speak", "can you speak", "do you understand", "can you understand", "what languages", "what can you do"],
  ...["can you translate", "what do you do", "what can you help"],
].map(phraseOf);
/** The citizen asking in another language ("em hỏi bằng tiếng Trung được không bot"), with the bot named. */
const ASK_IN = ["hỏi bằng tiếng", "nhắn bằng tiếng", "chat bằng tiếng", "gõ bằng tiếng"].map(phraseOf);
/** Whether someone is there ("xin chào, có ai trực không ạ", "is anyone there"): the bot says what it is. */
const ANYONE = [
  ...["có ai trực không", "có ai trực ko", "có ai ở đó không", "có ai đang trực không", "có người trực không"],
  ...["có cán bộ trực không", "anyone there", "is anybody there", "anyone on duty"],
].map(phraseOf);
const ANYONE_LONGEST = 12;
/** A day or an hour asked with it is the office's hours ("thứ bảy phường có ai trực không"), left to the search. */
const WHEN_ON_DUTY = [
  ...["thứ", "chủ nhật", "cuối tuần", "sáng", "chiều", "trưa", "tối", "giờ", "hôm nay", "mai", "lễ", "tết"],
  ...["saturday", "sunday", "weekend", "today", "tomorrow", "morning", "afternoon", "evening", "holiday"],
].map(phraseOf);
const BOT_QUESTION_LONGEST = 80;
/** Translating asked of the bot gets the translation reply (it does not translate; the ward certifies translators). */
const TRANSLATING = ["dịch", "translate"].map(phraseOf);

/**
 * Whether the sentence opens with the run, greetings and calls aside ("bot ơi bạn là người thật hay máy vậy"): "người
 * giám hộ của bạn là ai" asks who the guardian is, not who the bot is (review s13 M1).
 */
const OPENERS = new Set(tokenize("ơi chào xin hello hi ạ à dạ cho hỏi ad admin em anh chị ok này"));
function opensSentence(words: readonly Word[], run: readonly Word[]): boolean {
  const at = foundAt(words, run);
  return at >= 0 && words.slice(0, at).every((w) => OPENERS.has(w.token) || BOT_NOUN.some((b) => says([w], b)));
}

export function asksAboutBot(text: string, said: readonly Word[]): boolean {
  if (said.length > BOT_QUESTION_LONGEST) return false;
  if (said.length <= ANYONE_LONGEST && ANYONE.some((p) => says(said, p))) {
    return (
      !WHEN_ON_DUTY.some((phrase) => says(said, phrase)) &&
      !PROCEDURE_ASKED.some((phrase) => says(said, phrase)) &&
      !WARD_WORDS.some((phrase) => says(said, phrase))
    );
  }
  const all = textWords(text);
  const sentences = new Map<number, Word[]>();
  for (const w of all) {
    const sentence = sentences.get(w.sentence);
    if (sentence) sentence.push(w);
    else sentences.set(w.sentence, [w]);
  }
  for (const [at, words] of sentences) {
    const named = BOT_NOUN.some((b) => says(words, b));
    const asked =
      (named && BOT_MADE.some((p) => says(words, p))) ||
      [...MADE_YOU, ...KIND_EN, ...CAN_EN, ...PERSON_OR_MACHINE].some((p) => says(words, p)) ||
      BOT_ABLE.some((p) => opensSentence(words, p)) ||
      (ADDRESSED.some((b) => says(words, b)) && ASK_IN.some((p) => says(words, p)));
    if (!asked) continue;
    const from = all.filter((w) => w.sentence >= at);
    if (!PROCEDURE_ASKED.some((phrase) => says(from, phrase)) && !WARD_WORDS.some((phrase) => says(from, phrase)))
      return true;
  }
  return false;
}

/**
 * Who holds an office, asked for the person ("ai là chủ tịch phường hiện nay", "chủ tịch phường mình tên là gì",
 * "phó chủ tịch phường năm nay bao nhiêu tuổi"): no procedure, though the chairman signs many. Short messages only, and
 * a title right beside the question; what the chairman signs or how long it takes is left to the search.
 */
const TITLES = [
  ...["chủ tịch", "phó chủ tịch", "bí thư", "trưởng công an", "công an trưởng", "trưởng khu phố"],
  ...["tổ trưởng dân phố", "tổ trưởng khu phố"],
  ...["chairman", "chairwoman", "mayor", "ward leader"],
].map(phraseOf);
const WHO_ASKED = [
  ...["ai là", "là ai", "tên là gì", "tên gì", "tên là chi", "bao nhiêu tuổi", "mấy tuổi", "quê ở đâu", "có vợ chưa"],
  ...["có chồng chưa", "là người thế nào", "who is", "who's", "what is the name", "how old"],
].map(phraseOf);
const WHO_LONGEST = 14;

/**
 * A ward service asked beside the office ("chủ tịch phường là ai, em muốn khiếu nại …", "ai là người ký giấy khai
 * sinh, chủ tịch hay phó chủ tịch", "tổ trưởng dân phố là ai, em cần xin xác nhận cư trú"): the service's question
 * (review s13 H4).
 */
const SERVICE_ASKED = [
  ...["khiếu nại", "tố cáo", "công nhận", "tiếp công dân", "tiếp dân", "hòa giải", "ký", "giải quyết", "xin", "cần"],
  ...["muốn", "là người", "complaint", "sign", "signs"],
].map(phraseOf);

function asksWhoHoldsOffice(said: readonly Word[]): boolean {
  return (
    said.length <= WHO_LONGEST &&
    TITLES.some((t) => says(said, t)) &&
    WHO_ASKED.some((q) => says(said, q)) &&
    ![...PROCEDURE_ASKED, ...WARD_WORDS, ...SERVICE_ASKED].some((phrase) => says(said, phrase))
  );
}

/** A phrase's words with their accents, for `says`: "chuyện cưới" (a wedding) is no "chuyện cười" (a joke). */
function phraseOf(phrase: string): readonly Word[] {
  return words(phrase);
}

/** An emoji (👍, ❤️, 🙏) with no letters or digits around it. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Typed faces: ":)", ":D", "=))", "^^", "<3". */
const EMOTICON = /^\s*(?:[:;=xX8][-']?[()DPpOo3|\][]+|<3+|\^[_.]?\^)\s*$/;

/**
 * Thanks, "ok", an emoji, goodbye: a short reply instead of "not found". The chat keeps its last
 * choices, so a number typed next still picks from the answer before.
 */
export function createSmallTalkFeature(catalogueFor?: (ctx: FeatureContext) => CatalogueSnapshot): Feature {
  return {
    name: "small-talk",
    onText: (ctx, text) => {
      // the chat's served redirects (staff's edits, short forms), as the answers read them: what they point for is
      // theirs, not small talk
      const id = smallTalkReply(text, catalogueFor?.(ctx).catalogue.redirects);
      if (!id) return undefined;
      ctx.keepChoices = true;
      return [{ text: ctx.t(id) }];
    },
  };
}

/**
 * The small-talk reply's id for a message, or undefined. `redirects`: the served ones (the catalogue's), whose terms are
 * left to their pointers; data/redirects.json as bundled when not given.
 */
export function smallTalkReply(text: string, redirects?: RedirectTerms): string | undefined {
  if ((PICTOGRAPH.test(text) && !LETTER_OR_DIGIT.test(text)) || EMOTICON.test(text)) return "small-talk-ok";
  const said = words(text);
  const tokens = said.map((w) => w.token);
  const full = BY_TEXT.get(tokens.join(" ")) ?? BY_TEXT.get(tokens.filter((t) => !PARTICLES.has(t)).join(" "));
  if (full) return full;
  const padded = ` ${tokens.join(" ")} `;
  // "đăng ký câu lạc bộ bóng đá phường": a ward request in chit-chat's words
  if (
    tokens.length <= OFF_TOPIC_LONGEST &&
    OFF_TOPIC.some((phrase) => says(said, phrase)) &&
    !PROCEDURE_NAMED.some((phrase) => says(said, phrase))
  ) {
    return "small-talk-offtopic";
  }
  if (
    tokens.length <= CHITCHAT_LONGEST &&
    (FORTUNE_AND_SCORES.some((phrase) => says(said, phrase)) ||
      FORTUNE_ACCENTED.some((phrase) => saysAccented(said, phrase))) &&
    !PROCEDURE_NAMED.some((phrase) => says(said, phrase)) &&
    // a ward act or the office asked beside them ("câu lạc bộ đã vô địch giải phường, giờ xin công nhận được không",
    // "ngày nào tốt để đi nộp, thứ bảy phường có làm không", "hòa giải xong mà không thống nhất thì ai thắng")
    !WARD_ACT.some((phrase) => says(said, phrase))
  ) {
    return "small-talk-offtopic";
  }
  if (tokens.length <= CHITCHAT_LONGEST && CHITCHAT.some((phrase) => says(said, phrase))) {
    return "small-talk-offtopic";
  }
  if (
    asksPrice(text) ||
    judgesPrice(text) ||
    asksEverydayBeyondWard(text, redirects) ||
    asksEverydayThing(text, namesWardRequest, askedPart, redirects) ||
    asksProviderChoice(text, redirects) ||
    (disclaimsProcedure(said) && !asksAboutBot(text, said)) ||
    // a question about the bot after a story ("… cho em hỏi chatbot này do ai phát triển vậy ạ?") is asked of the bot,
    // however sure the gate is that it asks nothing of the ward: the identity reply below
    (asksBeyondWardAfterStory(text, SCOPE_MODEL, redirects) && !asksAboutBot(text, said))
  )
    return "small-talk-offtopic";
  if (asksTranslation(text)) return "small-talk-translate";
  if (asksAboutBot(text, said))
    return TRANSLATING.some((run) => says(said, run)) ? "small-talk-translate" : "small-talk-identity";
  if (asksBotPersonal(said)) return "small-talk-identity";
  if (asksWhoHoldsOffice(said)) return "small-talk-offtopic";
  if (asksWriting(said)) return "small-talk-offtopic";
  if (thanksForDone(text, tokens)) return "small-talk-thanks";
  if (vents(text, padded)) return "small-talk-offtopic";
  if (
    complains(text) ||
    asksTrivia(text, said) ||
    asksMeaningOfDigits(said) ||
    asksMeaningOfWording(text) ||
    asksOpinionOfRule(said) ||
    asksEnglishTrivia(said) ||
    asksTriviaAfterStory(text) ||
    offTopicAfterStory(text) ||
    asksFamilyRite(text, said) ||
    asksFestivalDate(text) ||
    asksWhichIsOpen(said)
  )
    return "small-talk-offtopic";
  if (rejoices(text, said)) return "small-talk-ok";
  if (closesWithWish(said)) return THANKED.some((run) => says(said, run)) ? "small-talk-thanks" : "small-talk-bye";
  if (tokens.length === 0 || tokens.length > LONGEST || !tokens.every((t) => VOCABULARY.has(t))) return undefined;
  const joined = ` ${tokens.join(" ")} `;
  const found = [...BY_TEXT].filter(([phrase]) => joined.includes(` ${phrase} `));
  // Every word must belong to a phrase said whole or be a particle: "tam vang" (tạm vắng, typed without accents)
  // is made of small-talk words ("tạm" of "tạm biệt", "vâng") but says neither.
  const covered = new Set(found.flatMap(([phrase]) => phrase.split(" ")));
  if (!tokens.every((t) => covered.has(t) || PARTICLES.has(t) || POLITE.has(t))) return undefined;
  const replies = new Set(found.map(([, reply]) => reply));
  return PRIORITY.find((reply) => replies.has(reply));
}

/**
 * Where a letter turns from its story to its question: "giờ", "bây giờ", "cho em hỏi", "xin hỏi", "mọi người gợi ý",
 * "nhờ ad xem giúp". Not a time asked ("mấy giờ", "giờ làm việc", "giờ hành chính").
 */
const TURNS = [
  ...["bây giờ", "hiện giờ", "giờ đây", "giờ", "cho em hỏi", "cho tôi hỏi", "cho mình hỏi", "cho cháu hỏi", "cho hỏi"],
  ...["xin hỏi", "muốn hỏi", "nhờ ad", "nhờ mọi người", "mọi người", "ai biết", "ai có", "now", "can anyone"],
].map(phraseOf);
const NOT_TURN_BEFORE = new Set(tokenize("mấy mỗi từ đến tới vào bao"));
/** With their accents where typed: "giờ tối" is a time of day, "giờ tôi muốn …" turns to the question. */
const NOT_TURN_AFTER = words("hành mở đóng nghỉ chiều sáng trưa tối");
/** A story told before the turn: at least this many words. */
const STORY_WORDS = 5;

/**
 * The words a letter asks with: those after its first turn from the story ("Bé nhà em làm giấy khai sinh ở phường rồi,
 * giờ bé bị sốt 39 độ … đi viện nhi nào ạ" asks "bé bị sốt 39 độ … đi viện nhi nào ạ"); undefined when the message
 * tells no story before a turn. Exported for the redirects and FOLLOW's off-topic turns.
 */
export function askedPart(text: string): Word[] | undefined {
  const all = textWords(text.slice(0, ASKED_CHARS));
  let from = -1;
  for (let i = STORY_WORDS; i < all.length; i++) {
    const turn = TURNS.find((run) => foundAt(all.slice(i, i + run.length), run) === 0);
    if (!turn) continue;
    if (turn.length === 1 && turn[0]?.token === "gio") {
      const [next, then] = [all[i + 1]?.token ?? "", all[i + 2]?.token ?? ""];
      const after = all[i + 1];
      const timeOfDay =
        after !== undefined &&
        NOT_TURN_AFTER.some((w) => w.token === after.token && (after.marks === "" || after.marks === w.marks));
      if (NOT_TURN_BEFORE.has(all[i - 1]?.token ?? "") || timeOfDay) continue;
      // "giờ làm việc" is the office's hours; "giờ làm khai sinh" turns to the question
      if (next === "lam" && then === "viec") continue;
    }
    from = i + turn.length;
    break;
  }
  if (from < 0 || from >= all.length) return undefined;
  return all.slice(from);
}
const ASKED_CHARS = 1500;

/**
 * A letter that turns from a story full of ward papers to a question the scope gate, reading the question alone, is as
 * sure asks for nothing the ward does as it must be to take an answer away (`model.veto`): "Bố mẹ em đã khai báo tạm
 * vắng ở phường để sang Nhật làm việc, giờ muốn biết lương …", "Tôi đã đăng ký hộ kinh doanh quán phở ở phường, giờ
 * muốn quảng cáo trên Facebook thì chạy thế nào cho nhiều khách". The story's ward words are what was done; the
 * question is everyday life's or another agency's, whatever its words. Learned, not listed: the gate (data/scope.json,
 * src/search/scope.ts) reads the words after the turn (`askedPart`) as it reads a short message. The question must name
 * no ward request (`namesWardRequest`: a paper, a book, a petition, a filing, a ward procedure or office), and another
 * agency's term said anywhere is left to its pointer (redirects.ts reads the same question). 5-fold cross-validation on
 * the tuning part (5 December 2026, before F14; each fold's question read by a gate trained without it): of 1,580
 * in-scope letters with a turn, 0 questions reach P ≥ 0.97 (at 0.95: 4, one of them naming no ward request: «Xin hỏi
 * tôi báo như thế nào, hạn chót là mấy giờ?» of a stay notice, 0.96); of 448 out-of-scope ones 205.
 */
export function asksBeyondWardAfterStory(
  text: string,
  model: ScopeModel | null = SCOPE_MODEL,
  redirects?: RedirectTerms,
): boolean {
  if (!model) return false;
  const asked = askedPart(text) ?? askedClauses(text) ?? askedSentencesOf(text)?.words;
  if (!asked || asked.length < STORY_QUESTION_WORDS || namesWardRequest(asked)) return false;
  if (
    saysRedirectTerm(
      textWords(text.slice(0, ASKED_CHARS)).map((w) => w.token),
      redirects,
    )
  )
    return false;
  return outOfScope(model, asked.map((w) => w.token).join(" ")) >= model.veto;
}
/** The question must say this many words of its own. */
const STORY_QUESTION_WORDS = 4;

/**
 * Where a letter asks when it says it in sentences of their own: the sentences that ask ("?") after at least one that
 * tells its story and holds no "?" ("Bố tôi thường trú ở phường …, gia đình có giấy chứng nhận hộ cận nghèo. Ông bị tai
 * biến nhẹ. Ở Cần Thơ bệnh viện nào khám thần kinh tốt?"). The question sentence decides what is asked, not the ward
 * papers of the story; sentences after it that ask nothing (thanks) are left out. Undefined when the message opens
 * with its question, asks in no sentence of its own, or tells fewer than `STORY_WORDS` words before it.
 */
export function askedSentencesOf(text: string): { text: string; words: TextWord[] } | undefined {
  const asked = questionSentences(text);
  if (!asked) return undefined;
  const said = asked.words;
  // a question that asks what to do, says little of its own or points back at the story ("Where is this done?",
  // "Which office handles it now?", "Việc đó làm ở đâu?") asks of the story's matter, as `askedClauses` reads it
  if (WHAT_TO_DO.some((run) => says(said, run)) || ownWords(said) < OWN_WORDS) return undefined;
  if (POINTS_BACK.some((run) => says(said, run))) return undefined;
  return asked;
}
/** The "?" sentences after a story of at least `STORY_WORDS` words, as they are (`askedSentencesOf` reads them). */
function questionSentences(text: string): { text: string; words: TextWord[] } | undefined {
  const sentences = text
    .slice(0, ASKED_CHARS)
    .split(/(?<=[.?!])\s+/)
    .filter((sentence) => LETTER_OR_DIGIT.test(sentence));
  const first = sentences.findIndex((sentence) => sentence.includes("?"));
  if (first < 1 || textWords(sentences.slice(0, first).join(" ")).length < STORY_WORDS) return undefined;
  const asking = sentences
    .slice(first)
    .filter((sentence) => sentence.includes("?"))
    .join(" ");
  const said = textWords(asking);
  return said.length > 0 ? { text: asking, words: said } : undefined;
}
/**
 * A letter whose question sentence, read alone, is the weather, the lottery, a score or a joke as a short message is
 * ("My husband and I got our marriage certificate at the ward. Is it going to rain in Hanoi on Saturday?"): the short
 * messages' off-topic words (OFF_TOPIC) in a question as short as they are read in, naming no procedure nor ward request.
 */
function offTopicAfterStory(text: string): boolean {
  const asked = questionSentences(text);
  if (!asked || asked.words.length > OFF_TOPIC_LONGEST) return false;
  return (
    OFF_TOPIC.some((phrase) => says(asked.words, phrase)) &&
    !PROCEDURE_NAMED.some((phrase) => says(asked.words, phrase)) &&
    !namesWardRequest(asked.words)
  );
}
/** Words pointing back at what the story told. */
const POINTS_BACK = ["it", "this", "that", "these", "those", "there", "đó", "này"].map(phraseOf);

/**
 * A letter whose question sentence (`askedSentencesOf`), read alone, is trivia or an opinion asked ("Trước đây tôi đăng
 * ký kết hôn ở xã … Tôi chỉ tò mò là tại sao phải sáp nhập xã phường?", "Hôm trước đi làm khai tử ở phường … Mà ad cho
 * hỏi vua nào dời đô ra Thăng Long?"): the short messages' readers (`asksTrivia`, `asksEnglishTrivia`) read the question
 * as they read a short message, whatever ward papers the story names, unless the question names a ward request.
 */
function asksTriviaAfterStory(text: string): boolean {
  const asked = askedSentencesOf(text);
  if (!asked || namesWardRequest(asked.words)) return false;
  return asksTrivia(asked.text, asked.words) || asksEnglishTrivia(asked.words);
}

/**
 * Where a letter with no turn word asks: the clauses after its last told one ("Cháu đã xin giấy xác nhận cư trú ở phường
 * để nộp hồ sơ học lái xe, cháu thi bằng B2 ở trung tâm sát hạch nào …?", "nhà tôi đã có giấy phép xây dựng từ
 * phường, thợ báo giá xây thô 4 triệu một mét vuông, giá đó đắt hay rẻ?"). A told clause says something done or held
 * (đã, rồi, xong, vừa, được + what was given; an English past) and asks nothing; the clauses after it must ask (a
 * question word, "hay", "?"), and the story before them must be told in at least `STORY_WORDS` words. Undefined when no
 * clause is told before the question, or the last clause is itself told. Exported for the redirects.
 */
export function askedClauses(text: string): Word[] | undefined {
  const asked = clausesAfterStory(text);
  // a question that asks what to do, or points back at the story ("Em cần làm gì để khỏi bị tính thuế tiếp?", "Where
  // is this done?"), asks of the story's matter: no question of its own
  if (!asked || WHAT_TO_DO.some((run) => says(asked, run)) || ownWords(asked) < OWN_WORDS) return undefined;
  return asked;
}

/**
 * A letter's clauses after its last told one (`askedClauses`), whatever they ask: how to do something too ("…, sổ bảo
 * hiểm xã hội của tôi đang ở công ty cũ, chốt sổ và chuyển sang công ty mới làm thế nào?"), which the redirects read
 * with the other agency's term said in them. Undefined as `askedClauses` is but for what the question asks.
 */
export function clausesAfterStory(text: string): Word[] | undefined {
  const cut = text.slice(0, ASKED_CHARS);
  const all = textWords(cut);
  if (all.length === 0) return undefined;
  const clauses: TextWord[][] = [];
  for (const w of all) {
    const last = clauses[clauses.length - 1];
    if (last && last[0]?.clause === w.clause) last.push(w);
    else clauses.push([w]);
  }
  let told = -1;
  clauses.forEach((clause, i) => {
    if (tellsDone(clause) && !asksIn(clause)) told = i;
  });
  if (told < 0 || told === clauses.length - 1) return undefined;
  const story = clauses.slice(0, told + 1).flat();
  const asked = clauses.slice(told + 1).flat();
  if (story.length < STORY_WORDS || asked.length < STORY_QUESTION_WORDS) return undefined;
  // the question asks: a question word, an either-or, or the question mark that ends the message
  return asksIn(asked) || cut.trimEnd().endsWith("?") ? asked : undefined;
}
const WHAT_TO_DO = [
  ...["làm gì", "làm sao", "làm thế nào", "làm như thế nào", "làm ntn", "thủ tục", "phải làm", "cần làm", "làm j"],
  ...["what should", "what do i", "what do we", "how do i", "how do we", "how can i", "how can we", "what can i"],
].map(phraseOf);
/** Words a question says of its own: not its asking words, pronouns, particles or what points back. */
const NOT_OWN = new Set(
  tokenize(
    "không ko k hông hok gì j sao nào đâu bao nhiêu lâu mấy chưa nhỉ hay ở tại thì là có được cần phải muốn cho hỏi " +
      "em anh chị tôi mình cháu con tui bạn ạ ạ vậy thế này đó đấy ấy kia nữa ad ơi " +
      "how what where when which who can could should is are do does did the a an this that it to of i we my our",
  ),
);
const OWN_WORDS = 3;
function ownWords(asked: readonly Word[]): number {
  return asked.filter((w) => !NOT_OWN.has(w.token)).length;
}
/** Something told as done or held: "đã", "rồi", "xong", "vừa", a passive "được" (not "có được", "được không"). */
const TOLD_DONE = words("đã rồi xong vừa");
const DUOC = words("được")[0] as Word;
const NOT_TOLD_AFTER_DUOC = new Set(tokenize("không ko k chưa hông hok bao mấy nhiêu"));
function tellsDone(clause: readonly TextWord[]): boolean {
  if (toldInEnglish(clause) || clause.some((w) => w.marks === "" && (w.token === "already" || w.token === "got")))
    return true;
  return clause.some((w, i) => {
    if (TOLD_DONE.some((t) => t.token === w.token && (w.marks === "" || w.marks === t.marks))) return true;
    if (w.token !== DUOC.token || (w.marks !== "" && w.marks !== DUOC.marks)) return false;
    // "được công nhận hộ nghèo", "đã được cấp": given; "có được không", "được bao nhiêu": asked
    return (
      clause[i - 1]?.token !== "co" && !NOT_TOLD_AFTER_DUOC.has(clause[i + 1]?.token ?? "") && i + 1 < clause.length
    );
  });
}
/** Words that ask, with their accents where typed ("nào", "gì", "bao nhiêu", "không" …), and an either-or "hay". */
const ASKING = words(
  "không ko k hông hok gì j sao nào đâu bao mấy chưa nhỉ hay how what where when which who can could should",
);
function asksIn(clause: readonly Word[]): boolean {
  const accented = clause.some((w) => w.marks !== "");
  return clause.some((w, i) =>
    ASKING.some(
      (a) =>
        a.token === w.token &&
        (w.marks === a.marks || (!accented && w.marks === "")) &&
        // "bản sao", "sao y": a copy; "hay" told ("hay đi", "hay bị"): often — only an either-or between two words
        !(w.token === "sao" && (clause[i - 1]?.token === "ban" || clause[i + 1]?.token === "y")) &&
        !(w.token === "hay" && (i === 0 || i === clause.length - 1)),
    ),
  );
}

/**
 * Things of everyday life no ward procedure does: a child's vaccine or fever, a hospital or a doctor, what to eat or
 * cook, a school place or its fees, a shop or a craftsman recommended, a party, a good day, comfort. Asked after a
 * story full of ward papers ("Em đã đăng ký kết hôn ở phường được 3 năm mà chưa có con, cho em hỏi bệnh viện nào khám
 * hiếm muộn tốt"), they are what the letter asks.
 */
const EVERYDAY_ASKED = [
  // health
  ...[
    "vắc xin",
    "vaccine",
    "tiêm phòng",
    "tiêm chủng",
    "đi tiêm",
    "mũi tiêm",
    "tiêm mũi",
    "lịch tiêm",
    "bệnh viện",
    "viện nhi",
    "bác sĩ",
    "khám bệnh",
    "lịch khám",
    "khám chuyên khoa",
    "chữa bệnh",
    "bị sốt",
    "sốt cao",
  ],
  ...["trầm cảm", "mất ngủ", "dị ứng", "uống sữa", "sữa gì", "ăn uống", "kiêng", "hiếm muộn", "chăm sóc người già"],
  ...[
    "sa sút",
    "ung thư",
    "tiểu đường",
    "bị đau",
    "đau khớp",
    "nằm viện",
    "hospital",
    "doctor",
    "clinic",
    "fever",
    "vaccinated",
  ],
  // food and cooking
  ...["nấu ăn", "nấu món", "cách nấu", "nấu xôi", "công thức", "cách làm bánh", "pha cà phê", "ngon", "recipe"],
  // the dishes of a meal or an offering ("mâm cỗ cúng giỗ … gồm những món gì"); "môn gì" (a subject) is no dish
  ...["mâm cỗ", "mâm cúng", "mâm cơm", "món gì", "những món", "món ăn", "món nào", "thực đơn"],
  // schooling as such (a transfer, vocational support and a residence paper for the school are the ward's)
  ...["trường mầm non", "trái tuyến", "học phí", "chỉ tiêu", "thi vào lớp"],
  ...["được mấy điểm", "điểm thì", "có đỗ", "đỗ trường", "học tiếng", "dạy tốt", "school fee"],
  // things bought, made or recommended
  ...["uy tín", "loại nào", "hãng nào", "mua ở đâu", "rẻ nhất", "gợi ý", "lời khuyên", "nên đặt", "vé máy bay"],
  ...["gara", "camera", "quảng cáo", "facebook", "cách đan", "ngày tốt", "ngày đẹp", "xem ngày", "tiệc"],
  ...["nhà hàng nào", "thợ xây", "giá nhân công", "bao nhiêu một mét", "đài hóa thân", "đặt lịch hỏa táng"],
  ...["sao kê", "lãi suất", "thẻ tín dụng", "đồng hồ nước", "mất xe", "bị trộm", "mất trộm", "việc làm thêm"],
  // feelings
  ...["buồn quá", "vượt qua", "cô đơn", "tâm sự", "an ủi", "sợ lắm"],
  // selling or letting on a platform ("… giờ muốn mở gian hàng trên Shopee thì phí sàn bao nhiêu")
  ...["shopee", "lazada", "tiki", "tiktok", "booking", "agoda", "airbnb", "grab", "sàn thương mại điện tử"],
  ...["gian hàng online", "mở gian hàng", "phí sàn", "hoa hồng"],
  // fortune and who won, asked after a story ("… Gia đình muốn hỏi xem ngày giờ tốt để đưa di ảnh lên bàn thờ")
  ...["xem tuổi", "hợp tuổi", "giờ tốt", "giờ đẹp", "hoàng đạo", "phong thủy", "vô địch", "ai thắng"],
  // games of chance and scores, asked after a story ("… Cho hỏi kết quả xổ số miền Nam hôm nay …")
  ...["xổ số", "vé số", "lô đề", "số đề", "tỷ số", "tỉ số", "lottery"],
].map(phraseOf);
/**
 * The ward's own things, which keep the question the ward's though everyday words stand beside them ("đi tiêm thì trạm
 * y tế hỏi giấy khai sinh mà em chưa làm, giờ làm khai sinh cần gì").
 */
const WARD_ASKED: readonly (readonly Word[])[] = [
  ...WARD_WORDS,
  ...PROCEDURE_NAMED,
  ...[
    ...["chuyển trường", "học nghề", "đào tạo nghề", "khuyết tật", "giám hộ", "con nuôi", "hòa giải", "bệnh binh"],
    ...["ly hôn", "ly dị", "tách hộ", "tạm vắng", "khiếu nại", "tố cáo", "xây dựng", "sửa nhà", "hỗ trợ", "trợ giúp"],
    ...["chứng sinh", "báo tử", "nhận cha", "nhận con", "cải táng", "đất", "ruộng", "rượu", "đổi tên"],
    ...["nuôi dưỡng", "giải quyết", "phường", "xã", "ủy ban", "ubnd", "mở quán", "mở thêm quán"],
  ].map(phraseOf),
];

/**
 * A letter whose story is full of ward papers but whose question is about everyday life (EVERYDAY_ASKED) and names none
 * of the ward's things (WARD_ASKED): the ward has nothing to say, and a ward procedure would be a confident wrong answer.
 * Exported for FOLLOW (off-topic turns after an answer).
 */
/** A purpose said first ("để …"), with its accents where typed. */
const PURPOSE = words("để");
export function asksEverydayBeyondWard(text: string, redirects?: RedirectTerms): boolean {
  if (asksFoodSafety(text)) return true;
  const short = words(text.slice(0, ASKED_CHARS));
  // a short message asking a school place or a recipe alone ("xin học cho con vào trường mầm non công lập"); not one
  // that opens on a purpose and asks after its "thì" ("để con được miễn giảm học phí thì nộp những gì": what a paper
  // is for, then what to file)
  const purpose = PURPOSE.some(
    (p) => p.token === short[0]?.token && (short[0]?.marks === "" || short[0]?.marks === p.marks),
  );
  const then = purpose ? short.findIndex((w) => w.token === "thi") : -1;
  const main = then > 0 ? short.slice(then + 1) : short;
  if (
    short.length <= SHORT_WORDS &&
    SHORT_EVERYDAY.some((run) => says(main, run)) &&
    !WARD_ASKED.some((run) => says(short, run))
  )
    return true;
  // after a turn ("…, giờ cho em hỏi …"), or in sentences of its own after the story's ("… Ở Cần Thơ bệnh viện nào
  // khám thần kinh tốt?"): the question sentence decides, not the ward papers before it
  const told = askedPart(text) ?? askedSentencesOf(text)?.words;
  if (!told) return false;
  // "đăng ký học trái tuyến", "đăng ký tiêm": signing up for a school or a jab, no ward registration
  const asked = told.filter(
    (w, i) =>
      !(w.token === "dang" && told[i + 1]?.token === "ky" && SIGN_UP_FOR.has(told[i + 2]?.token ?? "")) &&
      !(w.token === "ky" && told[i - 1]?.token === "dang" && SIGN_UP_FOR.has(told[i + 1]?.token ?? "")),
  );
  // Who told the citizen something is the story, not the question ("giờ bác sĩ nói nặng hơn", "the doctor said …")
  const heard = asked.filter((_, i) => !REPORTED.some((run) => foundAt(asked.slice(i, i + run.length), run) === 0));
  if (!EVERYDAY_ASKED.some((run) => says(heard, run)) || WARD_ASKED.some((run) => says(asked, run))) return false;
  // the everyday words are another agency's service itself ("Giờ tôi muốn biết lịch tiêm vắc xin cho cháu ở đâu?": the
  // health pointer's "lịch tiêm"): left to its pointer; a recommendation beside one ("học bằng C ở trung tâm nào uy
  // tín") stays off-topic
  const spans = redirectTermSpans(
    asked.map((w) => w.token),
    redirects,
  );
  const ownService = EVERYDAY_ASKED.some((run) =>
    asked.some(
      (_, i) =>
        foundAt(asked.slice(i, i + run.length), run) === 0 && spans.some(([a, b]) => i < b && i + run.length > a),
    ),
  );
  if (ownService) return false;
  // A paper asked for by pointing back ("Giờ xin giấy đó ở đâu, cần khám ở bệnh viện không?") is the ward paper the
  // story named ("… có giấy xác nhận khuyết tật thì được hưởng trợ cấp"): the question is the ward's.
  const story = textWords(text.slice(0, ASKED_CHARS)).slice(0, -told.length);
  const askedFor = asked.some(
    (w, i) =>
      PAPER_ASKED.some((verb) => w.token === verb.token && (w.marks === "" || w.marks === verb.marks)) &&
      PAPER_BACK.some((run) => foundAt(asked.slice(i + 1, i + 1 + run.length), run) === 0),
  );
  return !(askedFor && WARD_ASKED.some((run) => says(story, run)));
}

/**
 * The writer says outright that no procedure is asked ("… em lo xong hết rồi, không hỏi thủ tục gì đâu, chỉ muốn có ai
 * nói chuyện chút thôi", "muốn nghe ý kiến thôi chứ không cần làm", "chỉ muốn tâm sự chút thôi"): whatever ward papers
 * the message names, it asks none of them. Tuning part (7 December 2026): said in 8 `none` messages, no in-scope one.
 */
const DISCLAIMS = [
  ...["không hỏi thủ tục", "không hỏi về thủ tục", "không phải hỏi thủ tục", "không cần làm thủ tục"],
  ...["chứ không cần làm", "muốn nghe ý kiến", "chỉ tò mò", "chỉ muốn tâm sự", "chỉ muốn nói chuyện"],
  ...["chỉ muốn có ai nói chuyện", "chỉ muốn chia sẻ", "not asking about", "just want to talk", "just want to vent"],
].map(phraseOf);
function disclaimsProcedure(said: readonly Word[]): boolean {
  return DISCLAIMS.some((run) => says(said, run));
}

/** A paper pointed back at ("giấy đó", "giấy tờ này", "that certificate"), asked for with `PAPER_ASKED`. */
const PAPER_BACK = [
  ...["giấy đó", "giấy này", "giấy ấy", "giấy đấy", "giấy kia", "giấy tờ đó", "giấy tờ này", "loại giấy đó"],
  ...["that paper", "that certificate", "this certificate", "that document", "that card"],
].map(phraseOf);
const PAPER_ASKED = words("xin làm cấp get obtain for");

/** A source and its saying: the source's words are dropped from the question ("bác sĩ nói", "bệnh viện kết luận"). */
const REPORTED = [
  ...["bác sĩ nói", "bác sĩ bảo", "bác sĩ kết luận", "bác sĩ cho biết", "bệnh viện kết luận", "bệnh viện nói"],
  ...["doctor said", "doctor says", "doctors said"],
].map(phraseOf);

/** What one signs up for that is no ward registration: a school, an exam, a jab ("đăng ký học trái tuyến"). */
const SIGN_UP_FOR = new Set(tokenize("học thi tuyển nguyện tiêm"));

/**
 * A food-safety certificate (giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm), which no record of the catalogue
 * issues: asked alone ("mở quán trà sữa cần giấy chứng nhận attp không", "xin giấy an toàn thực phẩm cho quán cơm ở
 * đâu"), it gets no ward procedure and no "which one?" list of licences. With a household business or another ward
 * procedure named ("đăng ký hộ kinh doanh quán ăn cần giấy tờ gì, có cần giấy an toàn thực phẩm không") the message is
 * that procedure's.
 */
const FOOD_SAFETY = [
  ...["an toàn thực phẩm", "vệ sinh thực phẩm", "an toàn vệ sinh thực phẩm", "attp", "vsattp", "vstp"],
  ...["food safety", "food hygiene"],
].map(phraseOf);
const FOOD_SAFETY_BESIDE = [
  ...["hộ kinh doanh", "đăng ký kinh doanh", "giấy phép kinh doanh", "rượu", "thuốc lá", "khai sinh", "tạm trú"],
  ...[
    "thường trú",
    "cư trú",
    "chứng thực",
    "bản sao",
    "sao y",
    "trích lục",
    "household business",
    "business registration",
  ],
].map(phraseOf);
function asksFoodSafety(text: string): boolean {
  const said = words(text.slice(0, ASKED_CHARS));
  return FOOD_SAFETY.some((run) => says(said, run)) && !FOOD_SAFETY_BESIDE.some((run) => says(said, run));
}

/**
 * A personal question put to the bot ("bạn có người yêu chưa", "bot bao nhiêu tuổi", "ad ăn cơm chưa", "bạn khỏe
 * không", "do you have a girlfriend", "how old are you"), in a new chat or after an answer (asked by FOLLOW: after
 * 'đăng ký khai sinh', 'bạn có người yêu chưa' got 1.001193): the bot says what it is. The one asked is named right
 * before the question (not "em", the writer's own word: "em bao nhiêu tuổi thì được kết hôn"); a ward word anywhere
 * keeps the message a question of the ward ("bạn ơi đăng ký kết hôn cần gì").
 */
const BOT_ADDRESSED = ["bạn", "bot", "ad", "admin", "chatbot", "trợ lý", "cậu", "you"].map(phraseOf);
const PERSONAL = [
  ...["có người yêu", "người yêu chưa", "có bồ", "có bạn gái", "có bạn trai", "có vợ chưa", "có chồng chưa"],
  ...["bao nhiêu tuổi", "mấy tuổi", "ăn cơm chưa", "ăn gì chưa", "ăn sáng chưa", "ăn trưa chưa", "ăn tối chưa"],
  ...["khỏe không", "khoẻ không", "khỏe ko", "có khỏe", "thích màu gì", "thích ăn gì", "thích gì", "sống ở đâu"],
  ...["nhà ở đâu", "quê ở đâu", "ngủ chưa", "đẹp trai không", "xinh không", "có buồn không", "có mệt không"],
  ...["have a girlfriend", "have a boyfriend", "are you married", "do you like", "where do you live", "are you single"],
  ...["favorite", "favourite", "how old"],
].map(phraseOf);
/** English questions that name the bot inside themselves. */
const PERSONAL_EN = ["how old are you", "how are you", "are you married", "are you single", "do you like"].map(
  phraseOf,
);
const PERSONAL_LONGEST = 16;
/** How many words may stand between the one asked and the question ("bạn đã có người yêu chưa", "bot năm nay mấy tuổi"). */
const PERSONAL_REACH = 3;

function asksBotPersonal(said: readonly Word[]): boolean {
  if (said.length > PERSONAL_LONGEST || WARD_ASKED.some((run) => says(said, run))) return false;
  if (PERSONAL_EN.some((run) => says(said, run))) return true;
  for (let i = 0; i < said.length; i++) {
    const who = BOT_ADDRESSED.find((run) => foundAt(said.slice(i, i + run.length), run) === 0);
    if (!who) continue;
    const after = said.slice(i + who.length, i + who.length + PERSONAL_REACH + 4);
    if (
      PERSONAL.some((run) => {
        const at = foundAt(after, run);
        return at >= 0 && at <= PERSONAL_REACH;
      })
    )
      return true;
  }
  return false;
}

/**
 * Of EVERYDAY_ASKED, what a short message asks alone as surely: a school place or its fees, a recipe. Not health (a
 * death in hospital is the death registration's story: "bố tôi mất ở bệnh viện thì làm gì").
 */
const SHORT_EVERYDAY = [
  ...["trường mầm non", "trái tuyến", "học phí", "thi vào lớp", "công thức nấu"],
  ...["cách nấu", "nấu món", "recipe"],
].map(phraseOf);
const SHORT_WORDS = 14;

/** Whether the words name a ward paper, procedure or service (WARD_ASKED): for the redirects' reading of a letter. */
export function namesWardThing(said: readonly Word[]): boolean {
  return WARD_ASKED.some((run) => says(said, run));
}

/**
 * The ward's things a request for an everyday thing may not name (`asksEverydayThing`): WARD_ASKED without the offices,
 * which say where the thing is looked for ("phòng gym gần phường", "quán cà phê gần UBND"), and with the words any ward
 * request is made of — a paper ("giấy", not "giày"), a book ("sổ", not "số"), a petition, a procedure, one's household
 * registration, being single, a death reported.
 */
const OFFICES = ["phường", "xã", "ủy ban", "ubnd"].map((p) =>
  phraseOf(p)
    .map((w) => w.token)
    .join(" "),
);
/** A fee is the ward's word for what a procedure costs ("phí sửa là bao nhiêu"); a thing's price is "giá", "tiền". */
const FEE_RUN = phraseOf("phí");
const REQUEST_WARD: readonly (readonly Word[])[] = [
  ...WARD_ASKED.filter((run) => !OFFICES.includes(run.map((w) => w.token).join(" "))),
  ...[
    // papers, books, petitions, procedures, and the ward's own matters
    ...[
      "giấy",
      "sổ",
      "đơn",
      "tờ khai",
      "biểu mẫu",
      "thủ tục",
      "độc thân",
      "khẩu",
      "báo tử",
      "cấp lại",
      "làm lại",
      "chứng nhận",
      "công nhận",
    ],
    ...["đăng kí", "đk", "dk", "trích lục", "hộ tịch", "giám hộ", "con nuôi", "tạm vắng", "lưu trú", "biển số"],
    // the office's people and what one brings them
    ...["tiếp dân", "tiếp công dân", "chủ tịch", "trụ sở", "phản ánh", "kiến nghị", "công an", "một cửa"],
    // how and by whom a request is made ("có nên làm online không", "nhờ người dịch")
    ...["online", "trực tuyến", "trực tiếp", "qua mạng", "dịch vụ công", "ủy quyền", "kết quả", "nộp", "người dịch"],
    ...["dịch thuật", "bản dịch", "cộng tác viên"],
    // a paper's error put right, a report made
    ...["sai", "nhầm", "lỗi", "lệch", "đề nghị", "vneid", "dữ liệu", "thông tin", "để báo", "báo ai", "báo cho"],
    // the same asked in English ("Where do I apply for an extension?", "do we need a new certificate")
    ...["apply", "application", "extension", "replacement", "renew", "reissue", "register", "registration"],
    ...["certificate", "permit", "licence", "license", "certified", "certify", "paperwork", "dossier"],
  ].map(phraseOf),
  FEE_RUN,
];
/** "chi phí", "học phí", "viện phí", "án phí": a thing's cost, no ward fee. */
const NOT_FEE_AFTER = new Set(tokenize("chi học viện án hội cước tiểu lãng"));
/** "phí tư vấn", "phí sàn", "phí thường niên", "phí bảo hiểm": a service's, a platform's or a bank's charge. */
const NOT_FEE_BEFORE = new Set(tokenize("tư sàn thường bảo ship vận"));
/** A result of the lottery, an exam, a match or a test is no dossier's result ("kết quả xổ số miền Nam hôm nay"). */
const RESULT_RUN = phraseOf("kết quả");
const NOT_RESULT_BEFORE = new Set(tokenize("xổ sổ số thi trận bóng xét nghiệm khám lottery"));
const sameRun = (a: readonly Word[], b: readonly Word[]) =>
  a.length === b.length && a.every((w, i) => w.token === b[i]?.token);
export function namesWardRequest(said: readonly Word[]): boolean {
  return REQUEST_WARD.some((run) => {
    if (sameRun(run, RESULT_RUN))
      return said.some(
        (_, i) =>
          foundAt(said.slice(i, i + run.length), run) === 0 &&
          !NOT_RESULT_BEFORE.has(said[i + run.length]?.token ?? ""),
      );
    if (run !== FEE_RUN) return says(said, run);
    return said.some(
      (w, i) =>
        says([w], run) && !NOT_FEE_AFTER.has(said[i - 1]?.token ?? "") && !NOT_FEE_BEFORE.has(said[i + 1]?.token ?? ""),
    );
  });
}
