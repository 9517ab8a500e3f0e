import { NOT_A_PROCEDURE } from "../catalogue/examples.js";
import type { Catalogue } from "../catalogue/load.js";
import type { Procedure } from "../catalogue/schema.js";
import type { Section } from "../core/format.js";
import { cuePhrases, extractIntent } from "../search/intent.js";
import { fold, MAX_QUERY_CHARS, type TextWord, textWords, type Word, words } from "../search/normalize.js";
import { isVietnameseSyllable, unchat } from "../search/spelling.js";
import { establishmentAt } from "./everyday.js";

/**
 * Words that carry no procedure in a follow-up ("còn lệ phí thì sao?", "nộp online được
 * không", "ở đâu vậy"), folded. A message made of a section cue and these only asks about the
 * procedure the chat is on. Kept small on purpose: a word that can name a procedure is not here.
 */
const FILLER_WORDS = [
  // Vietnamese question and chat particles
  "còn thì sao vậy thế nào được không ko k hông hok khg dc đc z j gì à ạ ah ak nhỉ nhé nha ha hả vay",
  "cho hỏi xin tôi mình em anh chị ơi bạn ad admin shop với nữa rồi thế là có phải thì cũng luôn theo mang vào",
  // plural pronouns: "bọn tôi phải làm những bước nào", "tụi em", "chúng tôi"
  "bọn tụi chúng",
  "nộp làm cần mất hết tốn bao nhiêu lâu ngày mấy khi nào giờ ra sao đâu chỗ nơi nào cái của này đó kia",
  "xã phường thị trấn ủy ban ubnd quận huyện hồ sơ hs giấy tờ thủ tục giải quyết thực hiện xử lý đóng trả mà ừ ờ thế vậy hả lấy nhận kết quả những bn bnh",
  "đi đến tới ra lên về được phải nên sẽ đang nào",
  // English
  "what about and the is it how much long where can i do does need to of for please a an this that then take are there any go get it's does",
  "what's how's it's submit apply",
  // more English particles and pronouns: "what documents are required", "where do we submit them"
  "are we they them our my your you i me us do did was be been required needed there's so also too or with on in at by",
  // "what papers does she need", "what time does the office open": the people and the office asked of
  "he she his hers its their time office",
  "which who when should must have has got will would could",
  // vocatives and chat politeness around a question: "how long does it take, mate?", "dear, what is the fee", "pls"
  "sir madam mate buddy dear bro sis pls plz kkk chút tí xíu",
  // how long until it is done, how much in total, roughly: "and how long until it's done?", "how much does it cost"
  "until till done finished ready complete completed processed usually roughly about approximately total whole",
  "cost costs does it's its s take takes",
  // how closely it is asked: "điều kiện cụ thể là gì", "giấy tờ chi tiết gồm những gì"
  "cụ thể chi tiết rõ ràng đầy đủ chính xác",
  // chat letters and words of approximation or of the office's handling: "làm ở đâu v", "khoảng bao lâu", "bao lâu được duyệt"
  "v vs zậy dzậy khoảng tầm chừng độ duyệt xét phê thẩm định hay hoặc or",
  // thanks, agreement, laughter and interjections said before the question: "thanks, and how long?", "hihi vậy
  // online dc ko", "à quên, giấy tờ cần gì nhỉ"
  "cảm ơn cám thanks thank tks ok oke okay okie hihi hehe haha ủa ơ quên vâng dạ ừ ờ ạ",
  // amounts and units said with a fee or a time: "phí mấy nghìn", "mất mấy tuần"
  "nghìn ngàn đồng triệu vnd vnđ tuần tháng dong",
  // the people who go or for whom: "cả hai vợ chồng đều phải đi à", "can my son do it for me" ask who may
  "con cháu vợ chồng bố mẹ cha ông bà người thân nhà cả đều hai hết đứa cùng nhau chung mặt 1 2",
  "son daughter wife husband father mother dad mom child children kid baby someone somebody relative family him her myself both together present",
  "grandmother grandfather grandma grandpa grandparents parents parent aunt uncle brother sister neighbour neighbor",
  "come go attend appear person cô chú bác dì cậu mợ thím",
  // Central speech around a question: "nộp ở mô rứa", "mấy bữa thì xong hè", "răng lâu rứa", "mấy ngày hỉ"
  "rứa răng mô hè nờ nớ ri hỉ",
  // Southern and chat pronouns, and bringing or handing in: "tui 78 tuổi …", "đem hồ sơ tới đâu để nộp", "where do I hand
  // them in"
  "tui tớ mik mk đem hand",
  // the office and its people in English: "how long does the council take to decide?", "instead of going to the police
  // station", "what are the steps after we send the report"
  "ward council committee police station staff officer officers instead going send sent",
]
  .join(" ")
  .split(/\s+/)
  .flatMap((w) => words(w));
const FILLER = new Set(FILLER_WORDS.map((w) => w.token));

/** The words of a message that may name something: not particles, pronouns, offices or people (folded). */
export function contentWords(text: string): string[] {
  return words(text.slice(0, MAX_QUERY_CHARS))
    .map((w) => w.token)
    .filter((t) => !FILLER.has(t));
}

/**
 * Words citizens ask a section with in their own words, beside the cue, which name no procedure: waiting and getting
 * ("đợi bao lâu mới đc cấp", "how long until it's approved"), how late or early ("trễ nhất mấy giờ"), what a fee is
 * counted by ("bao nhiêu tiền một trang", "per copy"), going in someone's place ("nộp thay", "làm giùm"), refusing
 * ("không chịu đến"). Folded. Not FILLER: said with words that name a procedure, they still leave it named.
 */
const ASKING_WORDS = [
  "đợi chờ xong cấp có lấy nhận trả kết quả mới liền luôn ngay trong vòng kể từ từ sau trước hạn thời hạn",
  "trễ muộn chậm sớm nhất tối đa tối thiểu thường bình thường",
  "trang bản tờ lần mỗi một người tính",
  "thay giùm dùm hộ giúp ủy quyền",
  "chịu đồng ý không muốn",
  "wait waiting approved approve approval issued issue receive received back result results",
  "latest earliest within after before days day weeks week months page copy copies per each",
  "instead behalf",
  // besides what is had, more of it, holding the result, being called in: "ngoài tờ khai ra", "cầm được sổ", "mời lên"
  "ngoài thêm cầm mời",
  // the pieces of English contractions: "while I'm at work", "we'll" (not "ve", "d": folded "về", "vé", "đ")
  "m ll re",
  // telling one's case around the question: kin, age and health, being busy or away, when ("lúc", "bắt đầu")
  "trai gái dâu rể nội ngoại cháu chắt người nhà anh em chị em bên kia họ ấy cô ấy anh ấy",
  "tuổi già yếu ốm bệnh nằm một chỗ đi lại mươi trăm ba bốn năm sáu bảy tám chín mười",
  "bận xa vắng đứng ra lúc bắt đầu cùng lúc tự",
  // when the citizen comes: "mai em đi nộp", "sáng thứ hai", "chiều nay"
  "mai sáng chiều tối hôm qua nay tuần tomorrow morning afternoon",
  "wife's husband's old sick busy away work working while job abroad certificate paper thing whole",
  // the body and getting about ("mẹ tôi chân yếu đi lại khó"), asking someone to go ("nhờ con trai cầm hồ sơ đi"),
  // getting ready ("chuẩn bị sẵn giấy gì"), how far and from where ("cách phường cả chục cây số, ngồi nhà làm")
  "chân tay mắt tai khó khăn liệt nhờ sẵn cách xa gần cây số km chục ngồi",
  // saying sorry for a slip before asking again: "xin lỗi bấm nhầm, cần những giấy tờ nào"
  "lỗi nhầm bấm gõ",
  // English words of doing and asking: "is there a deadline for doing it?", "until they actually pay"; the sections
  // in English words: "what are the charges?", "timeline", "opening hours", "on saturday"
  "doing actually really just send sent charge charges timeline hours open saturday",
  // "sửa lỗi như vậy có mất phí không", "gửi yêu cầu qua mạng có được không": how it is done, sending it in
  "như gửi",
  // what is heard and how much of it: "nghe người ta bảo tốn nhiều tiền lắm, phải đóng những khoản gì", "có thu gì không"
  "nghe nói bảo nhiều lắm khoản thu",
  // how firmly, how many, which kind, done together: "có nhất thiết phải có mặt không", "10 bản mỗi loại", "làm gộp"
  "nhất thiết đúng loại gộp",
  // English words of handing it in and of working days: "where should I hand in the application?"
  "hand application applications form many working",
  // words of telling said around any question: knowing, a half-day, the office's side, just now, because, former
  // ("chủ trọ cũ"), "trễ thì răng", "được chứ", coming down or in ("cán bộ xuống tận nhà", "vô Sài Gòn làm thợ hồ",
  // "giữa học kỳ"; a trip's own time is no section: answer.ts travelsTo), rather ("trên VNeID có rẻ hơn không"; where
  // it is cheap is shopping: answer.ts BUYS). Not words that make a question of their own: writing ("viết đơn xin
  // việc"), telling people (review s12 H1).
  "biết buổi bên thôi nãy quay vì răng chứ cũ xuống tận vô vào giữa hơn rẻ",
  "notice",
  // the office's appraisal said in English, as "thẩm định" is a word of asking: "is there an appraisal fee?"
  "appraisal",
  // how it is done and when the result comes, in chat: "làm kiểu gì", "xin kiểu nào" (the steps), "bh có kq"
  "kiểu kq",
  // the office and its handling said in English, as "xã phường", "xét duyệt", "trả kết quả" are: "how long does the
  // ward take to decide", "what documents do we send to the ward", "until they actually pay the money", "can I do
  // that on the VNeID app"
  "ward commune committee people's officer officers official officials staff authority authorities",
  "decide decides decided decision answer answers reply replies respond response opinion review handle handled",
  "pay paid payment money app",
  // the act asked in English, which every "Đăng ký …" says, and the case told around it: "what if we live in
  // different provinces, where do we register?"
  "register registering registration if live lives living different same province provinces city cities town far",
]
  .join(" ")
  .split(/\s+/)
  .flatMap((w) => words(w));
const ASKING = new Set(ASKING_WORDS.map((w) => w.token));
/** The accents each particle or word of asking is written with, by its folded form. */
const MARKS_OF = new Map<string, Set<string>>();
for (const w of [...FILLER_WORDS, ...ASKING_WORDS])
  MARKS_OF.set(w.token, (MARKS_OF.get(w.token) ?? new Set()).add(w.marks));

/** Whether a typed word is one of asking or a particle as typed: its accents count when the message has some. */
export function asksWithTyped(word: Word, accented: boolean): boolean {
  return asksWith(word.token) && (!accented || (MARKS_OF.get(word.token)?.has(word.marks) ?? false));
}

/** Whether a word (folded) is one citizens ask a section with, naming nothing (ASKING_WORDS, FILLER). */
export function asksWith(token: string): boolean {
  return ASKING.has(token) || FILLER.has(token);
}

/**
 * The words of a message that fold to a particle or a word of asking but were typed with other accents, or bare where
 * the particle has some: "vé", "máy", "bay" of "vé máy bay đi Hà Nội bao nhiêu tiền" are no "về", "mấy", "bảy".
 * Folded away as particles, they still name something. None when the message is typed without accents.
 */
export function hiddenByFolding(text: string): string[] {
  const said = words(text.slice(0, MAX_QUERY_CHARS));
  if (!said.some((w) => w.marks !== "")) return [];
  // Among accented words, one typed bare is no particle that is written with accents ("thi" of "thi đại học" is no "thì").
  return said
    .filter((w) => (MARKS_OF.get(w.token)?.has(w.marks) ?? false) === false && asksWith(w.token))
    .map((w) => `${w.token}:${w.marks}`);
}

/** Cues the search does not read (yet) as a section, with the section that answers them. */
const EXTRA_CUES: { tokens: string[]; section: Section }[] = [
  { tokens: ["dieu", "kien"], section: "conditions" },
  { tokens: ["yeu", "cau"], section: "conditions" },
  { tokens: ["conditions"], section: "conditions" },
  { tokens: ["ho", "so"], section: "documents" },
  { tokens: ["giay", "to"], section: "documents" },
  { tokens: ["ban", "goc"], section: "documents" },
  { tokens: ["ban", "chinh"], section: "documents" },
  { tokens: ["ai", "duoc"], section: "conditions" },
  // "em phải cầm theo những gì": what to take along; "làm xong ngay trong buổi không": how soon
  { tokens: ["cam", "theo"], section: "documents" },
  { tokens: ["xong", "ngay"], section: "time" },
  // "who in the family should apply for it": who may ("where should I apply" keeps the place it asks first)
  { tokens: ["should", "apply"], section: "conditions" },
  { tokens: ["can", "apply"], section: "conditions" },
  // "miễn phí hả", "free?": whether there is a fee
  { tokens: ["mien", "phi"], section: "fee" },
  { tokens: ["free"], section: "fee" },
  // "… giá bn", "tầm nào có kết quả": a price in chat, around when
  { tokens: ["gia", "bn"], section: "fee" },
  { tokens: ["tam", "nao"], section: "time" },
  // "mất mấy tháng thì có tiền trợ cấp", "mất mấy tuần": how long it takes, by the month or the week (as "mấy ngày")
  { tokens: ["mat", "may", "thang"], section: "time" },
  { tokens: ["mat", "may", "tuan"], section: "time" },
];

/** Offices named in a follow-up ("có phải lên công an không hay làm online"): where, not which procedure. */
const OFFICE_RUNS = [
  "công an",
  "bộ phận một cửa",
  "trung tâm hành chính công",
  "trung tâm phục vụ hành chính công",
  // "nộp ở ubnd phường hay văn phòng đăng ký đất đai": offices, which hold a procedure's words
  "chi nhánh văn phòng đăng ký đất đai",
  "văn phòng đăng ký đất đai",
  "ủy ban nhân dân",
  "ủy ban",
  "ubnd",
  "phòng tư pháp",
  "sở tư pháp",
].map((run) => words(run).map((w) => w.token));

/** The office's hours ("mấy giờ phường làm việc", "thứ bảy có làm không"): the place section holds them. */
const HOURS_RUNS = [
  "giờ làm việc",
  "làm việc mấy giờ",
  "mấy giờ làm việc",
  "làm việc giờ nào",
  "làm việc thứ bảy",
  "mở cửa",
  "đóng cửa mấy giờ",
  "nghỉ trưa",
  "office hours",
  "opening hours",
  "open on saturday",
].map((run) => words(run).map((w) => w.token));

/**
 * The office's days and hours asked alone: "chiều thứ bảy phường có làm việc ko", "sáng chủ nhật có nhận hồ sơ không",
 * "t7 co lam ko", "trưa có nghỉ không", "is the office open on weekends". The day said with nothing but the office's
 * work and the particles: the place section prints the office with its hours. A result's day ("thứ bảy có kết quả
 * không") or a day of the citizen's own ("chủ nhật em bận") is no such question.
 */
const OFFICE_DAY_RUNS = [
  ...["thứ 7", "thứ bảy", "t7", "chủ nhật", "cn", "cuối tuần", "ngoài giờ", "ngày lễ", "lễ tết", "trưa", "buổi trưa"],
  ...["buổi tối", "thứ mấy", "ngày nào", "bữa nào", "hôm nào"],
  ...["saturday", "saturdays", "sunday", "sundays", "weekend", "weekends", "holiday", "holidays", "lunch", "evening"],
].map((run) => words(run));
const OFFICE_DAY_FRAME_WORDS = words(
  [
    "có làm việc nhận hồ sơ mở cửa tiếp trực nghỉ không vậy ạ nữa sáng chiều phường xã ubnd ủy ban bộ phận một cửa",
    "công an cán bộ bên mình thì hay từ đến",
    "is it open opened are you do does the office ward commune police on in at morning afternoon work working",
    "staff closed close break",
    "2 3 4 5 6 hai ba tư năm sáu",
  ].join(" "),
);
/** A result, handed back or ready ("thứ 7 có lấy kết quả được không"): the time section's, not the office's days. */
const RESULT_WORDS = new Set(words("kết quả kq lấy trả xong result ready pick").map((w) => w.token));

function asksOfficeDays(text: string): boolean {
  let rest = words(text.slice(0, MAX_QUERY_CHARS));
  const accented = rest.some((w) => w.marks !== "");
  // Typed with accents, a day must carry its own ("thứ bảy", not "thu bay" of another word).
  const same = (typed: Word, day: Word) => typed.token === day.token && (!accented || typed.marks === day.marks);
  const find = (run: readonly Word[]) =>
    rest.findIndex((_, i) => i + run.length <= rest.length && run.every((d, j) => same(rest[i + j] as Word, d)));
  let said = false;
  for (const run of OFFICE_DAY_RUNS) {
    for (let at = find(run); at >= 0; at = find(run)) {
      said = true;
      rest = [...rest.slice(0, at), ...rest.slice(at + run.length)];
    }
  }
  if (!said || rest.some((w) => RESULT_WORDS.has(w.token))) return false;
  // Typed with accents, a frame word must carry its own ("trận" of "trận đấu tối nay" is no "trấn" of "thị trấn").
  const frame = (w: Word) =>
    OFFICE_DAY_FRAME_WORDS.some((f) => f.token === w.token && (!accented || f.marks === w.marks)) ||
    (FILLER.has(w.token) && (!accented || (MARKS_OF.get(w.token)?.has(w.marks) ?? false)));
  return rest.every(frame);
}

/**
 * Chat spellings of a section's words that the search's own list lacks, read so after an answer: "mấy ngày thì sog",
 * "bn ngày thì xg" (xong), "có mất xiền không" (tiền), "có tốn fí k" (phí), "mấy h thì lấy đc" (giờ).
 */
const FOLLOW_CHAT: [RegExp, string][] = [
  [/(^|[\s,.?!])(?:xg|xog|sog|xonq)(?=$|[\s,.?!])/giu, "$1xong"],
  [/(^|[\s,.?!])(?:xiền|xìn|xien)(?=$|[\s,.?!])/giu, "$1tiền"],
  [/(^|[\s,.?!])(?:fí|fi|fee's)(?=$|[\s,.?!])/giu, "$1phí"],
  // "1 trang bi nhiêu tiền" (bao nhiêu), "bi nhieu", "bnhiu", "bao nhiu" (bao nhieu: typed without accents, kept so)
  [/(^|[\s,.?!])bi nhiêu(?=$|[\s,.?!])/giu, "$1bao nhiêu"],
  [/(^|[\s,.?!])(?:bi nhieu|bnhiu|bnhieu|bao nhiu)(?=$|[\s,.?!])/giu, "$1bao nhieu"],
  [/(^|[\s,.?!])(mấy|may|bao nhiêu|bn)\s+h(?=$|[\s,.?!])/giu, "$1$2 giờ"],
  // "mần ở mô", "mần răng", "mần giấy ni": Central and Southern "làm" (typed with its accent only: "man" is English)
  [/(^|[\s,.?!])mần(?=$|[\s,.?!])/giu, "$1làm"],
  // Southern "qua" for "sang" after a move: "quán em dời qua chỗ khác", "dọn qua số nhà khác", "chuyển qua phường bên"
  [/(^|[\s,.?!])(dời|dọn|chuyển|doi|don|chuyen)\s+qua(?=\s)/giu, "$1$2 sang"],
  // Central "chừ" (giờ, now), and "răng" opening a question (sao): "răng chừ phải làm chi" (typed with accents only)
  [/(^|[\s,.?!])chừ(?=$|[\s,.?!])/giu, "$1giờ"],
  [/^(\s*)răng(?=\s)/iu, "$1sao"],
  // Central speech: "làm răng" (làm sao), "ở mô" (ở đâu), "cần đem theo chi" (gì)
  [/(^|[\s,.?!])(làm|lam|thì|thi)\s+(?:răng|rang)(?=$|[\s,.?!])/giu, "$1$2 sao"],
  [/(^|[\s,.?!])(ở|o)\s+mô(?=$|[\s,.?!])/giu, "$1$2 đâu"],
  [/(^|[\s,.?!])(cần|đem|mang|theo|làm|là)\s+chi(?=$|[\s,.?!])/giu, "$1$2 gì"],
  // Southern "hông" (không) typed without accents after "được": "nop qua mang duoc hong" asks whether, no paper is
  // spoilt ("hỏng", read as the exchange of a damaged one)
  [/(^|[\s,.?!])(được|duoc|đc|dc)\s+hong(?=$|[\s,.?!])/giu, "$1$2 không"],
];

/** The message with those chat spellings written out; the message itself when it has none. */
export function spelledOut(text: string): string {
  let out = text.normalize("NFC");
  for (const [pattern, to] of FOLLOW_CHAT) out = out.replace(pattern, to);
  return out;
}

/** How much is asked, and the words of an allowance that may stand beside it. */
const AMOUNT = new Set(["bao nhieu", "how much"]);
const SHORT_AMOUNT = new Set(["nhieu", "bn", "bnh"]);
const ALLOWANCE_WORDS = new Set(
  // and the period it is paid for: "mỗi năm được bao nhiêu", "một quý bao nhiêu"
  words("hỗ trợ trợ cấp hưởng mức tiền một tháng mỗi năm quý money support allowance get receive month year").map(
    (w) => w.token,
  ),
);

export interface SectionCue {
  section: Section;
  /** True when nothing but the cue and chat particles is left: the message names no procedure. */
  only: boolean;
  /** The words left besides the cue and the particles (folded). */
  rest: string[];
}

/**
 * The section a message asks about and whether it asks only that ("mất bao lâu" → time, only),
 * from the search's own cue detection plus a few cues it lacks. Undefined when it names no section.
 */
export function sectionCue(text: string): SectionCue | undefined {
  // Search reads no further either.
  // Words of running text, so the rules that read a story's clause before the question ("ông mất năm 1998 ở quê, …")
  // read the follow-up as they read a first message.
  const extracted = extractIntent(textWords(text.slice(0, MAX_QUERY_CHARS)));
  const intent = extracted.intent;
  let tokens = extracted.rest.map((w) => w.token);
  let section: Section | undefined = intent === "general" ? undefined : intent;
  // "mấy giờ phường làm việc": the hours are the office's, in the place section, not the processing time.
  const all = words(text.slice(0, MAX_QUERY_CHARS)).map((w) => w.token);
  // Not an event's time said with "khi" ("phải báo trước khi mở cửa bao nhiêu ngày" of a library: a deadline).
  const hours = (run: readonly string[]) => {
    const at = indexOfRun(all, run);
    return at >= 0 && all[at - 1] !== "khi";
  };
  if (HOURS_RUNS.some(hours) || (all.includes("gio") && hours(["lam", "viec"]))) {
    section = "place";
    tokens = tokens.filter((t) => !HOURS_WORDS.has(t));
  }
  if (asksOfficeDays(text)) return { section: "place", only: true, rest: [] };
  // "hôm qua lỡ nộp hồ sơ rồi mà giờ đổi ý, xin dừng … thì làm sao": a cue word in a clause told as done, before the
  // question's own clause, tells the story and asks nothing
  const told = toldClauses(extracted.rest);
  const restTokens = extracted.rest.map((w) => w.token);
  for (const cue of EXTRA_CUES) {
    const at = indexOfRun(tokens, cue.tokens);
    if (at < 0) continue;
    const said = indexOfRun(restTokens, cue.tokens);
    const inStory = said >= 0 && told.has(extracted.rest[said]?.clause ?? -1);
    tokens = [...tokens.slice(0, at), ...tokens.slice(at + cue.tokens.length)];
    if (!inStory) section ??= cue.section;
  }
  // "phòng trọ gần chợ giá bn 1 tháng": a price asked, though by the month (no allowance's amount: "giá" is a price).
  const priced = PRICE_ASKED.find((run) => indexOfRun(all, run) >= 0);
  if (!section && priced) {
    section = "fee";
    const at = indexOfRun(tokens, priced);
    if (at >= 0) tokens = [...tokens.slice(0, at), ...tokens.slice(at + priced.length)];
  }
  // "được hỗ trợ bao nhiêu tiền", "mỗi tháng được bao nhiêu": the amount of an allowance is the procedure as a whole.
  // Said short after "được" too: "mỗi tháng được nhiêu", "được bn" (INTENT's request).
  const amount = (t: string, k: number) =>
    AMOUNT.has(`${t} ${all[k + 1] ?? ""}`) || (t === "duoc" && SHORT_AMOUNT.has(all[k + 1] ?? ""));
  if (!section && all.some(amount)) {
    const rest = tokens.filter((t) => !FILLER.has(t) && !ALLOWANCE_WORDS.has(t) && !SHORT_AMOUNT.has(t));
    if (rest.length === 0) return { section: "general", only: true, rest };
  }
  // "quá hạn thì phạt bao nhiêu", "không đăng ký có bị phạt không": a penalty for not doing it in time, which the
  // conditions say (the deadline), never a fee.
  if (
    all.includes("phat") &&
    words(text.slice(0, MAX_QUERY_CHARS)).some((w) => w.token === "phat" && w.marks !== "\u0301")
  ) {
    section = "conditions";
    tokens = tokens.filter((t) => !PENALTY_FRAME.has(t));
  }
  // "thu nhập mỗi người mỗi tháng dưới bao nhiêu thì được công nhận", "cần tối thiểu bao nhiêu thành viên thì được":
  // a threshold of what the case must have to be granted it, which the conditions say — no fee, no allowance's amount.
  if (section !== "conditions" && asksThreshold(all)) {
    section = "conditions";
    tokens = tokens.filter((t) => !THRESHOLD_FRAME.has(t));
  }
  // "phí 300k hả", "15 ngày hả", "8k 1 bản đúng không": a fee or a time heard, said back to be confirmed. The amount
  // and its unit, what it is counted by and the confirming particle name nothing: the fee (the time) of the one at hand.
  const confirmed = confirmsAmount(text, all);
  // (the particle may have read as whether it must be so, "… phải không": conditions, when nothing else is said)
  if (confirmed && (section === undefined || section === confirmed.section || section === "conditions")) {
    const kept = tokens.filter((t) => !confirmed.words.has(t));
    if (section === confirmed.section || kept.every((t) => FILLER.has(t))) {
      section = confirmed.section;
      tokens = kept;
    }
  }
  // "làm sao", "làm răng", "thì sao": how, of the procedure at hand as a whole.
  if (!section && HOW.some((run) => indexOfRun(all, run) >= 0) && all.every((t) => FILLER.has(t)))
    return { section: "general", only: true, rest: [] };
  if (!section) return undefined;
  for (const run of OFFICE_RUNS) {
    for (let at = indexOfRun(tokens, run); at >= 0; at = indexOfRun(tokens, run)) {
      tokens = [...tokens.slice(0, at), ...tokens.slice(at + run.length)];
    }
  }
  // "lệ phí nếu nộp trực tuyến", "phí nếu làm trên VNeID": the section asked of a way of doing it, said with "nếu" and the
  // channel's own word ("trên", "qua", "bằng") once the channel is named.
  const channel = ONLINE_SAID.some((run) => indexOfRun(all, run) >= 0);
  const rest = tokens.filter((t) => !FILLER.has(t) && !(channel && CHANNEL_LINKS.has(t)));
  return { section, only: rest.length === 0, rest };
}

/** A way of doing it online, named (folded runs): "VNeID", "online", "qua mạng", "trực tuyến", "dịch vụ công". */
const ONLINE_SAID = ["vneid", "online", "mạng", "trực tuyến", "dịch vụ công", "dvc", "app"].map((run) =>
  words(run).map((w) => w.token),
);
/** Words that tie a section to the channel it is asked of (folded): "nếu", "trên", "qua", "bằng". */
const CHANNEL_LINKS = new Set(words("nếu trên qua bằng").map((w) => w.token));

/** Units of money said after a number (folded): "300 nghìn", "50k", "2 triệu", "20.000 đồng". */
const MONEY_UNITS = new Set(words("k nghìn ngàn đồng đ triệu tr vnd vnđ").map((w) => w.token));
/** Units of a span of days said after a number (folded): "15 ngày", "2 tuần", "3 bữa". */
const DAY_UNITS = new Set(words("ngày tuần tháng hôm bữa tiếng days day weeks week").map((w) => w.token));
/** What a fee is counted by, said after the amount: "8k 1 bản", "2 nghìn mỗi trang", "per copy". */
const COUNTED_BY = new Set(words("1 một mỗi bản trang tờ lần người per copy page each").map((w) => w.token));
/** Whom a question is said to, after its last particle (folded): "… hả ad", "… đúng không chị", "… à bạn". */
const VOCATIVES = new Set(words("ad admin ạ anh chị em bạn cô chú ơi shop").map((w) => w.token));
/** Words of a sum taken whole (folded): "tổng cộng 1tr", "tất cả 15 ngày". */
const ALTOGETHER = new Set(words("tổng cộng tất cả total").map((w) => w.token));
/** Particles that end a statement said back to be confirmed (folded runs): "… hả", "… à", "… đúng không", "… phải ko". */
const CONFIRMING = [
  ...["hả", "à", "hở", "hử", "nhỉ", "nhể", "chứ", "hen", "ha", "ah", "ak", "right", "correct"],
  ...["đúng không", "đúng ko", "đúng k", "đúng hông", "đúng hok", "đúng hem", "đúng chưa", "đúng ạ"],
  ...["phải không", "phải ko", "phải k", "phải hông", "phải hok", "is it", "is that right"],
].map((run) => words(run).map((w) => w.token));

/**
 * A fee or a time said back to be confirmed ("phí 300k hả", "15 ngày hả", "lệ phí 50 nghìn đúng không", "8k 1 bản à",
 * "mất 15 ngày?"): the section its unit tells and the words of the amount, its unit, what it is counted by and the
 * confirming particle, which ask nothing else. Undefined when no number with a unit is said, or no particle (nor a
 * question mark) ends the message: a sum told in a story ("đã đóng 300k rồi mà …") is no question of it.
 */
function confirmsAmount(
  text: string,
  all: readonly string[],
): { section: "fee" | "time"; words: Set<string> } | undefined {
  // (a vocative may follow the particle: "… hả ad", "… phải không chị")
  const endsAt = (end: number) =>
    CONFIRMING.find((run) => run.length <= end && run.every((t, i) => all[end - run.length + i] === t));
  let end = all.length;
  let ending = endsAt(end);
  while (!ending && end > 0 && VOCATIVES.has(all[end - 1] as string)) ending = endsAt(--end);
  if (!ending && !/\?\s*$/u.test(text.slice(0, MAX_QUERY_CHARS))) return undefined;
  const said = new Set<string>([...(ending ?? []), ...all.slice(end)]);
  let kind: "fee" | "time" | undefined;
  for (let i = 0; i < all.length; i++) {
    const t = all[i] as string;
    const joined = /^\d+(?:k|tr|d)$/.exec(t);
    if (joined) {
      if (kind === "time") return undefined;
      kind = "fee";
      said.add(t);
      continue;
    }
    if (!/^\d+$/.test(t)) continue;
    // "200.000 đồng" is split at its dot: every group of digits is the amount
    let j = i;
    while (/^\d+$/.test(all[j + 1] ?? "")) j++;
    const unit = all[j + 1] ?? "";
    const unitKind = MONEY_UNITS.has(unit) ? "fee" : DAY_UNITS.has(unit) ? "time" : undefined;
    if (!unitKind) continue;
    if (kind && kind !== unitKind) return undefined;
    kind = unitKind;
    for (let k = i; k <= j + 1; k++) said.add(all[k] as string);
    i = j + 1;
    // "7 ngày làm việc": working days
    if (unitKind === "time" && all[i + 1] === "lam" && all[i + 2] === "viec") {
      said.add("lam").add("viec");
      i += 2;
    }
  }
  if (!kind) return undefined;
  if (kind === "fee") for (const t of COUNTED_BY) said.add(t);
  for (const t of ALTOGETHER) said.add(t);
  return { section: kind, words: said };
}

/** Words that tell a clause as done (folded): "rồi", "đã", "xong", "lỡ". */
const DONE = new Set(["roi", "da", "xong", "lo", "r"]);

/**
 * The clauses of a message told as done before its last one ("hôm qua lỡ nộp hồ sơ rồi mà …, xin dừng … thì làm
 * sao": the first): a story, whose words ask no section.
 */
function toldClauses(said: readonly TextWord[]): Set<number> {
  const last = said.at(-1)?.clause ?? 0;
  return new Set(said.filter((w) => w.clause < last && DONE.has(w.token)).map((w) => w.clause));
}

/** What a threshold is of: income, age, size, members, share, years (folded). */
const THRESHOLD_OF = [
  ...["thu nhập", "tuổi", "diện tích", "m2", "mét vuông", "thành viên", "hội viên", "tín đồ", "người", "phần trăm"],
  ...["income", "age", "members"],
].map((run) => words(run).map((w) => w.token));
/** How a threshold is asked: "dưới", "trên", "tối thiểu", "ít nhất", "bao nhiêu", "mức nào" (folded runs). */
const THRESHOLD_ASKED = ["dưới", "trên", "tối thiểu", "tối đa", "ít nhất", "bao nhiêu", "bn", "mức nào", "mức"].map(
  (run) => words(run).map((w) => w.token),
);
/** What it grants, said after the threshold: "thì được", "mới được", "được công nhận", "đủ điều kiện" (folded). */
const THRESHOLD_GRANTS = new Set(words("được đủ đạt").map((w) => w.token));
const THRESHOLD_FRAME = new Set([
  ...THRESHOLD_ASKED.flat(),
  ...THRESHOLD_GRANTS,
  ...words("thì mới").map((w) => w.token),
]);

/**
 * Whether a message asks a threshold for being granted the procedure: a thing measured (income, age, size, members),
 * how much of it asked, then being granted said after — "thu nhập … dưới bao nhiêu thì được công nhận", "cần tối
 * thiểu bao nhiêu thành viên". Not a time ("bao lâu thì được cấp") nor a price ("phí bao nhiêu"): no thing measured.
 */
function asksThreshold(all: readonly string[]): boolean {
  const measured = THRESHOLD_OF.map((run) => indexOfRun(all, run)).filter((at) => at >= 0);
  if (measured.length === 0) return false;
  const of = Math.min(...measured);
  const asked = THRESHOLD_ASKED.map((run) => indexOfRun(all, run)).filter((at) => at >= 0);
  if (asked.length === 0) return false;
  const at = Math.min(...asked);
  // a price asked ("phí bao nhiêu", "giá bao nhiêu") is no threshold
  if (PRICE_WORDS.has(all[at - 1] ?? "")) return false;
  // the thing measured beside how much of it ("thu nhập … dưới bao nhiêu", "bao nhiêu tuổi")
  if (Math.abs(at - of) > THRESHOLD_REACH) return false;
  return (
    all.slice(at).some((t) => THRESHOLD_GRANTS.has(t)) || all.slice(0, at).some((t) => t === "can" || t === "phai")
  );
}
const PRICE_WORDS = new Set(words("phí giá tiền tốn hết mất").map((w) => w.token));
/** How many words apart the thing measured and how much of it may be said. */
const THRESHOLD_REACH = 6;

/** A penalty asked for not doing it, or late: "quá hạn", "trễ", "không đăng ký" (folded). */
const PENALTY_FRAME = new Set(
  words("phạt bị quá hạn trễ muộn chậm tiền nếu không ko đăng ký khai báo penalty fine").map((w) => w.token),
);

/**
 * How it is done or what to do, asked alone: "làm sao", "làm răng" (written out), "ra sao", "phải làm gì" (folded). Not
 * "sao lâu thế": a complaint.
 */
const HOW = [
  ["lam", "sao"],
  ["ra", "sao"],
  // "giờ phải làm gì", "vậy cần làm gì" ("răng chừ phải làm chi" written out): what to do, the procedure as a whole
  ["lam", "gi"],
  ["lam", "j"],
];

/** A price asked ("giá bn", "giá bao nhiêu"), folded. */
const PRICE_ASKED = [
  ["gia", "bn"],
  ["gia", "bao", "nhieu"],
  ["gia", "bnh"],
];

const HOURS_WORDS = new Set([...HOURS_RUNS.flat(), ...words("giờ mấy thứ bảy sáng chiều nay hôm").map((w) => w.token)]);

function indexOfRun(tokens: readonly string[], run: readonly string[]): number {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((t, j) => tokens[i + j] === t)) return i;
  }
  return -1;
}

/** Verbs of bringing a paper: what follows them is a paper for the procedure at hand, not a procedure asked for. */
const BRING = ["mang", "đem", "kèm", "xuất trình", "photo", "bring"].map((run) => words(run).map((w) => w.token));

/**
 * "có cần mang giấy chứng tử không", "phải kèm bản sao sổ đỏ à": a paper to bring, said before anything else,
 * the message asking nothing but whether to bring it. The paper may be another procedure's result (a death
 * certificate is the death registration's): it is still a paper for the procedure at hand.
 */
export function asksPaperToBring(text: string): boolean {
  const tokens = words(text.slice(0, MAX_QUERY_CHARS)).map((w) => w.token);
  // a verb said whole: "trình" of "trình tự" is no "xuất trình"
  const at = tokens.findIndex((_, i) => BRING.some((run) => run.every((t, j) => tokens[i + j] === t)));
  if (at < 0 || at === tokens.length - 1) return false;
  return tokens.slice(0, at).every((t) => FILLER.has(t)) && tokens.length <= 12;
}

/** Words that head a paper or a place said of the case: "giấy khai sinh của cháu", "hợp đồng thuê", "nơi đăng ký khai sinh". */
const PAPER_HEADS = new Set(words("giấy bản sổ tờ hợp văn thẻ nơi chỗ").map((w) => w.token));
/** Words of a paper's name that tell no paper apart ("giấy xác nhận cư trú", "bản sao trích lục"). */
const PAPER_NAME_FRAME = new Set(
  words("xác nhận chứng nhận đăng ký cấp đồng bản sao chính gốc tờ khai của cho").map((w) => w.token),
);
/** Words of getting a paper made, said right before it: "xin giấy xác nhận độc thân" asks for it, no paper brought. */
const GETS_PAPER = new Set(words("xin làm cấp đổi").map((w) => w.token));
/**
 * Words that open a move to another matter besides "còn …" (movesOn): "ngoài ra", "tiện hỏi", "cho hỏi thêm", and the
 * ways of saying "while I am at it": "nhân tiện", "tiện thể", "sẵn tiện", "tiện em hỏi luôn", "sẵn hỏi luôn", "hỏi luôn vụ
 * này", "thêm một việc nữa", "với lại", and "chuyện khác nhé", "việc khác" (another matter said as such).
 */
const ANOTHER_MATTER =
  /^\s*(?:(?:à|ừ|ok|oke|vâng|dạ|thế|vậy)[\s,]+)*(?:ngoài ra|ngoai ra|(?:nhân|nhan|sẵn|san) (?:tiện|tien)|(?:tiện|tien) (?:thể|the|đây|day)|(?:tiện|tien|sẵn|san)(?: (?:em|mình|tôi|tui|thì|thi))? (?:hỏi|hoi)|cho hỏi thêm|cho hoi them|hỏi thêm|hoi them|hỏi luôn (?:vụ|việc|chuyện|cái)|thêm (?:một|1) (?:việc|vụ|chuyện)|(?:chuyện|chuyen|việc|viec|vụ|vu) (?:khác|khac)|với lại|voi lai)(?=[\s,:])/iu;

/**
 * Whether a message names another procedure's words only as a paper or a place of the case at hand, asking whether it is
 * needed: "có cần giấy khai sinh của cháu không" after a monthly allowance, "cháu có học bạ rồi, có cần giấy xác nhận cư
 * trú mới không" after a school transfer, "em có hợp đồng thuê phòng 6 tháng, có thay được giấy tờ chỗ ở không" after a
 * temporary residence, "nộp ở phường nơi cháu đăng ký khai sinh hay nơi đang ở" after a correction. `name` holds the
 * other procedure's folded name words. Not when the words open a move to another matter ("còn đăng ký thường trú thì
 * cần giấy tờ gì") or ask to get the paper ("xin giấy xác nhận độc thân ở đâu").
 */
export function namesAsPaperOfCase(text: string, name: ReadonlySet<string>): "paper" | "place" | undefined {
  const typed = text.slice(0, MAX_QUERY_CHARS).normalize("NFC");
  if (opensMoveOn(typed)) return undefined;
  const said = words(typed).map((w) => w.token);
  // The other procedure's own words said outside its paper ("khiếu nại quyết định xử phạt"): that procedure is named.
  const inPaper = paperSpans(said, name);
  if (said.some((t, i) => name.has(t) && !PAPER_NAME_FRAME.has(t) && !asksWith(t) && !inPaper.has(i))) return undefined;
  for (const head of paperHeads(said, name)) {
    if (!GETS_PAPER.has(said[head - 1] ?? "")) return PLACE_HEADS.has(said[head] as string) ? "place" : "paper";
  }
  return undefined;
}

/**
 * Whether a message asks to get a paper another procedure gives, named with its head ("giấy xác nhận khuyết tật") and a
 * word of getting it: "cháu chưa có giấy xác nhận khuyết tật, giấy này xin ở đâu", "làm giấy chứng tử thế nào".
 */
export function asksToGetPaper(text: string, name: ReadonlySet<string>): boolean {
  const said = words(text.slice(0, MAX_QUERY_CHARS).normalize("NFC")).map((w) => w.token);
  return (
    paperHeads(said, name).some((head) => !PLACE_HEADS.has(said[head] as string)) && said.some((t) => GETS_PAPER.has(t))
  );
}

/** Whether a message opens a move to another matter: "còn …", "thế còn …", "ngoài ra …", "tiện hỏi …". */
export function opensMoveOn(text: string): boolean {
  const typed = text.slice(0, MAX_QUERY_CHARS).normalize("NFC");
  return ANOTHER_MATTER.test(typed) || movesOn(unchat(textWords(typed)));
}

/** The indexes of the words of papers or places named by `name`'s words, from their heads on. */
function paperSpans(said: readonly string[], name: ReadonlySet<string>): Set<number> {
  const spans = new Set<number>();
  for (const head of paperHeads(said, name)) {
    spans.add(head);
    for (let i = head + 1; i < said.length; i++) {
      const t = said[i] as string;
      if (!(name.has(t) || PAPER_NAME_FRAME.has(t) || PERSONS.has(t) || PAPER_HEADS.has(t))) break;
      spans.add(i);
    }
  }
  return spans;
}

/** Where papers or places named by `name`'s words start (their head word's index) among folded words. */
function paperHeads(said: readonly string[], name: ReadonlySet<string>): number[] {
  const inName = (t: string | undefined) => t !== undefined && (name.has(t) || PAPER_NAME_FRAME.has(t));
  const heads: number[] = [];
  for (let i = 0; i < said.length; i++) {
    if (!name.has(said[i] as string) || PAPER_NAME_FRAME.has(said[i] as string)) continue;
    // back to the paper's head over its name ("giấy xác nhận cư trú") and one person it is of ("nơi cháu đăng ký …")
    let at = i;
    while (inName(said[at - 1]) && !PAPER_HEADS.has(said[at - 1] as string)) at--;
    if (!PAPER_HEADS.has(said[at - 1] ?? "") && PERSONS.has(said[at - 1] ?? "")) at--;
    const head = PAPER_HEADS.has(said[at] as string) ? at : at - 1;
    if (head >= 0 && PAPER_HEADS.has(said[head] as string) && !heads.includes(head)) heads.push(head);
  }
  return heads;
}
const PLACE_HEADS = new Set(words("nơi chỗ").map((w) => w.token));

/** The people a paper or a place is of: "nơi cháu đăng ký khai sinh", "giấy khai sinh của con". */
const PERSONS = new Set(words("cháu con em anh chị tôi mình bé bố mẹ ông bà vợ chồng").map((w) => w.token));

/** Words that point at the paper or procedure at hand: "giấy này", "thủ tục đó", "cái này", "it", "this one". */
const POINTERS = [
  ...["giấy này", "giấy đó", "giấy ấy", "thủ tục này", "thủ tục đó", "cái này", "cái đó", "cái ấy", "vụ này"],
  ...["hồ sơ này", "loại giấy này", "this one", "this certificate", "this paper", "that one"],
  // an allowance, a permit or a matter pointed at: "để xin khoản hỗ trợ đó", "chế độ này ai được hưởng"
  ...[
    "khoản hỗ trợ",
    "khoản tiền",
    "khoản trợ cấp",
    "khoản",
    "hỗ trợ",
    "trợ cấp",
    "chế độ",
    "việc",
    "giấy phép",
  ].flatMap((thing) => [`${thing} này`, `${thing} đó`, `${thing} ấy`]),
].map((phrase) => words(phrase));

/** Whether the words hold a pointer at the paper or procedure at hand ("giấy này", "thủ tục đó"), as typed. */
function pointsIn(said: readonly Word[]): boolean {
  return POINTERS.some((run) =>
    said.some((_, i) =>
      run.every((w, j) => said[i + j]?.token === w.token && [w.marks, ""].includes(said[i + j]?.marks ?? "")),
    ),
  );
}

/**
 * Whether the message points at what the chat is on ("giấy này có giá trị bao lâu") and says little else: besides
 * the pointer, the particles and section cues, at most a few words.
 */
export function pointsAtCurrent(text: string): boolean {
  const said = words(text.slice(0, MAX_QUERY_CHARS));
  const at = POINTERS.findIndex((run) =>
    said.some((_, i) =>
      run.every((w, j) => said[i + j]?.token === w.token && [w.marks, ""].includes(said[i + j]?.marks ?? "")),
    ),
  );
  if (at < 0) return false;
  const pointer = new Set((POINTERS[at] ?? []).map((w) => w.token));
  const rest = extractIntent(said).rest.filter((w) => !FILLER.has(w.token) && !pointer.has(w.token));
  return rest.length <= 3;
}

/**
 * A person or a place described ("người độc thân", "người nước ngoài", "nơi tạm trú", "nơi cư trú"): the word and
 * the two after it, which describe who or where rather than name a procedure. Within its clause: in "có bố người
 * Pháp, giấy khai sinh ghi sai tên bố" the paper after the comma is what is asked, no word of who the father is.
 * Not a role taken on ("đăng ký làm người giám hộ cho bé"): who the citizen is to become is what they ask for.
 */
const DESCRIBED = /(?<!\b(?:làm|lam))(^|[\s,])(người|nguoi|nơi|noi)\s+[^\s,.;:!?]+(\s+[^\s,.;:!?]+)?/giu;
/** A status said with "chưa" ("bố mẹ chưa đăng ký kết hôn thì …"): what has not been done is no request for it. */
const NOT_YET = /(^|[\s,])(chưa|chua)\s+[^,.?!]*?(?=\s+(?:thì|thi|nên|nen|mà|ma|có|co)\s|[,.?!]|$)/giu;

/**
 * A status said with "thuộc" ("nhà thuộc hộ cận nghèo thì có được không", "thuộc diện chính sách"): a status held, no
 * request for the procedure that grants it.
 */
const STATUS_HELD =
  /(^|[\s,])(thuộc|thuoc)\s+(?:hộ|ho|diện|dien|đối tượng|doi tuong)\s+[^,.?!]*?(?=\s+(?:thì|thi|nên|nen|mà|ma|có|co)\s|[,.?!]|$)/giu;

/** The message without its descriptions of a person or a place; the message itself when it has none. */
export function withoutDescriptions(text: string): string {
  return text
    .normalize("NFC")
    .replace(DESCRIBED, "$1")
    .replace(NOT_YET, "$1")
    .replace(STATUS_HELD, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * "có phải cắt khẩu ở chỗ cũ trước không", "phải làm khai tử trước à": whether another step must come first, asked of
 * the procedure at hand (its conditions), though the step is a procedure of its own (folded, a short question).
 */
const FIRST_STEP =
  /^(?:(?:vay|the|cho hoi|em hoi|a)\s+)?(?:co\s+)?(?:phai|can|bat buoc)\s+(?:\S+\s+){1,8}truoc(?:\s+(?:khong|ko|k|hong|a|ha|nhi|khong a|chua|da))?\s*\??$/;

export function asksFirstStep(text: string): boolean {
  return FIRST_STEP.test(
    fold(text.slice(0, MAX_QUERY_CHARS))
      .replace(/[?!.]+$/, "")
      .trim(),
  );
}

/**
 * "quay lại chuyện …", "trở lại vụ …", "quay về …", "chuyển sang hỏi về …" at the start, after a "thôi", "ok", "vậy" if
 * any ("thôi quay lại hộ kinh doanh": no "thôi" of a procedure that ends something): the way back to an earlier topic
 * or on to another ("chuyển sang" alone stays: "chuyển sang đất ở" is a land-use change).
 */
const TOPIC_RETURN =
  /^\s*(?:(?:thôi|thoi|ok|oke|à|a|ừ|u|vậy|vay|thế|the)[\s,]+)?(?:quay\s+l[ạa]i|tr[ởo]\s+l[ạa]i|quay\s+v[ềe]|chuy[ểe]n\s+(?:sang|qua)\s+h[ỏo]i(?:\s+(?:v[ềe]|th[êe]m))?)(?:\s+(?:chuy[ệe]n|v[ụu]|vi[ệe]c|c[áa]i|v[ớo]i))?[\s,:]*/iu;

/** The message without the words that return to an earlier topic, which name nothing themselves. */
export function withoutTopicReturn(text: string): string {
  const rest = text.normalize("NFC").replace(TOPIC_RETURN, "");
  return rest.trim() === "" ? text : rest;
}

/** Words before a thing that make it a paper already had or one more to bring: "ngoài cccd ra", "giấy khám sức khỏe". */
const PAPER_BEFORE = new Set(words("ngoài ngoai giấy bản besides except apart").map((w) => w.token));
/** Words before a paper that make it what is asked for: "for a …", "để xin …", "làm …". */
const ASKED_FOR = new Set(words("for get obtain apply để xin làm cấp").map((w) => w.token));
/** Words after a thing that make it a paper: "a health check certificate". */
const PAPER_AFTER = new Set(words("certificate card paper papers").map((w) => w.token));

/**
 * "ngoai cccd ra con phai dem gi nua", "bên cô ấy cần giấy khám sức khỏe không", "does she need a health check
 * certificate": another agency's service (the term) said as a paper for the procedure at hand, not asked for.
 */
export function namesPaperBeside(text: string, term: readonly string[], yesNo: boolean): boolean {
  const tokens = words(text.slice(0, MAX_QUERY_CHARS)).map((w) => w.token);
  const at = indexOfRun(tokens, term);
  if (at < 0) return false;
  // "what documents do I need for a criminal record certificate", "giấy tờ để xin giấy khám sức khỏe": the paper is
  // what is asked for, its own papers.
  const before = tokens.slice(Math.max(0, at - 3), at);
  if (before.some((t) => ASKED_FOR.has(t))) return false;
  return (
    PAPER_BEFORE.has(tokens[at - 1] ?? "") ||
    PAPER_AFTER.has(tokens[at + term.length] ?? "") ||
    // the term itself a paper, asked whether needed: "does she need a health check certificate"
    (yesNo && PAPER_AFTER.has(term[term.length - 1] ?? ""))
  );
}

/**
 * The words the catalogue's world is said in: every word of the records, of the synonyms (everyday and English names),
 * of the search's section cues and of the câu mẫu labelled with a procedure (how citizens tell their case and ask). A
 * word none of them says ("xăng", "petrol", "covid", "sđt") belongs to another topic.
 */
export interface Vocabulary {
  /** Keys "token:marks" (as typed with accents) and "token" (folded). */
  readonly known: ReadonlySet<string>;
}

const VOCABULARIES = new WeakMap<object, Vocabulary>();

function recordTexts(catalogue: Pick<Catalogue, "procedures">): string[] {
  return catalogue.procedures.flatMap(procedureTexts);
}

/** Every text a record says: its names, who applies, papers, steps, conditions, result, fees, times, notes. */
export function procedureTexts(p: Procedure): string[] {
  return [
    p.name,
    ...p.aliases,
    p.applicants,
    p.result,
    ...p.conditions,
    ...p.steps,
    ...p.documents.flatMap((d) => [d.name, d.case ?? "", d.form ?? ""]),
    ...p.channels.flatMap((c) => [c.time.text, c.fee.text, c.note ?? ""]),
    p.checkFirst ?? "",
    ...(p.localNotes ?? []),
  ];
}

/** The catalogue's vocabulary, built once per catalogue (its procedures, synonyms and câu mẫu). */
export function vocabularyOf(catalogue: Pick<Catalogue, "procedures" | "synonyms" | "examples">): Vocabulary {
  const owner = catalogue.examples.length > 0 ? catalogue.examples : catalogue.procedures;
  const cached = VOCABULARIES.get(owner);
  if (cached) return cached;
  const known = new Set<string>(CUE_WORDS);
  const texts = [
    ...recordTexts(catalogue),
    ...catalogue.synonyms.groups.flatMap((g) => [g.concept, ...g.terms]),
    ...catalogue.examples.filter((e) => e.code !== NOT_A_PROCEDURE).map((e) => e.text),
  ];
  for (const text of texts) {
    for (const w of words(text)) known.add(w.token).add(`${w.token}:${w.marks}`);
  }
  const vocabulary = { known };
  VOCABULARIES.set(owner, vocabulary);
  return vocabulary;
}

/** The words of the search's section cues (folded): known whatever accents they are typed with. */
const CUE_WORDS = new Set(cuePhrases().flat());

/** A word's key in a message: with its accents when the message is typed with accents. */
function keyIn(w: Word, accented: boolean): string {
  return accented && w.marks !== "" && !CUE_WORDS.has(w.token) ? `${w.token}:${w.marks}` : w.token;
}

/** A message of this many words or more tells its case around the question (as TOLD_WORDS in answer.ts). */
const STORY_WORDS = 9;

/**
 * The words of a message no record, synonym, section cue or câu mẫu says (folded) that say another topic ("giá xăng
 * bao nhiêu", "how much is petrol", "bao lâu thì hết covid"). Numbers and words of asking are never strange; chat
 * spellings are read as the words they stand for. Nor are the case's own details, which no record can say:
 * - a name ("chủ nhà tên Tư", "sinh ở Từ Dũ", "my fiance is from Nigeria"): a capital inside a sentence;
 * - a measure ("45m2", "3h"): digits with their unit;
 * - in a message long enough to tell a story, a Vietnamese word said before the question, in a clause of its own or
 *   before its "thì" ("nhà 3 tầng, sát vách nhà hàng xóm, hồ sơ gồm gì", "… sát vách nhà dân thì có đủ điều kiện
 *   không"): the case told. The question itself, the last clause, is still read whole ("giá xăng hôm nay bao nhiêu"),
 *   and so is a word of no Vietnamese shape ("sjc", "covid") wherever it stands.
 */
export function unknownWords(text: string, vocabulary: Vocabulary, about?: ReadonlySet<string>): string[] {
  const said = unchat(textWords(text.slice(0, MAX_QUERY_CHARS)));
  const accented = said.some((w) => w.marks !== "");
  const question = questionStart(said);
  const story = said.length >= STORY_WORDS && tellsTheCase(said, question, about);
  const opensSentence = (w: TextWord, i: number) => i === 0 || (said[i - 1] as TextWord).sentence !== w.sentence;
  return said
    .filter((w, i) => {
      if (/^\d+$/.test(w.token) || asksWith(w.token) || vocabulary.known.has(keyIn(w, accented))) return false;
      if (w.capital && !opensSentence(w, i)) return false;
      if (/\d/.test(w.token)) return false;
      return !(story && i < question && isVietnameseSyllable(w.token));
    })
    .map((w) => w.token);
}

/**
 * The words (folded) a story tells before its question and not in it: the case, which the question is asked of
 * ("nhà 3 tầng 45m2, sát vách nhà hàng xóm, hồ sơ gồm gì": nhà, tầng, sát, vách, hàng, xóm). None in a message too
 * short to tell one, where every word is the question's ("giá xăng hôm nay bao nhiêu").
 */
export function toldBefore(text: string, about?: ReadonlySet<string>): Set<string> {
  const said = unchat(textWords(text.slice(0, MAX_QUERY_CHARS)));
  if (said.length < STORY_WORDS) return new Set();
  const question = questionStart(said);
  if (!tellsTheCase(said, question, about)) return new Set();
  const asked = new Set(said.slice(question).map((w) => w.token));
  return new Set(
    said
      .slice(0, question)
      .map((w) => w.token)
      .filter((t) => !asked.has(t)),
  );
}

/**
 * The acts and papers of a procedure, folded, as a question names them: "nộp ở đâu", "cần giấy gì", "hồ sơ gồm gì",
 * "cần mang gì", "có đủ điều kiện không", "có được cấp không", "có mất phí không", "hai đứa có phải cùng có mặt không", "trưởng thôn mần giùm được không" (doing it for the
 * citizen), "what documents do we need".
 */
const OWN_TERMS =
  /\b(nop|ho so|giay|giay to|mang|chuan bi|dieu kien|le phi|thu tuc|dang ky|xin|cap|ho tro|huong|tro cap|ket qua|giai quyet|duyet|to khai|documents?|papers?|paperwork|forms?|submit|apply|register|fees?|eligible|granted|phi|co mat|truc tiep|(?:lam|man) (?:giup|gium|ho|thay))\b/;

/**
 * Whether the question after a story asks in the procedure's own terms, so that the story is the case it is asked of
 * ("em bán bún bò ở đầu hẻm thì cần giấy gì"). A bare cue or a question of another act after a story ("máy in nhà em
 * bị kẹt giấy, sửa ở đâu", "con em bị cận thị nặng, cắt kính ở đâu", "đám cưới 30 mâm ở quê, hết bao nhiêu tiền") may
 * ask the story's own thing: its words are read as any others (review s13 H5, H8).
 */
function asksOwnTerms(said: readonly TextWord[], question: number): boolean {
  return OWN_TERMS.test(
    said
      .slice(question)
      .map((w) => w.token)
      .join(" "),
  );
}

/** A size with its unit (folded): "45m2", "5x20m", "4m". */
const SIZE = /^\d+(?:[.,]\d+)?(?:m2|m|x\d+m?)$/;

/**
 * Whether a story is the case of the procedure at hand: its question asks in the procedure's own terms, or the story
 * names what the procedure is about (`about`: the words of its name no other record shares much) before a bare
 * question ("bé sinh ở bệnh viện Hùng Vương lúc 3h sáng, mất bao lâu" on a birth registration; not "con em học kém
 * môn toán, học thêm ở đâu" on a school transfer: "học thêm" is asked).
 */
function tellsTheCase(said: readonly TextWord[], question: number, about?: ReadonlySet<string>): boolean {
  if (asksOwnTerms(said, question)) return true;
  // The story points at the paper at hand ("em mới đi lao động ở Nhật về, cần giấy này nộp cho công ty thì làm ở đâu").
  if (pointsIn(said.slice(0, question))) return true;
  // A size told ("nha em 2 tang, 60m2, het bao nhieu tien"): a house's or a plot's, the case of what is built on it.
  if (said.slice(0, question).some((w) => SIZE.test(w.token))) return true;
  const bare = said.slice(question).every((w) => asksWith(w.token));
  return bare && about !== undefined && said.slice(0, question).some((w) => about.has(w.token));
}

/** "thì" as typed (bare in an unaccented message): what stands before it is the case, the question after it. */
function isThen(w: Word, accented: boolean): boolean {
  return w.token === "thi" && (w.marks === "\u0300" || (!accented && w.marks === ""));
}

/**
 * Where the question starts: its last clause, or after that clause's last "thì" ("sát vách nhà dân thì có đủ điều
 * kiện không"). A "thì" the question ends with ("… thì sao") starts nothing.
 */
function questionStart(said: readonly TextWord[]): number {
  const last = said.at(-1);
  if (!last) return 0;
  const accented = said.some((w) => w.marks !== "");
  let start = said.findIndex((w) => w.clause === last.clause);
  for (let i = start; i < said.length - 2; i++) if (isThen(said[i] as Word, accented)) start = i + 1;
  // No "thì": a yes/no question opens at its last "có" ("tiệm tạp hóa của em cách trường học 50m có được cấp không"),
  // the case told before it, when both say something.
  if (start === said.findIndex((w) => w.clause === last.clause) && YES_NO_END.has(last.token)) {
    for (let i = said.length - 3; i >= start + 2; i--) {
      const w = said[i] as Word;
      if (w.token !== "co" || !(w.marks === "\u0301" || (!accented && w.marks === ""))) continue;
      // The case must say something before it: not "vậy hồ sơ có khác gì ko", whose question is all of it.
      // Typed with accents, a word of asking only as written so ("nằm", "chợ", "mối" are no "năm", "cho", "mới").
      const asking = (t: Word) => asksWith(t.token) && (!accented || (MARKS_OF.get(t.token)?.has(t.marks) ?? false));
      const told = said.slice(start, i).filter((t) => !asking(t)).length;
      // …and the question after it must ask in the procedure's own terms ("có được cấp không"): a bare "có được không"
      // asks of the words before it ("gửi yêu cầu qua mạng có được không").
      return told >= 2 && asksOwnTerms(said, i) ? i : start;
    }
  }
  return start;
}

/** A yes/no question's closing particle (folded): "không", "ko", "k", "hông", "hok", "chưa". */
const YES_NO_END = new Set(["khong", "ko", "k", "hong", "hok", "khg", "chua"]);

/**
 * Words of a question asked in the procedure's own terms after the case is told (folded): "nộp chỗ nào", "cần thêm giấy
 * gì", "có được miễn phí không", "làm đc ko", "đăng ký được không". Nothing else may stand in it.
 */
const OWN_QUESTION =
  /(?:^|\s)(?:nop|ho so|giay|giay to|mang|chuan bi|dieu kien|le phi|phi|thu tuc|dang ky|lam duoc|lam dc|xin)(?=$|\s)/;
const QUESTION_TERMS = new Set(words("đăng ký giấy phí miễn lệ điều kiện chuẩn bị thêm mang theo").map((w) => w.token));
/**
 * Words that make the case told a request of its own (folded): a wish ("nếu muốn đổi tên quán"), a change, asking for
 * something ("xin", "làm lại"), or "còn …" moving on ("còn đăng ký kết hôn thì cần giấy gì").
 */
const REQUEST = new Set(
  words("muốn mún đổi sửa chuyển thay hủy xóa tách gia hạn bổ sung cải chính lại kiện want change").map((w) => w.token),
);
const MOVING_ON = words("còn what how");
/** Said before "còn": "à còn vụ nhập hộ khẩu cho bé …", "ok còn …". */
const OPENERS = new Set(words("à ừ ờ ok oke vậy thế thôi ủa ơ and").map((w) => w.token));
/** What an unaccented "con" moves on to ("con vu nhap ho khau …"), where it is no child. */
const MOVED_TO = new Set(words("vụ việc chuyện cái thủ tục về about").map((w) => w.token));

/** Whether the story opens by moving on ("còn …", "à còn vụ …", "what about …"), after an interjection or two. */
function movesOn(story: readonly Word[]): boolean {
  const accented = story.some((w) => w.marks !== "");
  const at = story.findIndex((w) => !OPENERS.has(w.token));
  const first = story[at];
  if (!first) return false;
  const next = story[at + 1]?.token ?? "";
  if (first.token === "what" || first.token === "how") return next === "about";
  const said = MOVING_ON.find((w) => w.token === first.token && (!accented || w.marks === first.marks));
  return said !== undefined && (accented || MOVED_TO.has(next));
}

/**
 * "nhà em thuê trọ thì nộp chỗ nào", "em 25 tuổi, anh ấy 30 tuổi, đã ly hôn một lần, cần giấy gì", "k có hộ khẩu thì
 * làm đc ko", "em là sinh viên, có được miễn phí không": the citizen's case told (where they live, their age, a divorce
 * behind them, being a student), then a question in the procedure's own terms that names nothing else. The case is a
 * state, not a request: its words ("trọ", "ly hôn", "hộ khẩu") are no other procedure asked for, though another
 * procedure's name shares them. Not when the case wishes or changes something ("nếu muốn đổi tên quán thì …") or moves
 * on ("còn …").
 */
export function tellsStateThenAsks(text: string): boolean {
  const said = unchat(textWords(text.slice(0, MAX_QUERY_CHARS)));
  const start = questionStart(said);
  if (start === 0 || start >= said.length) return false;
  const story = said.slice(0, start);
  const question = said.slice(start);
  const hidden = new Set(hiddenByFolding(text));
  if (!OWN_QUESTION.test(question.map((w) => w.token).join(" "))) return false;
  // Typed with accents, a word of asking must carry its own: "án" of "án phí" is no particle.
  const asking = (w: Word) =>
    (asksWith(w.token) && (CUE_WORDS.has(w.token) || !hidden.has(`${w.token}:${w.marks}`))) ||
    QUESTION_TERMS.has(w.token);
  if (!question.every(asking)) return false;
  if (movesOn(story)) return false;
  // "nếu mất giấy phép thì xin cấp lại thế nào": a re-issue, a change asked, is a request of its own.
  return !said.some((w) => REQUEST.has(w.token));
}

/**
 * The acts of a procedure, its papers and its offices (folded runs): what a "where" question after an answer asks the
 * place of when it asks the procedure's ("nộp ở đâu", "tờ khai lấy ở đâu", "bộ phận một cửa ở đâu", "where do I submit
 * it"). Going somewhere to do it is one too ("phải đi đâu", "lên đâu").
 */
const WHERE_ACT_RUNS = [
  ...["nộp", "làm", "mần", "đăng ký", "đk", "dk", "xin", "cấp", "lấy", "nhận", "ký", "khai", "báo", "hỏi", "liên hệ"],
  ...["đóng", "trả", "gửi", "chứng thực", "giải quyết", "tiếp nhận", "đi", "đến", "tới", "lên", "vô", "vào", "qua"],
  ...["submit", "apply", "register", "file", "send", "collect", "pay"],
].map((run) => words(run).map((w) => w.token));
/** The acts as typed (with their accents), and those that fold to no other common word. */
// Not "cấp" (a school's level: "trường cấp 2 Nguyễn Du ở đâu").
const WHERE_ACT_WORDS = words("nộp làm mần đăng ký xin lấy nhận ký khai báo gửi chứng thực giải quyết tiếp");
const PLAIN_ACTS = new Set(words("nộp đăng ký đk xin submit apply register").map((w) => w.token));
const WHERE_OWN = [
  ...WHERE_ACT_RUNS,
  ...[
    ...["hồ sơ", "hs", "giấy", "tờ khai", "mẫu", "đơn", "kết quả", "kq", "bản sao", "bản chính", "sổ", "hộ khẩu"],
    ...["căn cước", "cccd", "trích lục", "biên lai", "phiếu", "văn bản", "thủ tục", "địa chỉ", "address"],
    ...["phường", "xã", "thị trấn", "ubnd", "ủy ban", "công an", "một cửa", "hành chính công", "tư pháp", "cán bộ"],
    ...["văn phòng", "chi nhánh", "địa chính", "trụ sở", "office", "ward", "commune", "committee", "police"],
    ...["submit", "apply", "register", "file", "send", "go", "collect", "pick", "get", "form", "forms", "documents"],
    ...["papers", "application", "result", "certificate", "pay", "do", "it", "this", "that"],
  ].map((run) => words(run).map((w) => w.token)),
];

/** Words that say where around ("gần đây", "quanh phường", "nearby"), no part of the thing asked. */
const AROUND = new Set(
  words("gần đây đó quanh xung nào nhất nearby near around here closest nearest any some a an the").map((w) => w.token),
);

/** "X ở đâu", "X nằm ở đâu", "X chỗ nào" closing the message (keys as whereKeys gives them), then particles. */
const WHERE_AFTER =
  /^(.*?)\s*(?:\bnam\s+)?\b(?:o\s+dau|o\s+cho\s+nao|cho\s+nao|o\s+mo)(?:\s+(?:vay|v|z|the|a|ha|nhi|nhe|ad|ban|ak|ah|ta|roi|ne|day))*\s*$/;
/**
 * "chỗ nào X", "quán nào X", "có chỗ/nơi/quán/tiệm X (nào) không": the thing after the place word (group 2), the place
 * word (group 1) when it is an establishment's. "Có …" must close as a question ("không", "ko", "nào").
 */
const WHERE_BEFORE =
  /(?:^|\s)(?:(?:cho|noi)\s+nao|(quan|tiem|cua\s+hang)\s+nao|co\s+(cho|noi|quan|tiem|cua\s+hang)(?=(?:\s+\S+)+?\s+(?:nao|khong|ko|k|hong|hok|khg)(?:\s+\S+)?\s*$)(?:\s+nao)?)\s+(.+?)(?:\s+nao)?(?:\s+(?:khong|ko|k|hong|hok|khg|ha|a|vay|v|z|the|ad|nhi))*\s*$/;
const WHERE_EN = /(?:^|\s)where\s+(?:is|are|s|can|do|should|to|could|would)\s+(.+)$/;
/** Words of the where-frames typed with accents, as they must be typed ("chỗ", not "cho"; "quán", not "quận"). */
const FRAME_MARKS = new Map(
  words("chỗ nơi quán tiệm nằm đâu mô nào ở có cửa hàng").map((w) => [w.token, w.marks] as const),
);

/** The words as the where-frames read them: one typed with other accents than the frame's is kept apart ("cho~"). */
function whereKeys(said: readonly Word[], accented: boolean): string[] {
  return said.map((w) =>
    accented && FRAME_MARKS.has(w.token) && FRAME_MARKS.get(w.token) !== w.marks ? `${w.token}~` : w.token,
  );
}

/**
 * Whether a message after an answer asks where some other thing is, or whether one is around: "chợ Bến Thành ở đâu",
 * "bệnh viện quận 3 nằm ở đâu", "gần đây chỗ nào bán sim", "phường có chỗ photo không", "gần phường có quán cà phê nào
 * không", "where is the nearest ATM". The thing asked names none of the procedure's acts, papers or offices
 * (WHERE_OWN: "nộp ở đâu", "tờ khai lấy ở đâu", "công an phường ở đâu", "em ở Cần Thơ thì đăng ký ở đâu") and, unless
 * it is an establishment said first (src/features/everyday.ts), no two words running in one of the procedure's names ("khai sinh ở
 * đâu"). The words before a clause's "thì" are the case told and are not weighed.
 */
export function asksWhereOther(text: string, names: readonly string[]): boolean {
  const typed = words(text.slice(0, MAX_QUERY_CHARS));
  if (typed.length === 0 || typed.length > 16) return false;
  const accented = typed.some((w) => w.marks !== "");
  // The question after the last "thì" ("bé sinh ở nhà bà ngoại thì nộp ở đâu").
  const thenAt = typed.reduce((at, w, i) => (isThen(w, accented) ? i + 1 : at), 0);
  const question = typed.slice(thenAt);
  const keys = whereKeys(question, accented);
  const asked = keys.join(" ");
  const before = WHERE_BEFORE.exec(asked);
  const after = WHERE_AFTER.exec(asked);
  const english = WHERE_EN.exec(asked);
  const thing = before?.[3] ?? after?.[1] ?? english?.[1];
  // "có quán cà phê nào không", "tiệm nào bán sim": an establishment asked for.
  const shopAsked = before !== null && /^(?:quan|tiem|cua hang)$/.test(before[1] ?? before[2] ?? "");
  if (thing === undefined) return false;
  // Where the thing starts among the words, so its first word is read with its accents.
  const said = thing.split(" ").filter((t) => t !== "");
  const from = keys.findIndex((_, i) => said.every((t, j) => keys[i + j] === t));
  const saidWords = from < 0 ? [] : question.slice(from, from + said.length);
  const opens = saidWords.findIndex((w) => !AROUND.has(w.token) && !FILLER.has(w.token));
  const placeFirst =
    shopAsked ||
    // an establishment said first (src/features/everyday.ts: "chợ Bến Thành", "bệnh viện quận 3", "tiệm áo cưới")
    (opens >= 0 && establishmentAt(saidWords, opens, accented) > 0);
  const tokens = said.map((t) => t.replace(/~$/, ""));
  if (WHERE_OWN.some((run) => indexOfRun(tokens, run) >= 0) && !placeFirst) return false;
  // An establishment asked of: only an act typed as such says it is where the procedure is done ("trường nào nhận hồ
  // sơ ở đâu"); "đồng" of "bệnh viện nhi đồng" is no "đóng".
  if (placeFirst) {
    const acts = accented
      ? question.filter((w) => WHERE_ACT_WORDS.some((a) => a.token === w.token && a.marks === w.marks))
      : question.filter((w) => PLAIN_ACTS.has(w.token));
    return acts.length === 0;
  }
  const left = tokens.filter((t) => !FILLER.has(t) && !AROUND.has(t) && !/^\d+$/.test(t));
  if (left.length === 0) return false;
  // The procedure's own name or alias said ("khai sinh ở đâu", "tạm trú chỗ nào", "phường có chỗ sao y không"): its
  // place. Two words running in one of them, not both particles ("cho con" of "chuyển trường cho con").
  const namesIt = names.some((name) => {
    const run = words(name).map((w) => w.token);
    return run.some((t, i) => {
      const next = run[i + 1];
      return next !== undefined && !(FILLER.has(t) && FILLER.has(next)) && indexOfRun(tokens, [t, next]) >= 0;
    });
  });
  return !namesIt;
}

/** The office's opening and closing asked in its question: "mấy giờ phường đóng cửa", "what time does the ward close". */
const HOURS_ASKED = ["mấy giờ", "giờ nào", "mấy h", "what time", "when does", "when do"].map((run) => words(run));
const HOURS_DONE = [
  ...["mở cửa", "đóng cửa", "làm việc", "nghỉ trưa", "tan làm", "hết giờ làm", "nhận hồ sơ"],
  ...["open", "opens", "close", "closes", "closed", "shut"],
].map((run) => words(run));
const HOURS_OFFICE = [
  ...["phường", "xã", "ubnd", "ủy ban", "bộ phận một cửa", "một cửa", "công an", "trung tâm hành chính công"],
  ...["office", "ward", "commune"],
].map((run) => words(run));

/**
 * Whether the message's question asks when the office opens or closes, the office named, whatever story is told before
 * it ("hôm qua em ra phường lúc 4 giờ chiều thì hết giờ, vậy mấy giờ phường đóng cửa"): the place section prints the
 * office with its hours. Typed with accents, each word with its own ("đóng cửa" of the office, no "dong cua" of a shop
 * read otherwise); a shop's or a business's closing ("quán em đóng cửa mấy giờ") names no office.
 */
export function asksOfficeHours(text: string): boolean {
  const said = textWords(text.slice(0, MAX_QUERY_CHARS));
  const last = said.at(-1);
  if (!last) return false;
  const accented = said.some((w) => w.marks !== "");
  const question = said.filter((w) => w.clause === last.clause);
  const has = (where: readonly Word[], run: readonly Word[]) =>
    where.some((_, i) =>
      run.every((r, j) => {
        const w = where[i + j];
        return w !== undefined && w.token === r.token && (!accented || w.marks === r.marks);
      }),
    );
  return (
    HOURS_ASKED.some((run) => has(question, run)) &&
    HOURS_DONE.some((run) => has(question, run)) &&
    HOURS_OFFICE.some((run) => has(question, run))
  );
}
