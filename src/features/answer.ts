import type { Example } from "../catalogue/examples.js";
import type { CatalogueSnapshot, LiveCatalogue } from "../catalogue/live.js";
import type { Catalogue } from "../catalogue/load.js";
import { deIsPurpose, FUNCTION_WORDS, type LookAlikeReadings } from "../catalogue/readings.js";
import type { Procedure, Redirect, SynonymGroup } from "../catalogue/schema.js";
import { MENU_CHOICE } from "../core/assistant.js";
import { choiceKind, prefixOf } from "../core/choice-id.js";
import { officeText, type Section } from "../core/format.js";
import type { Choice, Feature, FeatureContext, Reply } from "../core/types.js";
import { scrubQuestion } from "../questions/scrub.js";
import { ExampleSearch } from "../search/examples.js";
import type { Hit, ProcedureSearch, SearchOutcome } from "../search/index.js";
import { extractIntent } from "../search/intent.js";
import { fold, type TextWord, textWords, tokenize, typedWithMarks, type Word, words } from "../search/normalize.js";
import { outOfScope } from "../search/scope.js";
import { isVietnameseSyllable } from "../search/spelling.js";
import {
  type AnswerContext,
  earlierProcedures,
  readContext,
  rememberElsewhere,
  rememberHowAnswered,
  rememberOptions,
  rememberProcedure,
  rememberRejected,
} from "./answer-context.js";
import {
  asksOfCaseBroadly,
  asksOfCaseByModel,
  CASE_QUESTION_MODEL,
  caseP,
  outsiderWords,
  STAY_SWITCH_MODEL,
  staySwitchP,
  typedInEnglish,
} from "./case-question.js";
import { type Correction, readCorrection, setAside } from "./corrections.js";
import {
  asksFirstStep,
  asksOfficeHours,
  asksPaperToBring,
  asksToGetPaper,
  asksWhereOther,
  asksWith,
  asksWithTyped,
  contentWords,
  hiddenByFolding,
  namesAsPaperOfCase,
  namesPaperBeside,
  opensMoveOn,
  pointsAtCurrent,
  procedureTexts,
  type SectionCue,
  sectionCue,
  spelledOut,
  tellsStateThenAsks,
  toldBefore,
  unknownWords,
  type Vocabulary,
  vocabularyOf,
  withoutDescriptions,
  withoutTopicReturn,
} from "./follow-up.js";
import {
  type CaseSoFar,
  caseForeign,
  elementAmong,
  foreignTwin,
  forTheCase,
  isForeignElement,
  namesForeign,
  namesForeigner,
  plainAsTold,
  retoldCase,
  saysDomestic,
  staysAbroad,
  toldByRecords,
  withoutCaseWords,
} from "./foreign.js";
import { shorten } from "./labels.js";
import { asksOfficeContact } from "./office-contact.js";
import { PROCEDURE_CHOICE, procedureChoiceId, readProcedureChoice } from "./procedure-choice.js";
import { chooseReply, compareReply, FEEDBACK_CHOICE, procedureReply } from "./procedure-reply.js";
import {
  asksAgencyService,
  bringsPaper,
  containsRun,
  matchRedirect,
  namesAsHeld,
  namesPaperToBring,
  opensWith,
} from "./redirects.js";
import {
  familyOf,
  funeralAmong,
  isChange,
  learnGlossary,
  meantVariant,
  namesChange,
  namesFirstIssue,
  notedAmong,
  variantForDetail,
} from "./variants.js";
import { wardIdOf } from "./ward.js";

/** Hits looked at: a "which one?" list shows the first LIST_MAX, an answer offers the others as related. */
const SEARCH_LIMIT = 8;
const LIST_MAX = 5;
/** Related procedures offered under an answer: those that hold every word asked, at most this many. */
const RELATED_MAX = 4;
/** The most choices an answer carries, related ones included (Telegram pages a keyboard of more than 10). */
const ONE_SCREEN_CHOICES = 10;
const RELATED_COVERAGE = 0.95;
const RELATED_SCORE = 0.6;
/**
 * A refinement read with the current procedure ("nếu chồng là người Hàn Quốc thì sao" after
 * "đăng ký kết hôn") must lead the next other procedure by this much to be taken.
 */
const REFINE_MARGIN = 0.08;
/** A follow-up this short (words besides the cue and chat particles) may ask about the procedure at hand. */
const FEW_WORDS = 4;
/**
 * A redirect term that is at most this share of a message search answers surely is a paper or a status in a
 * question about the procedure ("khai sinh cho con cần cccd của bố mẹ không"); more, it is the request itself.
 */
const PAPER_SHARE = 0.5;
/** The redirect for civil status of Vietnamese abroad, and the field of the ward's civil-status procedures. */
const CONSULATE_REDIRECT = "co-quan-dai-dien";
const CIVIL_STATUS_FIELD = "Hộ tịch";
/** The redirect for foreigners' visas and residence cards. */
const IMMIGRATION_REDIRECT = "thi-thuc-nguoi-nuoc-ngoai";
const RESIDENCE = [tokenize("tạm trú"), tokenize("thường trú")];
const REMOVAL = tokenize("xóa");

/** "… thì sao", "… thì thế nào", "what if …": a what-if, short (a letter's closing is no what-if). */
const WHAT_IF = /(?:^|\s)(?:thì|thi)\s+(?:sao|thế nào|the nao|làm sao|lam sao)[\s?.!]*$/iu;
const WHAT_IF_WORDS = 9;
/**
 * "nếu …" opening a question ("Nếu nhà bên kia cố tình không đến buổi hòa giải thì sao, xã có giải quyết tiếp không?",
 * "neu chu nha khong chiu ky thi sao"), "what if …", "and if …": a what-if said as a sentence, longer.
 */
const IF_OPENING = /^\s*(?:(?:còn|con|vậy|vay|thế|the|mà|ma|and|but)\s+)?(?:nếu|neu|lỡ|lo|what if|if)\s/iu;
const IF_WORDS = 18;

function asksWhatIf(text: string): boolean {
  const typed = text.normalize("NFC");
  const told = tokenize(text).length;
  return (WHAT_IF.test(typed) && told <= WHAT_IF_WORDS) || (IF_OPENING.test(typed) && told <= IF_WORDS);
}

/** The look-alikes search ranks first that a what-if could mean instead of the procedure at hand. */
const WHAT_IF_RIVALS = 3;

/** Words that make what follows a state of the case, not a thing to do: not yet, not, none, already (folded). */
const STATE_WORDS = new Set(tokenize("chưa không ko k chẳng chả đã hết quá no not without"));
/** How many words a state word reaches, up to its clause's "thì" or end. */
const STATE_REACH = 4;

/** The words a what-if says as a state of the case ("chưa đăng ký kết hôn", "không có hợp đồng"), folded. */
function saidAsState(text: string): Set<string> {
  const said = textWords(text.slice(0, MAX_DAY_CHARS));
  const state = new Set<string>();
  said.forEach((w, i) => {
    if (!STATE_WORDS.has(w.token)) return;
    for (const next of said.slice(i + 1, i + 1 + STATE_REACH)) {
      if (next.clause !== w.clause || next.token === "thi") break;
      state.add(next.token);
    }
  });
  return state;
}

/**
 * Whether a message names another procedure's own thing as something to do: two words of its name (or all, when it
 * has fewer) that few records say, the procedure at hand's names do not, and no state word before them makes a state
 * of the case ("bán thêm thuốc lá" names the tobacco licence after a liquor licence; "chưa đăng ký kết hôn" names no
 * marriage registration after a birth registration).
 */
function namesOwnThing(other: Procedure, current: Procedure, text: string, all: readonly Procedure[]): boolean {
  const common = commonWords(all);
  const here = titleWords(current);
  const state = saidAsState(text);
  const own = new Set(tokenize(other.name).filter((t) => !common.has(t) && !here.has(t) && !asksWith(t)));
  if (own.size === 0) return false;
  const said = new Set(tokenize(text).filter((t) => own.has(t) && !state.has(t)));
  return said.size >= Math.min(2, own.size);
}

/**
 * Whether a what-if names a procedure search found, other than the one at hand: its name said whole, not as a state of
 * the case ("còn đăng ký thường trú thì sao", "cắt khẩu cho bố thì làm sao"; not "nếu ba mẹ chưa đăng ký kết hôn thì
 * sao"), or its own thing said.
 */
function namesRival(hit: Hit<Procedure>, current: Procedure, text: string, all: readonly Procedure[]): boolean {
  if (hit.parts.title < 1) return namesOwnThing(hit.procedure, current, text, all);
  // Named whole in other words (a synonym: "cắt khẩu" for the deregistration) or outside a state: a rival.
  const state = saidAsState(text);
  const said = new Set(tokenize(text));
  const here = titleWords(current);
  const named = tokenize(hit.procedure.name).filter((t) => said.has(t));
  return !named.some((t) => state.has(t)) || named.some((t) => !state.has(t) && !here.has(t));
}

/**
 * Which procedure or paper the case then takes, asked ("… thì đăng ký gì", "… thì đi thủ tục nào", "… thì phải xin
 * giấy gì", "which procedure"): a new request, no what-if of the one at hand (folded).
 */
const ASKS_WHICH =
  /(?:^|\s)(?:(?:dang ky|thu tuc|xin giay|lam giay|giay phep|giay to)\s+(?:gi|j|nao)|which (?:procedure|paper|permit|licen[cs]e))(?=$|[\s?.!,])/;

/** "bị phạt bao nhiêu", "phạt không": a penalty asked, which a what-if's conditions say, never a fee (folded). */
const PENALTY = /(?:^|\s)(?:phat|penalty|fined?)(?=$|[\s?.!,])/;

/** The section a what-if asks: the one it names, or its conditions (who may, what if not; a penalty too). */
function whatIfSection(text: string, cue: SectionCue | undefined): Section {
  if (PENALTY.test(fold(text.slice(0, MAX_DAY_CHARS)))) return "conditions";
  return cue?.section ?? "conditions";
}

/**
 * A person pointed at ("ông ấy", "chị ta", "bên kia", "người ta"): the other party of the case, already said, so no
 * word the record should hold ("ông ấy ko đến hòa giải thì sao" on a mediation asks its conditions).
 */
const PERSON_POINTED =
  /(?<![\p{L}\p{M}])(?:(?:ông|bà|anh|chị|cô|chú|bác|cậu|em|con|thằng|bên|người|nhà|ong|ba|chi|co|chu|bac|cau|ben|nguoi)\s+(?:ấy|ta|kia|đó|ay|do)|người ta|nguoi ta)(?![\p{L}\p{M}])/giu;

/** A word of the what-if left: "thì sao" itself and "không" (said in the what-if's own "không ký"). */
const WHAT_IF_FRAME = new Set(tokenize("thì sao thế nào làm không chưa"));

/**
 * Whether more than half of what the message says besides particles stands in the record (its names, who applies,
 * conditions, papers, steps, note): "chủ nhà không ký thì sao" on a temporary residence, not "giá vàng hôm nay thì sao".
 */
function aboutRecord(procedure: Procedure, text: string): boolean {
  // Words of asking and of telling one's case ("không chịu đến", "cố tình") say nothing of another topic: a what-if made
  // of them only ("nhà bên kia ko chịu đến thì sao") asks of the procedure at hand.
  const typed = text.normalize("NFC");
  const unpointed = typed.replace(PERSON_POINTED, " ");
  const told = contentWords(unpointed).filter((t) => !WHAT_IF_FRAME.has(t));
  // Typed with other accents, a particle's letters name something ("vàng" is no "vâng", "giá" no "già"): another topic,
  // unless the record says it so ("chủ" of "chủ nhà không ký thì sao" on a temporary residence).
  const { accented: recordAccented } = recordWords(procedure);
  if (hiddenByFolding(typed).some((k) => !recordAccented.has(k))) return false;
  const said = told.filter((t) => !asksWith(t));
  if (said.length === 0) return told.length > 0 || unpointed !== typed;
  const record = new Set(
    [
      procedure.name,
      ...procedure.aliases,
      ...procedure.applicants,
      ...procedure.conditions,
      ...procedure.documents.map((d) => d.name),
      ...procedure.steps,
      procedure.checkFirst ?? "",
    ].flatMap(tokenize),
  );
  return said.filter((t) => record.has(t)).length * 2 > said.length;
}

/** "có cần … không", "phải có … không", "is … needed": whether a thing is needed, asked as yes or no. */
const NEEDED =
  /(?:^|\s)(?:có cần|co can|cần|can|phải có|phai co|bắt buộc|bat buoc)\s.*(?:không|khong|ko|k|hông|hong|hok|ạ|a)\s*\??\s*$/iu;
/** The same asked in English: "do I need a …", "does she need …", "is a … required". */
const NEEDED_EN = /^\s*(?:do|does|did|will|would|is|are|must)\s.*\b(?:need|needs|needed|required|necessary)\b/i;
const NEEDED_WORDS = 12;
/** The same of a paper of the case, which may be told with what it is like ("… viết bằng tiếng Anh có cần dịch không"). */
const NEEDED_PAPER_WORDS = 16;

function asksWhetherNeeded(text: string, most = NEEDED_WORDS): boolean {
  const typed = text.normalize("NFC");
  return (NEEDED.test(typed) || NEEDED_EN.test(typed)) && tokenize(text).length <= most;
}

/** Words of a need question that say nothing of the thing: "hỏi thêm", "có cần … không". */
const NEEDED_FRAME = new Set(tokenize("thêm nữa cần phải có bắt buộc không nào gì"));

/**
 * Whether a word of the thing asked stands in the record's papers, conditions or note, and the thing is said in a
 * few words (at most four): "giấy xét nghiệm ADN" on an acknowledgement whose papers list "kết quả giám định ADN".
 */
function needsWhatRecordSays(procedure: Procedure, text: string): boolean {
  const said = contentWords(text).filter((t) => !NEEDED_FRAME.has(t));
  if (said.length === 0 || said.length > 4) return false;
  const record = new Set(
    [
      ...procedure.conditions,
      ...procedure.documents.flatMap((d) => [d.name, d.case ?? ""]),
      procedure.checkFirst ?? "",
    ].flatMap(tokenize),
  );
  return said.some((t) => record.has(t));
}

/**
 * A thing asked whether needed ("có cần người làm chứng không"), asked as documents or conditions: the section where
 * the record itself speaks of it. A will's witnesses are in its conditions, a re-registration's witness statements in
 * its papers. The other section only when it holds every word of the thing and the asked one holds fewer.
 */
function whereRecordSays(procedure: Procedure, text: string, section: Section): Section {
  if (section !== "documents" && section !== "conditions") return section;
  // Words with their accents ("chứng" of "người làm chứng" is no "chưng"), the frame of the question left out.
  const key = (w: Word) => `${w.token}:${w.marks}`;
  // Only the words the section's own cue leaves ("hồ sơ gồm" holds no thing: INTENT's request, review s16 #8).
  const left = extractIntent(textWords(text.slice(0, 200))).rest;
  // nor the procedure's own name ("gia hạn thì mang gì" after gia hạn tạm trú asks its papers, no condition of it)
  const name = new Set(words(procedure.name).map(key));
  const said = [...new Set(left.filter((w) => !NEED_FRAME.has(w.token) && !name.has(key(w))))];
  // a thing is said in two words at least ("người làm chứng"); one left ("nhận" of "ai được nhận") names none
  if (said.length < THING_WORDS) return section;
  const holds = (texts: readonly string[]) => {
    const record = new Set(texts.flatMap((t) => words(t).map(key)));
    return said.filter((w) => record.has(key(w)) || (w.marks === "" && record.has(`${w.token}:`))).length;
  };
  const inPapers = holds(procedure.documents.map((d) => d.name));
  const inConditions = holds(procedure.conditions);
  if (section === "documents" && inConditions === said.length && inPapers < inConditions) return "conditions";
  if (section === "conditions" && inPapers === said.length && inConditions < inPapers) return "documents";
  return section;
}
const THING_WORDS = 2;
/** A message opening by rejecting what was answered (folded): "sai rồi …", "không phải …", "nhầm rồi …". */
const REJECTS = /^\s*(?:sai|khong phai|ko phai|k phai|nham|not|wrong|no,)(?=$|[\s,.!])/;
/** Words of asking whether something is needed, which are no part of the thing. */
const NEED_FRAME = new Set(
  tokenize("cần phải có không ko k bắt buộc mang theo nộp kèm à ạ nhỉ vậy hả need do does i we a an the to bring"),
);

/** The redirect for companies, and how a household business and one's own company are said. */
const ENTERPRISE_REDIRECT = "doanh-nghiep";
const HOUSEHOLD_BUSINESS = tokenize("hộ kinh doanh");
const HOUSEHOLD_BUSINESS_EN = tokenize("household business");
const OWN_COMPANY = [
  ...["công ty tôi", "công ty của tôi", "công ty mình", "công ty của mình", "công ty em", "công ty của em"],
  ...["công ty chúng tôi", "doanh nghiệp tôi", "doanh nghiệp của tôi", "doanh nghiệp chúng tôi", "my company"],
  ...["our company"],
  // a company's own form or officer: "giám đốc một công ty cổ phần", "công ty tnhh của gia đình"
  ...["công ty cổ phần", "công ty tnhh", "công ty trách nhiệm hữu hạn", "doanh nghiệp tư nhân", "giám đốc công ty"],
  // one being set up, said in English by its kind or size ("registering a new company", "open a small trading
  // company"): a company, which a household business is not
  ...["new company", "trading company", "small company", "own company", "limited company"],
].map(tokenize);

function ownsCompany(text: string): boolean {
  const said = tokenize(text);
  return OWN_COMPANY.some((run) => containsRun(said, run));
}

function isHouseholdBusiness(procedure: Procedure): boolean {
  return containsRun(tokenize(procedure.name), HOUSEHOLD_BUSINESS);
}

/** A citizen's registration or extension of residence ("Đăng ký tạm trú", "Gia hạn tạm trú"), not its removal. */
function residesHere(procedure: Procedure): boolean {
  const name = tokenize(procedure.name);
  return RESIDENCE.some((run) => containsRun(name, run)) && !REMOVAL.some((t) => name.includes(t));
}
/** A hit whose best title the message says less than this share of is not named by it. */
const WEAK_TITLE = 0.5;

/** Choices a not-found reply keeps: about procedures and the menu, not a finished dossier step. */
const KEPT_PREFIXES = new Set([PROCEDURE_CHOICE.prefix, FEEDBACK_CHOICE.prefix, MENU_CHOICE.prefix, "f"]);

export interface AnswerFeedbackSink {
  record(chatKey: string, procedureCode: string, helpful: boolean): Promise<void>;
}

/** Where questions answered "not found" go, for staff (issue 11 item 5). */
export interface UnansweredSink {
  record(text: string, ward?: string): Promise<void>;
}

export interface AnswerFeatureDeps {
  catalogue: LiveCatalogue;
  /** Where "helpful / not helpful" taps on answers are kept; without it the buttons are not offered. */
  answerFeedback?: AnswerFeedbackSink;
  unanswered?: UnansweredSink;
  /** The snapshot this chat is answered from (its ward's view: overlays, offices); the live catalogue's when absent. */
  catalogueFor?: (ctx: FeatureContext) => CatalogueSnapshot;
}

/**
 * Questions answered from the catalogue: any free text no other feature took, /tim, section
 * buttons. Remembers the procedure answered, so a message asking only a section ("mất bao
 * lâu", "how much") answers it for that procedure; naming another procedure switches.
 */
export function createAnswerFeature(deps: AnswerFeatureDeps): Feature {
  const answer = async (ctx: FeatureContext, text: string) => {
    await readingsReady(ctx, deps);
    const before = readContext(ctx);
    const answered = await answerQuestion(ctx, deps, text);
    const stayed = stayOnCase(ctx, deps, before, text);
    const replies = stayed ? [stayed] : answered;
    noteHowAnswered(ctx, deps, before, text);
    return replies;
  };
  const search = (ctx: FeatureContext, arg: string) => (arg ? answer(ctx, arg) : [{ text: ctx.t("empty-message") }]);
  return {
    name: "answer",
    commands: { tim: search, search },
    choicePrefixes: [PROCEDURE_CHOICE.prefix, FEEDBACK_CHOICE.prefix, NONE_RIGHT_CHOICE.prefix],
    onChoice: async (ctx, id) => {
      await readingsReady(ctx, deps);
      const before = readContext(ctx);
      const replies = await onChoice(ctx, id);
      noteHowAnswered(ctx, deps, before);
      return replies;
    },
    onText: answer,
  };

  async function onChoice(ctx: FeatureContext, id: string): Promise<Reply[]> {
    if (NONE_RIGHT_CHOICE.unpack(id)) {
      // Pressed under a list no longer the latest (an old Telegram message): nothing to set aside, the procedure the
      // chat is on least of all.
      const st = readContext(ctx);
      return (st.options ?? []).length > 0 ? [describeAgain(ctx, st)] : [{ text: ctx.t("expired-choice") }];
    }
    const notThis = NOT_THIS_CHOICE.unpack(id);
    if (notThis) {
      // Said of the procedure the chat is still on, as typing "không phải" then; else an old message's button.
      const st = readContext(ctx);
      const corrected =
        st.code === notThis.code && !st.elsewhere
          ? await correct(ctx, deps, { kind: "reject", rest: "", rejected: "" }, st)
          : undefined;
      return corrected ?? [{ text: ctx.t("expired-choice") }];
    }
    const { catalogue } = snapshotOf(ctx, deps);
    const feedback = FEEDBACK_CHOICE.unpack(id);
    if (feedback) {
      if (!deps.answerFeedback || !catalogue.procedures.some((p) => p.code === feedback.code)) {
        return [{ text: ctx.t("expired-choice") }];
      }
      await deps.answerFeedback.record(ctx.chatKey, feedback.code, feedback.helpful === "1");
      return [{ text: ctx.t("answer-thanks") }];
    }
    const picked = readProcedureChoice(id);
    const procedure = picked && catalogue.procedures.find((p) => p.code === picked.code);
    return procedure && picked
      ? [show(ctx, deps, procedure, picked.section, picked.part)]
      : [{ text: ctx.t("expired-choice") }];
  }
}

/** A question of this many words or fewer that names another procedure whole asks of it. */
const SHORT_NAMED = 10;

/**
 * The stay-or-switch judge (case-question.ts StaySwitchModel) after the rules: a follow-up that moved the chat from the
 * procedure at hand to search's first hit, which the judge reads as still asking of the case at hand ("tiệm em là hộ cá
 * thể thì tốn bao nhiêu" on a tobacco licence: the household business named only as the shop's state), is answered
 * with the one at hand, the section it asks. Not a correction ("không phải, …"): that rejects the one at hand.
 */
function stayOnCase(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  before: AnswerContext,
  text: string,
): Reply | undefined {
  const model = STAY_SWITCH_MODEL;
  const after = readContext(ctx);
  if (!model || !before.code || !after.code || after.code === before.code || readCorrection(text)) return undefined;
  const { search, catalogue } = snapshotOf(ctx, deps);
  const current = catalogue.procedures.find((p) => p.code === before.code);
  const other = catalogue.procedures.find((p) => p.code === after.code);
  if (!current || !other) return undefined;
  const outcome = followUpOutcome(search, text);
  if (outcome.hits[0]?.procedure.code !== other.code) return undefined;
  // A move said in words ("còn …", "chuyển sang hỏi về …", "quay lại …") or a message that opens by naming the other
  // ("khai tử thì mất bao lâu", "thuong tru thi het bao nhieu tien"): the citizen asks of it, as the rules read.
  const typed = spelledOut(text);
  const cue = sectionCue(typed);
  if (opensMoveOn(typed) || saysTopicReturn(typed)) return undefined;
  // "hợp đồng thuê nhà viết bằng tiếng Anh có cần dịch không" after a temporary residence, "bảng điểm có cần dịch trước
  // không" after a certified copy: a paper of the case asked whether it (or something done to it) is needed, which
  // search answers with the procedure that does things to such papers. The message says none of that procedure's act
  // (the words its name opens with: "chứng thực", "đăng ký", "cấp") nor a change of a paper: it asks of the case at
  // hand, its papers. A look-alike too ("dịch" is said of the papers a copy is certified from, and names the
  // certification of a translator's signature).
  if (
    (cue?.section === "documents" || cue?.section === "conditions") &&
    asksWhetherNeeded(typed, NEEDED_PAPER_WORDS) &&
    !saysActOf(other, typed) &&
    !namesChange(typed)
  )
    return show(ctx, deps, current, whereRecordSays(current, text, cue.section));
  // A look-alike (a re-issue, an extension, a foreign-element twin) is the variant readings' choice; a detail told with
  // no question is the detail readings'; a short question naming the other whole asks of it ("khai tu thi can giay to gi").
  if (lookAlike(other, current) || (!cue && !asksQuestion(typed))) return undefined;
  if (cue && saysNameOf(other, typed) && tokenize(typed.slice(0, MAX_DAY_CHARS)).length <= SHORT_NAMED)
    return undefined;
  // The same in English ("how long does marriage registration take" after a temporary residence): the name is said in
  // English words, which no Vietnamese name holds; search, reading them through the catalogue's English glossary, is
  // sure of the other by its whole title.
  if (
    cue &&
    typedInEnglish(typed) &&
    outcome.sure &&
    (outcome.hits[0]?.parts.title ?? 0) >= 1 &&
    tokenize(typed.slice(0, MAX_DAY_CHARS)).length <= SHORT_NAMED
  )
    return undefined;
  if (!asksWhetherNeeded(typed) && opensWithOtherName(other, current, typed, cue?.section)) return undefined;
  // The other named whole by a word the record at hand never says ("làm giấy chứng tử cho ông thì mất mấy ngày" after a
  // birth registration): no paper or state of this case.
  if (saysNameOf(other, typed)) {
    const theirs = foldedNameWords(other);
    const record = new Set(procedureTexts(current).flatMap((t) => tokenize(t)));
    if (tokenize(typed.slice(0, MAX_DAY_CHARS)).some((t) => theirs.has(t) && !record.has(t))) return undefined;
  }
  const p = staySwitchP(model, staySwitchFeatures(text, current, other, outcome, caseP(text, current, catalogue)));
  if (p < model.threshold) return undefined;
  return show(
    ctx,
    deps,
    current,
    whereRecordSays(current, text, cue?.section ?? (asksQuestion(text) ? "conditions" : "general")),
  );
}

/** "None of these is right", under the list a bare "không phải" offers. */
const NONE_RIGHT_CHOICE = choiceKind("n", []);
/** "Not this one", under an answer search is not sure of: a bare "không phải" said of that procedure. */
const NOT_THIS_CHOICE = choiceKind("n:x", ["code"]);

/**
 * When a turn put the chat on a new procedure, what led to it: the other candidates of that turn (the rest of the
 * list it was picked from, or search's next hits and the alternatives the record's note cites) and, for a search,
 * the citizen's words. A bare "không phải" next offers those candidates; a detail said next is read with the words.
 */
function noteHowAnswered(ctx: FeatureContext, deps: AnswerFeatureDeps, before: AnswerContext, text?: string): void {
  const after = readContext(ctx);
  if (!after.code || after.code === before.code) return;
  const code = after.code;
  const { search, catalogue } = snapshotOf(ctx, deps);
  // A correction led here by what it says is meant ("khai tử" of "không phải khai sinh mà là khai tử").
  const meant = text === undefined ? undefined : readCorrection(text)?.rest || undefined;
  const listed = before.options?.includes(code) ? before.options : before.alternatives;
  if (listed?.includes(code) || text === undefined) {
    // Picked or led to from a list: the words the list was offered for led here, so a detail said next is read with them.
    const story = before.options?.includes(code) ? before.asked : undefined;
    rememberHowAnswered(
      ctx,
      (listed ?? []).filter((c) => c !== code),
      storedWords(meant) ?? story,
    );
    return;
  }
  const asked = meant ?? text;
  const procedure = catalogue.procedures.find((p) => p.code === code);
  const cited = procedure ? citedBy(procedure, catalogue.procedures).map((p) => p.code) : [];
  const hits = search
    .search(withoutTopicReturn(asked), SEARCH_LIMIT)
    .hits.filter((h) => h.score >= ALTERNATIVE_SCORE)
    .map((h) => h.procedure.code);
  // The alternatives its note cites first, then search's next hits of the same field ("xác nhận cư trú": the other
  // residence procedures before a disability certificate), the other hits, then, when search found little else
  // ("hộ nghèo": the middle-income household beside emergency aid), the rest of its field.
  const field = new Set(catalogue.procedures.filter((p) => p.field === procedure?.field).map((p) => p.code));
  // The field's procedures nearest the answered one first: those whose names share the most words with its own
  // ("tách hộ khẩu" → the household register's other procedures before the temporary absence).
  const kin = procedure
    ? catalogue.procedures
        .filter((p) => field.has(p.code) && sharedNameWords(p, procedure) > 0)
        .sort((a, b) => sharedNameWords(b, procedure) - sharedNameWords(a, procedure))
        .map((p) => p.code)
    : [];
  const alternatives = [
    ...new Set([...cited, ...hits.filter((c) => field.has(c)), ...hits.filter((c) => !field.has(c)), ...kin, ...field]),
  ]
    .filter((c) => c !== code)
    .slice(0, LIST_MAX);
  rememberHowAnswered(ctx, alternatives, storedWords(asked));
}

/**
 * The citizen's words as the conversation state keeps them (stored, and kept after the chat ends): numbers, phone
 * numbers, e-mail addresses and dossier codes left out, as questions kept for staff are scrubbed (questions/scrub.ts).
 */
function storedWords(text: string | undefined): string | undefined {
  return text === undefined
    ? undefined
    : scrubQuestion(text)
        .replace(/\[[^\]]*\]/g, " ")
        .replace(/\s+/g, " ")
        .trim();
}

/** Search's next hits offered after a bare "không phải" score this much at least (search lists from 0.42). */
const ALTERNATIVE_SCORE = 0.42;

/**
 * A correction ("không phải", "sai rồi, ý tôi là khai tử", "không có cái nào đúng") read with the conversation, or
 * undefined when there is nothing to correct (no procedure answered, no list offered: the message goes on as any).
 */
async function correct(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  correction: Correction,
  st: AnswerContext,
): Promise<Reply[] | undefined> {
  const { catalogue, search } = snapshotOf(ctx, deps);
  const current = st.code;
  const listed = st.options ?? [];
  if (!current && listed.length === 0) return undefined;
  // The last turn pointed to another agency ("làm hộ chiếu ở đâu" after "khai sinh"): the no is of that pointer, not of
  // the procedure before it. Other words, please, or what is meant, nothing set aside.
  if (st.elsewhere) {
    return correction.kind === "none" || correction.rest === ""
      ? [describeAgain(ctx, {})]
      : answerQuestion(ctx, deps, correction.rest);
  }
  if (correction.kind === "none") return [describeAgain(ctx, st)];
  if (correction.rest === "") {
    // After a list, or with nothing else to offer: ask for other words.
    const others = (st.alternatives ?? [])
      .filter((c) => c !== current)
      .flatMap((c) => catalogue.procedures.filter((p) => p.code === c));
    if (!current || others.length === 0) return [describeAgain(ctx, st)];
    // The answer rejected stays set aside: "none of these" next sets it aside with the list, as the next search does.
    rememberOptions(
      ctx,
      others.map((p) => p.code),
      false,
      [current],
    );
    return [
      {
        text: ctx.t("correction-choose"),
        choices: [
          // The section asked stays asked: "lệ phí khai sinh bao nhiêu" → "sai rồi" → "2" shows that one's fee.
          ...others.map((p) => ({ id: procedureChoiceId(p.code, st.section ?? "general"), label: shorten(p.name) })),
          { id: NONE_RIGHT_CHOICE.pack({}), label: ctx.t("correction-none-right") },
        ],
      },
    ];
  }
  // "no, I meant the fee", "ý tôi là lệ phí": a section of the procedure at hand, no correction of the procedure.
  const probe = search.search(correction.rest, SEARCH_LIMIT);
  if (sectionCue(correction.rest)?.only || probe.sectionOnly) return answerQuestion(ctx, deps, correction.rest);
  // "cấp lại chứ không phải cấp mới", "không phải, giấy của tôi bị thất lạc" after a licence: another variant of the
  // same thing (its re-issue), which the change or loss said picks among the thing's variants.
  const currentProcedure = catalogue.procedures.find((p) => p.code === current);
  const variant = currentProcedure
    ? (retoldCase(
        currentProcedure,
        catalogue.procedures,
        correction.rest,
        { procedure: currentProcedure, story: st.asked },
        readingsOf(ctx, deps),
      ) ?? changeMeant(currentProcedure, correction.rest, catalogue.procedures))
    : undefined;
  if (current && variant) {
    rememberOptions(
      ctx,
      (st.alternatives ?? []).filter((c) => c !== current),
      false,
      [current],
    );
    return [show(ctx, deps, variant, sectionCue(correction.rest)?.section ?? "general")];
  }
  // "không phải tôi mà là con tôi": no procedure named, a person; the message goes on as any, the context kept.
  if (setAside(probe, new Set(current ? [current] : [])).decision === "none") return undefined;
  // What is meant, searched on its own: the procedure answered set aside, unless named whole. The other candidates of
  // the turn before stand as a list just offered, so a list of the correction settles on the one among them ("ko
  // phải, cán bộ đến nhà làm khai tử cơ" after "khai tử": the mobile death registration, not the mobile marriage).
  // After a list, the list is what was wrong: set aside too.
  const aside = new Set(current ? [current] : []);
  // "sai rồi, giấy phép thuốc lá chứ không phải rượu" after "cấp lại giấy phép bán rượu": the words asked with the
  // wrong one put right ("cấp lại giấy phép bán thuốc lá"), when search finds first there one the correction's own
  // words find too; else what is meant alone.
  const swapped =
    st.asked && correction.rejected ? swapWords(st.asked, correction.rejected, correction.rest) : undefined;
  const swappedOutcome = swapped === undefined ? undefined : setAside(search.search(swapped, SEARCH_LIMIT), aside);
  const swappedTop = swappedOutcome?.decision === "none" ? undefined : swappedOutcome?.hits[0]?.procedure.code;
  const meant =
    swapped && swappedTop && probe.hits.some((h) => h.procedure.code === swappedTop) ? swapped : correction.rest;
  const others = (st.alternatives ?? []).filter((c) => c !== current);
  if (current && others.length > 0) rememberOptions(ctx, others, false, [current]);
  else rememberRejected(ctx, current ? [] : listed);
  // "con tôi quốc tịch Mỹ, đăng ký khai sinh" / "không phải, ý tôi là sửa tên trên giấy khai sinh": the birth registration
  // is not meant, the child's nationality still is the case (review s13 H10).
  return answerQuestion(ctx, deps, meant, aside, { procedure: currentProcedure, story: st.asked });
}

/**
 * The variant of the thing at hand a change or a loss said names ("cấp lại", "bị thất lạc", "gia hạn"): among the
 * thing's variants (familyOf), the one variantForDetail reads; undefined when the words name no change, or none or
 * the procedure at hand.
 */
function changeMeant(
  current: Procedure,
  text: string,
  all: readonly Procedure[],
  /** Only a change named ("gia hạn thì cần giấy gì"), no hint: "cần thêm giấy tờ gì" asks the papers of the one at hand. */
  named = false,
): Procedure | undefined {
  const said = changeSaid(text, true);
  if (said === undefined) return undefined;
  const family = familyOf(current, all, isForeignElement);
  if (family.length === 0) return undefined;
  const meant = variantForDetail([current, ...family], said, !named);
  return meant && meant.code !== current.code ? meant : undefined;
}

/**
 * The words asked with the wrong part put right: "cấp lại giấy phép bán rượu", "rượu" → "giấy phép thuốc lá" gives
 * "cấp lại giấy phép bán thuốc lá" (the words meant that the rest of the question does not say already, where the
 * wrong ones stood). Undefined when the question does not say the wrong words.
 */
function swapWords(asked: string, wrong: string, meant: string): string | undefined {
  const key = (piece: string) => fold(piece).replace(/[^\p{L}\p{N}]/gu, "");
  const pieces = asked.split(/\s+/).filter((p) => key(p) !== "");
  const folded = pieces.map(key);
  const run = wrong
    .split(/\s+/)
    .map(key)
    .filter((k) => k !== "");
  const at = folded.findIndex((_, i) => run.length > 0 && run.every((k, j) => folded[i + j] === k));
  if (at < 0) return undefined;
  const kept = new Set([...folded.slice(0, at), ...folded.slice(at + run.length)]);
  const instead = meant.split(/\s+/).filter((p) => key(p) !== "" && !kept.has(key(p)));
  if (instead.length === 0) return undefined;
  return [...pieces.slice(0, at), ...instead, ...pieces.slice(at + run.length)].join(" ");
}

/** Nothing offered was right: other words, please; what was offered is set aside in the next search. */
function describeAgain(ctx: FeatureContext, st: AnswerContext): Reply {
  rememberRejected(ctx, [...new Set([...(st.rejected ?? []), ...(st.code ? [st.code] : []), ...(st.options ?? [])])]);
  const browse: Choice = { id: MENU_CHOICE.pack({ feature: "browse" }), label: ctx.t("menu-browse") };
  return { text: ctx.t("correction-describe"), choices: [browse] };
}

async function answerQuestion(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  typed: string,
  /** Procedures the citizen just said are not meant ("không phải khai sinh mà là …"): set aside in this search. */
  rejected: ReadonlySet<string> = new Set(),
  /** The case told before a correction: the procedure rejected is not meant, but what the chat told of the case holds. */
  caseBefore?: CaseSoFar,
): Promise<Reply[]> {
  const { search, catalogue } = snapshotOf(ctx, deps);
  // After an answer or a list, chat spellings of a section's words are read as written out ("mấy ngày thì sog", "có
  // tốn fí k", "t7 co lam ko"): the follow-up's question, which the search's own spellings do not all know.
  const before = readContext(ctx);
  const text = before.code || before.options ? spelledOut(typed) : typed;
  // "số 2", "cái thứ hai", "chọn cái đầu tiên": a procedure offered last, picked in words.
  const picked = pickedInWords(text, ctx.state.lastChoices ?? []);
  const pickedProcedure = picked && catalogue.procedures.find((p) => p.code === picked.code);
  if (picked && pickedProcedure) return [show(ctx, deps, pickedProcedure, picked.section, picked.part)];
  // "cái thứ ba phí bao nhiêu", "số 2 mất bao lâu": a procedure offered last, picked in words, and a section of it.
  const pickedAsked = pickedWithSection(text, ctx.state.lastChoices ?? []);
  const pickedAskedProcedure = pickedAsked && catalogue.procedures.find((p) => p.code === pickedAsked.code);
  if (pickedAsked && pickedAskedProcedure) return [show(ctx, deps, pickedAskedProcedure, pickedAsked.section)];
  const st = readContext(ctx);
  // "không phải", "sai rồi, ý tôi là khai tử", "không có cái nào đúng": a correction of what was answered or listed.
  const correction = rejected.size === 0 ? readCorrection(text) : undefined;
  const corrected = correction && (await correct(ctx, deps, correction, st));
  if (corrected) return corrected;
  const current = st.code ? catalogue.procedures.find((p) => p.code === st.code) : undefined;
  // The case as told so far (review H2): a foreign element told one turn earlier stays the case's when the next words
  // name the plain look-alike ("vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn" / "làm lại": 2.000513).
  const caseSoFar: CaseSoFar = caseBefore ?? { procedure: current, story: st.asked };
  const forCase = (p: Procedure) => forTheCase(p, catalogue.procedures, text, caseSoFar);
  // "quay lại chuyện giấy phép thuốc lá, …": back to a topic; "lại" there is no re-issue ("cấp lại").
  const asked = withoutTopicReturn(text);
  // Set aside: what the citizen just rejected, or what they said none of was right the turn before.
  const aside = new Set([...rejected, ...(st.rejected ?? [])]);
  // A list the re-ranker rescued where the rules found nothing (a guess: "cháu sinh ra ở Đức, bố mẹ đều người Việt" after
  // a foreign-element birth) is no procedure named after an answer: the follow-up rules read it as search finding none.
  const searched = setAside(search.search(asked, SEARCH_LIMIT), aside);
  const outcome = current && searched.rescued ? { ...searched, decision: "none" as const, hits: [] } : searched;
  const [top] = outcome.hits;
  // "quay lại vụ khai sinh cho bé, bao lâu có", "thôi quay lại cái đơn phản ánh": back to a procedure the chat was on
  // before, the one of them search finds for the words (khai sinh with the father's acknowledgement, not the plain
  // birth registration search puts first).
  // Only on words of going back ("chuyển qua hỏi thêm về …" moves on), and only for an earlier procedure that
  // covers the message's words about as well as the best hit: one found for a word or two of another topic
  // ("khai sinh" in "trích lục khai sinh") is no procedure the message names.
  // "thế còn câu lạc bộ thì bao nhiêu ngày mới có quyết định công nhận" after another matter: a move on to a procedure
  // the chat was on before, said by words of its own, is a way back too.
  const movingOn = opensMoveOn(text) && !saysTopicReturn(text);
  const back =
    saysTopicReturn(text) || movingOn
      ? outcome.hits.find(
          (h) =>
            earlierProcedures(st).includes(h.procedure.code) &&
            (!movingOn || (h.procedure.code !== st.code && h === top && saysNameOf(h.procedure, asked))) &&
            !aside.has(h.procedure.code) &&
            h.parts.coverage >= (top?.parts.coverage ?? 0) - RETURN_COVERAGE_SLACK,
        )
      : undefined;
  if (back) return [show(ctx, deps, back.procedure, sectionCue(asked)?.section ?? outcome.intent)];
  // A câu mẫu says this very message (staff labelled it, or an eval tuning message): search answers it as labelled,
  // sure and "said whole". That is staff's word on the message alone: it neither pulls a message pointing at the
  // procedure at hand away from it ("giấy này có giá trị bao lâu", labelled without its conversation), nor loses
  // to a redirect term the message holds ("bảo hiểm y tế cho bé mới sinh" labelled as birth registration).
  // Only the label of these very words is read (exactly): the nearest examples' similarities, which `nearest` works
  // out over every example sharing a word, were never used here.
  const exact = search instanceof ExampleSearch ? search.examples.exactly(asked) : undefined;
  const label = exact?.exact !== undefined && aside.has(exact.exact) ? undefined : exact;
  const labelled = label?.exact !== undefined;
  // "sđt bộ phận một cửa phường là bn", "what's the email address of the ward people's committee?": the office's own
  // phone or e-mail asked (office-contact.ts), whatever procedures the message names as the reason to call: the reply
  // with the office's contact block. Another agency's term said keeps its pointer, below.
  if (!labelled && asksOfficeContact(text) && matchRedirect(catalogue.redirects ?? [], text) === undefined)
    return [notFound(ctx, deps, catalogue, text)];
  const cue = current || st.options ? sectionCue(text) : undefined;
  // Only a section asked ("mất bao lâu", as search or the follow-up words tell), or a section with words of the
  // current procedure's own name ("khai sinh nộp ở đâu"): that section of the current procedure.
  // Not what the citizen says they will do ("vâng, để em chuẩn bị"), nor words nothing in the catalogue says ("sđt ubnd
  // xã mình là bn"): those ask no section of it.
  // "tiền thuê nhà tháng bao nhiêu" after a temporary residence, "phí công chứng bao nhiêu" after a vehicle's: a price
  // of a thing the procedure at hand is not. Nothing of it is asked, unless the message names another procedure.
  const pricesOther =
    current !== undefined &&
    cue?.section === "fee" &&
    !cue.only &&
    pricesOtherThing(current, text, cue.rest, catalogue.procedures, catalogue.synonyms.groups) &&
    !(top && outcome.decision === "answer" && top.procedure.code !== current.code && saysNameOf(top.procedure, text)) &&
    // "phí nhập khẩu", "le phi nhap khau" after a permanent residence: the price of the procedure at hand by its own
    // name's words, which search answers with it ("nhập khẩu" is its alias, not goods brought in)
    !(top && outcome.decision === "answer" && top.procedure.code === current.code && saysNameOf(current, text));
  const asksSection =
    outcome.sectionOnly &&
    outcome.intent !== "general" &&
    !(current && (saysWillDo(text) || asksOfOther(text) || unknownWords(text, vocabularyOf(catalogue)).length > 0));
  const onlySection = asksSection
    ? outcome.intent
    : cue?.only && !(current && asksOfOther(text))
      ? cue.section
      : undefined;
  // "mua xe cũ ở đâu", "khám thai ở đâu tốt", "phòng trọ gần chợ giá bn 1 tháng", "học phí trường tư bao nhiêu" after an
  // answer: a thing bought, a place recommended, a price of another thing, none of them asked of the procedure at hand
  // (whose own words the thing may share: "trọ", "xe", "trường"). Unless the message names another procedure whole.
  const namesAnotherWhole =
    top !== undefined &&
    outcome.decision === "answer" &&
    top.procedure.code !== current?.code &&
    saysNameOf(top.procedure, text);
  // "chợ Bến Thành ở đâu", "bệnh viện quận 3 nằm ở đâu", "gần đây chỗ nào bán sim", "phường có chỗ photo không": where
  // another thing is, or whether one is around, though its words meet the record's ("chợ", "bệnh viện", "photo").
  // Another agency's office asked for ("phòng công chứng ở đâu") keeps its pointer, below.
  const whereOther =
    current !== undefined &&
    asksWhereOther(text, [current.name, ...current.aliases]) &&
    matchRedirect(catalogue.redirects ?? [], text) === undefined;
  if (current && !namesAnotherWhole && (pricesOther || seeksThing(text) || whereOther))
    return [notFound(ctx, deps, catalogue, text)];
  // "con gái tôi cần làm hộ chiếu đi du học thì làm ở đâu", "bạn tôi người Hàn muốn gia hạn thị thực thì xin ở đâu" after
  // an answer or over a list: another agency's own service asked for by its act, and where (redirects.ts
  // asksAgencyService): its pointer, unless the record at hand names that act itself.
  const service =
    (current || (st.options ?? []).length > 0) && !labelled
      ? matchRedirect(catalogue.redirects ?? [], text)
      : undefined;
  if (
    service &&
    asksAgencyService(text, service, catalogue.redirects) &&
    !(current && [current.name, ...current.aliases].some((title) => titleNames(title, service.term)))
  )
    return [redirectReply(ctx, service.redirect)];
  // "hôm qua em ra phường lúc 4 giờ chiều thì hết giờ, vậy mấy giờ phường đóng cửa": the office's hours, asked after a
  // story, whatever procedure search meets in it ("đóng cửa" names a business closing): the place section.
  if (current && asksOfficeHours(text)) return [show(ctx, deps, current, "place")];
  // "ra Hà Nội mất bao lâu", "vào Đà Nẵng mất mấy tiếng" after an answer: a trip's time, no section of it.
  if (current && (onlySection === "time" || onlySection === "fee") && travelsTo(text))
    return [notFound(ctx, deps, catalogue, text)];
  // "mất mấy ngày, em cần để làm hồ sơ vay mua nhà", "cần mang gì để bổ sung hồ sơ đăng ký hộ kinh doanh", "nộp online
  // được không để làm hồ sơ nhập hộ khẩu cho con" after an answer: a section asked first, then what the paper at hand is
  // for, which search reads as another procedure. Read without the purpose, the question names no other procedure: that
  // section of the one at hand. Not a way asked to the purpose ("làm sao để …", "cần làm gì để …": that one's steps).
  const trailing =
    current && !labelled && (outcome.decision === "none" || (top && top.procedure.code !== current.code))
      ? trailingPurpose(text, readingsOf(ctx, deps))
      : undefined;
  const unpurposed = trailing?.rest;
  const purposeCue = unpurposed === undefined ? undefined : sectionCue(unpurposed);
  // (a way asked before the purpose: "làm sao để …"; asked after it, "…, xã xét theo các bước ra sao", is the paper's)
  const howBefore =
    trailing !== undefined &&
    (sectionCue(trailing.before)?.section === "steps" || ASKS_HOW.test(fold(trailing.before)));
  if (current && unpurposed !== undefined && purposeCue && !howBefore) {
    const again = search.search(unpurposed, SEARCH_LIMIT);
    const [first] = again.hits;
    // (a paper named before the purpose, "xác nhận diện tích nhà ở để nhập khẩu thì …" after a residence, is the one
    // asked: search, reading the words without the purpose, still leads with another procedure, and they say its name;
    // a word it meets by chance, "nhà" of "nhà em cần", names none)
    const namesOther =
      first !== undefined &&
      again.decision !== "none" &&
      first.procedure.code !== current.code &&
      saysNameOf(first.procedure, unpurposed);
    if (!namesOther) return [show(ctx, deps, current, whereRecordSays(current, unpurposed, purposeCue.section))];
  }
  // "để làm hồ sơ đăng ký kết hôn thì chứng thực ở đâu" after a certified copy, "để làm hộ chiếu cho con thì nó mất mấy
  // ngày" after an extract: a purpose opens the message, then a section is asked of the paper at hand, by its own
  // name's words or as "nó", "giấy này". That section of it; a purpose followed by a section alone ("để làm giấy khai
  // sinh cho con thì cần giấy tờ gì") is the purpose's matter asked, below.
  const opened = current && !labelled && opensWithPurpose(text) ? afterPurpose(text) : undefined;
  const openedCue = opened ? sectionCue(opened) : undefined;
  // "để đăng ký tạm trú cho vợ thì giấy xác nhận cư trú mất mấy ngày" after another answer, "cho hồ sơ nhập học của cháu
  // thì bản sao trích lục khai sinh xin ở đâu" after a birth registration: the question after the purpose names another
  // procedure, search sure of it read alone by its whole title: that one's section, not the purpose's matter.
  const openedAgain =
    current && opened && openedCue && !openedCue.only ? search.search(opened, SEARCH_LIMIT) : undefined;
  const openedTop = openedAgain?.decision === "answer" && openedAgain.sure ? openedAgain.hits[0] : undefined;
  const openedNamesCurrent =
    current !== undefined && opened !== undefined && (saysNameOf(current, opened) || refersToPaperAtHand(opened));
  if (
    current &&
    opened &&
    openedCue &&
    openedTop &&
    openedTop.procedure.code !== current.code &&
    saysNameOf(openedTop.procedure, opened) &&
    (openedTop.parts.title >= 1 || !openedNamesCurrent)
  )
    return [show(ctx, deps, openedTop.procedure, whereRecordSays(openedTop.procedure, opened, openedCue.section))];
  if (current && opened && openedCue && openedNamesCurrent)
    return [show(ctx, deps, current, whereRecordSays(current, opened, openedCue.section))];
  // The case told anew after an answer (foreign.ts retoldCase): a marriage already made abroad, a foreigner named after
  // a plain procedure with a twin, everyone said Vietnamese after a foreign-element one, someone too unwell to come
  // (the mobile registration) — that look-alike, unless the words name another procedure whole or staff labelled them.
  // The case the chat told before goes with it ("bố cháu là người Việt" after a birth with a Chinese mother: she still
  // is). A variant of the thing at hand told ("nếu muốn đổi tên quán thì sao" after a household business) passes though
  // search answers a look-alike by its aliases ("đổi tên" of a civil-status change).
  // Whether a step must come first ("có phải xóa tạm trú ở chỗ cũ trước không") asks of the one at hand, below.
  const toldCase =
    current && !labelled && !asksFirstStep(text)
      ? retoldCase(current, catalogue.procedures, text, caseSoFar, readingsOf(ctx, deps))
      : undefined;
  // "chuyện khác nhé, bên hộ khẩu: … muốn đổi mẹ đứng tên chủ hộ" after closing a household business, "còn chuyện này
  // nữa: ông chú là Việt kiều … đăng ký lại khai tử" after a marriage's re-registration: a move on to another matter
  // whose name search leads with is no variant of the one at hand told, though "đổi", "đăng ký lại" name one.
  const movedOnToNamed =
    opensMoveOn(text) &&
    top !== undefined &&
    outcome.decision !== "none" &&
    top.procedure.code !== current?.code &&
    top.procedure.code !== toldCase?.code &&
    saysNameOf(top.procedure, withoutCaseWords(text));
  // "bao lâu thì có giấy kết hôn" after a marriage with a foreigner, "ghi chu ket hon mat phi ko" after noting a marriage
  // made abroad: a section asked in the one at hand's own name words only, running as the look-alike's name runs only
  // where its own does too, tells no case anew, whatever its notes say of the words ("gia hạn giấy phép xây dựng thì phí
  // bao nhiêu" after the permit names its extension).
  const ownNameOnly =
    cue !== undefined &&
    cue.rest.length > 0 &&
    current !== undefined &&
    toldCase !== undefined &&
    saysOnly(current, cue.rest) &&
    // (one word of its name itself, not only of its aliases: "à không, vợ em người Việt, cần gì" after a marriage with
    // a foreigner says the alias words "vợ", "người Việt" and tells the case anew: the marriage of two Vietnamese)
    saysNameWord(current, cue.rest) &&
    !saysRunOfOnly(toldCase, current, cue.rest) &&
    // (a change said: "mất giấy chứng nhận … thì lệ phí bao nhiêu" asks the re-issue, its loss no name word)
    !namesChange(withoutTopicReturn(text));
  const retold =
    toldCase &&
    current &&
    !movedOnToNamed &&
    !ownNameOnly &&
    (familyOf(current, catalogue.procedures, isForeignElement).includes(toldCase) ||
      toldByRecords(current, toldCase, catalogue.procedures) ||
      !(
        top &&
        outcome.decision === "answer" &&
        top.procedure.code !== current.code &&
        saysNameOf(top.procedure, withoutCaseWords(text))
      ))
      ? toldCase
      : undefined;
  // Everyone Vietnamese but the event abroad ("cháu sinh ra ở Đức, bố mẹ đều người Việt"): still the foreign element.
  const abroadStill =
    retold !== undefined &&
    current !== undefined &&
    isForeignElement(current) &&
    !isForeignElement(retold) &&
    ABROAD.test(fold(text.normalize("NFC")));
  // A what-if moved to its look-alike asks that one as a whole, or the section it names.
  // Otherwise the section a question asks ("… cũng phải thông báo với phường à?": whether it must, its conditions); a
  // case told, asking nothing ("tôi muốn khiếu nại quyết định xử phạt …"), the whole.
  if (retold && !abroadStill)
    return [
      show(
        ctx,
        deps,
        retold,
        asksWhatIf(text)
          ? (sectionCue(text)?.section ?? "general")
          : asksQuestion(text)
            ? (cue?.section ?? outcome.intent)
            : outcome.intent,
      ),
    ];
  // "phí thẩm định cho hộ kinh doanh bao nhiêu" after a liquor licence: another procedure's name said only as the record
  // at hand's own section says it (its fee by kind of applicant, its papers by kind of case): that section of the one at
  // hand, no move to the other. Not after words of moving on or going back.
  if (
    current &&
    cue &&
    !cue.only &&
    !labelled &&
    top &&
    top.procedure.code !== current.code &&
    outcome.decision !== "none" &&
    !opensMoveOn(text) &&
    !saysTopicReturn(text) &&
    namedAsSectionSays(top.procedure, current, text, cue.section)
  )
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  // Another procedure's name said whole though it does not open the message: "à cho hỏi luôn chứng thực chữ ký trên
  // giấy ủy quyền thì lệ phí bao nhiêu" after a certified copy, "bố em mất rồi, giờ anh em muốn làm văn bản thỏa
  // thuận phân chia di sản thì cần giấy tờ gì" after a will: another procedure search is sure of by a name said whole,
  // asked for (saysOtherName) — that one. Said as the purpose of the paper at hand ("xin giấy này để đăng ký kết hôn
  // thì mất bao lâu" after a certificate of marital status): that section of the one at hand.
  const otherSaid =
    current &&
    top &&
    cue &&
    !cue.only &&
    !labelled &&
    top.procedure.code !== current.code &&
    !aside.has(top.procedure.code) &&
    outcome.decision === "answer" &&
    (outcome.sure || top.parts.title >= 1) &&
    !asksWhetherNeeded(text)
      ? saysOtherName(top.procedure, current, text)
      : undefined;
  if (otherSaid?.how === "asked" && top && current)
    return [answerOrTwin(ctx, deps, outcome, top, text, current, caseSoFar).reply];
  if (otherSaid?.how === "purpose" && current && cue)
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  // "còn giấy chứng tử cho bố thì làm thế nào" after a war invalid's survivor allowance, "cháu chưa có giấy xác nhận khuyết
  // tật, giấy này xin ở đâu" after a monthly allowance: another procedure search is sure of, named by its whole title,
  // after words that move on to another matter, or its paper asked how, where, when or for what fee to get it. That
  // one, though the case's words are the current one's too.
  const otherNames = top ? foldedNameWords(top.procedure) : undefined;
  const movesToOther =
    current &&
    top &&
    otherNames &&
    !labelled &&
    top.procedure.code !== current.code &&
    outcome.decision === "answer" &&
    outcome.sure &&
    top.parts.title >= 1 &&
    // a look-alike of the one at hand moved on to is the case's own ("còn hồ sơ khai sinh của tôi thì nộp ở đâu")
    ((opensMoveOn(text) && !lookAlike(top.procedure, current)) ||
      (cue !== undefined && GETTING.includes(cue.section) && asksToGetPaper(text, otherNames)));
  if (movesToOther) return [answerOrTwin(ctx, deps, outcome, top, text, current, caseSoFar).reply];
  // "khai tử thì lệ phí bao nhiêu" after a birth registration, "tạm trú thì cần giấy gì" after a permanent residence,
  // "chứng thực di chúc thì phí bao nhiêu" after a certified copy: a section asked of another procedure the message
  // opens by naming (search sure of it by its whole title), with a word of its name the one at hand's names lack. The
  // shared word ("khai", "trú", "chứng thực") is no reason to stay. Not a state of the case ("em ở tạm trú thì nộp ở
  // đâu": the name does not open the message) nor a paper of it asked whether needed (above).
  const namedSibling =
    current &&
    top &&
    cue &&
    !cue.only &&
    !labelled &&
    top.procedure.code !== current.code &&
    outcome.decision === "answer" &&
    (outcome.sure || top.parts.title >= 1) &&
    // a paper of the case asked whether needed ("giấy xác nhận cư trú có cần không" after a school transfer) stays
    !asksWhetherNeeded(text) &&
    opensWithOtherName(top.procedure, current, text, cue.section);
  if (namedSibling) return [answerOrTwin(ctx, deps, outcome, top, text, current, caseSoFar).reply];
  // The same over a list of a thing and its changes ("giấy phép bán lẻ rượu thì hồ sơ gồm những gì" after a household
  // business: the licence, its re-issue, its amendment): the one of them the message names (the thing itself when it
  // names no change), each listed one the message opens by naming.
  const namedListed =
    current && cue && !cue.only && !labelled && outcome.decision === "choose" && !asksWhetherNeeded(text)
      ? outcome.hits.slice(0, LIST_MAX).filter(
          (h) =>
            h.procedure.code !== current.code &&
            (opensWithOtherName(h.procedure, current, text, cue.section) ||
              // or asks for it further on ("còn muốn bán thêm rượu đóng chai thì xin giấy phép bán lẻ rượu, …")
              saysOtherName(h.procedure, current, text)?.how === "asked"),
        )
      : [];
  // The change asked of it is said beside its name: "bán thêm rượu", "xây lại" told before it change no paper.
  const askedAt = namedListed[0] && current ? saysOtherName(namedListed[0].procedure, current, text)?.at : undefined;
  const namedOne =
    namedListed.length > 1
      ? variantAsked(
          namedListed.map((h) => h.procedure),
          askedAt === undefined ? withoutTopicReturn(text) : fromWord(text, askedAt - CHANGE_REACH),
        )
      : namedListed[0]?.procedure;
  if (namedOne && !aside.has(namedOne.code))
    return [show(ctx, deps, forCase(namedOne), cue?.section ?? outcome.intent)];
  if (current && onlySection) return [show(ctx, deps, current, whereRecordSays(current, text, onlySection))];
  // After a "which one?" list, a short section alone (fee, time, place, online) is shown for each listed
  // procedure, a line each; a long one asks which again, each choice now opening that section.
  const options = (st.options ?? []).flatMap((code) => catalogue.procedures.filter((p) => p.code === code));
  // The citizen asks a section over the list instead of picking ("sửa lỗi như vậy có mất phí không"): the listed
  // procedure the story and the question lead to together, answered, the others one tap away.
  const leader =
    !current && options.length > 1 && (onlySection || cue)
      ? listLeader(search, outcome, options, st.asked, text, aside, catalogue.procedures)
      : undefined;
  if (leader && onlySection)
    return [leaderReply(ctx, deps, leader, options, whereRecordSays(leader, text, onlySection))];
  if (!current && onlySection && options.length > 0) {
    const compare = st.compare !== false;
    rememberOptions(
      ctx,
      options.map((p) => p.code),
      compare,
      st.rejected,
      st.asked,
    );
    return [compare ? listReply(ctx, catalogue, options, onlySection) : chooseReply(ctx, options, onlySection)];
  }

  // A câu mẫu that asks only a section ("giấy này có giá trị bao lâu" labelled by staff), on no procedure: search
  // reads a section alone as asking the one at hand, so the label is staff's word on that message alone.
  const labelledAlone =
    !current && options.length === 0 && outcome.sectionOnly && label?.exact !== undefined
      ? catalogue.procedures.find((p) => p.code === label.exact)
      : undefined;
  if (labelledAlone) return [show(ctx, deps, labelledAlone, label?.exactIntent ?? outcome.intent)];
  // "giấy này có giá trị bao lâu", "cái đó làm online được không": the paper or procedure at hand, said by pointing
  // at it, unless the message names a procedure whole.
  if (current && pointsAtCurrent(text) && (labelled || !(outcome.sure && (top?.parts.title ?? 0) >= 1))) {
    return [show(ctx, deps, current, cue?.section ?? "general")];
  }
  // "có phải cắt khẩu ở chỗ cũ trước không" on a permanent residence: whether a step comes first, its conditions.
  // Not a paper to prepare first ("có cần photo sẵn căn cước trước không", "có phải khai tờ khai CT01 trước không"):
  // that asks the documents, which the section cue reads.
  if (current && !labelled && asksFirstStep(text) && cue?.section !== "documents")
    return [show(ctx, deps, current, "conditions")];
  // "có cần mang giấy chứng tử không" after the deregistration of a dead resident: its documents, though the
  // paper names the death registration.
  // Not when another section is asked of the paper brought ("em mang bản dịch ra phường thì mất bao nhiêu": the fee).
  if (current && asksPaperToBring(text) && !["fee", "time", "place", "online"].includes(cue?.section ?? ""))
    return [show(ctx, deps, current, "documents")];
  // "có cần giấy khai sinh của cháu không" after a monthly allowance, "em có hợp đồng thuê phòng, có thay được giấy tờ
  // chỗ ở không" after a temporary residence, "nộp ở phường nơi cháu đăng ký khai sinh hay nơi đang ở" after a
  // correction: another procedure's words said only as a paper of the case, asked whether it is needed (or as the place
  // of the case, asked where), which search answers with that procedure. Asked of the one at hand.
  const paperOfCase =
    current &&
    cue &&
    top &&
    top.procedure.code !== current.code &&
    !labelled &&
    !aside.has(current.code) &&
    // "sai rồi, tôi cần bản sao giấy khai sinh": the one at hand is rejected, the paper is what is asked for
    correction === undefined &&
    !REJECTS.test(fold(text.slice(0, MAX_DAY_CHARS)))
      ? namesAsPaperOfCase(text, foldedNameWords(top.procedure))
      : undefined;
  if (
    current &&
    cue &&
    ((paperOfCase === "paper" && (cue.section === "documents" || cue.section === "conditions")) ||
      (paperOfCase === "place" && cue.section === "place"))
  )
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  // After a "which one?" list, the same question is about the listed procedures' documents.
  if (!current && options.length > 0 && asksPaperToBring(text))
    return [listReply(ctx, catalogue, options, "documents")];
  const said = matchRedirect(catalogue.redirects ?? [], text);
  // "chồng tôi có hộ chiếu, đăng ký kết hôn ở đâu", "đã ly hôn": a paper held or a status, no request for it.
  // "để được hỗ trợ mua thẻ bảo hiểm y tế, xin trong bao lâu thì có" after an answer: another agency's matter said only
  // as what the paper at hand is for, a section of it asked after; the pointer is no answer to that.
  // An opening purpose is the matter asked ("để làm hộ chiếu cho con thì cần giấy tờ gì": the passport's pointer),
  // unless what follows asks for the paper at hand ("…, xin trong bao lâu thì có", "giấy này …").
  const withoutPurpose =
    !current || !cue
      ? undefined
      : forPurpose(text)
        ? asksPaperAtHand(afterPurpose(text))
          ? afterPurpose(text)
          : undefined
        : withoutTrailingPurpose(text, readingsOf(ctx, deps));
  const purposeOnly =
    said !== undefined && withoutPurpose !== undefined && !matchRedirect(catalogue.redirects ?? [], withoutPurpose);
  // A term told as held in the story but asked again in the question, where the pointer is all it asks (redirects.ts:
  // strength 1, "Em làm xong thủ tục chấm dứt hộ kinh doanh …, giờ còn nợ thuế khoán 3 tháng thì nộp ở đâu"): the pointer.
  const redirect = said && (said.strength >= 1 || !namesAsHeld(text, said.said)) && !purposeOnly ? said : undefined;
  // A section with words of the current procedure's name, unless they are another agency's service
  // ("thủ tục ly hôn ở đâu" on a marriage is the court's).
  // Not when the words name another procedure whole and the current one holds them only in an alias: "còn đăng ký kết
  // hôn thì cần giấy tờ gì" after a birth registration joined to an acknowledgement (alias "… chưa đăng ký kết hôn").
  const namesOther =
    top !== undefined &&
    top.procedure.code !== current?.code &&
    outcome.decision === "answer" &&
    top.parts.title >= 1 &&
    current !== undefined &&
    cue !== undefined &&
    !cue.rest.every((t) => tokenize(current.name).includes(t));
  if (
    current &&
    cue &&
    !namesOther &&
    (saysOnly(current, cue.rest) || saysOwnWithAsking(current, text, cue.rest)) &&
    !saysWillDo(text) &&
    (!redirect || namesPaperToBring(text, redirect.term, redirect.redirect, catalogue.redirects))
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // "em ở trọ thì nộp ở đâu" after a birth registration, "em 25 tuổi, anh ấy 30 tuổi, đã ly hôn một lần, cần giấy gì"
  // after a marriage: the case told as a state, then a section asked in the procedure's own terms. Search follows a
  // word of the state to another procedure ("trọ" to a temporary residence, "ly hôn" to a divorce's record), which the
  // message does not ask for: it names none whole.
  if (
    current &&
    cue &&
    !cue.only &&
    !labelled &&
    !forPurpose(text) &&
    // (not when the question asks only another agency's service: the pointer below)
    !(redirect && redirect.strength >= 1) &&
    tellsStateThenAsks(text) &&
    !(
      top &&
      top.procedure.code !== current.code &&
      (containsRun(tokenize(text), tokenize(top.procedure.name)) || asksForByName(top.procedure, text))
    )
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // Abroad and asking to have a civil-status event registered there: the embassy's or consulate's (the
  // "co-quan-dai-dien" redirect, when staff keep it), never a ward procedure.
  const consulate = staysAbroad(text) ? catalogue.redirects?.find((r) => r.id === CONSULATE_REDIRECT) : undefined;
  if (consulate && (!top || top.procedure.field === CIVIL_STATUS_FIELD)) return [redirectReply(ctx, consulate)];
  // A foreigner's temporary or permanent residence is the immigration office's (the Law on Residence is for
  // citizens): "chồng tôi quốc tịch Pháp, gia hạn tạm trú ở đâu" gets the visa and residence-card pointer.
  const immigration =
    // on a residence procedure, "người nước ngoài thì sao" too, unless search is sure of another procedure
    ((top && residesHere(top.procedure)) ||
      (current && residesHere(current) && !(outcome.decision === "answer" && outcome.sure))) &&
    namesForeigner(text)
      ? catalogue.redirects?.find((r) => r.id === IMMIGRATION_REDIRECT)
      : undefined;
  if (immigration) return [redirectReply(ctx, immigration)];
  // "công ty tôi muốn thay đổi địa chỉ trụ sở": one's company is no household business (a company registers at
  // the province's business registration office), unless the message says "hộ kinh doanh" itself.
  const enterprise =
    // A company's request search is unsure of ("thay đổi người đại diện theo pháp luật của công ty" meets a
    // religious group's representative) is the business registration office's too.
    top &&
    ownsCompany(text) &&
    (isHouseholdBusiness(top.procedure) || outcome.decision !== "answer") &&
    !containsRun(tokenize(text), HOUSEHOLD_BUSINESS) &&
    !containsRun(tokenize(text), HOUSEHOLD_BUSINESS_EN)
      ? catalogue.redirects?.find((r) => r.id === ENTERPRISE_REDIRECT)
      : undefined;
  if (enterprise) return [redirectReply(ctx, enterprise)];
  // A request another agency handles gets its pointer, unless a procedure about that very thing matches it
  // better ("ghi chú ly hôn ở nước ngoài" is the ward's; "ly hôn" and "công chứng hợp đồng" are not).
  const procedureWins =
    (redirect !== undefined && outcome.decision === "answer" && top !== undefined && labelled) ||
    (redirect !== undefined &&
      outcome.decision === "answer" &&
      top !== undefined &&
      // Search knows the redirects too: a sure answer despite the term means the term is a paper or a status in a
      // question about this procedure ("khai sinh cho con cần cccd của bố mẹ không", "tôi đã ly hôn, xin xác nhận
      // tình trạng hôn nhân"), not a request for the other agency's service.
      // When the procedure's own names say the term, search keeps it in play: then it must outscore the term's
      // share of the message ("ghi chú ly hôn ở nước ngoài" is the ward's, "công chứng hợp đồng mua bán nhà" is not).
      (redirect.said.every((term) =>
        [top.procedure.name, ...top.procedure.aliases].some((title) => titleNames(title, term)),
      )
        ? // a redirect that is all the message asks (strength 1: "ly hôn với chồng người Campuchia thì làm thế nào") is
          // the other agency's, whatever the score (search scores may pass 1)
          redirect.strength < 1 && top.score > redirect.strength
        : outcome.sure && redirect.strength <= PAPER_SHARE && !opensWith(text, redirect.term)));
  // "có phải mang bản gốc căn cước không", on a procedure: its documents, not the căn cước pointer.
  if (current && redirect && namesPaperToBring(text, redirect.term, redirect.redirect, catalogue.redirects))
    return [show(ctx, deps, current, "documents")];
  // "ngoài căn cước ra còn cần mang gì", "cần giấy khám sức khỏe không": a paper beside the others, asked of its papers.
  if (
    current &&
    redirect &&
    ((cue?.section === "documents" && namesPaperBeside(text, redirect.term, false)) ||
      (asksWhetherNeeded(text) && namesPaperBeside(text, redirect.term, true)))
  )
    return [show(ctx, deps, current, "documents")];
  if (redirect && !procedureWins) {
    return [redirectReply(ctx, redirect.redirect)];
  }
  // "bảo hiểm bắt buộc cho xe máy thì mua ở đâu", "nhập bia ở đâu rẻ" (after an answer or over a list): a thing
  // bought, which no ward procedure is.
  if (pricesOther || ((current || leader) && BUYS.test(fold(text.slice(0, MAX_DAY_CHARS)))))
    return [notFound(ctx, deps, catalogue, text)];
  // "tôi đi làm xa, gửi yêu cầu qua mạng có được không" over a list: a section asked with words of the case, which the
  // listed leader's record (or a look-alike's) says.
  if (leader && cue && !redirect && readsAsFollowUp(leader, text, cue, catalogue, vocabularyOf(catalogue)))
    return [leaderReply(ctx, deps, leader, options, whereRecordSays(leader, text, cue.section))];
  // "để kết hôn với người nước ngoài" after a certificate of marital status: what the paper is for, not a request for
  // what it is for. A section asked of another procedure search answers is a new question, though: "để làm giấy khai
  // sinh cho con thì cần giấy tờ gì" after a marriage registration asks the birth registration's papers.
  const asksOther =
    cue !== undefined && outcome.decision === "answer" && top !== undefined && top.procedure.code !== current?.code;
  if (current && !asksOther && forPurpose(text)) return [show(ctx, deps, current, cue?.section ?? "general")];
  // "người độc thân có được nhận không" on an adoption, "xin ở phường nơi tạm trú được không" on a single-status
  // certificate: who or where, said with words that name another record ("độc thân", "tạm trú"). Without the
  // person's or place's description, the message names no procedure: it asks about the one at hand.
  // Not a move on to another matter that search meets by its name ("còn em họ tôi mới chuyển đến ở cùng phòng, chưa
  // đăng ký tạm trú bao giờ thì cần giấy tờ gì" after a residence's extension): the description is that matter's case.
  const movesToNamed =
    current !== undefined &&
    opensMoveOn(text) &&
    top !== undefined &&
    top.procedure.code !== current.code &&
    // named whole, or leading search's answer or list by part of its title ("còn mảnh đất vườn ở quê chưa có sổ, nếu làm
    // sổ lần đầu thì bao lâu" after a correction of the land certificate)
    (top.parts.title >= 1 || outcome.decision !== "none");
  const described = current && cue && !cue.only && !movesToNamed ? withoutDescriptions(text) : undefined;
  // "chưa có giấy ANTT bao giờ, muốn xin mới …" on its exchange is no status but the first issue (below).
  const firstOrChange =
    current && described !== undefined && described !== text && changeMeant(current, text, catalogue.procedures, true);
  if (current && cue && described !== undefined && described !== text && !firstOrChange) {
    const again = search.search(described, SEARCH_LIMIT);
    const [first] = again.hits;
    // (the same other procedure search is sure of without them was not named by them: "hợp đồng chứng thực rồi mà đánh
    // máy sai chính tả tên người bán thì sửa thế nào" names the error correction with or without "người bán")
    const namedStill =
      again.decision === "answer" &&
      again.sure &&
      outcome.sure &&
      first !== undefined &&
      top !== undefined &&
      first.procedure.code === top.procedure.code &&
      top.procedure.code !== current.code;
    if (!(again.decision === "answer" && first && first.parts.title >= 1) && !namedStill)
      return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // "mất bao nhiêu 1 trang" on a certified copy, "điều kiện cụ thể là gì": a section asked on the procedure at hand with
  // words search finds no procedure for, which its record explains (or no record holds at all).
  if (
    current &&
    cue &&
    !cue.only &&
    outcome.decision === "none" &&
    !redirect &&
    explainsRest(current, text, cue.rest, catalogue.procedures) &&
    !asksOfOther(text) &&
    !framesOtherRequest(current, text) &&
    // not another matter that shares the thing's word ("uống bia rượu nhiều thì gan có sao không" after a liquor
    // licence), as the scope gate reads it
    !readsOutOfScope(search, text, EXPLAINED_OUT_OF_SCOPE) &&
    unknownWords(text, vocabularyOf(catalogue)).length === 0
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // A section asked on a procedure, with words that say little of the procedure search found ("phải có giấy
  // chứng sinh không" is no question about correcting a certificate): the conversation decides.
  const weaklyNamed = current !== undefined && cue !== undefined && (top?.parts.title ?? 0) < WEAK_TITLE;
  // "sổ gốc ở xã vẫn còn" after "mất giấy khai sinh" (a list) or after its re-registration (whose note sends
  // that case to the copy of the extract): the notes say which one that case takes, unless the message names
  // a procedure whole — other than one the case's procedure holds ("con mới sinh chưa làm khai sinh" on an
  // acknowledgement of paternity, whose note sends that case to the birth registration joined to it).
  const pool = options.length > 1 ? options : current ? [current, ...citedBy(current, catalogue.procedures)] : [];
  const noted =
    pool.length > 1 && !redirect
      ? ((options.length > 1
          ? notedAmong(pool, catalogue.procedures, text, st.asked, readingsOf(ctx, deps))
          : undefined) ?? toldByNotes(pool, text))
      : undefined;
  const told =
    noted &&
    (!top || top.parts.title < 1 || top.procedure === noted || (pool[0] === current && lookAlike(noted, top.procedure)))
      ? noted
      : undefined;
  if (told) return [show(ctx, deps, forCase(told), outcome.intent)];
  // "cả nhà đều người Việt ở trong nước, cháu nay đủ 18 tuổi rồi" after a list of a procedure and its foreign-element
  // twin: the plain one; a foreigner named, the twin. Unless the message names another procedure whole.
  const byElement =
    !current && options.length > 1 && !(outcome.sure && (top?.parts.title ?? 0) >= 1)
      ? elementAmong(options, text, catalogue.procedures)
      : undefined;
  if (byElement) return [show(ctx, deps, byElement, outcome.intent)];
  // "mẹ tôi đang hưởng trợ cấp xã hội hằng tháng vì khuyết tật nặng, vừa mất" over a list of funeral supports: the one
  // whose own fields say who died (variants.ts funeralAmong), though search names the allowance she was on.
  const byPerson =
    !current && options.length > 1
      ? funeralAmong(options, catalogue.procedures, text, readingsOf(ctx, deps))
      : undefined;
  if (byPerson) return [show(ctx, deps, byPerson, cue?.section ?? outcome.intent)];
  // "chỉ sai chính tả tên người bán thôi" after a list of a deed's amendment and its error correction: the listed one
  // whose names say the change or hint ("hợp đồng chứng thực bị sai tên"), when one says more of it than the others.
  const byChange =
    !current &&
    options.length > 1 &&
    !(outcome.sure && (top?.parts.title ?? 0) >= 1) &&
    (namesChange(asked) || namesFirstIssue(asked))
      ? variantForDetail(options, asked)
      : undefined;
  if (byChange) return [show(ctx, deps, forCase(byChange), cue?.section ?? outcome.intent)];
  // "ông tôi đang lĩnh trợ cấp hưu trí xã hội thì mất" after a list of funeral allowances: search puts first the pension
  // the detail names, but a listed one covers the message's words at least as well (the funeral allowance of a
  // pensioner). The list says what the chat is about: that one. Of a plain procedure and its foreign-element twin both
  // covering the words, the one the message's foreign element (or its absence) names ("re-registering a death, the
  // certificate is lost": the plain re-registration, whichever of the two search ranks first).
  const covering =
    !current &&
    options.length > 1 &&
    top &&
    outcome.decision !== "none" &&
    !options.some((o) => o.code === top.procedure.code)
      ? outcome.hits.filter(
          (h) => options.some((o) => o.code === h.procedure.code) && h.parts.coverage >= top.parts.coverage,
        )
      : [];
  const foreignSaid = namesForeign(text);
  const listedCover = covering.find((h) => isForeignElement(h.procedure) === foreignSaid) ?? covering[0];
  if (listedCover) return [show(ctx, deps, forCase(listedCover.procedure), cue?.section ?? outcome.intent)];
  // The same said after an answer, search finding nothing: the plain procedure (the one at hand, or its plain twin).
  if (current && outcome.decision === "none" && saysDomestic(text)) {
    const plain = isForeignElement(current)
      ? catalogue.procedures.find((p) => foreignTwin(p, [current])?.code === current.code)
      : current;
    if (plain) return [show(ctx, deps, plain, outcome.intent)];
  }
  // "bản sao thôi", "bị rách, xin cấp lại", "làm lại vì mất giấy" after an answer: a detail that names no procedure
  // whole, read with the words that led to the procedure at hand: the look-alike it names instead.
  const detail = () =>
    current && st.asked && !cue && !labelled && !redirect && !(outcome.sure && (top?.parts.title ?? 0) >= 1)
      ? withDetail(search, outcome, text, current, st.asked, catalogue.procedures)
      : undefined;
  // "bị mất rồi", "hết hạn rồi" after a paper: its change among its look-alikes (search reads "mất" as a death).
  const changed =
    current && st.asked && !cue && !labelled && !isChange(current) && tokenize(text).length <= CHANGE_TOKENS
      ? changedVariant(search, text, current, st.asked)
      : undefined;
  if (changed) return [show(ctx, deps, forCase(changed), outcome.intent)];
  // "bị cháy mất bản chính rồi", "giấy của tôi thất lạc" after a licence: the change or loss said picks among the
  // thing's own variants (familyOf), when search names no procedure whole.
  const meantInFamily =
    current &&
    !labelled &&
    !redirect &&
    // A section asked with it reads only a change or a first issue named, so it may say more around them; a change
    // told alone may say what moves and where ("cửa hàng em chuyển sang địa chỉ mới ở phường bên cạnh").
    tokenize(text).length <= (cue ? NAMED_CHANGE_WORDS : CHANGE_DETAIL_WORDS) &&
    !(outcome.sure && (top?.parts.title ?? 0) >= 1)
      ? changeMeant(current, text, catalogue.procedures, cue !== undefined)
      : undefined;
  // Search sure of one of the thing's own variants ("em muốn nghỉ bán 2 tháng" after a household business: its pause,
  // which the words "nghỉ bán" and a span say better than the change's hints): that variant.
  const searchInFamily =
    meantInFamily && current && top && outcome.decision === "answer" && outcome.sure
      ? familyOf(current, catalogue.procedures, isForeignElement).find((p) => p.code === top.procedure.code)
      : undefined;
  const changedInFamily = searchInFamily ?? meantInFamily;
  if (changedInFamily) return [show(ctx, deps, forCase(changedInFamily), cue?.section ?? outcome.intent)];
  // "con em mới sinh" on a permanent residence, "con mới sinh chưa làm khai sinh" on an acknowledgement of paternity: a
  // detail naming another procedure that, with the procedure at hand, names one that is both (the birth registration
  // joined to the residence's, the birth registration with the acknowledgement).
  const joined =
    current &&
    top &&
    top.procedure.code !== current.code &&
    !aside.has(current.code) &&
    !labelled &&
    tokenize(text).length <= DETAIL_WORDS + 2 &&
    // "còn giấy phép bán thuốc lá thì sao" after the liquor licence: a move on to a procedure named whole, no detail
    !(opensMoveOn(text) && outcome.sure && top.parts.title >= 1)
      ? bothTogether(search, outcome, text, current)
      : undefined;
  if (joined) return [show(ctx, deps, forCase(joined), outcome.intent)];
  const detailed = outcome.decision === "answer" && outcome.sure ? detail() : undefined;
  if (detailed) return [show(ctx, deps, forCase(detailed), outcome.intent)];
  // "nếu em bán online thì sao" after a household business, "nếu ba mẹ chưa đăng ký kết hôn thì sao" after a birth
  // registration: a what-if of the case at hand asks its conditions (or the section it names), unless it names another
  // procedure as something to do ("còn giấy phép bán thuốc lá thì sao", "nếu em bán thêm thuốc lá thì phải xin giấy
  // gì" after a liquor licence). A procedure said as a state of the case ("chưa đăng ký kết hôn") is no other request,
  // and a word search matched by chance ("online" meeting an online bundle) names nothing. A look-alike of the one at
  // hand ("nếu sau này thay trưởng nhóm thì đăng ký sao") is a change of the case, which the rules below read.
  const whatIfHere =
    current !== undefined &&
    asksWhatIf(text) &&
    !ASKS_WHICH.test(fold(text.slice(0, MAX_DAY_CHARS))) &&
    !namesChange(asked) &&
    !redirect &&
    !pricesOther &&
    outcome.hits.slice(0, WHAT_IF_RIVALS).every(
      (h) =>
        h.procedure.code === current.code ||
        // search leading to a look-alike: a change of the case; one further down, no rival
        (h === top
          ? !lookAlike(h.procedure, current) && !namesRival(h, current, text, catalogue.procedures)
          : lookAlike(h.procedure, current) || !namesRival(h, current, text, catalogue.procedures)),
    ) &&
    (outcome.decision !== "none" || aboutRecord(current, text)) &&
    unknownWords(text, vocabularyOf(catalogue)).length === 0;
  if (whatIfHere) return [show(ctx, deps, current, whatIfSection(text, cue))];
  const detailedNow = outcome.decision === "answer" && outcome.sure ? undefined : detail();
  // "xử lý trong mấy ngày" after a temporary absence: search is sure of "Thủ tục xử lý đơn" for its name's words, but
  // those are words of the office's handling that any follow-up says. Named by nothing else, it asks the one at hand.
  if (
    current &&
    cue &&
    top &&
    !labelled &&
    outcome.decision === "answer" &&
    top.procedure.code !== current.code &&
    !aside.has(current.code) &&
    namedByAskingOnly(top.procedure, text)
  )
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  // "ông mất ở bệnh viện tỉnh" after a death registration, "em bán bánh mì ở đầu hẻm" after a household business, "tôi
  // là bà ngoại của cháu" after a guardianship: a detail of the case told alone, no question, naming no procedure (or
  // only a look-alike of the one at hand by a word: "ba em mất hôm qua" is no lost death certificate). Its words are
  // the ones citizens tell this procedure's cases with (its câu mẫu, its record, its look-alikes'): the procedure at
  // hand as a whole. Off-topic talk ("trời nay nóng ghê", "em thích ăn phở") says words none of them do.
  if (
    current &&
    !cue &&
    !labelled &&
    !redirect &&
    !aside.has(current.code) &&
    !(
      top &&
      outcome.decision !== "none" &&
      top.procedure.code !== current.code &&
      (top.parts.title >= 1 ||
        (top.parts.title >= NAMED_TITLE &&
          (outcome.decision === "choose" || outcome.sure || !lookAlike(top.procedure, current))) ||
        // "bị đánh máy sai số thửa, hai bên vẫn giữ nguyên giao dịch" after a certified deed: search lists its
        // look-alikes, not it; the detail is theirs to read
        (outcome.decision === "choose" &&
          lookAlike(top.procedure, current) &&
          !outcome.hits.slice(0, LIST_MAX).some((h) => h.procedure.code === current.code)))
    ) &&
    tellsCaseOf(current, text, catalogue)
  )
    return [show(ctx, deps, current, "general")];
  // "do I need my landlord's signature?" after a temporary residence, "do both of us need to sign?" after an adoption,
  // "does the hospital need to sign anything?" after a birth registration: a section asked in English with the case's
  // people and acts, which no record (written in Vietnamese) says; search names no other procedure well. Those words
  // are the ward's by the câu mẫu: that section of the one at hand.
  if (
    current &&
    cue &&
    !labelled &&
    !redirect &&
    !(top && top.procedure.code !== current.code && top.parts.title >= NAMED_TITLE) &&
    asksInEnglishOfCase(text, cue.section, cue.rest, catalogue)
  )
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  // "does dad have to go himself or can I go for him?" after a will, "I fly home on Monday. Is it okay if only she goes
  // to the ward office?" after a birth registration: a yes/no asked in English of who goes, signs or must be there,
  // which no section's words cue, after a Vietnamese answer; search finds nothing and the scope gate reads it as the
  // ward's. Whether one may, or must: the conditions of the one at hand (eval/README: "có được … không" → conditions).
  if (
    current &&
    (!cue || cue.section === "conditions") &&
    !labelled &&
    !redirect &&
    outcome.decision === "none" &&
    asksYesNoInEnglishOfCase(search, text, catalogue)
  )
    return [show(ctx, deps, current, whereRecordSays(current, text, "conditions"))];
  // "mẹ tôi là nghệ nhân ưu tú" after ending a craftsman's allowance: search is sure of the allowance itself, a look-alike
  // named only by words the one at hand's names say too, neither named whole nor a change said. The one at hand.
  if (
    current &&
    top &&
    !labelled &&
    !redirect &&
    top.procedure.code !== current.code &&
    top.parts.title < 1 &&
    lookAlike(top.procedure, current) &&
    !namesChange(asked) &&
    saysOnlySharedName(top.procedure, current, text)
  )
    return [show(ctx, deps, current, cue ? whereRecordSays(current, text, cue.section) : "general")];
  // "giấy phép xây dựng nhà tôi đã được cấp rồi, giờ cần làm thủ tục", "hợp đồng mua bán đất chứng thực ở xã bị sai,
  // cần chỉnh lại": a citizen's first question of a paper held already, search sure of the thing itself. Its issue is
  // no longer the matter: the change the words name, or the thing's changes to choose from.
  const changes =
    top && !current && !labelled && outcome.decision !== "none"
      ? changesAsked(top.procedure, catalogue.procedures, text, outcome.decision === "answer")
      : [];
  const [onlyChange] = changes;
  if (top && onlyChange && changes.length === 1)
    return [answerReply(ctx, deps, outcome, { ...top, procedure: onlyChange }, [top.procedure])];
  if (changes.length > 1) {
    rememberOptions(
      ctx,
      changes.map((p) => p.code),
      false,
      [...aside],
      storedWords(asked),
    );
    return [chooseReply(ctx, changes, outcome.intent)];
  }
  if (outcome.decision === "answer" && top && outcome.sure && !weaklyNamed) {
    return [answerOrTwin(ctx, deps, outcome, top, text, current, caseSoFar).reply];
  }
  if (detailedNow) return [show(ctx, deps, forCase(detailedNow), outcome.intent)];
  // "tôi đi nộp thay bố có được không?", "bao lâu thì sửa xong": a section asked in the citizen's own words, search
  // hesitating between records the message names little of. It names no other procedure: that section of this one.
  if (
    current &&
    cue &&
    !redirect &&
    outcome.decision === "choose" &&
    namesNoOther(outcome, asked) &&
    namesNothingStrange(current, text, cue.rest, catalogue.procedures, vocabularyOf(catalogue))
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // Search is not sure on its own. The conversation says more: a list just offered, the procedure the chat is on.
  const settled = settleWithContext(search, outcome, text, {
    current,
    options,
    cue,
    all: catalogue.procedures,
    catalogue,
    vocabulary: vocabularyOf(catalogue),
    forCase,
  });
  // "tiện thể, anh cả tôi muốn làm giấy từ chối nhận đất bố để lại thì mang gì", "à còn bà nội em mất năm ngoái, hộ khẩu
  // vẫn còn tên bà, có phải tự làm cắt khẩu không": a move on to another matter, search's list led by another procedure.
  // The chat's procedure is the matter left, no reason to settle the list on it: the move-on reading below answers
  // the list's first.
  const leftBehind =
    settled !== undefined &&
    current !== undefined &&
    settled.procedure.code === current.code &&
    !labelled &&
    outcome.decision === "choose" &&
    top !== undefined &&
    top.procedure.code !== current.code &&
    !aside.has(top.procedure.code) &&
    opensMoveOn(text) &&
    !saysTopicReturn(text);
  if (settled && !leftBehind) {
    const section =
      settled.procedure.code === current?.code && current
        ? whereRecordSays(current, text, settled.section)
        : settled.section;
    const shown = settled.procedure.code === current?.code ? settled.procedure : forCase(settled.procedure);
    return [show(ctx, deps, shown, section)];
  }

  // "chủ nhà không ký thì sao", "k có hợp đồng thuê nhà thì sao": a short what-if on the procedure at hand, naming
  // no procedure search is sure of, asks its conditions (who may, what if not).
  if (
    current &&
    asksWhatIf(text) &&
    // "nếu sau này chuyển cửa hàng sang địa chỉ khác thì giấy phép sửa sao": a change of the paper, its own procedure.
    !namesChange(withoutTopicReturn(text)) &&
    aboutRecord(current, text) &&
    unknownWords(text, vocabularyOf(catalogue)).length === 0 &&
    !(outcome.sure && (top?.parts.title ?? 0) >= 1)
  ) {
    return [show(ctx, deps, current, "conditions")];
  }
  // "có cần giấy xét nghiệm ADN không" on an acknowledgement of paternity: whether a thing is needed, naming nothing
  // search finds, and a word of the thing stands in the record's papers or conditions ("kết quả giám định ADN").
  // Asked as a requirement ("có cần vốn tối thiểu không": conditions), where the record says it.
  if (current && outcome.hits.length === 0 && asksWhetherNeeded(text) && needsWhatRecordSays(current, text)) {
    return [
      show(
        ctx,
        deps,
        current,
        whereRecordSays(current, text, cue?.section === "conditions" ? "conditions" : "documents"),
      ),
    ];
  }
  // "nên nói cho con nuôi biết sự thật vào lúc mấy tuổi" after an adoption: search, unsure, meets the procedure at hand
  // by its thing's word alone, and the scope gate reads the question as another matter: none of it is asked.
  if (
    current &&
    outcome.decision === "answer" &&
    !outcome.sure &&
    top?.procedure.code === current.code &&
    !labelled &&
    readsOutOfScope(search, text, UNSURE_OUT_OF_SCOPE)
  )
    return [notFound(ctx, deps, catalogue, text)];
  if (outcome.decision === "answer" && top) {
    // "em đang ở trọ bên quận 10, xin ở công an phường khác được ko" after a residence confirmation, "em chỉ là hộ kinh
    // doanh nhỏ, có phải nộp hợp đồng với nhà phân phối không" after a tobacco licence: search, unsure, meets another
    // procedure by a word of the case told (a state, a paper), its name not said whole, no move to another matter. The
    // question is asked of the case at hand as the scope gate reads it: that one, as a search finding nothing is read.
    if (
      current &&
      top.procedure.code !== current.code &&
      top.parts.title < 1 &&
      !opensMoveOn(text) &&
      asksQuestion(text) &&
      asksOfCase(search, text, cue, { labelled, redirect: redirect !== undefined }, current, catalogue)
    )
      return [show(ctx, deps, current, whereRecordSays(current, text, cue?.section ?? "conditions"))];
    // Only one candidate came close: the answer (or its twin), with a way out.
    const { reply, shown } = answerOrTwin(ctx, deps, outcome, top, text, current, caseSoFar);
    // "Không phải thủ tục này" is a bare "không phải": the other candidates, browsing as their way out.
    const notThis = { id: NOT_THIS_CHOICE.pack({ code: shown.code }), label: ctx.t("not-this-one") };
    return [{ ...reply, choices: [...(reply.choices ?? []), notThis] }];
  }
  if (outcome.decision === "choose") {
    // "còn sổ đỏ nhà anh tôi ghi sai tên thì sửa sao" after an answer: a move on to another matter ("còn …", "ngoài ra
    // …") leaves the one at hand. Search's list leading with another procedure is that matter: its first, answered
    // with the one at hand set aside, the others one tap away. Not back to it ("quay lại …"), nor a list it leads.
    if (current && !labelled && opensMoveOn(text) && !saysTopicReturn(text)) {
      const ahead = outcome.hits
        .slice(0, LIST_MAX)
        .filter((h) => h.procedure.code !== current.code && !aside.has(h.procedure.code));
      const [first, ...others] = ahead;
      if (first && first === top)
        return [
          answerReply(
            ctx,
            deps,
            { ...outcome, hits: ahead },
            first,
            others.map((h) => h.procedure),
          ),
        ];
    }
    const all = catalogue.procedures;
    const settledList = withoutForeignElement(outcome, caseForeign(text, caseSoFar), (p) =>
      plainAsTold(p, all, text, caseSoFar),
    );
    if (settledList) {
      const { hits, setAside } = settledList;
      return [answerReply(ctx, deps, { ...outcome, hits }, hits[0] as Hit<Procedure>, setAside)];
    }
    // A thing and the changes to it ("giấy phép bán lẻ rượu": its issue, re-issue, amendment): the one the
    // message names a change for, or the thing itself when it names none; the others one tap away. Only a record of the
    // family of another listed one: "đổi chủ hộ sang tên mẹ" lists the residence record's change beside a household
    // business's amendment, which "đổi" names but which changes nothing else listed.
    const listedHere = outcome.hits.slice(0, LIST_MAX).map((h) => h.procedure);
    const meant = variantAsked(listedHere, withoutTopicReturn(text));
    const meantHit =
      meant &&
      (!isChange(meant) ||
        listedHere.some((q) => q !== meant && sameFamily(meant, q)) ||
        // (a record whose name says a change but that has no family in the whole catalogue changes no paper of
        // another: "Chuyển đổi cơ cấu cây trồng trên đất trồng lúa" is the thing asked, «chuyển đổi … ruộng lúa»)
        !catalogue.procedures.some((q) => q !== meant && sameFamily(meant, q)))
        ? outcome.hits.find((h) => h.procedure.code === meant.code)
        : undefined;
    // One listed record answered, the others of the list one tap away as the answer's choices.
    const answerListed = (chosen: Hit<Procedure>): Reply[] => {
      const others = outcome.hits.slice(0, LIST_MAX).filter((h) => h !== chosen);
      return [
        answerReply(
          ctx,
          deps,
          { ...outcome, hits: [chosen, ...others] },
          chosen,
          others.map((h) => h.procedure),
        ),
      ];
    };
    if (meantHit) return answerListed(meantHit);
    // A citizen's first question whose list a detail of the case settles as the listed records' own notes say it
    // ("con đã có giấy khai sinh, chỉ chưa có tên bố" over the birth joined to an acknowledgement, its foreign twin and
    // the acknowledgement alone: the note "trẻ đã có Giấy khai sinh … (1.001022)"), as over a list offered before: that
    // one answered, the others one tap away. Only a listed one: a first question's list is search's, not the citizen's.
    const noted = !current && !labelled ? notedHere(listedHere, all, text, readingsOf(ctx, deps)) : undefined;
    // Not over a lead the message names whole, as a list offered before is read (below: `told`). One the lead's note
    // sends to, search left unlisted, stands where the lead stood.
    // Nor over a lead the list judge finds clearly right, nor a record of the other kind than the case's (a foreign
    // element's twin where none is told).
    // Only a civil-status record: their notes say the state of a fact the two ways round (a birth registered or not);
    // the notes of certified transactions do not, and read «ghi sai …, muốn chỉnh lại» after a certified deed as its
    // amendment (2.000913) where its error's correction (2.000927) is listed too (s12-follow).
    const notedHit =
      noted?.field.startsWith("Hộ tịch") &&
      !aside.has(noted.code) &&
      outcome.leads === undefined &&
      forCase(noted) === noted &&
      (!top || top.parts.title < 1 || top.procedure === noted) &&
      (outcome.hits.find((h) => h.procedure.code === noted.code) ?? (top && { ...top, procedure: noted }));
    if (notedHit) return answerListed(notedHit);
    // The list's lead answered, the others (but one the citizen has set aside) one tap away as the answer's choices.
    const answerLead = (lead: Hit<Procedure>): Reply[] => [
      answerReply(
        ctx,
        deps,
        outcome,
        lead,
        outcome.hits
          .slice(0, LIST_MAX)
          .filter((h) => h !== lead && !aside.has(h.procedure.code))
          .map((h) => h.procedure),
      ),
    ];
    // A citizen's first question whose list the list judge finds clearly led by the right one (search's `leads`,
    // ranker.ts `LEAD`): that one answered, the others one tap away as the answer's own choices. Not one the citizen
    // has just said is not it. After an answer the rules above read the list beside the case at hand first, and the lead
    // is answered below only when the list would show it first too (the judge learnt from first questions only).
    if (!current && top && outcome.leads === top.procedure.code && !aside.has(top.procedure.code))
      return answerLead(top);
    // Foreign-element twins last when the message names nothing foreign, then the alternatives the notes cite.
    const foreign = namesForeign(text);
    const ranked = outcome.hits
      .slice(0, LIST_MAX)
      .map((h) => h.procedure)
      .sort((a, b) => Number(isForeignElement(a) !== foreign) - Number(isForeignElement(b) !== foreign));
    // Never one the citizen has just said is not it ("sai rồi, giấy phép rượu khác"), though a listed one's note cites it.
    const open = catalogue.procedures.filter((p) => !aside.has(p.code));
    const alternatives = withAlternatives(ranked, open);
    // A first question's list of one small matter is offered whole (withWholeMatter).
    const listed = current ? alternatives : withWholeMatter(alternatives, open, text);
    // After an answer, a new matter told ("we also want to sell beer in the shop, which paper is that?", "giờ bà tôi cần
    // chứng thực chữ ký trên giấy nhờ cháu nhận trợ cấp") whose list the judge finds clearly led by another procedure,
    // which the list would show first too: that one answered, as for a first question, the others (the procedure at
    // hand among them when search listed it) one tap away. Tuning conversations: 4 turns mended on each half, 1 broken
    // on the odd half (a knock-on of a turn wrong either way).
    const [firstListed] = listed;
    if (
      current &&
      top &&
      !labelled &&
      outcome.leads === top.procedure.code &&
      top.procedure.code !== current.code &&
      !aside.has(top.procedure.code) &&
      firstListed?.code === top.procedure.code
    )
      return answerLead(top);
    // After an answer, search hesitating between procedures is no reason to hand the citizen a "which one?" list in the
    // middle of a conversation: the chat already says which matter is at hand. The procedure at hand leading the list
    // ("khoảng bao lâu thì cán bộ xuống", "gửi qua mạng được không" said in words search meets in look-alikes too): a
    // question of it, the section asked. The procedure at hand nowhere in the list: a new matter told, its lead
    // answered as the list would show it first, the others one tap away. Tuning conversations (follow-up turns): even
    // 2521 → 2535, odd 2469 → 2483, 3 turns broken (knock-ons of a turn answered where a list stood).
    if (current && top && !labelled && top.procedure.code === current.code && !aside.has(current.code))
      return [show(ctx, deps, current, cue ? whereRecordSays(current, text, cue.section) : outcome.intent)];
    const leadHit = firstListed && outcome.hits.find((h) => h.procedure.code === firstListed.code);
    if (current && leadHit && !labelled && !listed.some((p) => p.code === current.code)) return answerLead(leadHit);
    // A list the message names well (a word pair and half a title of its first): a short section beside each is an
    // answer; a weak list ("giấy này có giá trị bao lâu" meeting odd records) stays a question.
    const strong = top !== undefined && top.parts.pairs > 0 && top.parts.title >= WEAK_TITLE;
    rememberOptions(
      ctx,
      listed.map((p) => p.code),
      strong,
      [...aside],
      storedWords(asked),
    );
    return [strong ? listReply(ctx, catalogue, listed, outcome.intent) : chooseReply(ctx, listed, outcome.intent)];
  }
  // "có phải đưa cháu đến cho hội đồng xem không" on a disability certificate, "nhà 3 tầng thì phải có bản vẽ gì" on a
  // building permit: a short question search finds no procedure for, whose words the record at hand explains. It asks
  // about that procedure: who may and what if (its conditions), or its papers where the record says the thing there.
  if (
    current &&
    outcome.decision === "none" &&
    !redirect &&
    tokenize(text).length <= ASIDE_WORDS &&
    explainsAside(current, text, catalogue.procedures) &&
    unknownWords(text, vocabularyOf(catalogue)).length === 0
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue?.section ?? "conditions"))];
  }
  // "khoảng mấy ngày thì xong", "how long until it's approved", "em ký giấy đó ở phường trong Sài Gòn luôn được không",
  // "chủ trọ cũ đứng ra làm giúp em được không": a section asked in the citizen's own words, with words of the case,
  // search finding no procedure at all. Most of its words are the record's, its look-alikes', most records' or words
  // of asking: that section of the one at hand.
  if (
    current &&
    cue &&
    !redirect &&
    outcome.decision === "none" &&
    (readsAsFollowUp(current, text, cue, catalogue, vocabularyOf(catalogue)) ||
      asksInScope(search, current, text, cue, catalogue, vocabularyOf(catalogue)))
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, cue.section))];
  }
  // "chủ trọ đăng ký giúp cả dãy được không anh" after a temporary residence, "tui 78 tuổi mắt kém, đọc không được thì
  // làm sao" after a will, "giấy đề nghị theo mẫu nào": a question with no section's words, search finding no procedure,
  // that the scope gate reads as the ward's and whose words are mostly the record at hand's: who may and what if, its
  // conditions (or where the record says the thing).
  const asksBare = { section: "conditions" as Section, rest: tokenize(text).filter((t) => !asksWith(t)) };
  if (
    current &&
    !cue &&
    !redirect &&
    outcome.decision === "none" &&
    asksQuestion(text) &&
    asksInScope(search, current, text, asksBare, catalogue, vocabularyOf(catalogue))
  ) {
    return [show(ctx, deps, current, whereRecordSays(current, text, "conditions"))];
  }
  // "mẹ mất ở nhà" after a death registration: a short detail of the case, no question, every word of it the record's
  // own, most records' or a particle: the case told, the procedure at hand as a whole.
  if (
    current &&
    !cue &&
    !redirect &&
    outcome.decision === "none" &&
    tokenize(text).length <= DETAIL_TOLD_WORDS &&
    !asksQuestion(text) &&
    !SMALL_TALK.test(fold(text.slice(0, MAX_DAY_CHARS))) &&
    !saysQuestionWord(text) &&
    toldOfRecord(current, text, asksBare, catalogue, vocabularyOf(catalogue))
  )
    return [show(ctx, deps, current, "general")];
  // "tôi đau chân không đi được, nhờ con trai đi thay được không", "thửa đất giáp đường bê tông thì có được chuyển
  // không", "roughly how long before she starts getting it?" after an answer: a question asked of the case in its own
  // words, which search finds no procedure for and no reading above explains word by word. The scope gate (learned
  // from the câu mẫu) reads it as the ward's business: the procedure at hand, the section asked (who may and what if,
  // its conditions, when none is). Off-topic talk after an answer ("giá vàng hôm nay bao nhiêu") the gate reads as out
  // of scope; thanks, what the citizen will do and a question of another matter are no question of it.
  if (current && asksOfCase(search, text, cue, { labelled, redirect: redirect !== undefined }, current, catalogue))
    return [show(ctx, deps, current, whereRecordSays(current, text, cue?.section ?? "conditions"))];
  return [notFound(ctx, deps, catalogue, text)];
}

/**
 * Whether a follow-up asks a question of the case at hand that no reading took: a section asked or a question said
 * (its mark, its particle), not staff's label of another matter, no other agency's term, nothing the citizen will do,
 * no thanks, no question of another thing ("… của nhà hàng xóm"), and the scope gate reads it as the ward's business
 * (FOLLOW_UP_OUT_OF_SCOPE, as asksInScope).
 */
function asksOfCase(
  search: ProcedureSearch<Procedure>,
  text: string,
  cue: SectionCue | undefined,
  said: { labelled: boolean; redirect: boolean },
  current: Procedure,
  catalogue: Catalogue,
): boolean {
  if (said.labelled || said.redirect || !(cue || asksQuestion(text))) return false;
  // (thanks that open a question, "ok. can my cousin file it for us?", are said to the last answer: the question is read)
  if (
    saysWillDo(text) ||
    asksOfOther(text) ||
    SMALL_TALK.test(fold(afterAcknowledgement(text).slice(0, MAX_DAY_CHARS)))
  )
    return false;
  // "thủ tục cấp phép nuôi chim yến lấy tổ thế nào": a procedure or a licence named by its frame, with words that are
  // not the one at hand's name, asks of that matter, not of the case's steps ("thủ tục thế nào", "thủ tục kết hôn
  // bao lâu" after a marriage are)
  if (framesOtherRequest(current, text)) return false;
  // a price is asked of the thing its words name ("sinh con ở bệnh viện tư hết bao nhiêu tiền"); a trip's time or
  // price is no section ("vô Sài Gòn mất bao lâu")
  if (cue?.section === "fee" || (cue?.section === "time" && travelsTo(text))) return false;
  // "my father's hands tremble and he cannot write his name, can he use a thumbprint instead?": English the
  // case-question judge, learnt from follow-ups, is sure asks of the case. The scope gate and the câu mẫu's words,
  // learnt from first messages (few of them English), read its everyday words ("tremble", "thumbprint") as another
  // matter; off-topic English after an answer ("is the weather in Hanoi nice in March?") the judge reads as none, and
  // one that names mostly things the ward never says ("how much is petrol") is left to the readings below.
  if (writesEnglish(text) && fewOutsiders(text, catalogue) && caseP(text, current, catalogue) >= ENGLISH_CASE_SURE)
    return true;
  const scope = search instanceof ExampleSearch ? search.scope : null;
  if (scope === null) return false;
  const p = outOfScope(scope, text);
  if (p < CASE_OUT_OF_SCOPE && leansToCase(current, text, cue, catalogue)) return true;
  if (p >= CASE_OUT_OF_SCOPE_ENGLISH) return false;
  // "tôi đau chân không đi được, nhờ con trai đi thay được không", "phải điền tờ khai gì không", "what ID should I
  // bring? I only have my passport": a question of the case in the citizen's own words, whose words the câu mẫu (first messages) weigh too
  // thinly, and the scope gate reads as half another matter. The case-question judge, learnt from follow-ups, reads how
  // the question is built and whether its words are the case's; where it leans to the case and the message says no word
  // the ward never says ("giảm cân", "shipping": another matter), the gate need only not be sure of another matter.
  // Vietnamese typed without accents says too little of what its words are ("ho ngheo … tien dien"); a time asked in
  // Vietnamese that no reading above took is the time of the thing it names, though the case's words name it ("thi đại
  // học mất mấy ngày" after a certified copy: the case's câu mẫu say "thi" and "đại học").
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  const english = typedInEnglish(text);
  const vietnamese = typedWithMarks(typed) && cue?.section !== "time";
  // (English that says no word the ward's English câu mẫu say, "does my dog need a license?", or mostly words the ward
  // never says, names another matter, whatever its frame: fewOutsiders)
  const englishOfWard = english && fewOutsiders(text, catalogue);
  if ((englishOfWard || vietnamese) && asksOfCaseBroadly(text, current, catalogue)) return true;
  // English the judge is sure of, though it says a word the ward never says ("how many days until I hear back?")
  return englishOfWard && asksOfCaseByModel(text, current, catalogue);
}

/**
 * Whether a question's words besides those of asking lean no way to small talk or another thing by the câu mẫu, as a
 * case told is weighed (tellsCaseOf): none leans far to `none` câu mẫu ("vàng", "bão", "shipping"), together they lean
 * no way out, and none is a string nothing in the catalogue says (a word of the language typed with accents may be).
 * English is weighed by the English câu mẫu.
 */
function leansToCase(current: Procedure, text: string, cue: SectionCue | undefined, catalogue: Catalogue): boolean {
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  const withAccents = typedWithMarks(typed);
  const english = !withAccents && ENGLISH_QUESTION.test(text.normalize("NFC"));
  // Vietnamese typed without accents says too little of what its words are ("het sot", "tien dien")
  if (!withAccents && !english) return false;
  const unknown = unknownWords(text, vocabularyOf(catalogue));
  if (unknown.length > 0 && !(withAccents && unknown.every(isVietnameseSyllable))) return false;
  // half its words at least the record at hand's, a look-alike's, most records' or words of asking ("chơi cầu lông …
  // có giảm cân được không", "bình gas nhà em bị xì mùi thì phải làm gì ngay" say mostly other things)
  if (withAccents) {
    const read = followUpWords(
      current,
      text,
      cue ?? { section: "conditions", rest: tokenize(text).filter((t) => !asksWith(t)) },
      catalogue,
      vocabularyOf(catalogue),
    );
    if (!read || read.unexplained.length * 2 > read.keys.length) return false;
  }
  const uses = english ? englishUses(catalogue.examples) : wordUses(catalogue.examples);
  const examples = exampleWords(catalogue.examples, current.code);
  const own = withAccents ? examples.accented : examples.folded;
  const key = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  const said = [
    ...new Map(
      typed.filter((w) => !asksWithTyped(w, withAccents) && !/^\d+$/.test(w.token)).map((w) => [key(w), w]),
    ).keys(),
  ];
  let lean = 0;
  for (const k of said) {
    const by = confidentLean(uses, k, withAccents);
    if (by <= OTHER_LEAN && !own.has(k)) return false;
    lean += own.has(k) ? Math.max(0, by) : by;
  }
  return lean >= 0;
}

/** P(out of scope) under which a question of the case no reading took is the ward's (asksOfCase). */
const CASE_OUT_OF_SCOPE = 0.2;
/** The same for English the case-question judge reads as the case's. */
const CASE_OUT_OF_SCOPE_ENGLISH = 0.75;

/** A list's record covering this share of a message's words is what the message asks about, no stranger. */
const STRANGERS_COVER = 0.6;

/** Whether a follow-up's words besides its cue are the record at hand's (or most records'), one aside at most. */
function saysLittleElse(
  current: Procedure,
  text: string,
  cue: { section: Section; rest: readonly string[] },
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): boolean {
  const read = followUpWords(current, text, cue, catalogue, vocabulary);
  return read !== undefined && read.unexplained.length <= 1 && !read.unexplained.some((k) => read.hidden.has(k));
}

/** A title said this much names its procedure (a detail told alone names none). */
const NAMED_TITLE = 0.75;
/** A case told alone after an answer is this short at most, and says this many words at least. */
const CASE_TOLD_WORDS = 24;
const CASE_TOLD_MIN = 3;

/** Whether a message says a question word anywhere ("ai tạo ra bạn vậy"), as typed. */
function saysQuestionWord(text: string): boolean {
  return words(text.slice(0, MAX_DAY_CHARS)).some((w) =>
    w.marks === "" ? ASKS_BARE.has(w.token) : ASKS_VI.has(`${w.token}:${w.marks}`),
  );
}

/** Vietnamese question words, with their accents; typed bare, those that fold to no common word. */
const ASKS_VI = new Set(accented("ai gì nào sao đâu mấy bao"));
const ASKS_BARE = new Set(tokenize("ai gi j nao dau bao"));
/** An English question word (folded). */
const ASKS_EN = /(?:^|\s)(?:which|what|how|where|when|who|why)(?=$|[\s,.!?'])/;
/** Thanks and laughter (folded). */
const SMALL_TALK = /(?:^|\s)(?:cam on|cam ơn|thanks?|tks|thx|hihi|hehe|haha|ok|oke|okie)(?=$|[\s,.!])/;
/**
 * An acknowledgement that opens a message, set off by a stop or a comma before the question that follows ("ok. can
 * my cousin file it for us?", "ok, can I just submit everything online instead?", "cảm ơn, vậy nộp ở đâu"): the thanks
 * are said to the last answer, the question is what the message asks.
 */
const OPENING_ACKNOWLEDGEMENT =
  /^\s*(?:ok(?:ay|e|ie)?|thanks?(?: you)?|thank you|tks|thx|cam on|cảm ơn|cám ơn)(?:\s+(?:nhé|nha|ạ|ad|bạn|em|anh|chị))?\s*[,.!:;]+\s+/iu;
/** The message after an opening acknowledgement (OPENING_ACKNOWLEDGEMENT), or the whole message when it opens with none. */
function afterAcknowledgement(text: string): string {
  const nfc = text.normalize("NFC");
  const opening = OPENING_ACKNOWLEDGEMENT.exec(nfc);
  return opening ? nfc.slice(opening[0].length) : text;
}
/** Kin, named in a case told with particles only (folded). */
const KIN = new Set(tokenize("ông bà bố ba mẹ má cha con cháu chú bác cô dì cậu mợ thím vợ chồng nội ngoại dâu rể"));

/** The words of the câu mẫu labelled with each procedure (folded, and with accents), by the examples' list. */
const EXAMPLE_WORDS = new WeakMap<readonly Example[], Map<string, { folded: Set<string>; accented: Set<string> }>>();

function exampleWords(examples: readonly Example[], code: string): { folded: Set<string>; accented: Set<string> } {
  let byCode = EXAMPLE_WORDS.get(examples);
  if (!byCode) {
    byCode = new Map();
    for (const e of examples) {
      let found = byCode.get(e.code);
      if (!found) {
        found = { folded: new Set(), accented: new Set() };
        byCode.set(e.code, found);
      }
      const said = words(e.text);
      // a câu mẫu typed without accents says nothing of how its words are accented
      const withAccents = typedWithMarks(said);
      for (const w of said) {
        found.folded.add(w.token);
        if (withAccents) found.accented.add(`${w.token}:${w.marks}`);
      }
    }
    EXAMPLE_WORDS.set(examples, byCode);
  }
  return byCode.get(code) ?? { folded: new Set(), accented: new Set() };
}

/**
 * How the câu mẫu (data/examples.json) say each word: in how many in-scope and `none` câu mẫu. Folded over every câu
 * mẫu; with accents over those typed with them.
 */
interface WordUse {
  ward: number;
  none: number;
}
interface WordUses {
  folded: Map<string, WordUse>;
  accented: Map<string, WordUse>;
  /** How many câu mẫu were counted, in scope and `none`, folded and with accents. */
  count: { folded: [number, number]; accented: [number, number] };
}
const WORD_USES = new WeakMap<readonly Example[], WordUses>();

function wordUses(examples: readonly Example[]): WordUses {
  let found = WORD_USES.get(examples);
  if (found) return found;
  const folded = new Map<string, WordUse>();
  const accentedUses = new Map<string, WordUse>();
  const count: WordUses["count"] = { folded: [0, 0], accented: [0, 0] };
  const add = (uses: Map<string, WordUse>, key: string, none: boolean) => {
    const use = uses.get(key) ?? { ward: 0, none: 0 };
    if (none) use.none++;
    else use.ward++;
    uses.set(key, use);
  };
  for (const e of examples) {
    const said = words(e.text);
    const side = e.code === "none" ? 1 : 0;
    count.folded[side]++;
    for (const t of new Set(said.map((w) => w.token))) add(folded, t, e.code === "none");
    if (!typedWithMarks(said)) continue;
    count.accented[side]++;
    for (const k of new Set(said.map((w) => `${w.token}:${w.marks}`))) add(accentedUses, k, e.code === "none");
  }
  found = { folded, accented: accentedUses, count };
  WORD_USES.set(examples, found);
  return found;
}

/**
 * How much a word leans to the ward's business by the câu mẫu: the log of its rate in in-scope câu mẫu over its rate in
 * `none` ones. "tầng", "hẻm", "làng" lean in; "quá", "trời", "phở", "ghê" lean out (small talk, weather,
 * food, opinions).
 */
function wardLean(uses: WordUses, key: string, withAccents: boolean): number {
  const use = (withAccents ? uses.accented : uses.folded).get(key);
  const [inScope, none] = withAccents ? uses.count.accented : uses.count.folded;
  // smoothed in proportion, so that a word no câu mẫu says leans nowhere
  const ratio = Math.max(1, inScope) / Math.max(1, none);
  return Math.log(((use?.ward ?? 0) + ratio) / (ratio * ((use?.none ?? 0) + 1)));
}

/**
 * A word's lean as far as the câu mẫu bear it out: wardLean moved toward nothing by its standard error (the counts'
 * Poisson spread, smoothed as wardLean smooths them). A word said in a handful of câu mẫu ("landlord" in 3 in-scope
 * and 1 `none`, "something" in 1 `none`) leans nowhere, so one câu mẫu more or less does not turn a follow-up; a word
 * said mostly in `none` ones many times ("visa", "weather") still leans out.
 */
function confidentLean(uses: WordUses, key: string, withAccents: boolean): number {
  const use = (withAccents ? uses.accented : uses.folded).get(key);
  const [inScope, none] = withAccents ? uses.count.accented : uses.count.folded;
  const ratio = Math.max(1, inScope) / Math.max(1, none);
  const spread = Math.sqrt(1 / ((use?.ward ?? 0) + ratio) + 1 / ((use?.none ?? 0) + 1));
  const lean = wardLean(uses, key, withAccents);
  return Math.sign(lean) * Math.max(0, Math.abs(lean) - spread);
}

/** Words English says often and Vietnamese typed without accents hardly ever: three of them make a câu mẫu English. */
const ENGLISH_WORDS = new Set(
  "the my is are does of for how what we our you your have has need with this and i it can".split(" "),
);
const ENGLISH_SAYS = 3;
const ENGLISH_USES = new WeakMap<readonly Example[], WordUses>();

/** wordUses over the câu mẫu written in English (no accents, three common English words at least). */
function englishUses(examples: readonly Example[]): WordUses {
  let found = ENGLISH_USES.get(examples);
  if (!found) {
    found = wordUses(
      examples.filter((e) => {
        const said = words(e.text);
        return (
          said.every((w) => w.marks === "") &&
          new Set(said.filter((w) => ENGLISH_WORDS.has(w.token)).map((w) => w.token)).size >= ENGLISH_SAYS
        );
      }),
    );
    ENGLISH_USES.set(examples, found);
  }
  return found;
}

/** Words whose rates in `none` câu mẫu are this far over their rates in in-scope ones (log, summed) are small talk. */
const CHAT_LEAN = -1;
/** "gì hết", "gì cả" after a denial ("không có … gì hết"): no question word. */
const EMPHATIC_WHAT = /\s(?:gì|j)\s+(hết|cả)(?=$|[\s,.!])/giu;
/** "em thích ăn phở bò", "em mê bóng đá lắm", "hôm nay em buồn quá": the citizen's own taste or mood, no case. */
const FEELING = new Set(accented("thích mê ghét ghiền nghiện buồn vui chán mệt đói khát ngon dở thèm"));

/**
 * Whether a statement after an answer tells the case of the procedure at hand: no question, no move on, what-if or
 * thanks, nothing foreign, no taste or mood; at least half its words besides particles are ones citizens tell this
 * procedure's cases with (its câu mẫu's, its record's or a look-alike's, or one most records say) — the rest may be
 * any word of the language ("kiệt", "ba gác", "thợ hồ", "lợp ngói") — and none of its words leans to small talk by the
 * câu mẫu ("trời", "ghê", "bò" of "ăn bún bò": said mostly in `none` câu mẫu) unless this procedure's own câu mẫu say
 * it. Search naming another procedure is read by the caller. Said only with particles and people ("tôi là bà ngoại
 * của cháu"), four words at least.
 */
function tellsCaseOf(current: Procedure, text: string, catalogue: Catalogue): boolean {
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  if (typed.length < CASE_TOLD_MIN || typed.length > CASE_TOLD_WORDS) return false;
  // "không có lương hưu gì hết": a denial, no question word
  const told = text.normalize("NFC").replace(EMPHATIC_WHAT, "$1");
  if (asksQuestion(told) || saysWillDo(text) || asksWhatIf(text) || opensMoveOn(text)) return false;
  // a foreigner or an event abroad told ("bé sinh tại Nhật, bố mẹ đều người Việt") is the foreign twin's case, left to
  // the look-alikes' reading
  if (namesForeign(text) || ABROAD.test(fold(text.slice(0, MAX_DAY_CHARS)))) return false;
  if (ASKS_EN.test(fold(text.slice(0, MAX_DAY_CHARS)))) return false;
  if (saysQuestionWord(told)) return false;
  // a procedure or a licence named by its frame ("thủ tục cấp phép nuôi chim yến lấy tổ", "giấy phép karaoke") is a
  // request of its own, unless what it names is the one at hand's ("thủ tục kết hôn" after a marriage)
  const framed = REQUEST_FRAME.exec(fold(text.normalize("NFC")));
  if (
    framed &&
    !saysOnly(
      current,
      tokenize(framed[1] ?? "").filter((t) => !REQUEST_FRAME_WORDS.has(t)),
    )
  )
    return false;
  const withAccents = typedWithMarks(typed);
  // a word nothing in the catalogue says may be the case's own everyday word ("kiệt", "lợp"), typed as a word of the
  // language; other strings ("sđt", "wifi") are not
  const unknown = unknownWords(text, vocabularyOf(catalogue));
  if (unknown.length > 0 && !(withAccents && unknown.every(isVietnameseSyllable))) return false;
  const key = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  if (withAccents && typed.some((w) => FEELING.has(key(w)))) return false;
  const said = typed.filter((w) => !asksWithTyped(w, withAccents) && !/^\d+$/.test(w.token));
  // thanks and laughter are small talk, no case ("dạ e cảm ơn", "hihi may quá có chỗ hỏi")
  if (SMALL_TALK.test(fold(text.slice(0, MAX_DAY_CHARS)))) return false;
  // said with particles and people only: a kin named ("tôi là bà ngoại của cháu")
  if (said.length === 0) return typed.length >= CASE_TOLD_MIN + 1 && typed.some((w) => KIN.has(w.token));
  const examples = exampleWords(catalogue.examples, current.code);
  const own = withAccents ? examples.accented : examples.folded;
  const kin = kinWords(current, catalogue.procedures);
  const common = commonWords(catalogue.procedures);
  // and the words the look-alikes' câu mẫu tell their cases with ("đổ móng" of a building permit's change, told of its
  // extension too): the same thing's cases, told in the same words
  const kinSaid = kinExampleWords(current, catalogue);
  // (a kin word is a person of the case: "má" said as "mẹ" is)
  const isTold = (w: Word) =>
    KIN.has(w.token) ||
    own.has(key(w)) ||
    (withAccents ? kin.accented : kin.folded).has(key(w)) ||
    (withAccents ? kinSaid.accented : kinSaid.folded).has(key(w)) ||
    common.has(key(w));
  const uses = wordUses(catalogue.examples);
  const distinct = [...new Map(said.map((w) => [key(w), w])).values()];
  // the procedure's own câu mẫu's words lean its way whatever small talk says of them ("xe", "vốn" of a street stall)
  const lean = distinct.reduce((sum, w) => {
    const by = wardLean(uses, key(w), withAccents);
    return sum + (own.has(key(w)) ? Math.max(0, by) : by);
  }, 0);
  if (lean < CHAT_LEAN) return false;
  const untold = distinct.filter((w) => !isTold(w)).length;
  return untold === 0 || (distinct.length >= 3 && untold * 2 <= distinct.length);
}

/**
 * Whether a message opens on a procedure's or a licence's frame ("thủ tục …", "giấy phép …") and names after it, besides
 * the frame's words, words of asking and numbers, something the procedure at hand's name does not say.
 */
function framesOtherRequest(current: Procedure, text: string): boolean {
  const framed = REQUEST_FRAME.exec(fold(text.normalize("NFC")));
  if (!framed) return false;
  const named = tokenize(framed[1] ?? "").filter(
    (t) => !REQUEST_FRAME_WORDS.has(t) && !asksWith(t) && !/^\d+$/.test(t),
  );
  return named.length > 0 && !saysOnly(current, named);
}

/** A message opening on a procedure's or a licence's frame (folded), with what it names after it. */
const REQUEST_FRAME = /^\s*(?:thu tuc|giay phep|cap phep|xin phep)\s+(.*)$/u;
/** The frame's own words, said again after it ("thủ tục cấp phép …"). */
const REQUEST_FRAME_WORDS = new Set(tokenize("thủ tục giấy phép cấp xin"));

/** P(a question of the case) from which the judge alone reads an English follow-up as the case's (asksOfCase). */
const ENGLISH_CASE_SURE = 0.7;
/** Letters of Vietnamese only: a loanword's accent ("fiancé", "café") is none of them. */
const VIETNAMESE_ONLY = /[ạảấầẩẫậắằẳẵặăâẹẻẽềếểễệêỉịĩọỏốồổỗộớờởỡợôơụủũứừửữựưỳỵỷỹđ]/iu;
/** Words English says and Vietnamese typed without accents hardly ever. */
const ENGLISH_SAID = new Set(
  "the my is are does do of for how what when where which who we our you your have has need with this and it can if should will many much any there she they his her was or would could just still".split(
    " ",
  ),
);

/**
 * Whether fewer than half the words a message says besides English's common ones and words of asking are words the ward
 * never says (outsiderWords), and one of them at least is a word the ward's English câu mẫu say (saysWardWordInEnglish):
 * "how much is petrol", "does my cat need a vaccine?" ask of the thing they name.
 */
function fewOutsiders(text: string, catalogue: Catalogue): boolean {
  const model = CASE_QUESTION_MODEL;
  if (model === null) return false;
  const said = new Set(
    tokenize(text.slice(0, MAX_DAY_CHARS)).filter((t) => !ENGLISH_SAID.has(t) && !asksWith(t) && !/^\d+$/.test(t)),
  );
  const outsiders = new Set(outsiderWords(text, catalogue, model).map(fold));
  return outsiders.size * 2 < said.size && saysWardWordInEnglish(text, catalogue);
}

/**
 * Whether an English message says a word citizens ask the ward with in English, besides English's common words and
 * links: said in ENGLISH_WARD_USES of the English câu mẫu at least ("landlord", "register", "days", "letter"). The
 * ward's own words (its records, its Vietnamese câu mẫu) are no such evidence: typed without accents, "cat" is "cắt" of
 * "cắt khẩu". "does my cat need a vaccine?", "does my dog need a license?" say none: they ask of other things, whatever
 * their frame.
 */
function saysWardWordInEnglish(text: string, catalogue: Catalogue): boolean {
  const uses = englishUses(catalogue.examples).folded;
  return tokenize(text.slice(0, MAX_DAY_CHARS)).some(
    (t) => !ENGLISH_SAID.has(t) && !ENGLISH_LINKS.has(t) && (uses.get(t)?.ward ?? 0) >= ENGLISH_WARD_USES,
  );
}

/** An English word said in this many in-scope English câu mẫu at least is one citizens ask the ward with. */
const ENGLISH_WARD_USES = 2;
/** English links and pronouns ENGLISH_SAID leaves out: no word of a matter. */
const ENGLISH_LINKS = new Set("a an s to in on at by from me him her i be get".split(" "));

/** Whether a message is written in English: no letter of Vietnamese only, two English words at least. */
function writesEnglish(text: string): boolean {
  const nfc = text.normalize("NFC").slice(0, MAX_DAY_CHARS);
  if (VIETNAMESE_ONLY.test(nfc)) return false;
  return new Set(tokenize(nfc).filter((t) => ENGLISH_SAID.has(t))).size >= 2;
}

/** An English question opens so ("do I …", "can my …", "is there …"). */
const ENGLISH_QUESTION =
  /^\s*(?:(?:and|but|so|ok|okay)\s*,?\s+)?(?:do|does|did|can|could|will|would|is|are|must|should|shall|may|what|how|where|when|who|which)\s/i;
/** A word leaning this far to `none` câu mẫu (log) names another agency's or everyday thing ("visa", "weather"). */
const OTHER_LEAN = -2;
/** An English yes/no question opens so ("does …", "can my …", "is it okay if …"), after a link at most. */
const ENGLISH_YES_NO =
  /^\s*(?:(?:and|but|so|ok|okay|also|then)\s*,?\s+)?(?:do|does|did|can|could|will|would|is|are|am|must|should|shall|may|has|have)\s/i;

/**
 * Whether a message is a yes/no question in English (its last sentence: a story may come first) whose words besides
 * those of asking, people and the office are few and lean no way to small talk or other agencies by the English câu mẫu
 * (as asksInEnglishOfCase weighs them), and the scope gate reads as the ward's.
 */
function asksYesNoInEnglishOfCase(search: ProcedureSearch<Procedure>, text: string, catalogue: Catalogue): boolean {
  const nfc = text.normalize("NFC");
  if (typedWithMarks(words(nfc.slice(0, MAX_DAY_CHARS)))) return false;
  const sentences = nfc.split(/(?<=[.!?])\s+/u).filter((s) => s.trim() !== "");
  const asked = sentences.filter((s) => s.includes("?"));
  const question = asked[asked.length - 1] ?? sentences[sentences.length - 1] ?? "";
  if (!ENGLISH_YES_NO.test(question)) return false;
  const scope = search instanceof ExampleSearch ? search.scope : null;
  if (!scope || outOfScope(scope, text) >= FOLLOW_UP_OUT_OF_SCOPE) return false;
  const left = [...new Set(tokenize(question).filter((t) => !/^\d+$/.test(t) && !asksWith(t)))];
  if (left.length > ENGLISH_CASE_WORDS) return false;
  // "does my dog need a license?": no word the ward's English câu mẫu say, another matter
  if (!saysWardWordInEnglish(question, catalogue)) return false;
  const uses = englishUses(catalogue.examples);
  let lean = 0;
  for (const t of left) {
    const by = confidentLean(uses, t, false);
    if (by <= OTHER_LEAN) return false;
    lean += by;
  }
  return lean >= CHAT_LEAN;
}

/** An English follow-up has at most this many words besides the cue. */
const ENGLISH_CASE_WORDS = 6;

/**
 * Whether an English section question (no fee) asks it with words of the case only: no word left beside the cue leans
 * far to `none` câu mẫu and together they lean no way to small talk or other agencies (wardLean, as a detail told):
 * "landlord", "signature", "hospital", "witnesses"; not "visa", "weather".
 */
function asksInEnglishOfCase(text: string, section: Section, rest: readonly string[], catalogue: Catalogue): boolean {
  // a price is asked of the thing its words name ("how much is a taxi to the ward")
  if (section === "fee") return false;
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  if (typedWithMarks(typed) || !ENGLISH_QUESTION.test(text.normalize("NFC"))) return false;
  const left = [...new Set(rest.filter((t) => !/^\d+$/.test(t) && !asksWith(t)))];
  if (left.length > ENGLISH_CASE_WORDS) return false;
  // Rates in the English câu mẫu only: "cat" of "does my cat need a vaccine?" is no "cắt" of "cắt khẩu".
  const uses = englishUses(catalogue.examples);
  let lean = 0;
  let ward = false;
  for (const t of left) {
    // how far each word leans as the câu mẫu bear it out, not by a câu mẫu or two
    const by = confidentLean(uses, t, false);
    if (by <= OTHER_LEAN) return false;
    lean += by;
    // one word at least the ward's câu mẫu say and that leans no way out ("landlord"), not only words none says
    // ("shipping")
    // — a word of the case, not of asking whether it is needed ("need", "bring")
    if (by >= 0 && (uses.folded.get(t)?.ward ?? 0) >= 2 && !NEED_FRAME.has(t)) ward = true;
  }
  return ward && lean >= CHAT_LEAN;
}

/** A detail told alone after an answer is this short at most. */
const DETAIL_TOLD_WORDS = 8;

/** Whether every word of a detail besides particles is one the record at hand (or most records) says. */
function toldOfRecord(
  current: Procedure,
  text: string,
  cue: { section: Section; rest: readonly string[] },
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): boolean {
  const read = followUpWords(current, text, cue, catalogue, vocabulary);
  return read !== undefined && read.keys.length > 0 && read.unexplained.length === 0;
}

/** No procedure answers the message: the office to ask, browsing, and the choices offered before. */
function notFound(ctx: FeatureContext, deps: AnswerFeatureDeps, catalogue: Catalogue, text: string): Reply {
  // Counting is for staff: the reply waits for no disk (a flood of odd messages would queue behind
  // one write each; the file's writes coalesce), and a full disk must not cost the citizen the reply.
  void deps.unanswered?.record(text, wardIdOf(ctx)).catch(() => undefined);
  const contact = officeText(ctx.t, catalogue.defaultOffice);
  const browse: Choice = { id: MENU_CHOICE.pack({ feature: "browse" }), label: ctx.t("menu-browse") };
  // The choices offered before stay, in the same order, so a "2" typed next still picks the same.
  const before = (ctx.state.lastChoices ?? []).filter((c) => KEPT_PREFIXES.has(prefixOf(c.id)));
  return {
    text: ctx.t("not-found", { contact }),
    choices: [...before, ...(before.some((c) => c.id === browse.id) ? [] : [browse])],
  };
}

/**
 * Search's answer, or its foreign-element twin when the message names a foreigner and search found the twin too
 * ("register our marriage, my fiancée is Vietnamese", "lấy chồng Hàn thì làm giấy kết hôn ở đâu"), the plain one
 * then one tap away. The procedure at hand asked again with a section: that section where the record shown speaks of
 * the thing asked (whereRecordSays).
 */
function answerOrTwin(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  outcome: SearchOutcome<Procedure>,
  top: Hit<Procedure>,
  text: string,
  current: Procedure | undefined,
  /** What the chat told of the case before: a foreigner told one turn earlier still makes the plain one its twin. */
  caseSoFar: CaseSoFar = {},
): { reply: Reply; shown: Procedure } {
  const all = snapshotOf(ctx, deps).catalogue.procedures;
  // a foreign element told makes the plain one its twin; nothing foreign told (English is none) makes a foreign-element
  // one its plain twin (foreign.ts plainAsTold)
  const twin = caseForeign(text, caseSoFar)
    ? foreignTwin(top.procedure, all)
    : plainAsTold(top.procedure, all, text, caseSoFar);
  const twinHit = twin && (outcome.hits.find((h) => h.procedure.code === twin.code) ?? { ...top, procedure: twin });
  const shown = twinHit ?? top;
  const intent =
    top.procedure.code === current?.code ? whereRecordSays(shown.procedure, text, outcome.intent) : outcome.intent;
  const reply = twinHit
    ? answerReply(ctx, deps, { ...outcome, intent, hits: [twinHit, top] }, twinHit, [top.procedure])
    : answerReply(ctx, deps, { ...outcome, intent }, top);
  return { reply, shown: shown.procedure };
}

/**
 * The listed procedure a section asked over a "which one?" list is about: the first listed one search finds for the
 * story the list was offered for and the new words together (the words often settle it: "sửa lỗi" of "sửa lỗi như vậy
 * có mất phí không" after a deed typed wrong), or the listed one the new words name whole. None when they name another
 * procedure whole (a switch), or when search, reading both, is sure of one outside the list.
 */
function listLeader(
  search: ProcedureSearch<Procedure>,
  outcome: SearchOutcome<Procedure>,
  options: readonly Procedure[],
  story: string | undefined,
  text: string,
  aside: ReadonlySet<string>,
  all: readonly Procedure[],
): Procedure | undefined {
  const listed = (hits: readonly Hit<Procedure>[]) =>
    hits.filter((h) => options.some((o) => o.code === h.procedure.code));
  // "thế còn xóa thường trú cho bố thì làm sao": another procedure named by words of its own name, a switch. Not a
  // word search reads as a title alone ("mất" of "bố tôi mất rồi" is no death registration asked).
  // One of the list named so ("à còn đăng ký kết hôn cho hai đứa thì cần gì" over a list that holds it): that one.
  const [named] = outcome.hits;
  if (named && outcome.decision === "answer" && named.parts.title >= 1 && saysNameOf(named.procedure, text)) {
    if (!options.some((o) => o.code === named.procedure.code)) return undefined;
    // Unless the words are the whole list's ("quay lại tiền mai táng" over a list of funeral allowances): the story says.
    if (options.filter((o) => saysNameOf(o, text)).length === 1) return named.procedure;
  }
  // A bare name ("mất giấy khai sinh", "thủ tục tạm trú") lists its variants for the citizen to choose: nothing in it
  // weighs one above the others. A story was weighed by search, which put first the one it tells best.
  if (!story || tokenize(story).length < STORY_WORDS) return undefined;
  // A bare section ("nộp ở đâu", "mất bao lâu") adds nothing to weigh: the story alone ranks the list, as it did when the
  // list was offered (its words would only tip the re-ranker toward whichever record says "nộp" or "ở đâu" more).
  const asked = withoutTopicReturn(text);
  const adds = tokenize(asked).some((t) => !asksWith(t));
  const both = setAside(search.search(adds ? `${story} ${asked}` : story, SEARCH_LIMIT), aside);
  const [first] = both.hits;
  // Too many words together for search to settle on any: the list's first, only when the story tells of it in its
  // own words ("ba sào ruộng lúa sang trồng bưởi"); a vague story singles out none.
  if (!first || both.decision === "none") {
    const alone = options[0] && search.search(story, SEARCH_LIMIT).hits.find((h) => h.procedure === options[0]);
    return alone && storyTells(alone, story, all) ? alone.procedure : undefined;
  }
  if (both.decision === "answer" && both.sure && !options.some((o) => o.code === first.procedure.code))
    return undefined;
  // As the list itself was ordered: the foreign-element variants first when the story names a foreigner ("con tôi quốc
  // tịch Mỹ, giấy khai sinh … sai tên đệm"), last when it names none.
  const foreign = namesForeign(`${story} ${text}`);
  const ranked = listed(both.hits).sort(
    (a, b) => Number(isForeignElement(a.procedure) !== foreign) - Number(isForeignElement(b.procedure) !== foreign),
  );
  const [lead] = ranked;
  // Answered only when the story and the question say most of its name or an alias ("bà nội em mất rồi" of "khai tử
  // cho người mất", "hợp đồng … ghi sai" of "hợp đồng chứng thực bị sai tên"). A vague story ("em làm mất giấy tờ
  // rồi", "ông bà tôi già rồi, muốn làm giấy tờ gì đó") singles out none: "mất bao lâu" is no reason to pick one.
  return lead && storyTells(lead, story, all) ? lead.procedure : undefined;
}

/**
 * A licence or certificate said held already (folded): "đã được cấp giấy phép …", "giấy phép xây dựng nhà tôi đã được
 * cấp", "giấy phép bán lẻ thuốc lá đang có", "… đã cấp", "… cấp năm ngoái", "có giấy phép xây nhà rồi"; the held words
 * near the paper's own, not another paper held ("xin giấy phép xây nhà trên đất đã có sổ").
 */
const HELD_PAPER =
  /(?:giay (?:phep|chung nhan|dang ky)|license|licence|permit)[^,.;?]{0,25}?(?:da duoc cap|duoc cap roi|duoc cap nam \d{4}|dang co|da co|da cap|(?:phuong |xa )?cap (?:hoi |tu )?nam (?:ngoai|truoc|\d{4}))(?!\s+(?:so|giay|dat|nha))|(?:da duoc cap|dang co|da co) (?:cai )?giay (?:phep|chung nhan|dang ky)|\bco (?:cai )?giay (?:phep|chung nhan|dang ky)[^,.;?]{0,25}? roi\b/u;

/**
 * The changes of a thing (familyOf: its re-issue, amendment, extension …) a first question asks for when search answered
 * the thing itself but the words say its paper is held already: the change the words settle
 * (variantForDetail), else all its changes to choose from. None when the thing itself is meant (a first issue said) or
 * it has no changes.
 */
function changesAsked(
  thing: Procedure,
  all: readonly Procedure[],
  text: string,
  /** Search answered `thing` (not only listed it first). */
  answered = false,
): Procedure[] {
  // Not civil status: its records are events, read by their own look-alike readings ("đã có giấy khai sinh" of a birth
  // abroad, "không đi lại được" of a mobile marriage registration).
  if (thing.field.startsWith("Hộ tịch") || namesFirstIssue(text)) return [];
  // Search's first a change of the thing (its re-issue listed first for «giấy phép xây dựng đã cấp năm ngoái»): the
  // thing it changes is the paper held, its changes the matter. A change search answered stands («đã có giấy phép xây
  // nhà 3 tầng, giờ muốn đổi thiết kế thành 4 tầng»: its amendment).
  if (isChange(thing)) {
    if (answered) return [];
    const things = familyOf(thing, all, isForeignElement).filter((p) => !isChange(p));
    if (things.length !== 1) return [];
    return changesAsked(things[0] as Procedure, all, text);
  }
  // Only a paper said held: a change word alone is said of the case too ("mới chuyển vào Bình Dương, chủ trọ nhắc phải
  // đăng ký tạm trú" is no removal of a residence, "xây lại nhà" no permit's re-issue). Read before the family: most
  // first questions say no paper held, and the family is a walk over the catalogue.
  const folded = fold(text.normalize("NFC"));
  if (CERTIFIED_HELD.test(folded)) return afterCertifiedAsked(thing, all, text);
  if (!HELD_PAPER.test(folded)) return [];
  const changes = familyOf(thing, all, isForeignElement).filter(isChange);
  if (changes.length === 0) return [];
  const meant = variantForDetail([thing, ...changes], text);
  if (meant) return meant === thing ? [] : [meant];
  return changes;
}

/**
 * A paper said certified already (folded): "hợp đồng … đã chứng thực", "chứng thực ở xã tháng trước", "chứng
 * thực ở phường bị gõ sai", "năm ngoái chứng thực ở xã", "năm ngoái em … chứng thực hợp đồng … ở phường" (not "hồi":
 * folded it is "hỏi" of "cho hỏi chứng thực"). A certification done is no longer the matter: what is done with the
 * certified paper. It reads no office: a question of another agency's act on the certified paper («… giờ sang tên sổ
 * đỏ ở văn phòng đăng ký đất đai») is offered these records too (s19-oos-probes, left to mend).
 */
const CERTIFIED_HELD =
  /da (?:duoc )?chung thuc|chung thuc (?:o|tai) (?:ubnd )?(?:xa|phuong)[^,.;?]{0,12}?(?:thang truoc|nam ngoai|nam \d{4}|tuan truoc|truoc day|roi|bi )|(?:thang truoc|nam ngoai|nam \d{4}|truoc day)(?: chung thuc|[^.;?]{0,40}?chung thuc (?:hop dong|giao dich|van ban|di chuc))/u;
/** What a record of a certified paper says of it in its name or aliases: "… đã (được) chứng thực". */
const OF_CERTIFIED = /\bda (?:duoc )?chung thuc\b/u;
/** Words of the records' names and aliases that tell no one of them (places, grammar). */
const AFTER_STOP = new Set(tokenize("ở tại xã phường của trong cho và các từ có"));

/**
 * The records for a paper certified already (their names or aliases say "đã (được) chứng thực": its amendment or
 * cancellation, the correction of its typing errors, a copy of it) a first question asks for when search answered the
 * certification itself («hợp đồng mua bán đất đã chứng thực ở phường, giờ muốn sửa»: Nghị định 23/2015/NĐ-CP, Điều 38–
 * 40): the one whose own words the message says (words no other of them says: «hủy», «bổ sung» of the amendment,
 * «đánh máy», «sai» of the correction, «bản sao», «mất» of the copy), else all of them to choose from. None when the
 * thing is one of them, or none is in the catalogue.
 */
function afterCertifiedAsked(thing: Procedure, all: readonly Procedure[], text: string): Procedure[] {
  const ofCertified = (p: Procedure) => [p.name, ...p.aliases].some((t) => OF_CERTIFIED.test(fold(t)));
  if (ofCertified(thing)) return [];
  const after = all.filter((p) => p.field === thing.field && p.code !== thing.code && ofCertified(p));
  if (after.length === 0) return [];
  const own = new Map(after.map((p) => [p, new Set(tokenize([p.name, ...p.aliases].join(" ")))]));
  const thingWords = new Set(tokenize([thing.name, ...thing.aliases].join(" ")));
  const said = new Set(tokenize(text));
  const counts = after.map((p) => {
    const mine = own.get(p) as Set<string>;
    let n = 0;
    for (const t of mine) {
      if (!said.has(t) || AFTER_STOP.has(t) || thingWords.has(t)) continue;
      if (after.every((q) => q === p || !(own.get(q) as Set<string>).has(t))) n++;
    }
    return n;
  });
  const best = Math.max(...counts);
  const leaders = after.filter((_, i) => counts[i] === best);
  return best > 0 && leaders.length === 1 ? leaders : after;
}

/**
 * Of a first question's list, the listed record the case told is for, as a list offered before is read (variants.ts
 * notedAmong): the listed records' notes (the state of a fact they say the two ways round, their clauses), else the
 * listed one the câu mẫu lean to over every other. Only a listed one.
 */
function notedHere(
  listed: readonly Procedure[],
  all: readonly Procedure[],
  text: string,
  readings: LookAlikeReadings | undefined,
): Procedure | undefined {
  const noted = notedAmong(listed, all, text, "", readings);
  // or the one the lead's own note sends the case to, which the list shows beside it (withAlternatives)
  const [lead] = listed;
  return noted && (listed.includes(noted) || (lead && citedBy(lead, all).includes(noted))) ? noted : undefined;
}

/** Whether a story says enough of a listed procedure's name or aliases, or of its record's own words, to single it out. */
function storyTells(hit: Hit<Procedure>, story: string, all: readonly Procedure[]): boolean {
  const own = ownWordsSaid(hit.procedure, story, all);
  return (
    hit.parts.title >= STORY_NAMES_SHARE || (hit.parts.title >= STORY_NAMES_SOME && own >= 1) || own >= STORY_OWN_WORDS
  );
}

/** How many of a story's words are the record's own, not said by most records nor words of asking (folded). */
function ownWordsSaid(procedure: Procedure, story: string, all: readonly Procedure[]): number {
  const own = recordWords(procedure).folded;
  const common = commonWords(all);
  return new Set(tokenize(story).filter((t) => own.has(t) && !common.has(t) && !asksWith(t))).size;
}

/** A story saying this many of a record's own words ("sào ruộng lúa … trồng bưởi") tells of it. */
const STORY_OWN_WORDS = 2;

/**
 * How much of a listed procedure's name or aliases (search's title share) a story must say for a section asked past
 * the list to be answered for it: this much alone ("đền làng muốn tổ chức thêm một lễ rước" 0.63), or some of it with
 * one of the record's own words ("chứng thực hợp đồng cho thuê nhà" 0.47). Vague stories say 0.15–0.40 ("em làm mất
 * giấy tờ rồi", "có việc muốn nhờ phường giải quyết", "muốn làm giấy tờ gì đó cho con cháu").
 */
const STORY_NAMES_SHARE = 0.6;
const STORY_NAMES_SOME = 0.45;

/** A first message this long tells a story (a case), no bare name of a procedure. */
const STORY_WORDS = 8;

/**
 * The listed leader's section as the answer, the list's other procedures one tap away below it, and "not this one":
 * the citizen who asked past the list reads an answer, not the same question again.
 */
function leaderReply(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  leader: Procedure,
  options: readonly Procedure[],
  section: Section,
): Reply {
  const reply = show(ctx, deps, leader, section);
  const others = options
    .filter((p) => p.code !== leader.code)
    .slice(0, RELATED_MAX)
    .map((p) => ({ id: procedureChoiceId(p.code, section), label: `↪ ${shorten(p.name)}` }));
  const notThis = { id: NOT_THIS_CHOICE.pack({ code: leader.code }), label: ctx.t("not-this-one") };
  const choices = reply.choices ?? [];
  const feedbackAt = choices.findIndex((c) => prefixOf(c.id) === FEEDBACK_CHOICE.prefix);
  const at = feedbackAt < 0 ? choices.length : feedbackAt;
  return { ...reply, choices: [...choices.slice(0, at), ...others, notThis, ...choices.slice(at)] };
}

/**
 * A case said abroad in words namesForeign leaves out (folded): a country said as a place at the end of a clause
 * ("sinh ra ở Đức,", "sinh tại Ý" — "Đức" alone is also a name, "ở Đức Trọng" a district), living abroad
 * ("định cư ở nước ngoài", "Việt kiều", "hải ngoại"). A child born abroad to two Vietnamese parents is still the
 * foreign-element case.
 */
const ABROAD =
  /(?:^|[^\p{L}])(?:(?:o|tai|ben|sang)\s+(?:duc|anh|y|sec|bi|ao|thuy si|hung|rumani|israel|dubai|qatar|ai cap|dai loan)(?=\s*(?:[,.;!?]|$))|nuoc ngoai|hai ngoai|viet kieu|kieu bao)/u;

/** "để", "nhằm": what follows in a title is what the procedure is for, not what it is. */
const FOR_WHAT = new Set(tokenize("để nhằm"));

/**
 * Whether a procedure's name or alias says a redirect's term as what it is: "hộ trung bình để mua bảo hiểm y tế"
 * says health insurance only as what the status is for, so a question about buying the insurance is no question
 * about that status.
 */
function titleNames(title: string, term: readonly string[]): boolean {
  const tokens = tokenize(title);
  for (let i = 0; i + term.length <= tokens.length; i++) {
    // "để mua …", "để được …": the purpose word stands up to two words before the term.
    if (
      term.every((t, j) => tokens[i + j] === t) &&
      !tokens.slice(Math.max(0, i - 2), i).some((t) => FOR_WHAT.has(t))
    ) {
      return true;
    }
  }
  return false;
}

/** Another agency's service: its pointer, the choices offered before kept (a number next still picks from them). */
function redirectReply(ctx: FeatureContext, redirect: Redirect): Reply {
  ctx.keepChoices = true;
  rememberElsewhere(ctx);
  const { topic, answer, url } = redirect;
  const lines = [ctx.t("redirect", { topic, answer }), ...(url ? [ctx.t("redirect-link", { url })] : [])];
  return { text: lines.join("\n") };
}

/** A "which one?" list; with a short section asked, that section of each listed procedure beside it. */
function listReply(ctx: FeatureContext, catalogue: Catalogue, listed: readonly Procedure[], section: Section): Reply {
  return compareReply(ctx, catalogue, listed, section) ?? chooseReply(ctx, listed, section);
}

/**
 * The answer to a search, with the other procedures that hold every word asked as choices:
 * "hộ kinh doanh" answers the registration and offers its closing, re-issue and changes.
 */
function answerReply(
  ctx: FeatureContext,
  deps: AnswerFeatureDeps,
  outcome: SearchOutcome<Procedure>,
  top: Hit<Procedure>,
  /** Candidates the conversation set aside (a "which one?" it settled): always offered, so they stay one tap away. */
  setAside: readonly Procedure[] = [],
): Reply {
  const reply = show(ctx, deps, top.procedure, outcome.intent);
  const choices = reply.choices ?? [];
  // A section sent in parts offers the related ones nowhere: part 1 is read first, and what
  // follows "Xem tiếp" is the same answer going on, not a new search.
  const inParts = choices.some((c) => c.id === procedureChoiceId(top.procedure.code, outcome.intent, 1));
  // All choices on one screen: Telegram pages a longer keyboard, and a numbered list that long is no help either.
  const room = Math.min(RELATED_MAX, ONE_SCREEN_CHOICES - choices.length);
  // The alternative the answer's own "check first" note sends people to ("Nếu sổ hộ tịch còn lưu, hãy xin cấp
  // bản sao trích lục (2.000635)"): staff wrote it as the one to weigh, so it is one tap away like a set-aside one.
  const { catalogue } = snapshotOf(ctx, deps);
  const cited = citedBy(top.procedure, catalogue.procedures).filter((p) => !setAside.some((a) => a.code === p.code));
  // The thing's other variants ("giấy phép bán lẻ rượu": its re-issue and amendment), in their own stable order, so a
  // number typed later picks the variant meant whichever of them was answered first.
  // A set-aside or cited one of the family stands in the family's place.
  const family = familyOf(top.procedure, catalogue.procedures, isForeignElement);
  const inFamily = (p: Procedure) => family.some((f) => f.code === p.code);
  const kept = [...setAside.filter((p) => !inFamily(p)), ...cited.filter((p) => !inFamily(p)), ...family];
  if ((inParts && kept.length === 0) || room <= 0) return reply;
  const aside = new Set(kept.map((p) => p.code));
  const fromSearch = outcome.hits
    .slice(1)
    .filter(
      (h) =>
        !aside.has(h.procedure.code) && !inParts && h.parts.coverage >= RELATED_COVERAGE && h.score >= RELATED_SCORE,
    )
    .map((h) => h.procedure);
  const related = [...kept, ...fromSearch]
    .filter((p) => p.code !== top.procedure.code)
    .slice(0, room)
    .map((p) => ({ id: procedureChoiceId(p.code, outcome.intent), label: `↪ ${shorten(p.name)}` }));
  if (related.length === 0) return reply;
  // Before the helpful / not helpful taps, which are about the answer shown.
  const feedbackAt = choices.findIndex((c) => prefixOf(c.id) === FEEDBACK_CHOICE.prefix);
  const at = feedbackAt < 0 ? choices.length : feedbackAt;
  return { ...reply, choices: [...choices.slice(0, at), ...related, ...choices.slice(at)] };
}

/**
 * A "which one?" between procedures and their foreign-element twins, settled by whether the message names
 * a foreign element: without one, the plain procedures only; with one, the twins only. The hits to answer
 * from (the one left first, the set-aside twins after it as related choices), or undefined when one
 * procedure does not then lead the rest clearly.
 */
function withoutForeignElement(
  outcome: SearchOutcome<Procedure>,
  /** Whether the case has a foreign element, said now or earlier (caseForeign). */
  foreign: boolean,
  /** The plain twin a foreign-element record stands for when nothing foreign is told (foreign.ts plainAsTold). */
  plainFor: (procedure: Procedure) => Procedure | undefined = () => undefined,
): { hits: Hit<Procedure>[]; setAside: Procedure[] } | undefined {
  const listed = outcome.hits.slice(0, LIST_MAX);
  // A foreign-element record search listed for words of the plain case ("vợ đi lao động Hàn Quốc …, làm khai sinh cho
  // bé": a Vietnamese abroad for a time, no foreign element) stands for its plain twin when search left that unlisted:
  // setting the twin aside must not leave an unrelated record of the list (a vocational training) to answer.
  const standsFor = new Map<Hit<Procedure>, Hit<Procedure>>();
  const kept = listed.flatMap((h): Hit<Procedure>[] => {
    if (isForeignElement(h.procedure) === foreign) return [h];
    const twin = foreign ? undefined : plainFor(h.procedure);
    if (!twin || outcome.hits.some((o) => o.procedure.code === twin.code)) return [];
    const standIn = { ...h, procedure: twin };
    standsFor.set(standIn, h);
    return [standIn];
  });
  const setAside = listed.filter((h) => isForeignElement(h.procedure) !== foreign);
  if (kept.length === 0 || setAside.length === 0) return undefined;
  const [first, second] = kept;
  // The plain twin of search's own first stands where search put it: ahead of the rest, whatever their scores. So does
  // search's own plain first whose foreign twin it listed second: the pair heading the list tells the family asked, a
  // record listed after them (a vocational training after a birth registration and its twin) no rival. Not a twin
  // listed further down: "mất giấy khai sinh" lists the birth registration, the extract's copy, then the twin.
  const lead = listed[0];
  const twinLeads =
    first !== undefined &&
    lead !== undefined &&
    (standsFor.get(first) === lead ||
      (!foreign && isForeignElement(lead.procedure) && plainFor(lead.procedure)?.code === first.procedure.code) ||
      (!foreign &&
        first === lead &&
        listed[1] !== undefined &&
        setAside.includes(listed[1]) &&
        plainFor(listed[1].procedure)?.code === first.procedure.code));
  if (!first || (second && !twinLeads && first.score - second.score < REFINE_MARGIN)) return undefined;
  return { hits: [...kept, ...setAside], setAside: setAside.map((h) => h.procedure) };
}

/** A procedure cited after "như" / "giống" (as, like) within a few words: a likeness, no procedure meant. */
const LIKENESS_CITED = /(?<![\p{L}])(?:như|giống)\s[^().;,]{0,30}\(\d\.\d{6}\)/giu;

/** Words of the notes that tell no case apart ("nếu", "thủ tục", "đăng ký", "hãy xin"). */
const NOTE_STOP = new Set(
  tokenize(
    "nếu thì hãy xin làm thủ tục này đăng ký cấp của và là có được đã các cho thay vì khi chỉ dùng dành việc nơi ở tại không một",
  ),
);
/**
 * Wanting and needing tell no case either (every case is wanted: "muốn nghỉ hẳn", "nếu cần thay đổi"); with their
 * accents, as "muộn" (late) and "căn" (căn cước) fold alike.
 */
const NOTE_WANTS = new Set(accented("muốn cần"));
const NOTE_WANTS_BARE = new Set(tokenize("muốn cần"));

/**
 * A sentence that settles a "which one?" list, read against the list's own `checkFirst` notes: each clause
 * that cites a listed procedure ("Nếu sổ hộ tịch … còn lưu, hãy xin … (2.000635)") or that a listed
 * procedure's note says of itself ("Thủ tục này chỉ dùng khi sổ hộ tịch … còn lưu") is a case for it. The
 * procedure whose case shares the most of the message's words (two at least, more than any other) is meant.
 */
function toldByNotes(options: readonly Procedure[], text: string): Procedure | undefined {
  // The words every option's name says ("giấy phép … thuốc lá" of a licence's issue, re-issue and amendment) name the
  // thing they share, no case of one of them: "giấy phép bán thuốc lá" said again over its re-issue tells none.
  const [head, ...rest] = options.map((o) => new Set(tokenize(o.name)));
  const named = new Set([...(head ?? [])].filter((t) => rest.every((r) => r.has(t))));
  // Typed with accents, a word is matched with them: "những gì" tells no "nhưng bị hỏng", "trước hạn" no "nghỉ hẳn".
  const typed = words(text.slice(0, 300));
  const withAccents = typedWithMarks(typed);
  const keyOf = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  const wants = (w: Word) => (withAccents ? NOTE_WANTS.has(`${w.token}:${w.marks}`) : NOTE_WANTS_BARE.has(w.token));
  const said = new Set(typed.filter((w) => !NOTE_STOP.has(w.token) && !named.has(w.token) && !wants(w)).map(keyOf));
  if (said.size === 0) return undefined;
  const best = new Map<string, number>();
  for (const option of options) {
    // Sentences and "nếu" clauses; a dot between digits is a cited code's ("(1.001266)"), no break: split there, the
    // code fell in two and the clause cited nothing.
    for (const clause of (option.checkFirst ?? "").split(/(?<!\d)\.|\.(?!\d)|;|,\s*(?=nếu)/iu)) {
      // A code cited as a likeness ("hồ sơ như cấp mới (2.000181)": the papers are those of the new issue) is no
      // procedure the case is sent to.
      const cited = clause.replace(LIKENESS_CITED, " ").match(CITED_CODE) ?? [];
      const meant = cited.length > 0 ? cited : /chỉ (dùng|dành)/iu.test(clause) ? [option.code] : [];
      // What the clause says the case is not ("…, không phải tạm ngừng", "thay vì đăng ký lại") is no word of its case.
      // Nor what it says not to do then ("…, thì không đổi giấy theo thủ tục này mà phải xác định lại").
      const own = clause.split(/,?\s(?:không phải|chứ không|thay vì|thì không|instead of|not)\s/iu)[0] ?? clause;
      // The cited code's digits are no words of the case ("(3.000244)" is no "3 tầng", "(1.004884)" no "cấp 1").
      const shared = new Set(
        words(own.replace(CITED_CODE, " "))
          .map(keyOf)
          .filter((k) => said.has(k)),
      ).size;
      for (const code of meant) {
        if (options.some((o) => o.code === code)) best.set(code, Math.max(best.get(code) ?? 0, shared));
      }
    }
  }
  const ranked = [...best].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] < 2 || (second && second[1] >= first[1])) return undefined;
  return options.find((o) => o.code === first[0]);
}

/** A question on the procedure at hand that search finds nothing for, this short at most, may still be about it. */
const ASIDE_WORDS = 14;

/** A section asked of a variant named ("chưa có giấy bao giờ, muốn xin mới … thì nộp ở đâu") is this short at most. */
const NAMED_CHANGE_WORDS = 20;

/** A detail said after an answer is this short (words besides particles, offices and people). */
const DETAIL_WORDS = 6;
/** A change of the paper at hand told alone is this short at most (what moves and where: a shop's new address). */
const CHANGE_DETAIL_WORDS = 14;

/**
 * A short detail said on the procedure at hand ("bản sao thôi" after "giấy khai sinh", "bị rách, xin cấp lại" after
 * "giấy phép xây dựng"), searched with the words that led to it: the best candidate then, the procedure at hand set
 * aside, that the detail's own search finds too (both the first words and the detail say it), and where that
 * candidate's note sends this very case elsewhere ("bản sao giấy khai tử … dùng thủ tục Cấp bản sao trích lục"),
 * there. Undefined when the detail says no look-alike of the procedure at hand.
 */
function withDetail(
  search: ProcedureSearch<Procedure>,
  outcome: SearchOutcome<Procedure>,
  text: string,
  current: Procedure,
  asked: string,
  all: readonly Procedure[],
): Procedure | undefined {
  const said = contentWords(text);
  if (tokenize(text).length > DETAIL_WORDS + 2) return;
  // "???", "…": no word at all, nothing to read with the first words (a re-ranker may order them otherwise).
  if (tokenize(text).length === 0 || said.length > DETAIL_WORDS || outcome.sectionOnly) return;
  const both = `${asked} ${withoutTopicReturn(text)}`;
  const refined = search.search(both, SEARCH_LIMIT);
  // The first words still matter: the procedure at hand is among the candidates of both together.
  if (!refined.hits.some((h) => h.procedure.code === current.code)) return;
  // The first candidate of both together when it is no longer the procedure at hand, else the first the detail's
  // own search finds too ("giấy khai sinh bản sao thôi" still names the birth registration whole).
  // Only a look-alike of the procedure at hand: "cán bộ đến nhà làm" after a birth registration is its mobile
  // registration, not the mobile marriage the detail alone names best.
  const own = new Set(outcome.hits.map((h) => h.procedure.code));
  const alike = refined.hits.filter((h) => h.procedure.code !== current.code && lookAlike(h.procedure, current));
  const [first] = refined.hits;
  // A look-alike the detail's own search finds too comes first either way: the learned re-ranker may put another
  // look-alike ahead of the procedure at hand ("giấy khai sinh bản sao" → its re-registration) on the first words alone.
  // Only one as near the procedure at hand by name as the first look-alike: "làm lại vì bị mất" after "giấy phép rượu"
  // is the alcohol licence's re-issue (bán lẻ rượu shared), not a household business's that the detail alone finds.
  // The detail's own search sure of a look-alike among them ("em muốn nghỉ bán 2 tháng" after a household business: its
  // pause, where both together lead to its closing): that one, as the detail says it best.
  const [alone] = outcome.hits;
  const sureAlone =
    outcome.decision === "answer" && outcome.sure && alone && alike.some((h) => h.procedure === alone.procedure)
      ? alone.procedure
      : undefined;
  if (sureAlone) return sureAlone;
  const near = alike[0] ? sharedNameWords(alike[0].procedure, current) : 0;
  const backed = alike.find(
    (h) => own.has(h.procedure.code) && sharedNameWords(h.procedure, current) >= near,
  )?.procedure;
  const found = first && first.procedure.code !== current.code ? (backed ?? alike[0]?.procedure) : backed;
  if (!found) return;
  // The detail's own search sure of the procedure at hand ("trợ cấp một lần thì được mấy tháng" after a war invalid's
  // survivor allowance, whose names say the one-off allowance): the detail names the case itself, not a look-alike it
  // scores far below it (under DETAIL_OWN_SHARE of the one at hand's score), which only the first words led to.
  if (alone?.procedure.code === current.code && outcome.decision === "answer" && outcome.sure) {
    const foundAlone = outcome.hits.find((h) => h.procedure.code === found.code);
    if (!foundAlone || foundAlone.score < alone.score * DETAIL_OWN_SHARE) return;
  }
  const sentOn = sentOnByNote(found, both, all);
  return sentOn && sentOn.code !== current.code && own.has(sentOn.code) ? sentOn : found;
}

/** A look-alike the detail's own search scores under this share of the procedure at hand is none it names. */
const DETAIL_OWN_SHARE = 0.5;

/**
 * The procedure a detail and the procedure at hand name together: the first candidate of the two searched together,
 * when it is neither, the detail's own search finds it too, and its name shares words that tell records apart with
 * both the procedure at hand and the one the detail names best.
 */
function bothTogether(
  search: ProcedureSearch<Procedure>,
  outcome: SearchOutcome<Procedure>,
  text: string,
  current: Procedure,
): Procedure | undefined {
  const named = outcome.hits[0]?.procedure;
  if (!named || outcome.decision === "none") return undefined;
  const refined = search.search(`${current.name} ${withoutTopicReturn(text)}`, SEARCH_LIMIT);
  const first = refined.decision === "none" ? undefined : refined.hits[0]?.procedure;
  if (!first || first.code === current.code || first.code === named.code) return undefined;
  if (!outcome.hits.some((h) => h.procedure.code === first.code)) return undefined;
  return lookAlike(first, current) && lookAlike(first, named) ? first : undefined;
}

/** Words after an opening purpose that ask for the paper at hand: "xin", "giấy này", "nó", "cái đó". */
function asksPaperAtHand(text: string): boolean {
  return /(?:^|[^\p{L}])xin(?=$|[^\p{L}])/u.test(fold(text.normalize("NFC"))) || refersToPaperAtHand(text);
}

/**
 * "giấy này", "giấy đó", "cái này", "nó": the paper at hand. Read as typed when the words carry accents ("nợ", "nổ",
 * "nỡ" are no "nó"); folded when typed without any.
 */
function refersToPaperAtHand(text: string): boolean {
  const nfc = text.normalize("NFC").toLowerCase();
  const plain = fold(nfc) === nfc;
  return (plain ? PAPER_AT_HAND_PLAIN : PAPER_AT_HAND).test(nfc);
}
const PAPER_AT_HAND = /(?:^|[^\p{L}])(?:giấy này|giấy đó|cái này|cái đó|nó)(?=$|[^\p{L}])/u;
const PAPER_AT_HAND_PLAIN = /(?:^|[^\p{L}])(?:giay nay|giay do|cai nay|cai do|no)(?=$|[^\p{L}])/u;

/** What a message opening with a purpose asks after it: the words past its first clause ("để …, xin ở đâu", "để … thì"). */
function afterPurpose(text: string): string {
  const nfc = text.normalize("NFC");
  // ("vì muốn đăng ký kết hôn nên em xin giấy này, lệ phí bao nhiêu": a reason ends at "nên")
  const end = nfc.search(/[,.;?!\n]|\s(?:thì|thi|nên|nen)\s/u);
  return end < 0 ? "" : nfc.slice(end + 1);
}

/** "làm sao", "làm thế nào", "cách nào", "ra sao", "làm gì" (folded): a way asked, to what follows. */
const ASKS_HOW = /(?:^|[^\p{L}])(?:lam sao|lam the nao|the nao|cach nao|ra sao|lam gi|lam j|ntn)(?=$|[^\p{L}])/u;
/** "để" in a message typed with accents (a purpose after a question); "de" when the message has none. */
const PURPOSE_AT = /(?:^|[\s,])(để|de)\s+/giu;
/** After "để": leaving, waiting, noticing, keeping ("để lại", "để lâu", "để ý", "để dành"), no purpose. */
const NOT_PURPOSE = "lại trống lâu quá ý dành sẵn yên nguyên đó";
/** "để em hỏi/xem/bàn …": let me …, no purpose. */
const LET_ME_DO = "hỏi xem coi nghĩ bàn tìm suy tính";
/** Who the purpose is for, before its verb ("để em còn làm", "để sau này con đi học"). */
const PURPOSE_LEAD = "tôi mình em tui anh chị con cháu bố mẹ ba má nhà còn sau này mai được";
/** Word lists read as typed: with accents, or folded for a message typed without them. */
const TRAILING_PURPOSE_WORDS = [true, false].map((plain) => {
  const read = (list: string) => new Set(plain ? tokenize(list) : accented(list));
  return { notPurpose: read(NOT_PURPOSE), letMe: read(LET_ME_DO), lead: read(PURPOSE_LEAD) };
});

/**
 * A question asked first and what it is for after «để» up to the end of its clause ("mất mấy ngày, em cần để làm hồ sơ
 * vay mua nhà ở ngân hàng", "bao nhiêu tiền một bản để làm hồ sơ xin trợ cấp"): the question without the purpose.
 * Undefined when nothing is asked before «để» (a purpose that opens the message is the matter asked: "để làm giấy
 * khai sinh cho con thì cần giấy tờ gì") or no purpose follows it.
 */
function withoutTrailingPurpose(typed: string, readings: LookAlikeReadings | undefined): string | undefined {
  return trailingPurpose(typed, readings)?.rest;
}

/** withoutTrailingPurpose, with what is asked before the purpose. */
function trailingPurpose(
  typed: string,
  /** The câu mẫu readings: an unaccented "de" is read as they say it ("de nghi" is "đề nghị", "de hieu" "dễ hiểu"). */
  readings: LookAlikeReadings | undefined,
): { rest: string; before: string } | undefined {
  const text = typed.normalize("NFC");
  const plain = fold(text) === text.toLowerCase();
  for (const match of text.matchAll(PURPOSE_AT)) {
    const said = match[1] ?? "";
    if (!plain && said.toLowerCase() !== "để") continue;
    const at = (match.index ?? 0) + match[0].indexOf(said);
    const before = text.slice(0, at).trim();
    if (words(before).length < 2) continue;
    const after = text.slice(at + said.length);
    const end = after.search(/[,.;?!\n]|\sthì\s|\sthi\s/u);
    const purpose = end < 0 ? after : after.slice(0, end);
    const { notPurpose, letMe, lead } = TRAILING_PURPOSE_WORDS[
      plain ? 0 : 1
    ] as (typeof TRAILING_PURPOSE_WORDS)[number];
    const keys = plain ? tokenize(purpose) : accented(purpose);
    const verb = keys.find((k) => !lead.has(k));
    if (verb === undefined || notPurpose.has(keys[0] ?? "") || letMe.has(verb)) continue;
    // a purpose says something: "có dễ không", "để không" alone says no purpose
    if (tokenize(purpose).every((k) => FUNCTION_WORDS.has(k))) continue;
    if (plain && !deIsPurpose(readings, tokenize(purpose)[0] ?? "")) continue;
    return { rest: `${before} ${end < 0 ? "" : after.slice(end)}`.trim(), before };
  }
  return undefined;
}

/** "để …", "dùng để …", "nhằm …", "mục đích là …", "in order to …" at the start: what a paper is for. */
const PURPOSE =
  /^\s*(?:(?:dùng|dung|là|la)\s+)?(?:để|de|nhằm|nham|mục đích(?:\s+là)?|muc dich(?:\s+la)?|in order to)\s+(\S+)(?:\s+(\S+))?/iu;
/**
 * "để tôi hỏi …", "để mình xem …": "let me ask", no purpose. Nor "đề nghị", "đề xuất", "đề cập" typed without accents
 * ("de nghi cap lai …"): a request, not "để".
 */
const LET_ME = new Set(tokenize("tôi mình em tui anh chị con cháu hỏi xem coi nghi nghị xuat xuất cap cập"));
/**
 * "cho hỏi", "cho xin", "cho biết" (asking), "vì sao", "vì thế" (why, so): no purpose opened by "cho" or "vì" (only "cho
 * việc chuyển trường của bé thì …", "vì muốn đăng ký kết hôn nên …" are).
 */
const NOT_FOR = new Set(tokenize("xin biết phép sao thế vậy vay nào"));

function forPurpose(text: string): boolean {
  const match = PURPOSE.exec(text.normalize("NFC"));
  if (!match) return false;
  const next = tokenize(match[1] ?? "")[0];
  return next !== undefined && !LET_ME.has(next);
}

/** "cho …", "vì …" at the start: what the paper at hand is for, or why it is wanted ("cho việc chuyển trường của bé"). */
const FOR_OR_BECAUSE = /^\s*(?:cho|vì|vi)\s+(\S+)/iu;

/**
 * A message opening with a purpose ("để …") or with what it is for or why ("cho việc chuyển trường của bé thì …", "vì
 * muốn đăng ký kết hôn nên …"). Only where the question after it is read on its own (answer.ts `opened`): "cho" and
 * "vì" open many a message that is no purpose ("cho hỏi", "cho xin", "vì sao").
 */
function opensWithPurpose(text: string): boolean {
  if (forPurpose(text)) return true;
  const match = FOR_OR_BECAUSE.exec(text.normalize("NFC"));
  const next = tokenize(match?.[1] ?? "")[0];
  return next !== undefined && !LET_ME.has(next) && !NOT_FOR.has(next);
}

/**
 * "quay lại", "trở lại", "quay về", "về lại", "lúc nãy", "hồi nãy" (folded): words of going back to an earlier
 * topic. Not "chuyển sang/qua hỏi …", which moves on to another.
 */
/** How much less of the message's words an earlier procedure may cover than the best hit and still be gone back to. */
const RETURN_COVERAGE_SLACK = 0.1;

const TOPIC_RETURN_WORDS =
  /(?:^|[^\p{L}])(?:quay lai|tro lai|quay ve|ve lai|luc nay|hoi nay|ban nay|khi nay|hoi nai|luc nai)(?=$|[^\p{L}])/u;

/** Whether the message says it goes back to a topic the chat was on. */
export function saysTopicReturn(text: string): boolean {
  return TOPIC_RETURN_WORDS.test(fold(text.normalize("NFC")));
}

/** How far below the best a look-alike found with a change still counts as one of the paper's variants. */
const FAMILY_WINDOW = 0.2;
/** "mất rồi", "mat r", "mất mất rồi ạ": lost, said alone. */
const BARE_LOSS = /^\s*(?:(?:lo|bi|lam)\s+)?mat(?:\s+(?:mat|roi|r|tieu|luon|het|a|ad|ban|oi|nhe))*\s*[.!]*$/;
/**
 * The change or loss a message says, as the words a variant is read from: "mất rồi" said alone is "bị mất" (search
 * reads a bare "mất" as a death); a message naming a change ("cấp lại", "hết hạn") or, with firstIssue, a first issue
 * ("chưa có bao giờ, xin mới") is read whole. Undefined when it says none. One reading for changeMeant and
 * changedVariant, which had each their own.
 */
function changeSaid(text: string, firstIssue = false): string | undefined {
  const typed = withoutTopicReturn(text);
  if (BARE_LOSS.test(fold(typed))) return "bị mất";
  return namesChange(typed) || (firstIssue && namesFirstIssue(typed)) ? typed : undefined;
}

/** A change said after an answer this short ("bị mất rồi", "hết hạn rồi ạ") is a change of the paper at hand. */
const CHANGE_TOKENS = 5;

/**
 * A change named on its own after a paper was answered ("bị mất rồi", "mất rồi" after "giấy phép bán thuốc lá"): of
 * the paper's look-alikes that its words and the change find together, the one whose name holds that change
 * (src/features/variants.ts). Undefined when none or several do.
 */
function changedVariant(
  search: ProcedureSearch<Procedure>,
  text: string,
  current: Procedure,
  asked: string,
): Procedure | undefined {
  // "mất rồi" alone after a paper: the paper is lost (a death only where nothing is re-issued, below).
  const said = changeSaid(text);
  if (!said) return undefined;
  const { hits } = search.search(`${asked} ${said}`, SEARCH_LIMIT);
  // Those close to the best, as a "which one?" list holds them: the licence's own re-issue, not the alcohol one's.
  const best = hits[0]?.score ?? 0;
  const family = hits
    .slice(0, LIST_MAX)
    .filter((h) => h.score >= best - FAMILY_WINDOW)
    .map((h) => h.procedure)
    .filter((p) => p === current || lookAlike(p, current));
  if (!family.includes(current)) return undefined;
  const meant = meantVariant(family, said);
  return meant && meant.code !== current.code ? meant : undefined;
}

/** Words of names that tell no procedure apart: paperwork verbs, papers, offices, particles (with their accents). */
const NAME_STOP = new Set(
  accented(
    "đăng ký cấp lại mới thủ tục giấy phép chứng nhận xác nhận thông báo hoạt động đối với của và cho các làm xin " +
      "có không được người thực hiện giải quyết cấp xã phường ủy ban nhân dân tại trong theo từ đã về việc hồ sơ " +
      "muốn cần khi thì nhà nước",
  ),
);
const NAME_WORDS = new WeakMap<Procedure, Set<string>>();

const RECORD_WORDS = new WeakMap<Procedure, { folded: Set<string>; accented: Set<string> }>();

/** Every word a record says: its names, who applies, papers, steps, conditions, result, fees, times, notes. */
function recordWords(procedure: Procedure): { folded: Set<string>; accented: Set<string> } {
  let found = RECORD_WORDS.get(procedure);
  if (!found) {
    const texts = [
      procedure.name,
      ...procedure.aliases,
      procedure.applicants,
      procedure.office,
      procedure.result,
      ...procedure.conditions,
      ...procedure.steps,
      ...procedure.documents.flatMap((d) => [d.name, d.case ?? "", d.form ?? ""]),
      ...procedure.channels.flatMap((c) => [c.time.text, c.fee.text, c.note ?? ""]),
      procedure.checkFirst ?? "",
      ...(procedure.localNotes ?? []),
    ];
    found = { folded: new Set(texts.flatMap(tokenize)), accented: new Set(texts.flatMap(accented)) };
    RECORD_WORDS.set(procedure, found);
  }
  return found;
}

/** A word in more than this share of the records ("sau", "thứ", "có thể") says nothing of which one is meant. */
const COMMON_SHARE = 0.33;
const COMMON_WORDS = new WeakMap<readonly Procedure[], Set<string>>();

/** Words (folded and with their accents) that stand in more than COMMON_SHARE of the records. */
function commonWords(all: readonly Procedure[]): Set<string> {
  let found = COMMON_WORDS.get(all);
  if (!found) {
    const count = wordCounts(all);
    found = new Set([...count].filter(([, n]) => n > all.length * COMMON_SHARE).map(([w]) => w));
    COMMON_WORDS.set(all, found);
  }
  return found;
}

const WORD_COUNTS = new WeakMap<readonly Procedure[], Map<string, number>>();

/** In how many records each word (folded and with its accents) stands. */
function wordCounts(all: readonly Procedure[]): Map<string, number> {
  let count = WORD_COUNTS.get(all);
  if (!count) {
    count = new Map<string, number>();
    for (const p of all) {
      const { folded, accented } = recordWords(p);
      for (const w of [...folded, ...accented]) count.set(w, (count.get(w) ?? 0) + 1);
    }
    WORD_COUNTS.set(all, count);
  }
  return count;
}

/** A word in at most this share of the records says something of the one it stands in ("bản vẽ", "lâu"). */
const RARE_SHARE = 0.1;

/**
 * explainsRest over every word of a short question, and one word at least that few records say stands in the record
 * at hand: "nhà 3 tầng thì phải có bản vẽ gì" on a building permit ("vẽ"), not "thứ hai tuần sau có làm không" on a
 * marriage, whose "hai" and "sau" many records say.
 */
function explainsAside(current: Procedure, text: string, all: readonly Procedure[]): boolean {
  // Every word, not only those contentWords keeps: folded, "bản vẽ" would be the particles "bạn", "về".
  if (!explainsRest(current, text, tokenize(text), all)) return false;
  const count = wordCounts(all);
  const own = recordWords(current);
  const withAccents = typedWithMarks(words(text));
  return words(text.slice(0, 300)).some((w) => {
    const key = withAccents ? `${w.token}:${w.marks}` : w.token;
    const inRecord = (withAccents ? own.accented : own.folded).has(key);
    return inRecord && !/^\d+$/.test(w.token) && (count.get(key) ?? 0) <= all.length * RARE_SHARE;
  });
}

/**
 * Whether the words a section question says besides the cue are the procedure at hand's: as many of them (each
 * counted once, words most records say left out) stand in its record as not, one at least ("mất bao nhiêu 1 trang"
 * on a certified copy, whose fee is per page; "có phải viết đơn ko, đơn theo mẫu nào"). Typed with accents, a word
 * must carry the record's: "giá" (price) of "giá vàng hôm nay" is no "gia" of "gia đình".
 */
function explainsRest(current: Procedure, text: string, rest: readonly string[], all: readonly Procedure[]): boolean {
  const left = new Set(rest);
  const said = words(text.slice(0, 300)).filter((w) => left.has(w.token) && !/^\d+$/.test(w.token));
  const withAccents = typedWithMarks(said);
  const own = recordWords(current);
  const common = commonWords(all);
  const key = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  const inRecord = (k: string) => (withAccents ? own.accented : own.folded).has(k);
  const keys = new Set(said.map(key).filter((k) => !common.has(k)));
  const explained = [...keys].filter(inRecord).length;
  return explained > 0 && explained * 2 >= keys.size;
}

/** A day or a date said (folded): "thứ hai", "tuần sau", "ngày mai", "hôm nay", "tomorrow", "monday". */
const DAY =
  /(?:^|\s)(?:thu (?:hai|ba|tu|nam|sau|bay|2|3|4|5|6|7)|chu nhat|tuan (?:sau|nay|toi)|ngay mai|hom nay|tet|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)(?:\s|$|[?.!,])/;
const MAX_DAY_CHARS = 200;
/** "để tôi tìm lại", "để em hỏi thêm", "let me check", "I'll look": what the citizen will do (folded). */
const WILL_DO = /(?:^|[\s,])(?:de (?:toi|em|minh|tui|tao)|let me|i ll|i will)\s/;
/**
 * Whether the message tells what the citizen will do ("ok để tôi tìm lại giấy tờ", "vâng, để em chuẩn bị", "let me
 * check"), asking nothing: no question mark or yes/no particle at the end, no word of asking after it ("để em nộp hồ sơ
 * thì mất bao lâu ạ" is a purpose clause before a question).
 */
function saysWillDo(text: string): boolean {
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  return WILL_DO.test(folded) && !QUESTION_END.test(folded.trim()) && !ASKS_SOMETHING.test(folded);
}
/** Words that ask (folded): "thì …", "gì", "bao nhiêu", "bao lâu", "ở đâu", "thế nào", "sao", "mấy", "how", "what". */
const ASKS_SOMETHING =
  /(?:^|[\s,])(?:thi|gi|j|bao nhieu|bao lau|bn|o dau|cho nao|the nao|ntn|sao|may|khi nao|bao gio|how|what|where|when|which|who)(?=$|[\s?.!,])/;
/** A question mark, or a yes/no particle at the end (folded). */
const QUESTION_END = /\?|(?:^|\s)(?:khong|ko|k|hong|duoc|chua)\s*$/;

/** A follow-up of this many words or more tells of the case around its question. */
const TOLD_WORDS = 9;

/**
 * Whether the words a section question says besides the cue stay within the records: each is said by the record at
 * hand or by most records, or is a word of asking or of telling one's case (ASKING_WORDS). "đợi bao lâu mới đc cấp",
 * "2 đứa phải có mặt cùng lúc", "how many days until I get the certificate" pass; a question about something else
 * ("vàng bao nhiêu một chỉ", "how much is a coffee", "giá xăng bao nhiêu") names a thing no record does.
 */
function namesNothingStrange(
  current: Procedure,
  text: string,
  rest: readonly string[],
  all: readonly Procedure[],
  vocabulary: Vocabulary,
): boolean {
  // "thứ hai tuần sau có làm không": a day asked, no section of the procedure. "ok để tôi tìm lại giấy tờ": what the
  // citizen will do, nothing asked.
  // A day said in a longer question is when the citizen comes ("sáng mai em mang lên thì có lấy luôn trong ngày được không").
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  const told = tokenize(text).length;
  if ((DAY.test(folded) && told < TOLD_WORDS) || saysWillDo(text)) return false;
  const left = new Set(rest);
  // "quay lại chuyện cái quán, …": the words of going back name nothing.
  const said = words(withoutTopicReturn(text).slice(0, 300)).filter((w) => left.has(w.token) && !/^\d+$/.test(w.token));
  const withAccents = typedWithMarks(said);
  const own = recordWords(current);
  const common = commonWords(all);
  const keys = [...new Set(said.map((w) => (withAccents ? `${w.token}:${w.marks}` : w.token)))];
  const hidden = new Set(hiddenByFolding(text));
  const strange = [...keys, ...hidden].filter(
    (k) => !common.has(k) && !(withAccents ? own.accented : own.folded).has(k),
  );
  // Every word left is the record's, most records', one of asking and of telling one's case (ASKING_WORDS: kin,
  // age and health, waiting and getting), or one citizens say asking about procedures of several kinds ("cán bộ
  // xuống thì nhà mình chuẩn bị sẵn giấy gì"): a noun no record says ("vàng", "coffee", "sốt", "wifi") is another
  // topic, and so is a word nothing in the catalogue says ("xăng", "petrol").
  if (unknownWords(text, vocabulary).length > 0) return false;
  return strange.every((k) => !hidden.has(k) && asksWith(k.split(":")[0] ?? k));
}

/**
 * "mua ở đâu", "mua chỗ nào", "where can I buy"; where it is cheap ("nhập bia ở đâu rẻ", "lấy hàng ở đâu rẻ hơn",
 * review s12 H1) (folded): where to buy a thing. "nộp online có rẻ hơn không" asks no where.
 */
const BUYS =
  /(?:^|\s)(?:mua\s+(?:o\s+dau|cho\s+nao|o\s+cho\s+nao|dau)|where\s+(?:can|do|should)\s+(?:i|we)\s+buy|(?:o\s+dau|cho\s+nao|where)\s+(?:\S+\s+)?(?:re|cheap|cheaper))(?=$|[\s?.!,])/;

/**
 * "mua xe cũ ở đâu", "mua đồng phục chỗ nào", "where can I buy a helmet": a thing bought, the words between the buying
 * and the where naming none of a procedure's papers ("mua tờ khai ở đâu" asks where its form is had).
 */
const BUYS_THING = /(?:^|\s)mua((?:\s+\S+){1,5}?)\s+(?:o\s+dau|cho\s+nao|o\s+cho\s+nao|o\s+mo|dau)(?=$|[\s?.!,])/;
const PAPER_BOUGHT = /(?:^|\s)(?:to khai|mau|don|giay|ho so|so|bieu|form|nop|dang ky|lam|xin)(?=$|\s)/;
/** "khám thai ở đâu tốt", "chụp ảnh cưới ở đâu đẹp", "where is the best …": a place recommended, never an office's. */
const RECOMMENDED =
  /(?:^|\s)(?:o\s+dau|cho\s+nao|where)\s+(?:\S+\s+)?(?:tot|ngon|dep|uy tin|chat luong|xin|good|best|nice)(?=$|[\s?.!,])/;

/**
 * "gần phường chỗ nào photo giấy tờ rẻ ko ad", "ở đâu in ảnh thẻ rẻ nhất": a service sought where it is cheap, the
 * question closing on it (folded).
 */
const CHEAP_WHERE =
  /(?:^|\s)(?:o dau|cho nao|where)(?:\s+\S+){0,4}?\s+(?:re|cheap|cheaper|cheapest)(?:\s+(?:nhat|hon|ko|khong|k|ad|a|vay|z|nhi|ha))*\s*[?.!]*$/;

/** "cửa hàng vật liệu xây dựng nào rẻ", "loại nào tốt nhất": which one of a kind is cheap or good, a thing chosen (folded). */
const WHICH_BEST =
  /(?:^|\s)nao\s+(?:re|tot|ngon|dep|uy tin|chat luong|cheap|best)(?:\s+(?:nhat|hon|vay|z|a|ad|nhi))*\s*[?.!]*$/;

/** "thuốc lá điện tử có hại không", "… có độc không": whether a thing harms, a health question, no section (folded). */
const HARMS =
  /(?:^|\s)co\s+(?:hai|doc|nguy hiem|an toan)(?:\s+(?:gi|cho\s+\S+))?\s+(?:khong|ko|k|hong|hok)(?:\s+(?:a|ad|vay|z|nhi))*\s*[?.!]*$/;

/** Whether a message seeks a thing to buy, a place recommended or whether a thing harms: no section (folded). */
function seeksThing(text: string): boolean {
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  const bought = BUYS_THING.exec(folded);
  return (
    (bought !== null && !PAPER_BOUGHT.test(bought[1] as string)) ||
    RECOMMENDED.test(folded) ||
    CHEAP_WHERE.test(folded) ||
    WHICH_BEST.test(folded) ||
    HARMS.test(folded)
  );
}

/**
 * The fee of the procedure itself named (folded): "lệ phí", "the fee", "the licence", the act of registering, a price
 * per page or copy. Not "học phí", "viện phí", "parking fee": a thing's price (a word before "phí"/"fee" names it).
 */
const FEE_OF_IT =
  /(?:^|\s)(?:le phi|dang ky|(?:the|a|any) (?:fees?|licen[cs]e)|licen[cs]e fee|register|registering|registration|per (?:page|copy)|moi (?:trang|ban))(?=$|[\s?.!,])/;

/** Fees of other things (folded): a school's, a hospital's, a lawyer's, a broker's, a courier's, parking. */
const OTHER_FEES =
  /(?:^|\s)(?:hoc phi|vien phi|hoi phi|cuoc phi|an phi|phi (?:luat su|moi gioi|ship|gui xe|giu xe|dich thuat cong chung|bao hiem|internet|wifi|dien|nuoc|quan ly))(?=$|[\s?.!,])/;
/** A price asked after the thing priced (folded): "phòng trọ gần chợ giá bn", "xe cũ giá bao nhiêu". */
const PRICED_AFTER = /^(.*?)(?:^|\s)gia\s+(?:bao nhieu|bn|bnh|ca|the nao|nhieu|khoang)(?=$|[\s?.!,])/;
/** Words of doing the procedure said before a price ("làm giấy này giá bao nhiêu"): its own fee. */
const DOING = new Set(tokenize("làm nộp đăng ký xin cấp khai chứng thực thủ tục hồ sơ giấy dịch vụ"));

/** Words a price is said with, before the thing priced: "tiền thuê nhà", "giá vé", "phí công chứng", "cước". */
const PRICE_WORDS = new Set(tokenize("tiền giá phí vé cước"));

/**
 * Whether a fee question prices a thing other than the procedure: a price word followed by a word that neither its
 * name, its fee nor words of asking say ("tiền thuê nhà", "giá vé xe buýt", "phí công chứng"), or two words
 * and half of those besides the cue that not even its record says ("bệnh viện tư sinh mổ hết bao nhiêu tiền" after a
 * birth registration). The fee of a procedure is asked of it and its doing ("sửa lỗi như vậy có mất phí không", "mỗi
 * trang bản sao tính bao nhiêu", "có phải nộp tiền sử dụng đất không"); the things of its case are priced elsewhere.
 */
function pricesOtherThing(
  current: Procedure,
  text: string,
  rest: readonly string[],
  all: readonly Procedure[],
  groups: readonly SynonymGroup[],
): boolean {
  const title = titleWords(current);
  const fee = new Set(current.channels.flatMap((c) => tokenize(c.fee.text)));
  const common = commonWords(all);
  const hidden = new Set(hiddenByFolding(text).map((k) => k.split(":")[0] ?? k));
  const asks = (t: string) => asksWith(t) && !hidden.has(t);
  const named = (t: string) => /^\d+$/.test(t) || title.has(t) || fee.has(t) || common.has(t) || asks(t);
  // Right after a price word, only its official name, its fee or a word of asking: "tiền thuê nhà" is the rent, though
  // an everyday name of the temporary residence says "người thuê trọ"; "phí công chứng" the notary's, though many
  // records say "công" and "chứng".
  const name = new Set(tokenize(current.name));
  const priced = (t: string) => /^\d+$/.test(t) || name.has(t) || (fee.has(t) && !common.has(t)) || asks(t);
  const tokens = tokenize(text.slice(0, MAX_DAY_CHARS));
  // A price word said of the fee itself ("tiền lệ phí", "giá tiền", "tiền phí") prices nothing else.
  const feeItself = (i: number) =>
    PRICE_WORDS.has(tokens[i] as string) || (tokens[i] === "le" && tokens[i + 1] === "phi");
  if (
    tokens.some(
      (t, i) =>
        PRICE_WORDS.has(t) && tokens[i + 1] !== undefined && !priced(tokens[i + 1] as string) && !feeItself(i + 1),
    )
  )
    return true;
  // "học phí trường tư bao nhiêu", "viện phí sinh mổ", "phí luật sư": the fee of a school, a hospital, a lawyer.
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  if (OTHER_FEES.test(folded)) return true;
  // "phòng trọ gần chợ giá bn 1 tháng": the thing said before its price, none of it the procedure's name or doing.
  const price = PRICED_AFTER.exec(folded);
  if (price) {
    const before = tokenize(price[1] as string).filter((t) => !asks(t) && !/^\d+$/.test(t));
    if (before.length > 0 && before.some((t) => !name.has(t) && !DOING.has(t))) return true;
  }
  // "tiệm tạp hóa của mẹ em đăng ký thì mất bao nhiêu tiền", "my fiancee is from Korea, how much is the fee": the fee
  // of doing it (its lệ phí, the fee, the licence, registering, per page) asked with the case told around it; the case's
  // words are no thing priced (review s12 H3).
  if (FEE_OF_IT.test(fold(text.slice(0, MAX_DAY_CHARS)))) return false;
  // The case told before the question ("nha em 2 tang, 60m2, het bao nhieu tien" on a building permit) is priced by
  // nothing: only the question's words are weighed, a measure ("60m2") among them no thing either.
  const told = toldBefore(text, caseWords(current, all, groups));
  const said = [...new Set([...rest, ...hidden])].filter((t) => !PRICE_WORDS.has(t) && !told.has(t));
  const own = recordWords(current).folded;
  const strange = said.filter((t) => !named(t) && !/\d/.test(t) && !own.has(t)).length;
  return strange >= 2 && strange * 2 >= said.length;
}

/**
 * Whether a section question's words besides the cue are mostly the case of the procedure at hand: of its words (each
 * counted once; those typed with a particle's letters but other accents too, "vé" of "vé xe"), at most half are said
 * neither by its record or a look-alike's, nor by most records, nor are words of asking. A place or a name said beside
 * them ("… ở phường trong Sài Gòn luôn được không") passes; a question about another thing ("gạo nếp cái hoa vàng bao
 * nhiêu một cân", "giá vàng bao nhiêu") does not, nor a word nothing in the catalogue says, a day asked or what the
 * citizen will do.
 */
function readsAsFollowUp(
  current: Procedure,
  text: string,
  cue: { section: Section; rest: readonly string[] },
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): boolean {
  const read = followUpWords(current, text, cue, catalogue, vocabulary);
  if (!read) return false;
  const { keys, unexplained, hidden } = read;
  // A particle's letters typed with other accents ("vé" of "vé máy bay") name a thing: never passed over. One other
  // word may go unexplained among several, typed with accents (without them, "vé", "tàu" read as particles).
  if (unexplained.some((k) => hidden.has(k))) return false;
  // Not in a fee question: a price is asked of the thing its words name ("sinh con ở bệnh viện tư hết bao nhiêu tiền").
  const lenient = read.withAccents && cue.section !== "fee" && unexplained.length === 1 && keys.length >= LENIENT_KEYS;
  return unexplained.length === 0 || lenient;
}

/**
 * The words a follow-up says besides its section cue and the case told before it, and those of them that neither the
 * record at hand (or, typed with accents, a look-alike's), most records, nor words of asking say. Undefined when the
 * message is no follow-up whatever its words: a day asked, what the citizen will do, a section asked of another thing,
 * a word nothing in the catalogue says, a trip's time or price.
 */
function followUpWords(
  current: Procedure,
  text: string,
  { section, rest }: { section: Section; rest: readonly string[] },
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): { keys: string[]; unexplained: string[]; hidden: ReadonlySet<string>; withAccents: boolean } | undefined {
  const all = catalogue.procedures;
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  if ((DAY.test(folded) && tokenize(text).length < TOLD_WORDS) || saysWillDo(text)) return undefined;
  if (asksOfOther(text)) return undefined;
  const about = caseWords(current, all, catalogue.synonyms.groups);
  if (unknownWords(text, vocabulary, about).length > 0) return undefined;
  // "vào Đà Nẵng mất mấy tiếng", "đi xuống Vũng Tàu chơi mất bao lâu": a trip to a place named, no section of it.
  if ((section === "time" || section === "fee") && travelsTo(text)) return undefined;
  // The case told before the question ("em bán trà sữa ở chợ Bà Chiểu, nộp ở đâu") is the citizen's, which no record
  // says: only the question's own words are weighed.
  const told = toldBefore(text, about);
  const left = new Set(rest.filter((t) => !told.has(t)));
  const typed = words(withoutTopicReturn(text).slice(0, 300));
  const withAccents = typedWithMarks(typed);
  const hidden = new Set(hiddenByFolding(text).filter((k) => !told.has(k.split(":")[0] ?? k)));
  const keys = [
    ...new Set([
      ...typed
        .filter((w) => left.has(w.token) && !/^\d+$/.test(w.token))
        .map((w) => (withAccents ? `${w.token}:${w.marks}` : w.token)),
      ...hidden,
    ]),
  ];
  // Look-alikes' words only as typed with accents: without them, their many words meet more by folding ("lap" of
  // "lắp mạng" is "lập").
  const kin = kinWords(current, all);
  const common = commonWords(all);
  const names = properNames(text);
  const own = recordWords(current);
  // A particle's letters typed otherwise ("thi" of "thi đại học") only as the record at hand says them.
  const explained = (k: string) =>
    hidden.has(k)
      ? common.has(k) || own.accented.has(k)
      : common.has(k) || (withAccents ? kin.accented : own.folded).has(k) || asksWith(k.split(":")[0] ?? k);
  const unexplained = keys.filter((k) => !explained(k) && !names.has(k.split(":")[0] ?? k));
  return { keys, unexplained, hidden, withAccents };
}

/**
 * Whether a question right after an answer, which search finds no procedure for and whose words the strict reading
 * above does not all explain, still asks about the procedure at hand: the scope gate (learned from the câu mẫu) reads
 * it as the ward's business, and one word at most besides the cue is unexplained (of two or more), no particle's
 * letters naming a thing ("đem hồ sơ tới đâu để nộp" after a licence's re-issue, "how long does the council take to
 * decide?" after a disability assessment, "gửi qua email phường được ko" after a complaint). Not a fee: a price is
 * asked of the thing its words name. Another thing asked ("nếu mai trời bão thì sao", "thi đại học mất mấy ngày") the
 * gate reads as out of scope, or its words are unexplained.
 */
function asksInScope(
  search: ProcedureSearch<Procedure>,
  current: Procedure,
  text: string,
  cue: { section: Section; rest: readonly string[] },
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): boolean {
  // Not a fee: a price is asked of the thing its words name ("sinh con ở bệnh viện tư hết bao nhiêu tiền").
  const scope = search instanceof ExampleSearch ? search.scope : null;
  if (!scope || cue.section === "fee" || outOfScope(scope, text) >= FOLLOW_UP_OUT_OF_SCOPE) return false;
  const read = followUpWords(current, text, cue, catalogue, vocabulary);
  if (!read) return false;
  const { keys, unexplained, hidden } = read;
  if (unexplained.some((k) => hidden.has(k))) return false;
  return unexplained.length <= 1 && unexplained.length * 2 <= keys.length;
}

/** A question, by its mark or the particle it ends with ("… được không anh", "… thì làm sao", "… theo mẫu nào"). */
function asksQuestion(text: string): boolean {
  if (text.includes("?") || asksWhatIf(text)) return true;
  const said = words(text);
  const withAccents = typedWithMarks(said);
  // typed with accents, a particle is one as typed ("chú ruột" is no "chứ"), or typed bare ("ko", "k")
  const particle = (w: Word) =>
    QUESTION_ENDS.has(w.token) && (!withAccents || w.marks === "" || QUESTION_ENDS_TYPED.has(`${w.token}:${w.marks}`));
  const last = said.slice(-QUESTION_END_WORDS);
  // "không / chưa" asks only at the end, particles aside ("được không ạ"); before a thing it denies it ("sống một mình,
  // không vợ con", "chưa có giấy tờ gì")
  return last.some(
    (w, i) => particle(w) && (!DENIALS.has(w.token) || last.slice(i + 1).every((u) => END_PARTICLES.has(u.token))),
  );
}

/** Question particles that deny the thing after them when one follows ("không vợ con", "chưa có sổ"). */
const DENIALS = new Set(tokenize("không ko k hông hok chưa"));
/** What may follow a question's last particle (folded): politeness, address, "vậy", "nhỉ". */
const END_PARTICLES = new Set(tokenize("ạ à a ak ad vậy v z nhỉ ta hả hở hè nhé nhe nha chứ nữa ơi anh chị em bạn ạh"));
const QUESTION_ENDS = new Set(tokenize("không ko k hông hok chưa chứ sao nào gì j đâu"));
const QUESTION_ENDS_TYPED = new Set(accented("không hông chưa chứ sao nào gì đâu"));
/** How many last words may hold the question's particle ("… được không anh ạ"). */
const QUESTION_END_WORDS = 3;

/** Words a message may open with before what it names: interjections, moving on, asking to ask. */
/** Words that open a description of a person ("người độc thân …", "ai …"): a name after them is the case told. */
const PERSON_OPENERS = new Set(tokenize("người ai"));
const OPENERS = new Set(tokenize("à ừ ờ ok oke vậy vay thế the còn con mà thôi giờ cho hỏi xin ad ơi dạ vâng"));

/**
 * Words a message may say before the name it asks about, besides the openers: who asks, wanting or asking, the thing
 * or matter ("em muốn hỏi về tách hộ …", "cho mình hỏi thủ tục xóa hộ khẩu …", "làm giấy chứng tử cho ông thì …").
 */
const LEADS = new Set(
  tokenize(
    "tôi mình em tui anh chị muốn mún định cần hỏi về vụ việc cái thủ tục làm xin đăng ký đk dk i want to ask about",
  ),
);

/** A procedure's name and aliases, each as its words (with accents, or folded). */
function namePhrases(procedure: Procedure, withAccents: boolean): string[][] {
  return [procedure.name, ...procedure.aliases].map((t) => (withAccents ? accented(t) : words(t).map((w) => w.token)));
}

/** Whether two words run one after the other in one of the phrases. */
function runsIn(list: readonly string[][], a: string, b: string): boolean {
  return list.some((phrase) => phrase.some((t, i) => t === a && phrase[i + 1] === b));
}

/**
 * Whether a word of another procedure's name tells it apart from the one at hand (whose names' words are `ours`): a
 * word those names never say, and no paperwork word, particle, state ("chưa có" of "đất chưa có sổ đỏ"), word of
 * relation ("trên" of "đổi địa chỉ trên giấy phép") nor, with `place`, of place ("ở" of "chứng thực ở phường"). Typed
 * without accents, only a particle is no such word ("thuong" of "thuong tru" may be "thường").
 */
function tellsApart(w: Word, ours: ReadonlySet<string>, withAccents: boolean, place: boolean): boolean {
  return (
    !ours.has(withAccents ? `${w.token}:${w.marks}` : w.token) &&
    !NAME_STOP.has(`${w.token}:${w.marks}`) &&
    !NAME_STOP_FOLDED.has(withAccents ? "" : w.token) &&
    !STATE_WORDS.has(w.token) &&
    !(place && PLACE_AFTER.has(w.token)) &&
    !(withAccents ? RELATION_WORDS.has(`${w.token}:${w.marks}`) : RELATION_FOLDED.has(w.token)) &&
    (withAccents ? !asksWithTyped(w, true) : contentWords(w.token).length > 0)
  );
}

/**
 * Whether a message opens (after openers, who asks and what they want: LEADS) with a run of another procedure's name
 * words that holds two words running in one of its names or aliases and in none of the procedure at hand's, one of them
 * telling records apart (no paperwork word, no particle as typed; accents count when typed: "tử" is no "từ"): "khai tử
 * thì lệ phí bao nhiêu" after "khai sinh", "xác nhận cư trú mất bao lâu" and "thuong tru thi mat bao lau" after "tạm
 * trú", "giấy phép bán thuốc lá thì cần gì" after the liquor licence, "văn bản từ chối nhận di sản thì cần mang gì"
 * after a will. A shared word of the two names ("trú", "thư viện", "giấy phép bán") is no reason to stay. Not a case
 * told ("em ở tạm trú thì …": the name does not open it; "tạm trú ở Bình Dương thì …": a place follows it).
 */
function opensWithOtherName(other: Procedure, current: Procedure, text: string, section?: Section): boolean {
  const said = words(text.slice(0, MAX_DAY_CHARS));
  const withAccents = typedWithMarks(said);
  const key = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  const theirs = namePhrases(other, withAccents);
  const ours = namePhrases(current, withAccents);
  const theirWords = new Set(theirs.flat());
  let start = said.findIndex((w) => !OPENERS.has(w.token) && !LEADS.has(w.token));
  // a lead that is itself a word of the name ("đăng ký" of "đăng ký tạm trú") may open the run
  while (start > 0 && theirWords.has(key(said[start - 1] as Word)) && LEADS.has((said[start - 1] as Word).token))
    start--;
  // "em ở tạm trú thì …", "đang tạm trú …": where the citizen lives or what they are, a state of the case
  const state = (w: Word | undefined) =>
    w !== undefined && (withAccents ? CASE_STATE_TYPED.has(`${w.token}:${w.marks}`) : CASE_STATE.has(w.token));
  if (start < 0 || said.slice(0, start + 1).some(state)) return false;
  // "người độc thân có được nhận không" after nhận con nuôi: a name said after a person word tells who the case is,
  // unless one of the other's own names runs on from that word ("người lớn chưa làm khai sinh").
  const person = said[start] as Word;
  const next = said[start + 1];
  if (
    PERSON_OPENERS.has(person.token) &&
    !(next && theirs.some((phrase) => phrase.some((t, i) => t === key(person) && phrase[i + 1] === key(next))))
  )
    return false;
  let end = start;
  while (end < said.length && theirWords.has(key(said[end] as Word))) end++;
  // "tạm trú ở Bình Dương thì xin ở đâu": a place after the name tells where the citizen lives, a state of the case
  if (PLACE_AFTER.has(said[end]?.token ?? "")) return false;
  // The name is what the question asks of: nothing but words of asking and people stand between it and the question's
  // "thì" (or its end). "Sổ đỏ vẫn đứng tên bố tôi, …, thì hồ sơ xin phép cần gì" tells of a paper of the case.
  const then = said.findIndex((w, i) => i >= end && w.token === "thi" && (w.marks === "\u0300" || !withAccents));
  if (said.slice(end, then < 0 ? said.length : then).some((w) => !asksWithTyped(w, withAccents))) return false;
  const run = said.slice(start, end).map(key);
  const ourWords = new Set(ours.flat());
  // (a place after the run was read above)
  const telling = (w: Word) => tellsApart(w, ourWords, withAccents, false);
  // The section asked of the one at hand names the case ("hộ kinh doanh thì phí bao nhiêu" after the tobacco licence,
  // whose fee is set for a household business): the one at hand's, asked for that case.
  const told = section ? sectionTexts(current, section).map((t) => words(t).map((w) => w.token)) : [];
  // The run says one of the other's names whole, paperwork words, particles and relations aside ("sổ hồng" of "sổ hồng
  // sai diện tích" is a paper of the case, no correction asked).
  const runWords = new Set(run);
  const bare = (k: string) => {
    const [token = "", marks = ""] = k.split(":");
    return (
      NAME_STOP.has(k) ||
      NAME_STOP_FOLDED.has(withAccents ? "" : token) ||
      (withAccents
        ? RELATION_WORDS.has(k) || asksWithTyped({ token, marks }, true)
        : RELATION_FOLDED.has(token) || contentWords(token).length === 0)
    );
  };
  // …one of whose words the one at hand's names never say ("khai báo" of "khai báo nơi ở hiện tại" after "khai báo tạm
  // vắng" names nothing new)
  const whole = (phrase: readonly string[]) =>
    phrase.some((k) => !bare(k) && !ourWords.has(k)) && phrase.every((k) => bare(k) || runWords.has(k));
  if (!theirs.some(whole)) return false;
  return run.some((a, i) => {
    const b = run[i + 1];
    const pair = said.slice(start + i, start + i + 2);
    return (
      b !== undefined &&
      pair.some(telling) &&
      runsIn(theirs, a, b) &&
      !runsIn(ours, a, b) &&
      !runsIn(told, (pair[0] as Word).token, (pair[1] as Word).token)
    );
  });
}

/**
 * Whether every run of `other`'s own name words a message says (a word the one at hand's names lack among them) is two
 * words at least and said word for word in `current`'s texts of the section asked: "hộ kinh doanh" of "phí thẩm định
 * cho hộ kinh doanh" on a liquor licence whose fee is set by kind of applicant. A word of asking for the other
 * ("đăng ký hộ kinh doanh") breaks the run out of the section's words.
 */
function namedAsSectionSays(other: Procedure, current: Procedure, text: string, section: Section): boolean {
  const texts = sectionTexts(current, section).map((t) => tokenize(t));
  if (texts.length === 0) return false;
  // Typed with accents, a word is one of a name's only with its marks: "định" of "phí thẩm định" is no "đình" of a
  // household business's "hộ gia đình", which would join "thẩm định" to the run of "hộ kinh doanh".
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  const withMarks = typedWithMarks(typed);
  const said = typed.map((w) => w.token);
  const keys = withMarks ? typed.map((w) => `${w.token}:${w.marks}`) : said;
  const theirs = withMarks ? nameWords(other) : foldedNameWords(other);
  const ours = withMarks ? nameWords(current) : foldedNameWords(current);
  let named = false;
  for (let i = 0; i < said.length; ) {
    if (!theirs.has(keys[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < said.length && theirs.has(keys[j + 1] as string)) j++;
    const run = said.slice(i, j + 1);
    if (keys.slice(i, j + 1).some((t) => !ours.has(t))) {
      if (run.length < 2 || !texts.some((t) => containsRun(t, run))) return false;
      named = true;
    }
    i = j + 1;
  }
  return named;
}

/** The texts of a record that answer a section (what a section asked of a named case may find said there). */
function sectionTexts(procedure: Procedure, section: Section): string[] {
  switch (section) {
    case "fee":
      return procedure.channels.map((c) => c.fee.text);
    case "time":
      return procedure.channels.map((c) => c.time.text);
    case "documents":
      return procedure.documents.flatMap((d) => [d.name, d.case ?? ""]);
    case "conditions":
      return [procedure.applicants, ...procedure.conditions];
    case "steps":
      return procedure.steps;
    default:
      return [];
  }
}

/**
 * Words of place, relation and order that name nothing, with their accents; folded, only those no name word folds to
 * ("từ", "đỏ", "cũ" fold to "tử", "đỏ", "cư").
 */
const RELATION_WORDS = new Set(
  accented(
    "ở trên dưới trong tại về với của cho sang từ đến tới khi do bị và hoặc các những một mới cũ lần đầu này đó",
  ),
);
const RELATION_FOLDED = new Set(
  tokenize("trên dưới trong tại với của sang đến tới khi và hoặc các những một mới lần đầu này"),
);

/** NAME_STOP's words folded, for a message typed without accents. */
const NAME_STOP_FOLDED = new Set([...NAME_STOP].map((k) => k.split(":")[0] ?? k));

const PLACE_AFTER = new Set(tokenize("ở tại bên"));
/** Words that make what follows a state of the case (folded): living somewhere, being, not yet, already. */
const CASE_STATE = new Set(tokenize("ở đang đã chưa không là bị vẫn"));
const CASE_STATE_TYPED = new Set(accented("ở đang đã chưa không là bị vẫn"));

/** Words that ask for a thing said after them: wanting, applying, needing, asking ("muốn", "xin", "cho hỏi"). */
const ASKS_FOR = wordSet("muốn mún định xin hỏi cần want need apply register");
/** Words that may stand between such a word and the name it asks for ("muốn làm thủ tục …", "cần cái giấy …"). */
const ASKS_FOR_FILLER = new Set(tokenize("thêm luôn cả cũng nữa thủ tục cái vụ việc giấy về đi the a an to for"));
/** What the thing at hand is for ("để", "nhằm", "dùng cho", "phục vụ"): a name after it is a purpose, no request. */
const PURPOSE_WORDS = wordSet("để nhằm dùng phục vụ");
/** Said before a purpose, what points at the thing at hand ("giấy này để …", "cái đó để …"). */
const POINTING = wordSet("này đó ấy kia");
/** How many words before a name asked for its change may be said ("xin cấp lại giấy phép …"). */
const CHANGE_REACH = 3;

/** The message from its `at`-th word on (as textWords counts them), or the whole when they cannot be matched. */
function fromWord(text: string, at: number): string {
  const typed = text.slice(0, MAX_DAY_CHARS).normalize("NFC");
  const spans = [...typed.matchAll(/[\p{L}\p{M}\p{N}]+/gu)];
  if (at <= 0 || spans.length !== textWords(typed).length) return typed;
  return typed.slice(spans[at]?.index ?? 0);
}

/** Words asking where, after "ở", "tại": "ở đâu", "tại phường nào". */
const WHERE_ASKED = new Set(tokenize("đâu nào mô dau"));
/** "chưa", "không" typed without accents: a state opening a name ("khong dang ky tam tru o do thi …"). */
const NOT_YET_FOLDED = new Set(tokenize("chưa không ko"));
/** Verbs of filing that may stand between a question's "thì" and the name it asks of ("thì nộp đăng ký …"). */
const FILING = wordSet("nộp làm đi xin");
/**
 * Words to meet in a message as typed: with its accents when it has them ("đứng" is no "dùng", "căn" no "cần"),
 * folded when typed without.
 */
interface WordSet {
  folded: Set<string>;
  typed: Set<string>;
}
function wordSet(text: string): WordSet {
  return { folded: new Set(tokenize(text)), typed: new Set(accented(text)) };
}
function inSet(set: WordSet, w: Word, withAccents: boolean): boolean {
  return withAccents ? set.typed.has(`${w.token}:${w.marks}`) : set.folded.has(w.token);
}

/** How many words before a name a word asking for it may stand, fillers aside. */
const ASKS_FOR_REACH = 3;
/** How many words before a name its purpose word may stand ("để làm hồ sơ khai sinh", "cho con đi học chuyển trường"). */
const PURPOSE_REACH = 5;

/**
 * How a message that does not open with another procedure's name says it: "asked" when a run of its name words (a
 * pair of them running in one of its names or aliases, not in the one at hand's, a word telling the two apart) stands
 * after a word asking for it ("à cho hỏi luôn chứng thực chữ ký trên giấy ủy quyền thì …", "giờ anh em muốn làm văn
 * bản thỏa thuận phân chia di sản thì …", "… cần giấy xác nhận thân nhân của người có công, cái đó …") or opens the
 * question after "thì" ("… thì đăng ký nhận cha mẹ con ở đâu"); "purpose" when it stands in a purpose of the thing
 * at hand pointed at ("xin giấy này để đăng ký kết hôn thì mất bao lâu" after a certificate of marital status); none
 * when it is a state of the case ("chưa đăng ký kết hôn", "đã ly hôn") or said otherwise.
 */
function saysOtherName(
  other: Procedure,
  current: Procedure,
  text: string,
): { how: "asked" | "purpose"; at: number } | undefined {
  const said = textWords(text.slice(0, MAX_DAY_CHARS));
  const withAccents = typedWithMarks(said);
  const key = (w: Word) => (withAccents ? `${w.token}:${w.marks}` : w.token);
  const theirs = namePhrases(other, withAccents);
  // The one at hand's names up to what they are for: "… diện tích bình quân nhà ở để đăng ký thường trú" names the
  // area's certificate, not the registration it serves.
  const ours = namePhrases(current, withAccents).map((phrase) => {
    const purpose = phrase.findIndex((k) => (withAccents ? PURPOSE_WORDS.typed : PURPOSE_WORDS.folded).has(k));
    return purpose > 0 ? phrase.slice(0, purpose) : phrase;
  });
  const theirWords = new Set(theirs.flat());
  const ourWords = new Set(ours.flat());
  // (no word of place either: "ở" of "chứng thực ở phường" names nothing)
  const telling = (w: Word) => tellsApart(w, ourWords, withAccents, true);
  // The other's own name said whole ("đăng ký thường trú" after the area certificate, one of whose aliases says it)
  // tells it apart too.
  const name = theirs[0] ?? [];
  const named = new Set<number>();
  for (let i = 0; name.length > 1 && i + name.length <= said.length; i++)
    if (name.every((k, j) => key(said[i + j] as Word) === k)) for (let j = i; j < i + name.length; j++) named.add(j);
  const pairs = said
    .slice(1)
    .map((b, i) => [said[i] as Word, b] as const)
    .map(
      ([a, b], i) =>
        runsIn(theirs, key(a), key(b)) && (!runsIn(ours, key(a), key(b)) || (named.has(i) && named.has(i + 1))),
    );
  const ownWords = foldedNameWords(current);
  // Each run of the other's name words that holds a pair of its names the one at hand's do not run; the last one read
  // tells ("em cần sao sổ hộ khẩu để làm hồ sơ khai sinh": the paper copied, then what it is for).
  let found: { how: "asked" | "purpose"; at: number } | undefined;
  for (let at = pairs.indexOf(true); at >= 0; at = pairs.indexOf(true, at + 1)) {
    let start = at;
    let end = at;
    while (end < said.length && theirWords.has(key(said[end] as Word))) end++;
    // back over the name's words, not over a word asking for it nor a state ("không đăng ký tạm trú")
    while (
      start > 0 &&
      theirWords.has(key(said[start - 1] as Word)) &&
      !inSet(ASKS_FOR, said[start - 1] as Word, withAccents) &&
      !(withAccents
        ? CASE_STATE_TYPED.has(key(said[start - 1] as Word))
        : CASE_STATE.has((said[start - 1] as Word).token))
    )
      start--;
    const how = readRun(start, end);
    if (how) found = { how, at: start };
    at = Math.max(at, end - 1);
  }
  return found;

  function readRun(start: number, end: number): "asked" | "purpose" | undefined {
    if (start === 0) return undefined;
    const before = said.slice(0, start);
    const previous = before.at(-1);
    // "chưa đăng ký kết hôn", "đang tạm trú", "đã ly hôn", "không đăng ký tạm trú ở đó thì …": a state of the case,
    // said before the name or as its first word
    const state = (w: Word | undefined) =>
      w !== undefined && (withAccents ? CASE_STATE_TYPED.has(key(w)) : CASE_STATE.has(w.token));
    // (typed without accents, "dang" of "dang ky" opening the name is "đăng": only a denial counts there)
    const denies = (w: Word | undefined) => w !== undefined && (withAccents ? state(w) : NOT_YET_FOLDED.has(w.token));
    if (state(previous) || denies(said[start])) return undefined;
    // "hộ khẩu ở quê thì …", "tạm trú ở Bình Dương thì …": a place after the name tells where the case is, a state too
    // (not "ở đâu", "tại đâu", "ở phường nào": the place asked)
    const where = said.slice(end + 1, end + 3).some((w) => WHERE_ASKED.has(w.token));
    if (PLACE_AFTER.has(said[end]?.token ?? "") && !where) return undefined;
    // The purpose of the thing at hand pointed at or named by its own words ("giấy này để …", "sao sổ hộ khẩu để …");
    // "cho" after what points at it is what it is for ("giấy này cho con đi học chuyển trường"), also opening the run.
    const upTo = said.slice(0, start + 1);
    // ("để lại căn nhà": leaving it, no purpose)
    const purpose = upTo
      .map(
        (w, i) =>
          (inSet(PURPOSE_WORDS, w, withAccents) && said[i + 1]?.token !== "lai") ||
          (w.token === "cho" && upTo[i - 1] !== undefined && inSet(POINTING, upTo[i - 1] as Word, withAccents)),
      )
      .lastIndexOf(true);
    // ("… để đi làm thì đăng ký tạm trú cần gì": a purpose whose clause "thì" closes before the name tells the case; the
    // name after it is asked)
    const closed = said
      .slice(purpose + 1, start)
      .some((w) => w.token === "thi" && (w.marks === "\u0300" || !withAccents));
    if (purpose >= 0 && start - purpose <= PURPOSE_REACH && !closed) {
      const pointed = said.slice(0, purpose);
      return pointed.some((w) => inSet(POINTING, w, withAccents) || ownWords.has(w.token)) ? "purpose" : undefined;
    }
    // A word of it the one at hand's names never say ("chữ ký" after a certified copy), or one of its names said
    // whole, its words that tell records apart all in the run ("đăng ký kết hôn" after a certificate of marital
    // status, whose alias says "kết hôn" as its purpose)…
    const tells = pairs
      .slice(start, end - 1)
      .some((pair, i) => pair && [said[start + i], said[start + i + 1]].some((w) => w && telling(w)));
    const run = new Set(said.slice(start, end).map(key));
    const whole =
      said.slice(start, end).some((_, j) => named.has(start + j)) ||
      theirs.some((phrase) => {
        const own = phrase.filter((k) => !NAME_STOP.has(k) && !NAME_STOP_FOLDED.has(withAccents ? "" : k));
        // with a word the one at hand's names lack ("giấy phép thuốc lá" names the licence at hand and its re-issue)
        return own.length > 0 && own.every((k) => run.has(k)) && own.some((k) => !ourWords.has(k));
      });
    if (!tells && !whole) return undefined;
    // …asked for by a word a few words before, fillers aside — not "có cần": whether a paper of the case is needed
    // ("có cần giấy khai sinh của cháu không")…
    const kept = before.filter((w) => !ASKS_FOR_FILLER.has(w.token));
    const near = kept.slice(-ASKS_FOR_REACH);
    const whether = (w: (typeof kept)[number]) => w.token === "can" && kept[kept.indexOf(w) - 1]?.token === "co";
    if (near.some((w) => inSet(ASKS_FOR, w, withAccents) && !whether(w))) return "asked";
    // …or opening the question: after "thì", or as its last clause ("…, cháu vừa đủ 18 tuổi, chấm dứt giám hộ nộp ở
    // đâu")
    // ("… thì nộp đăng ký thường trú ở đâu": a verb of filing may stand between)
    const lead = previous && inSet(FILING, previous, withAccents) ? before.at(-2) : previous;
    const then = lead && lead.token === "thi" && (lead.marks === "\u0300" || !withAccents);
    const first = said[start] as TextWord;
    const opensLast = previous !== undefined && previous.clause < first.clause && said.at(-1)?.clause === first.clause;
    return then || opensLast ? "asked" : undefined;
  }
}

/**
 * Whether the words of `other`'s names the message says (those that tell records apart) are all words of the one at
 * hand's names too, and it says some: "nghệ nhân ưu tú" names both the craftsman's allowance and its end.
 */
function saysOnlySharedName(other: Procedure, current: Procedure, text: string): boolean {
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  const withAccents = typedWithMarks(typed);
  const asTyped = (keys: Set<string>) => new Set([...keys].map((k) => (withAccents ? k : (k.split(":")[0] ?? k))));
  const theirs = asTyped(nameWords(other));
  const ours = asTyped(nameWords(current));
  const said = typed.map((w) => (withAccents ? `${w.token}:${w.marks}` : w.token)).filter((k) => theirs.has(k));
  return said.length > 0 && said.every((k) => ours.has(k));
}

/** Whether the message says a procedure's distinct name words only as words of asking or handling ("xử lý"). */
function namedByAskingOnly(procedure: Procedure, text: string): boolean {
  const own = foldedNameWords(procedure);
  const typed = words(text.slice(0, MAX_DAY_CHARS));
  const withAccents = typedWithMarks(typed);
  const said = typed.filter((w) => own.has(w.token));
  // as typed: "chủ hộ" is no "chú", "hồ"
  return said.length > 0 && said.every((w) => asksWithTyped(w, withAccents));
}

/** Sections that ask how to get a thing, not whether it is needed: a paper asked so is its own procedure's. */
const GETTING: readonly Section[] = ["place", "time", "fee", "steps"];

/** P(out of scope) under which a follow-up search finds nothing for may still ask about the procedure at hand. */
const FOLLOW_UP_OUT_OF_SCOPE = 0.5;
/** The same for a section its record explains, asked in words search finds no procedure for. */
const EXPLAINED_OUT_OF_SCOPE = 0.7;
/** The same for a follow-up search meets the procedure at hand with, unsure. */
const UNSURE_OUT_OF_SCOPE = 0.9;

/** Whether the scope gate reads a message as out of scope with this probability at least. */
function readsOutOfScope(search: ProcedureSearch<Procedure>, text: string, at: number): boolean {
  const scope = search instanceof ExampleSearch ? search.scope : null;
  return scope !== null && outOfScope(scope, text) >= at;
}

/**
 * What a procedure is about (folded): the words of its name most records do not say ("sinh" of "Đăng ký khai sinh",
 * "nhà" of a building permit for a house). A story naming one tells its case, whatever question follows it.
 */
function caseWords(
  current: Procedure,
  all: readonly Procedure[],
  groups: readonly SynonymGroup[],
): ReadonlySet<string> {
  const common = commonWords(all);
  const about = new Set(tokenize(current.name).filter((t) => !common.has(t) && !asksWith(t)));
  // Said in English ("our son was born at …, how long does it take"): the one-word English terms of a concept its name
  // says ("khai sinh": born, newborn, birth).
  const name = ` ${fold(current.name)} `;
  for (const group of groups) {
    const terms = group.terms.map((t) => fold(t));
    if (!terms.some((t) => t.includes(" ") && name.includes(` ${t} `))) continue;
    for (const t of terms) if (/^[a-z]+$/.test(t) && !isVietnameseSyllable(t) && !asksWith(t)) about.add(t);
  }
  return about;
}

/** A follow-up saying this many words besides the cue may hold one word of its case no record says. */
const LENIENT_KEYS = 3;

/** A section's words asked of another thing than the procedure: a name's style, what the groom's family does next. */
function asksOfOther(text: string): boolean {
  const folded = fold(text.slice(0, MAX_DAY_CHARS));
  return asksKindOfOther(folded) || asksNextOfOther(folded) || takesSomething(folded);
}

/**
 * "take" that is no time: "his mother is sick, what should she take" asks a medicine; "how long does it take", "does
 * it take long" the processing time (review s13 H8).
 */
function takesSomething(folded: string): boolean {
  return /(?:^|\s)take(?:\s|$)/.test(folded) && !/(?:^|\s)(?:long|it|time|days?|weeks?|months?)(?:\s|$)/.test(folded);
}

/**
 * "làm gì tiếp", "bước đầu tiên" asked of someone or something other than doing the procedure: "bên nhà trai làm gì
 * tiếp", "khai trương xong làm gì tiếp", "bước đầu tiên khi yêu là gì" are the story's; bare or after the procedure's
 * own acts ("nộp hồ sơ xong làm gì tiếp") its steps (review s13 M3).
 */
function asksNextOfOther(folded: string): boolean {
  const cue = /(?:^|\s)(?:lam gi tiep|buoc dau tien)(?:\s|$)/;
  if (!cue.test(folded)) return false;
  const around = ` ${folded.replace(cue, " ")} `;
  const told = around.split(/\s+/).filter((t) => t !== "" && !THEN_WORDS.has(t));
  if (told.length === 0) return false;
  return !DOES_IT.test(around) && !/\s(?:ho so|ket qua|thu tuc|giay to|giay)\s/.test(around);
}

/** Words joining a story to "what next" (folded), and who asks it: "xong", "rồi", "sau khi", "thì", "là", "em". */
const THEN_WORDS = new Set(
  "xong roi sau khi thi la gi tiep phai can se nay do vay the a ah ha nhi em minh toi ta chung con anh chi co ban oi cho hoi".split(
    " ",
  ),
);

/**
 * "kiểu gì", "kiểu nào" asked of something other than doing the procedure: "đặt tên con kiểu gì hay" is a name's
 * style, "làm kiểu gì", "xin kiểu nào", "đăng ký kiểu gì" its steps (review s13 H8).
 */
function asksKindOfOther(folded: string): boolean {
  const kind = /(?:^|\s)(\S+)\s+kieu\s+(?:gi|nao)(?:\s|$)/.exec(folded);
  if (!kind) return false;
  return !/^(?:lam|nop|ky|xin|khai|to|thu|tuc)$/.test(kind[1] as string);
}

/** Doing the procedure (folded): "làm", "nộp", "đăng ký", "xin", "apply", "submit", "register". */
const DOES_IT = /(?:^|\s)(?:lam|nop|dang ky|xin|apply|submit|register)(?:\s|$)/;

/** Words of going somewhere (folded), before a place: "vào", "vô", "xuống", "ra", "lên", "đi", "sang", "tới". */
const GOING = new Set(["vao", "vo", "xuong", "ra", "len", "di", "sang", "toi", "den", "bay"]);

/**
 * Whether a message goes to a place named with capitals ("vô Sài Gòn", "xuống Vũng Tàu", "bay ra Hà Nội"): a trip,
 * whose time or cost is no section of a procedure. Being somewhere ("ở phường trong Sài Gòn") is no going.
 */
function travelsTo(text: string): boolean {
  // "ra Hà Nội nộp thì mất bao lâu": the procedure done there, its own time.
  if (DOES_IT.test(fold(text.slice(0, 300)))) return false;
  const pieces = text.slice(0, 300).split(/\s+/);
  return pieces.some(
    (piece, i) => i > 0 && /^\p{Lu}\p{Ll}/u.test(piece) && GOING.has(fold(pieces[i - 1] ?? "").replace(/[^a-z]/g, "")),
  );
}

/**
 * Words written with a capital inside a sentence (folded): a place or a person named ("trong Sài Gòn", "ở Gò Vấp", "bé
 * tên Bống"), which tell the case and name no other topic.
 */
function properNames(text: string): Set<string> {
  const found = new Set<string>();
  for (const sentence of text.slice(0, 300).split(/[.!?\n]+/)) {
    const pieces = sentence.trim().split(/\s+/).slice(1);
    for (const piece of pieces) {
      if (/^\p{Lu}\p{Ll}/u.test(piece)) for (const w of words(piece)) found.add(w.token);
    }
  }
  return found;
}

const KIN_WORDS = new WeakMap<Procedure, { folded: Set<string>; accented: Set<string> }>();

/** Every word the record and its look-alikes say ("trọ" of a temporary residence, said of its removal). */
const KIN_EXAMPLE_WORDS = new WeakMap<Procedure, { folded: Set<string>; accented: Set<string> }>();

/** The words of the câu mẫu of a procedure's look-alikes (lookAlike: two name words shared). */
function kinExampleWords(procedure: Procedure, catalogue: Catalogue): { folded: Set<string>; accented: Set<string> } {
  let found = KIN_EXAMPLE_WORDS.get(procedure);
  if (!found) {
    const kin = catalogue.procedures
      .filter((p) => p !== procedure && lookAlike(p, procedure))
      .map((p) => exampleWords(catalogue.examples, p.code));
    found = {
      folded: new Set(kin.flatMap((k) => [...k.folded])),
      accented: new Set(kin.flatMap((k) => [...k.accented])),
    };
    KIN_EXAMPLE_WORDS.set(procedure, found);
  }
  return found;
}

function kinWords(procedure: Procedure, all: readonly Procedure[]): { folded: Set<string>; accented: Set<string> } {
  let found = KIN_WORDS.get(procedure);
  if (!found) {
    const kin = [procedure, ...all.filter((p) => p !== procedure && lookAlike(p, procedure))].map(recordWords);
    found = {
      folded: new Set(kin.flatMap((k) => [...k.folded])),
      accented: new Set(kin.flatMap((k) => [...k.accented])),
    };
    KIN_WORDS.set(procedure, found);
  }
  return found;
}

/** Words with their accents ("tử" of "khai tử" is no "từ", "mất" no "mặt"): records are written with accents. */
function accented(text: string): string[] {
  return words(text).map((w) => `${w.token}:${w.marks}`);
}

/** The words of a record's names and aliases that tell it apart. */
function nameWords(procedure: Procedure): Set<string> {
  let found = NAME_WORDS.get(procedure);
  if (!found) {
    found = new Set([procedure.name, ...procedure.aliases].flatMap(accented));
    for (const t of NAME_STOP) found.delete(t);
    NAME_WORDS.set(procedure, found);
  }
  return found;
}

const FOLDED_NAME_WORDS = new WeakMap<Procedure, Set<string>>();
/** nameWords with their accents left off (the tokens of a folded message), made once per record. */
function foldedNameWords(procedure: Procedure): Set<string> {
  let found = FOLDED_NAME_WORDS.get(procedure);
  if (!found) {
    found = new Set([...nameWords(procedure)].map((k) => k.split(":")[0] ?? k));
    FOLDED_NAME_WORDS.set(procedure, found);
  }
  return found;
}

/** How many words that tell records apart two records' names and aliases share. */
function sharedNameWords(a: Procedure, b: Procedure): number {
  const other = nameWords(b);
  let shared = 0;
  for (const t of nameWords(a)) if (other.has(t)) shared++;
  return shared;
}

/** Whether a message says two words that tell the record's names apart (all of them when it has fewer), accents aside. */
function saysNameOf(procedure: Procedure, text: string): boolean {
  const own = foldedNameWords(procedure);
  const said = new Set(tokenize(text).filter((t) => own.has(t)));
  return said.size >= Math.min(2, own.size);
}

/** Words a name opens with that say only that it is done ("Cấp …", "Đăng ký …", "Giải quyết …"), not what. */
const NAME_ACTS = new Set(tokenize("thủ tục cấp đăng ký giải quyết"));
/** Acts a citizen asks a procedure's thing with ("xin …", "làm …", "đăng ký …", "đk …", "cấp …"). */
const ASKING_ACTS = new Set(tokenize("xin làm ký đk cấp"));
/** Words between such an act and the thing, that name no thing themselves ("làm giấy khai sinh", "làm cái tạm trú"). */
const ACT_FILLERS = new Set(tokenize("giấy cái thủ tục"));
/** Words around an act that tell it as done, a state of the case ("đã đăng ký tạm trú rồi"), no request. */
const DONE_BEFORE = new Set(tokenize("đã có"));
const DONE_AFTER = new Set(tokenize("rồi xong"));

/**
 * Whether a message asks for a procedure by an act and its name's thing whole (the name without the words that say
 * only that it is done): "tính xin giấy phép bán lẻ rượu lần đầu", "giờ làm tạm trú cho họ", "đăng ký khai sinh thì nộp
 * gì". The thing said with no act ("em ở tạm trú thì nộp ở đâu") or as done ("đã đăng ký tạm trú rồi") tells a state;
 * so does one followed by an act of its own, which is the one asked ("tôi làm khai sinh ở Nghệ An, xin ở phường gần
 * nhà được không"): only the message's last act is read.
 */
function asksForByName(procedure: Procedure, text: string): boolean {
  const name = tokenize(procedure.name);
  let from = 0;
  while (from < name.length && NAME_ACTS.has(name[from] as string)) from++;
  const thing = name.slice(from);
  if (thing.length < 2) return false;
  const said = tokenize(text);
  let i = said.length - 1;
  while (i >= 0 && !ASKING_ACTS.has(said[i] as string)) i--;
  if (i < 0 || DONE_BEFORE.has(said[i - 1] ?? "") || DONE_BEFORE.has(said[i - 2] ?? "")) return false;
  const thingAt = (at: number) => thing.every((t, k) => said[at + k] === t);
  // (the thing right after the act, or after one word naming none: "làm giấy khai sinh")
  const at = thingAt(i + 1) ? i + 1 : ACT_FILLERS.has(said[i + 1] ?? "") && thingAt(i + 2) ? i + 2 : -1;
  return at >= 0 && !DONE_AFTER.has(said[at + thing.length] ?? "");
}

/** Two records whose names share two words that tell them apart ("khai sinh", "thư viện", "bán lẻ rượu"). */
function lookAlike(a: Procedure, b: Procedure): boolean {
  return sharedNameWords(a, b) >= 2;
}

/**
 * Two look-alikes of one field, where a thing and its changes are filed: "Tách hộ" and "Đăng ký thay đổi nội dung đăng
 * ký hộ kinh doanh" share "hộ", "chủ" through their aliases, but a household split has no business amendment.
 */
function sameFamily(a: Procedure, b: Procedure): boolean {
  return a.field === b.field && lookAlike(a, b);
}

/**
 * The procedure a record's note sends this case to: the clause citing one other procedure whose case (the words
 * before "thì", "then") shares the most of the message's words, three at least and more than any other such clause
 * ("Muốn xin bản sao giấy khai sinh, trích lục kết hôn, khai tử… từ Sổ hộ tịch thì dùng … (2.000635)").
 */
function sentOnByNote(procedure: Procedure, text: string, all: readonly Procedure[]): Procedure | undefined {
  const said = new Set(tokenize(text.slice(0, 300)).filter((t) => !NOTE_STOP.has(t)));
  // Sentences; a dot between digits is a cited code's ("(2.000635)"), no break.
  const clauses = (procedure.checkFirst ?? "").split(/(?<!\d)\.|\.(?!\d)|;/u);
  const ranked = clauses
    .map((clause) => {
      const cited = [...new Set(clause.match(CITED_CODE) ?? [])];
      // Only a clause that says its case, then where it goes: "Muốn … thì dùng …".
      const parts = clause.split(/\s(?:thì|then)\s/iu);
      const when = parts.length > 1 ? (parts[0] ?? "") : "";
      return { cited, shared: new Set(tokenize(when).filter((t) => said.has(t))).size };
    })
    .filter((c) => c.cited.length === 1 && c.shared > 0)
    .sort((a, b) => b.shared - a.shared);
  const [first, second] = ranked;
  if (!first || first.shared < 3 || (second && second.shared >= first.shared)) return undefined;
  return all.find((p) => p.code === first.cited[0]);
}

/**
 * Of a thing and its changes, the one the message means (variants.ts); failing that, the change it names among the
 * foreign-element twins it asks for only ("cải chính năm sinh trong giấy khai sinh": the change of civil-status
 * records, not its twin for foreigners; "cháu đủ 18 tuổi rồi, muốn chấm dứt" on a guardianship: its end, not the
 * foreign one's), never the thing itself for naming no change there.
 */
function variantAsked(listed: readonly Procedure[], text: string): Procedure | undefined {
  const asForeign = listed.filter((p) => isForeignElement(p) === namesForeign(text));
  return (
    meantVariant(listed, text) ??
    (asForeign.length > 1 && asForeign.length < listed.length ? meantVariant(asForeign, text, false) : undefined)
  );
}

/** The procedures a record's "check first" note cites. */
function citedBy(procedure: Procedure, all: readonly Procedure[]): Procedure[] {
  const codes: string[] = procedure.checkFirst?.match(CITED_CODE) ?? [];
  return all.filter((p) => p.code !== procedure.code && codes.includes(p.code));
}

/** A procedure code as the records' notes cite it: "(thủ tục 2.000635)", "(1.004884)". */
const CITED_CODE = /\b\d\.\d{6}\b/g;

/** Adjacent folded word pairs of a text ("mai tang" of "mai táng phí"): how a matter is named. */
function wordPairs(text: string): Set<string> {
  const tokens = tokenize(text);
  const pairs = new Set<string>();
  for (let i = 1; i < tokens.length; i++) pairs.add(`${tokens[i - 1]} ${tokens[i]}`);
  return pairs;
}
const PAIRS_OF = new WeakMap<Procedure, Set<string>>();
/** The word pairs of a record's name and aliases, each title on its own. */
function namePairs(procedure: Procedure): Set<string> {
  let pairs = PAIRS_OF.get(procedure);
  if (!pairs) {
    pairs = new Set([procedure.name, ...procedure.aliases].flatMap((t) => [...wordPairs(t)]));
    PAIRS_OF.set(procedure, pairs);
  }
  return pairs;
}

/**
 * A first question's list whose every record names one matter the message names too (a word pair of their names or
 * aliases: «mai táng» of the funeral supports), and which the catalogue holds in no more records than a list shows:
 * that matter's records all, the listed ones first. «xin hỗ trợ tiền mai táng» lists three of the five funeral supports
 * (social protection, social pension, emergency aid, a person of merit, the liên thông of a death): who died settles
 * which, and a list that leaves out the citizen's own case asks them to pick a wrong one. A pair many records say
 * («đăng ký», «hỗ trợ», «khai sinh») is no such small matter: the list stays search's.
 */
function withWholeMatter(listed: readonly Procedure[], all: readonly Procedure[], text: string): Procedure[] {
  if (listed.length < 2 || listed.length >= LIST_MAX) return [...listed];
  const said = wordPairs(text);
  let whole: Procedure[] = [];
  for (const pair of namePairs(listed[0] as Procedure)) {
    if (!said.has(pair) || !listed.every((p) => namePairs(p).has(pair))) continue;
    const matter = all.filter((p) => namePairs(p).has(pair));
    if (matter.length <= LIST_MAX && matter.length > whole.length) whole = matter;
  }
  if (whole.length <= listed.length) return [...listed];
  return [...listed, ...whole.filter((p) => !listed.includes(p))];
}

/**
 * A "which one?" list with the procedures its first candidates' "check first" notes send people to
 * ("Nếu sổ hộ tịch còn lưu, hãy xin cấp bản sao trích lục (2.000635) thay vì đăng ký lại"): staff wrote
 * them as the alternative to weigh, so "mất giấy khai sinh" lists the copy of the extract beside the
 * re-registration. They go before the search's last candidates; never past LIST_MAX.
 */
function withAlternatives(listed: readonly Procedure[], all: readonly Procedure[]): Procedure[] {
  const out: Procedure[] = [];
  const cited: Procedure[] = [];
  for (const [rank, procedure] of listed.entries()) {
    out.push(procedure);
    if (rank >= 2) continue;
    for (const code of procedure.checkFirst?.match(CITED_CODE) ?? []) {
      const found = all.find((p) => p.code === code);
      if (found && !listed.some((p) => p.code === code) && !cited.includes(found)) cited.push(found);
    }
  }
  // A cited alternative goes before the search's last candidates, never past LIST_MAX.
  const keep = Math.max(2, LIST_MAX - cited.length);
  return [...out.slice(0, keep), ...cited, ...out.slice(keep)].slice(0, LIST_MAX);
}

interface Context {
  /** Every procedure of the chat's catalogue. */
  all: readonly Procedure[];
  catalogue: Catalogue;
  current: Procedure | undefined;
  options: readonly Procedure[];
  cue: ReturnType<typeof sectionCue>;
  vocabulary: Vocabulary;
  /** The procedure the case told so far takes of a look-alike pair (a foreign-element twin or its plain one). */
  forCase: (procedure: Procedure) => Procedure;
}

/**
 * A message search alone is not sure about, read with the conversation:
 * - after a "which one?" list, when exactly one procedure of the list is among the hits
 *   ("quay lại chuyện khai tử, cần giấy tờ gì" after a list that held the death registration);
 * - on a procedure, a section asked with words of its name while search hesitates between it and others;
 * - on a procedure, a refinement that names no procedure by itself ("nếu chồng là người Hàn Quốc
 *   thì sao" after "đăng ký kết hôn"): searched together with the procedure's name, another
 *   procedure now fits better than the current one, clearly ahead of the rest.
 */
function settleWithContext(
  search: ProcedureSearch<Procedure>,
  outcome: SearchOutcome<Procedure>,
  text: string,
  { current, options, cue, all, catalogue, vocabulary, forCase }: Context,
): { procedure: Procedure; section: Section } | undefined {
  if (options.length > 0 && outcome.decision !== "none") {
    const listed = outcome.hits.filter((h) => options.some((o) => o.code === h.procedure.code));
    if (listed.length === 1 && listed[0]) return { procedure: listed[0].procedure, section: outcome.intent };
  }
  if (!current) return undefined;
  if (
    cue &&
    outcome.decision === "choose" &&
    outcome.hits.some((h) => h.procedure.code === current.code) &&
    saysSome(current, cue.rest) &&
    // "bị mất giấy phép thì xin lại thế nào" on the permit's issue: a change of it, for the refinement below.
    !(namesChange(withoutTopicReturn(text)) && !isChange(current))
  ) {
    return { procedure: current, section: cue.section };
  }
  // "em cần sao 5 bộ bằng đại học nộp hồ sơ xin việc thì tốn bao nhiêu" on a certified copy: a section asked with the
  // case's details, search unsure but ranking the procedure at hand first, and naming no other whole nor a change.
  const [first] = outcome.hits;
  if (
    cue &&
    outcome.decision === "choose" &&
    first?.procedure.code === current.code &&
    outcome.hits.every((h) => h === first || h.parts.title < 1) &&
    !namesChange(withoutTopicReturn(text)) &&
    unknownWords(text, vocabulary).length === 0
  )
    return { procedure: current, section: cue.section };
  // "có cần mang sổ hộ khẩu không": a paper to bring for the procedure at hand, not a request for it.
  if (cue?.section === "documents" && bringsPaper(text)) return { procedure: current, section: "documents" };
  const refined = search.search(`${current.name} ${text}`, SEARCH_LIMIT);
  // "nếu mất giấy phép thì xin cấp lại thế nào" on the permit's issue: its re-issue, the change the message names.
  const variant =
    refined.decision !== "none" && namesChange(withoutTopicReturn(text))
      ? variantAsked(
          // A change of the procedure at hand: among its look-alikes ("muốn chấm dứt" on a guardianship is no
          // household business closing) of its own family (sameFamily).
          refined.hits
            .slice(0, LIST_MAX)
            .map((h) => h.procedure)
            .filter((p) => p === current || sameFamily(p, current)),
          withoutTopicReturn(text),
        )
      : undefined;
  if (variant && variant.code !== current.code) return { procedure: variant, section: outcome.intent };
  const [found, ...others] = refined.hits.length > 0 && refined.decision !== "none" ? refined.hits : [];
  // "bước đầu tiên khi yêu là gì" after a marriage: read with the name at hand, search may put that name's foreign
  // twin first, which the case (nothing foreign told) takes back to the one at hand. No move: the procedure at hand,
  // held to the rules below that read its words.
  const best = found && forCase(found.procedure).code === current.code ? { ...found, procedure: current } : found;
  const next = others.find((h) => h.procedure.code !== current.code);
  // A section asked with no change said ("tổng cộng mất hết bao lâu": the time in total) is no change of the paper at
  // hand, though search reads "mất" as a loss: that section of the procedure at hand.
  const changeUnsaid =
    cue !== undefined &&
    best !== undefined &&
    isChange(best.procedure) &&
    !isChange(current) &&
    lookAlike(best.procedure, current) &&
    !namesChange(withoutTopicReturn(text));
  if (changeUnsaid) return { procedure: current, section: cue.section };
  if (best && best.procedure.code !== current.code && (!next || best.score - next.score >= REFINE_MARGIN)) {
    return { procedure: best.procedure, section: outcome.intent };
  }
  // "em bán hàng online tại nhà thôi có cần đăng ký không" after a household business, "xin ở xã nào, em tạm trú ở Bình
  // Dương hộ khẩu ở Huế" after a certificate of marital status: a section asked with the case's words, search unsure
  // among records none of which the message names whole ("online", "tạm trú" of their names), and read with the
  // procedure at hand, it puts that one first. The list would replace the answer with strangers: that section of it.
  if (
    cue &&
    outcome.decision === "choose" &&
    best?.procedure.code === current.code &&
    // none of them named whole, nor covering most of the message: "bà ngoại 80 tuổi xin trợ cấp thì bao lâu có" after
    // a birth registration names another matter ("trợ cấp", all its words a monthly allowance's) in plain words
    !outcome.hits.some((h) => h.parts.title >= 1 || h.parts.coverage >= STRANGERS_COVER) &&
    unknownWords(text, vocabulary).length === 0 &&
    saysLittleElse(current, text, cue, catalogue, vocabulary)
  )
    return { procedure: current, section: cue.section };
  // "and if my fiancée is Korean" on a plain procedure, when the refinement found nothing clearer: its
  // foreign-element twin.
  const twin = namesForeign(text) ? foreignTwin(current, all) : undefined;
  if (twin) return { procedure: twin, section: outcome.intent };
  // A section asked with words that name no procedure whole ("có cần mang sổ hộ khẩu không", "ủy quyền cho
  // người khác đi được không"): that section of the current procedure.
  if (
    cue &&
    cue.rest.length <= FEW_WORDS &&
    outcome.decision !== "none" &&
    !outcome.hits.some((h) => h.parts.title >= 1) &&
    // "wifi mat bao lau thi lap xong": a word nothing in the catalogue says is another topic's, no section of this one.
    unknownWords(text, vocabulary).length === 0
  ) {
    return { procedure: current, section: cue.section };
  }
  return undefined;
}

const NUMBER_WORDS = new Map(
  ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"].map((w, i) => [tokenize(w).join(""), i + 1]),
);
const PICK_WORDS = new Set(tokenize("số cái mục chọn lấy xem thứ thủ tục ạ nhé nha"));

/**
 * The procedure choice a message picks in words ("số 2", "chọn cái thứ hai", "cái đầu tiên", "mục cuối"),
 * or nothing: the words must be only a pick, so "2 con" or "thứ hai tuần sau" pick nothing.
 */
function pickedInWords(text: string, choices: readonly Choice[]): ReturnType<typeof readProcedureChoice> {
  const tokens = tokenize(text.slice(0, 60));
  if (tokens.length < 2 || tokens.length > 5) return undefined;
  const rest = tokens.filter((t) => !PICK_WORDS.has(t));
  const said = rest.join(" ");
  const position = said === "dau tien" ? 1 : said === "cuoi" || said === "cuoi cung" ? choices.length : undefined;
  const number = position ?? (rest.length === 1 ? Number(rest[0]) || NUMBER_WORDS.get(rest[0] ?? "") : undefined);
  if (!number || tokens.length === rest.length) return undefined;
  const choice = choices[number - 1];
  return choice && prefixOf(choice.id) === PROCEDURE_CHOICE.prefix ? readProcedureChoice(choice.id) : undefined;
}

/** A pick at the start of a message, folded: "số 2", "cái thứ ba", "chọn mục đầu tiên", then what is asked of it. */
const PICK_THEN =
  /^\s*(?:chon\s+)?(?:so|cai|muc|thu tuc)\s+(?:thu\s+)?(\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|dau tien|cuoi cung|cuoi)\b(.*)$/;

/** The procedure choice picked at the start of the message and the section asked of it in the rest, or nothing. */
function pickedWithSection(text: string, choices: readonly Choice[]): { code: string; section: Section } | undefined {
  const match = PICK_THEN.exec(fold(text.slice(0, 80)));
  if (!match) return undefined;
  const [, which = "", rest = ""] = match;
  const number =
    which === "dau tien" ? 1 : which.startsWith("cuoi") ? choices.length : Number(which) || NUMBER_WORDS.get(which);
  const cue = sectionCue(rest);
  const choice = number ? choices[number - 1] : undefined;
  if (!cue?.only || !choice || prefixOf(choice.id) !== PROCEDURE_CHOICE.prefix) return undefined;
  const picked = readProcedureChoice(choice.id);
  return picked && { code: picked.code, section: cue.section };
}

/** The chat's view of the catalogue: its ward's when one is chosen. */
function snapshotOf(ctx: FeatureContext, deps: AnswerFeatureDeps): CatalogueSnapshot {
  const snapshot = deps.catalogueFor?.(ctx) ?? deps.catalogue.current();
  // English turns read in the records' words through the catalogue's synonyms (variants.ts englishGloss)
  learnGlossary(snapshot.catalogue.procedures, snapshot.catalogue.synonyms);
  return snapshot;
}

/**
 * The câu mẫu readings of look-alikes (learnedTold, learnedAmong, funeralAmong) of the catalogue the chat is answered
 * from: learned once per catalogue version with its snapshot (catalogue/readings.ts), never on a turn; readingsReady
 * waits for them at the start of every turn.
 */
function readingsOf(ctx: FeatureContext, deps: AnswerFeatureDeps): LookAlikeReadings | undefined {
  return snapshotOf(ctx, deps).readings?.value;
}

/**
 * Waits until the readings of the catalogue the chat is answered from are learned (the first turn after a reload: they
 * are learned in steps, the event loop free between them), so every turn reads look-alikes alike; a reload meanwhile
 * brings a new version, whose readings are waited for too. Learning that failed never throws here: the turn is answered
 * without them, and the next version learns them afresh.
 */
async function readingsReady(ctx: FeatureContext, deps: AnswerFeatureDeps): Promise<void> {
  // a version whose learning failed is settled without them (ReadingsOnce): answered from the records' fields only
  for (let once = snapshotOf(ctx, deps).readings; once && !once.settled; once = snapshotOf(ctx, deps).readings)
    await once.settle();
}

function titleWords(procedure: Procedure): Set<string> {
  return new Set([procedure.name, ...procedure.aliases].flatMap(tokenize));
}

/**
 * Whether a message search hesitates over names no procedure: no hit's title is half said by it, and it says no
 * change of a paper (a re-issue or an amendment is a procedure of its own, for the variant rules).
 */
function namesNoOther(outcome: SearchOutcome<Procedure>, asked: string): boolean {
  return outcome.hits.every((h) => h.parts.title < WEAK_TITLE) && !namesChange(asked) && !namesFirstIssue(asked);
}

/** Whether every word left is one of the procedure's name or aliases. */
function saysOnly(procedure: Procedure, rest: readonly string[]): boolean {
  const own = titleWords(procedure);
  return rest.every((t) => own.has(t));
}

/**
 * Whether the words left are the procedure's own name's (one at least) and words of asking only, typed as such: "hết
 * hạn rồi mới gia hạn có bị phạt ko" after a building permit's extension asks it, though search meets the temporary
 * residence's extension on "gia hạn" (its "tạm trú" unsaid).
 */
function saysOwnWithAsking(procedure: Procedure, text: string, rest: readonly string[]): boolean {
  const own = new Set(tokenize(procedure.name));
  const hidden = new Set(hiddenByFolding(text).map((k) => k.split(":")[0] ?? k));
  return (
    rest.some((t) => own.has(t)) && rest.every((t) => own.has(t) || (asksWith(t) && !hidden.has(t)) || /^\d+$/.test(t))
  );
}

/**
 * Whether the words left say two words running in `other`'s name that do not run in `own`'s (folded): "gia hạn" of
 * a permit's extension beside "hộ gia đình", "thời hạn" of its issue.
 */
function saysRunOfOnly(other: Procedure, own: Procedure, rest: readonly string[]): boolean {
  const runs = (p: Procedure) => {
    const t = tokenize(p.name);
    return new Set(t.slice(1).map((b, i) => `${t[i]} ${b}`));
  };
  const ours = runs(own);
  const theirs = runs(other);
  return rest.slice(1).some((b, i) => theirs.has(`${rest[i]} ${b}`) && !ours.has(`${rest[i]} ${b}`));
}

/** Whether the words left say a word of the procedure's name itself (its aliases aside), the name read once. */
function saysNameWord(procedure: Procedure, rest: readonly string[]): boolean {
  const name = new Set(tokenize(procedure.name));
  return rest.some((t) => name.has(t));
}

function saysSome(procedure: Procedure, rest: readonly string[]): boolean {
  const own = titleWords(procedure);
  return rest.some((t) => own.has(t));
}

/** A procedure's section as the answer; the chat is now on that procedure. */
function show(ctx: FeatureContext, deps: AnswerFeatureDeps, procedure: Procedure, section: Section, part = 0): Reply {
  rememberProcedure(ctx, procedure.code, section);
  const { catalogue } = snapshotOf(ctx, deps);
  return procedureReply(ctx, catalogue, procedure, section, { part, feedback: deps.answerFeedback !== undefined });
}

/**
 * What a follow-up asks after an answer, as answerQuestion searches it: its chat spellings written out, words of going
 * back left off, search's outcome (a rescued guess read as nothing found). The stay-or-switch judge reads this.
 */
export function followUpOutcome(search: ProcedureSearch<Procedure>, typed: string): SearchOutcome<Procedure> {
  const outcome = search.search(withoutTopicReturn(spelledOut(typed)), SEARCH_LIMIT);
  return outcome.rescued ? { ...outcome, decision: "none", hits: [] } : outcome;
}

const bucketOf = (x: number, edges: readonly number[]) => String(edges.filter((e) => x >= e).length);

/**
 * The stay-or-switch judge's features (case-question.ts StaySwitchModel) of `typed` sent after an answer on `current`,
 * search putting `other` first: how much of the other's name the message says (whole, or only its thing as a paper or a
 * state), whether the record at hand lists the words that found the other, the words it opens with, the word before the
 * other's name (a verb of doing, "giấy", a state), the section asked, the case judge's P (`caseP`) and search's margin.
 * Built of word shapes and shares, not of which procedures, so that they carry to procedures not trained on.
 */
export function staySwitchFeatures(
  typed: string,
  current: Procedure,
  other: Procedure,
  outcome: SearchOutcome<Procedure>,
  caseP: number,
): string[] {
  const text = spelledOut(typed);
  const out = new Set<string>();
  const tokens = tokenize(text.slice(0, MAX_DAY_CHARS));
  const otherOwn = foldedNameWords(other);
  const currentOwn = foldedNameWords(current);
  const record = new Set(procedureTexts(current).flatMap((t) => tokenize(t)));
  const saidOther = [...new Set(tokens.filter((t) => otherOwn.has(t)))];
  const top = outcome.hits.find((h) => h.procedure.code === other.code);
  out.add(`yn:${saysNameOf(other, text) ? 1 : 0}`);
  out.add(`cn:${saysNameOf(current, text) ? 1 : 0}`);
  out.add(`yt:${bucketOf(top?.parts.title ?? 0, [0.25, 0.5, 0.75, 1])}`);
  out.add(`ycov:${bucketOf(top?.parts.coverage ?? 0, [0.25, 0.5, 0.75, 1])}`);
  out.add(`la:${lookAlike(other, current) ? 1 : 0}`);
  // the words that found the other: how many of them the record at hand says, how many its own names say
  const inRecord = saidOther.filter((t) => record.has(t)).length;
  const inName = saidOther.filter((t) => currentOwn.has(t)).length;
  out.add(`ys:${bucketOf(saidOther.length, [1, 2, 3, 4])}`);
  out.add(`rec:${saidOther.length === 0 ? "-" : String(Math.round((4 * inRecord) / saidOther.length))}`);
  out.add(`recn:${saidOther.length === 0 ? "-" : String(Math.round((2 * inName) / saidOther.length))}`);
  // the words it opens with ("còn", "à còn", "also", "quay lại") and the word before the other's name
  out.add(`o:${tokens[0] ?? "-"}`);
  out.add(`o2:${tokens.slice(0, 2).join("_")}`);
  out.add(`mv:${opensMoveOn(text) ? 1 : 0}`);
  out.add(`ret:${saysTopicReturn(text) ? 1 : 0}`);
  const at = tokens.findIndex((t) => otherOwn.has(t) && !currentOwn.has(t));
  const first = at >= 0 ? at : tokens.findIndex((t) => otherOwn.has(t));
  out.add(`pre:${first < 0 ? "-" : (tokens[first - 1] ?? "^")}`);
  out.add(`pre2:${first < 0 ? "-" : tokens.slice(Math.max(0, first - 2), first).join("_") || "^"}`);
  out.add(`at:${first < 0 ? "-" : bucketOf(first / Math.max(1, tokens.length), [0.25, 0.5, 0.75])}`);
  const cue = sectionCue(text);
  out.add(`cue:${cue ? cue.section : "-"}${cue?.only ? ":only" : ""}`);
  out.add(`need:${asksWhetherNeeded(text) ? 1 : 0}`);
  out.add(`wif:${asksWhatIf(text) ? 1 : 0}`);
  out.add(`q:${asksQuestion(text) ? 1 : 0}`);
  out.add(`cp:${bucketOf(caseP, [0.2, 0.5, 0.8, 0.95])}`);
  const [first1, second] = outcome.hits;
  out.add(`dec:${outcome.decision}${outcome.sure ? ":sure" : ""}`);
  out.add(`m:${bucketOf((first1?.score ?? 0) - (second?.score ?? 0), [0.05, 0.15, 0.3, 0.6])}`);
  const rank = outcome.hits.findIndex((h) => h.procedure.code === current.code);
  out.add(`cr:${rank < 0 ? "-" : String(Math.min(rank, 3))}`);
  out.add(`len:${bucketOf(tokens.length, [4, 8, 15, 25])}`);
  out.add(`lang:${typedWithMarks(words(text.slice(0, 600))) ? "acc" : typedInEnglish(text) ? "en" : "bare"}`);
  return [...out];
}

/** Words a record's name may open with before its act: "Thủ tục …". */
const NAME_OPENERS = new Set(tokenize("thủ tục"));

/**
 * Whether a message says a procedure's act: the two words its name opens with ("chứng thực", "đăng ký", "cấp lại"),
 * next to each other, "Thủ tục" aside.
 */
function saysActOf(procedure: Procedure, text: string): boolean {
  const act = tokenize(procedure.name)
    .filter((t, i, all) => !(NAME_OPENERS.has(t) && all.slice(0, i).every((u) => NAME_OPENERS.has(u))))
    .slice(0, 2);
  return act.length > 0 && containsRun(tokenize(text.slice(0, MAX_DAY_CHARS)), act);
}
