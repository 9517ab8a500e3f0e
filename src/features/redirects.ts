import type { Redirect } from "../catalogue/schema.js";
import { confusedSoundsOf, editDistance } from "../search/index.js";
import { extractIntent } from "../search/intent.js";
import { deniedMask } from "../search/negation.js";
import {
  MAX_QUERY_CHARS,
  type TextWord,
  textWords,
  tokenize,
  typedWithMarks,
  type Word,
  words,
} from "../search/normalize.js";
import { outOfScope, SCOPE_MODEL } from "../search/scope.js";
import { isVietnameseSyllable, unchat } from "../search/spelling.js";
import { type RedirectTerms, redirectTermSpans } from "./everyday.js";
import { namesForeign, namesForeigner } from "./foreign.js";
import {
  askedClauses,
  askedPart,
  clausesAfterStory,
  namesWardRequest,
  namesWardThing,
  questionEnd,
} from "./small-talk.js";

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
 * "hộ chiếu"), the longest term first; undefined when none does. A message that says no term as typed is read once
 * more with a phone's slip of a term's word put right (`withTermSlips`: «hộ chíu», «căn cướt», «lãi xuất»).
 */
export function matchRedirect(redirects: readonly Redirect[], text: string): RedirectMatch | undefined {
  const asTyped = matchAsTyped(redirects, text);
  if (asTyped) return asTyped;
  const mended = withTermSlips(redirects, text);
  return mended === undefined ? undefined : matchAsTyped(redirects, mended);
}

/** `matchRedirect` over the words as typed. */
function matchAsTyped(redirects: readonly Redirect[], text: string): RedirectMatch | undefined {
  // The words that are neither section cues nor chat, read only when a service is named (most messages name none).
  let contentWords: number | undefined;
  const content = () => {
    contentWords ??= extractIntent(words(text.slice(0, MAX_QUERY_CHARS))).rest.filter((w) => !IDLE.has(w.token)).length;
    return contentWords;
  };
  // Terms are looked for in every word, section cues included: "bị phạt nguội" holds the cue "bị phạt",
  // "lệ phí trước bạ" the cue "lệ phí".
  const typed = words(text.slice(0, MAX_QUERY_CHARS));
  const tokens = typed.map((w) => w.token);
  const marks = typed.map((w) => w.marks);
  const candidates = termsThatMaySay(redirects, tokens);
  // Of the services the message names, one it asks for (a term opening its question, a need it states) before one
  // it only tells of ("lương hưu … về tài khoản ngân hàng. Xin hỏi tôi phải liên hệ ai?": the pension, not the bank);
  // one named as a paper held or a status ("sang Việt Nam bằng visa du lịch") last, whatever their shares.
  let best: RedirectMatch | undefined;
  let bestRank = -1;
  const meritorious = MERITORIOUS.some((run) => containsRun(tokens, run));
  // Which words a negator denies, read only when a term is said or a new vehicle is named.
  let deniedMarks: readonly boolean[] | undefined;
  const denied = () => {
    deniedMarks ??= deniedWords(text, tokens);
    return deniedMarks;
  };
  for (const [r, redirect] of redirects.entries()) {
    const mayBeSaid = candidates[r];
    if (mayBeSaid === undefined) continue;
    // "thương binh … vừa mất, nhà xin tiền mai táng vs tiền tuất": a người có công's survivors, whose allowance the ward
    // settles, not social insurance's survivor benefit.
    if (meritorious && redirect.id === SURVIVORS) continue;
    const said = mayBeSaid
      .map((term) => findTerm(tokens, term, marks))
      .filter((run): run is string[] => run !== undefined && !deniedRun(tokens, denied(), run))
      .filter((run) => !(LOST_PAPERS.some((lost) => sameRun(run, lost)) && lossIsCircumstance(tokens)));
    if (said.length === 0) continue;
    // "trích lục khai sinh gửi chuyển phát quốc tế về Mỹ", "kết quả có gửi bưu kiện quốc tế được không": the ward's own
    // paper sent by post or courier, which its records offer (review s12 H5), whichever parcels term says the carrier.
    if (redirect.id === PARCELS && sendsWardPaper(text, tokens, said)) continue;
    // "vừa mua xe máy mới tinh ở đại lý, xe lắp ráp trong nước, đăng ký xe lần đầu trên VNeID thế nào": the online first
    // registration of a new domestic vehicle, which the catalogue holds (1.012575), not the police's other registrations
    if (redirect.id === VEHICLES && firstRegistrationOfNew(tokens, denied())) continue;
    // "vay ngân hàng cần giấy xác nhận tình trạng hôn nhân, xin ở đâu", "mất hết căn cước với giấy đăng ký kết hôn, làm
    // lại giấy kết hôn thế nào": the question gets a ward paper; the service is what it is for, or another loss.
    if (paperAskedBeside(text, said)) continue;
    if (
      redirect.id === DIVORCE &&
      (divorceNotedFromAbroad(text, tokens) || divorceToldLongAgo(text, tokens) || wardPaperForDivorce(tokens))
    )
      continue;
    const held = namesAsHeld(text, said);
    // The term the message asks for, when another of the same service is only its story ("không làm được thủ tục
    // hưởng bảo hiểm thất nghiệp. … Xin hỏi giờ tôi phải làm gì để được chốt sổ bảo hiểm?").
    const asked = held ? undefined : said.find((run) => opensWith(text, run));
    const rank = (held ? 0 : 2) + (asked ? 1 : 0);
    for (const run of said) {
      const words = run.filter((t) => !IDLE.has(t)).length;
      const strength = content() === 0 ? 1 : Math.min(1, words / content());
      // Of two runs as strong, the longer: "không đóng bảo hiểm xã hội" (the employer's) over "đóng bảo hiểm xã hội".
      const longer = best !== undefined && strength === best.strength && run.length > best.term.length;
      if (!best || rank > bestRank || (rank === bestRank && (strength > best.strength || longer))) {
        best = { redirect, term: asked ?? run, strength, said };
        bestRank = rank;
      }
    }
  }
  const bestHeld = bestRank < 2;
  // A divorce asked for ("chồng tôi người Hàn, muốn ly hôn thì nộp đơn ở đâu", "nộp hồ sơ ở đâu để ly hôn"): the
  // court's however few of the words it is, though search's note of a divorce abroad names it too.
  if (best && !bestHeld && best.redirect.id === DIVORCE && divorceAskedFor(text, tokens))
    best = { ...best, strength: 1 };
  // An insurer asked to pay ("có mua bảo hiểm cháy nổ, giờ làm sao được bồi thường"): the insurance company's, not the
  // state's compensation for an official's fault (2.002165), which shares "bồi thường".
  if (best && !bestHeld && best.redirect.id === INSURER && insurerClaimed(tokens)) best = { ...best, strength: 1 };
  // A benefit asked for a birth by someone insured: social insurance's maternity benefit, whatever else is named.
  if (!best || bestHeld || best.redirect.id === SOCIAL_INSURANCE) {
    const birth = maternityClaim(text, tokens);
    const insurance = birth && redirects.find((r) => r.id === SOCIAL_INSURANCE);
    // the question is all about it, whatever else the letter tells
    if (birth && insurance) return { redirect: insurance, term: birth, strength: 1, said: [birth] };
  }
  // A vehicle changing owner ("mua lại xe máy cũ của hàng xóm, muốn sang tên đổi chủ thì làm ở đâu"): the police's
  // vehicle registration, which no ward record does (the first online registration of a new vehicle is no transfer).
  if (!best || bestHeld) {
    // (a new vehicle's first registration denies the change: "chứ ko phải xe nhập hay xe cũ sang tên")
    // (the transfer read first: most messages name none, and then the denials need not be read)
    const change = vehicleTransfer(text);
    const transfer = change && !firstRegistrationOfNew(tokens, denied()) ? change : undefined;
    const vehicles = transfer && redirects.find((r) => r.id === VEHICLES);
    if (transfer && vehicles) return { redirect: vehicles, term: transfer, strength: 1, said: [transfer] };
  }
  // A foreigner asking to reside ("chồng tôi người Mỹ muốn xin thường trú ở Việt Nam"): the immigration office's
  // visa and residence-card pointer (the Law on Residence is for citizens), when nothing else is asked.
  if (!best || bestHeld) {
    const residence = foreignResidence(text, tokens);
    const immigration = residence && redirects.find((r) => r.id === IMMIGRATION);
    if (residence && immigration) {
      const words = residence.filter((t) => !IDLE.has(t)).length;
      return {
        redirect: immigration,
        term: residence,
        strength: content() === 0 ? 1 : Math.min(1, words / content()),
        said: [residence],
      };
    }
  }
  if (best && bestHeld) {
    // a term told as held in the story, but asked again in the letter's question the gate reads as no ward request
    const asked = askedPart(text) ?? askedClauses(text);
    if (asked && questionOutOfWard(asked, best.said)) return { ...best, strength: 1 };
  }
  // "bé nhà tôi chưa có hộ chiếu, làm lần đầu ở đâu": the paper not yet had is all the bare question after it gets
  if (best && !bestHeld && saysLackedThenAsked(text, best.said)) return { ...best, strength: 1 };
  // "… thì làm ở phòng xuất nhập cảnh hay ở đâu ạ?", "tôi nộp ở Cục Lãnh sự hay Sở Ngoại vụ được": the agency put
  // forward as where to go, in a question weighing places none of which is the ward's
  // (a place is never a paper held: "mang đến Sở Ngoại vụ" brings the paper there)
  if (best && proposesAgency(text, best.said)) return { ...best, strength: 1 };
  // "vừa chuyển thường trú về đây, muốn sửa địa chỉ trên giấy đăng ký xe thì làm ở đâu", "đã tách hộ, giờ đứng tên hợp
  // đồng nước riêng thì liên hệ ai": an entry of another agency's paper or contract asked changed, the ward's own
  // procedure only what the story tells done before it
  if (best && !bestHeld && asksEntryChanged(text, best.said)) return { ...best, strength: 1 };
  return best && !bestHeld ? byLettersQuestion(text, best) : best;
}

/**
 * Whether the message asks an entry of the term's paper changed: an act of changing («đổi», «sửa», «cập nhật», «điều
 * chỉnh», «đứng tên») with a few words of what is changed and where between it and the term (right after «đứng tên»), in its clause («đổi địa chỉ trên
 * …», «sửa năm sinh trong …», «đổi tên chủ …», «đứng tên …»), and no ward paper among them («sửa tên trên giấy khai sinh
 * cho khớp với căn cước» changes the ward's paper). Session 29: a ward procedure the story tells done («mới nhập khẩu
 * về đây, …») took the answer, the search sure of it. Not a yes/no question («… có tự cập nhật không»: whether it
 * follows from the ward's act, asked of it).
 */
const ENTRY_ACTS = [
  ...["đổi", "sửa", "sửa đổi", "chỉnh sửa", "cập nhật", "điều chỉnh", "thay đổi", "đính chính", "đứng tên"],
  ...["update", "change", "correct"],
].map((act) => words(act));
const ENTRY_GAP = 4;
const HOLDS_NAME = tokenize("đứng tên").join(" ");
function asksEntryChanged(text: string, said: readonly (readonly string[])[]): boolean {
  const all = textWords(text.slice(0, MAX_QUERY_CHARS));
  if (questionEnd(all).yesNo) return false;
  const tokens = all.map((w) => w.token);
  // the act as typed: «đợi» (waiting) is no «đổi»; typed without accents, a one-word act may be either («doi»), so
  // only the longer acts («cap nhat», «thay doi») and the English ones say it
  const accented = typedWithMarks(all);
  const actAt = (act: readonly Word[], k: number) =>
    act.every((w, j) => {
      const typed = all[k + j];
      if (typed?.token !== w.token) return false;
      return accented ? typed.marks === w.marks : act.length >= 2 || w.marks === "";
    });
  return said.some((run) =>
    startsOf(tokens, run).some((at) =>
      ENTRY_ACTS.some((act) => {
        for (let from = Math.max(0, at - ENTRY_GAP - act.length); from + act.length <= at; from++) {
          if (!actAt(act, from)) continue;
          const between = tokens.slice(from + act.length, at);
          // the paper itself changed («đổi căn cước», «để đổi bằng lái») is its own act (asksAgencyService)
          // («đứng tên» takes the paper right after it: «xe đứng tên tôi» tells whose the thing is)
          if ((between.length === 0) !== (act.map((w) => w.token).join(" ") === HOLDS_NAME)) continue;
          // (in the clause of the act: «xe đứng tên tôi, chưa đăng ký» asks nothing changed)
          if (all.slice(from + 1, at).some((w) => w.clause !== all[from]?.clause)) continue;
          // one done for a purpose («… để cập nhật thông tin trên …») is what a paper asked before it is for
          if (purposeBefore(all, from) >= 0) continue;
          if (!WARD_PAPERS.some((paper) => containsRun(between, paper))) return true;
        }
        return false;
      }),
    ),
  );
}

/**
 * Names of the ward's own procedures and papers, which a letter's question asks for by name ("giờ làm khai sinh cần
 * gì"); not words any request says ("hồ sơ", "giấy tờ", "khiếu nại"), which a question naming nothing else uses for
 * the service its story tells ("… Xin hỏi hồ sơ nộp ở đâu?").
 */
const WARD_NAMES = [
  ...["khai sinh", "khai tử", "chứng tử", "đăng ký kết hôn", "tạm trú", "thường trú", "tạm vắng", "tách hộ"],
  ...["xác nhận cư trú", "xác nhận tình trạng hôn nhân", "độc thân", "giám hộ", "con nuôi", "nhận cha", "nhận con"],
  ...["hộ kinh doanh", "giấy phép xây dựng", "chứng thực chữ ký"],
].map(tokenize);

/**
 * A letter that turns from its story to its question (small-talk.ts askedPart): a service named only in the story
 * while the question asks a ward paper ("Con em sinh ở bệnh viện …, đi tiêm phòng thì bị hỏi giấy khai sinh, giờ làm khai
 * sinh cần gì") is no request for it; one the question names with no ward thing beside it is all the question asks.
 */
function byLettersQuestion(text: string, match: RedirectMatch): RedirectMatch | undefined {
  const asked = askedPart(text) ?? askedSentences(text) ?? afterDone(text);
  if (!asked) {
    // a letter with no turn word, asking in its clauses after the last told one (small-talk.ts askedClauses): the
    // pointer is all it asks only where the gate, reading that question alone, is sure it asks nothing of the ward —
    // with the term in it (not as a paper needed), or with the service named in the story alone ("Cháu đã xin giấy
    // xác nhận cư trú ở phường để nộp hồ sơ học lái xe, cháu thi bằng B2 ở trung tâm sát hạch nào …?")
    const clauses = askedClauses(text);
    if (!clauses) {
      // "Tôi đã xóa đăng ký thường trú ở quê và nhập khẩu về phường mới, sổ bảo hiểm xã hội của tôi đang ở công ty cũ,
      // chốt sổ và chuyển sang công ty mới làm thế nào?": the question after the story asks how the other agency's act
      // is done on its term, with no ward thing beside it; the ward's procedure is only what the story tells done
      const after = clausesAfterStory(text);
      return after && asksTermAlone(after, match) ? { ...match, strength: 1 } : match;
    }
    const named = match.said.some((run) =>
      containsRun(
        clauses.map((w) => w.token),
        run,
      ),
    );
    // (or with the term and no ward thing beside it: "… Giờ tôi muốn lấy lại sim cũ hoặc làm sim mới chính chủ ở cửa
    // hàng … thì cần mang gì", the ward's residence only what the story tells done)
    const sure = named
      ? asksTermAlone(clauses, match) || questionOutOfWard(clauses, match.said)
      : questionBeyondWard(clauses);
    return sure ? { ...match, strength: 1 } : match;
  }
  const tokens = asked.map((w) => w.token);
  if (!match.said.some((run) => containsRun(tokens, run)))
    return WARD_NAMES.some((run) => containsRun(tokens, run)) ? undefined : match;
  if (asksTermAlone(asked, match)) return { ...match, strength: 1 };
  // "… nay ra ở riêng, muốn tách đồng hồ nước. Phía cấp nước đòi giấy gì?": the agency is who demands
  // the papers or the fee the question asks, no ward procedure's (unless the question names one)
  if (agencyDemands(tokens, match.said) && !WARD_NAMES.some((run) => containsRun(tokens, run)))
    return { ...match, strength: 1 };
  return questionOutOfWard(asked, match.said) ? { ...match, strength: 1 } : match;
}

/**
 * The agency named as the one who demands in the question: «bên»/«phía» right before the term, a verb of demanding
 * within a word or two after it («yêu cầu», «đòi», «bắt», «cần»), and a question word after that («gì», «nào», «không»,
 * «bao nhiêu»): "bên điện lực cần mang gì", "phía ngân hàng đòi giấy nào". A story's «bên thuế báo …»
 * asks nothing and «hưởng lương hưu bên bảo hiểm xã hội» demands nothing.
 */
const AGENCY_SIDE = new Set(tokenize("bên phía"));
const AGENCY_DEMANDS = ["yêu cầu", "đòi", "đòi hỏi", "bắt", "cần", "require", "requires", "ask for"].map(tokenize);
const DEMAND_REACH = 2;
const ASKED_WORDS = new Set(tokenize("gì j nào không ko k bao nhiêu what which"));
const ASKED_REACH = 8;
function agencyDemands(tokens: readonly string[], said: readonly (readonly string[])[]): boolean {
  return said.some((run) =>
    startsOf(tokens, run).some((at) => {
      if (!AGENCY_SIDE.has(tokens[at - 1] ?? "")) return false;
      const after = at + run.length;
      return AGENCY_DEMANDS.some((verb) =>
        startsOf(tokens.slice(after, after + DEMAND_REACH + verb.length), verb).some((v) => {
          const from = after + v + verb.length;
          return tokens.slice(from, from + ASKED_REACH).some((t) => ASKED_WORDS.has(t));
        }),
      );
    }),
  );
}

/**
 * Whether a letter's question says one of the terms and, beside it, no ward thing: "giờ muốn làm hộ chiếu cho con" says
 * nothing else of the ward; where it is asked ("thì làm ở đâu") asks of the term, not of a ward thing.
 */
function asksTermAlone(asked: readonly Word[], match: RedirectMatch): boolean {
  const tokens = asked.map((w) => w.token);
  const inQuestion = match.said.filter((run) => containsRun(tokens, run));
  if (inQuestion.length === 0) return false;
  const beside = asked.filter(
    (_, i) => !inQuestion.some((run) => startsOf(tokens, run).some((at) => i >= at && i < at + run.length)),
  );
  const framing = new Set<number>();
  const besideTokens = beside.map((w) => w.token);
  for (const run of ASKING_FRAMES)
    for (const at of startsOf(besideTokens, run)) for (let j = 0; j < run.length; j++) framing.add(at + j);
  return !namesWardThing(beside.filter((_, i) => !framing.has(i)));
}

/**
 * Whether a letter's question (after its turn from the story) says one of the terms and the scope gate, reading the
 * question alone, is sure it asks for nothing the ward does: then the term is all it asks, whatever ward words the
 * question says beside it or however the term reads as held ("…, giờ còn nợ thuế khoán 3 tháng thì nộp ở đâu, có bị
 * tính tiền chậm nộp không" after a household business ended: 'nộp' is no ward filing there). As sure as the gate
 * must be to take an answer away (`veto`), and not when the term is a paper needed («… có cần giấy khám sức khỏe, lý
 * lịch tư pháp không»).
 */
function questionOutOfWard(asked: readonly Word[], said: readonly (readonly string[])[]): boolean {
  const tokens = asked.map((w) => w.token);
  // the term as a paper a ward procedure needs ("nộp đơn ở xã thì có cần giấy khám sức khỏe, lý lịch tư pháp không")
  const needed = said.some((run) =>
    startsOf(tokens, run).some((at) =>
      NEEDED_BEFORE.some((need) => containsRun(tokens.slice(Math.max(0, at - NEEDED_REACH), at), need)),
    ),
  );
  return (
    SCOPE_MODEL !== null &&
    !needed &&
    said.some((run) => containsRun(tokens, run)) &&
    outOfScope(SCOPE_MODEL, tokens.join(" ")) >= SCOPE_MODEL.veto
  );
}
/**
 * A letter's question the scope gate, reading it alone, is as sure asks nothing of the ward as it must be to take an
 * answer away, and that names no ward request (small-talk.ts `asksBeyondWardAfterStory` reads the same).
 */
function questionBeyondWard(asked: readonly Word[]): boolean {
  return (
    SCOPE_MODEL !== null &&
    !namesWardRequest(asked) &&
    outOfScope(SCOPE_MODEL, asked.map((w) => w.token).join(" ")) >= SCOPE_MODEL.veto
  );
}
const NEEDED_BEFORE = [
  ...["mang", "đem", "kèm", "bản gốc", "bản chính", "bản sao", "sao y", "photo", "xuất trình", "cần", "phải có"],
  ...["need", "needs", "bring"],
].map(tokenize);
const NEEDED_REACH = 6;
/** Where any service is asked: said beside another agency's term, it asks of it ("… lao động thì làm ở đâu"). */
const ASKING_FRAMES = ["làm ở đâu", "nộp ở đâu", "làm tại đâu", "nộp tại đâu"].map(tokenize);

/**
 * An English message that opens on what was done ("After registering our marriage at the ward, where does my wife
 * apply for a Vietnamese passport?", "Now that the birth is registered, how do we get his passport?"): its question is
 * the clause after the first comma.
 */
const DONE_OPENING = ["after", "once", "now that", "since we", "since i", "having"].map(tokenize);
function afterDone(text: string): Word[] | undefined {
  const comma = text.indexOf(",");
  if (comma < 0) return undefined;
  const opening = words(text.slice(0, comma));
  const opens = DONE_OPENING.some((run) => run.every((t, j) => opening[j]?.token === t && opening[j]?.marks === ""));
  if (!opens) return undefined;
  const asked = words(text.slice(comma + 1, MAX_QUERY_CHARS));
  return asked.length > 0 ? asked : undefined;
}

/**
 * A message that asks in a sentence of its own and tells in others only what was done or is held, before or after the
 * question ("How do I apply for a Vietnamese passport for my newborn? We already did the birth registration at the
 * ward.", "I have a household business registered at the ward. How do I pay my quarterly tax?"): its question is the
 * sentences that ask ("?"), as a Vietnamese letter's turn ("…, giờ …") says it. Undefined when a sentence without "?"
 * tells nothing done (it may be the request: "I want a disability certificate for my mother. She is bedridden, can the
 * doctor come home?").
 */
const DONE_TOLD = [
  ...["already", "did", "done", "registered", "have a", "has a", "got", "was", "were", "had"],
  ...["đã", "rồi", "xong", "vừa"],
].map((phrase) => words(phrase));
function askedSentences(text: string): Word[] | undefined {
  const sentences = text
    .slice(0, MAX_QUERY_CHARS)
    .split(/(?<=[.?!])\s+/)
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
  const asking = sentences.filter((sentence) => sentence.includes("?"));
  const told = sentences.filter((sentence) => !sentence.includes("?"));
  if (asking.length === 0 || told.length === 0) return undefined;
  const tells = (sentence: string) => {
    const said = words(sentence);
    return DONE_TOLD.some((run) =>
      said.some((_, i) =>
        run.every(
          (w, j) => said[i + j]?.token === w.token && (said[i + j]?.marks === "" || said[i + j]?.marks === w.marks),
        ),
      ),
    );
  };
  return told.every(tells) ? asking.flatMap((sentence) => words(sentence)) : undefined;
}

/**
 * A divorce decided abroad, done, and to be noted here ("Tôi ly hôn tại tòa án ở Mỹ, nay về Việt Nam muốn kết hôn lại
 * thì phải ghi chú ly hôn ở đâu?", "I divorced in France … have the foreign divorce recorded"): the ward's note of it
 * (ghi vào sổ hộ tịch việc ly hôn), not the court's divorce. A divorce wished for with a foreign spouse ("I want to
 * divorce my American husband so I can remarry") keeps the court's pointer (review s13 H7).
 */
const DIVORCE = "ly-hon";
const DIVORCE_DONE_OR_NOTED = [
  ...[
    "ghi chú",
    "ghi vào sổ",
    "bản án",
    "đã ly hôn",
    "đã ly dị",
    "ly hôn rồi",
    "ly hôn xong",
    "ly dị rồi",
    "ly dị xong",
  ],
  ...["divorced", "foreign divorce", "divorce recorded", "divorce recognised", "divorce recognized", "was granted"],
].map(tokenize);
/** A divorce wished for ("muốn ly hôn", "want to divorce … so I can remarry") is the court's, whoever is foreign. */
const DIVORCE_WISHED = ["muốn ly hôn", "muốn ly dị", "want to divorce", "wants to divorce", "wish to divorce"].map(
  tokenize,
);
function divorceNotedFromAbroad(text: string, tokens: readonly string[]): boolean {
  return (
    namesForeign(text) &&
    DIVORCE_DONE_OR_NOTED.some((run) => containsRun(tokens, run)) &&
    !DIVORCE_WISHED.some((run) => containsRun(tokens, run))
  );
}

/**
 * A divorce asked for itself: a wish or a step of the court's case ("muốn ly hôn", "đơn ly hôn", "nộp hồ sơ … để ly
 * hôn", "ly hôn đơn phương"), with nothing told done or to be noted ("đã ly hôn", "ghi chú ly hôn") and no ward paper
 * named ("xin giấy xác nhận cư trú để ly hôn", "muốn ly hôn mà mất giấy đăng ký kết hôn": the paper is the ward's).
 */
const DIVORCE_ASKED = [
  ...[
    "định ly hôn",
    "định ly dị",
    "xin ly hôn",
    "xin ly dị",
    "để ly hôn",
    "để ly dị",
    "thủ tục ly hôn",
    "thủ tục ly dị",
  ],
  ...["đơn ly hôn", "đơn ly dị", "ly hôn đơn phương", "đơn phương ly hôn", "ly hôn thuận tình", "thuận tình ly hôn"],
  ...["nộp đơn", "làm đơn", "file for divorce", "get a divorce", "want a divorce"],
]
  .map(tokenize)
  .concat(DIVORCE_WISHED);
const NAMED_WARD_PAPERS = [
  ...["xác nhận", "trích lục", "bản sao", "chứng thực", "khai sinh", "giấy kết hôn", "đăng ký kết hôn", "hộ tịch"],
  ...["khai tử", "chứng tử"],
  ...["certificate", "certified", "copy"],
].map(tokenize);
function divorceAskedFor(text: string, tokens: readonly string[]): boolean {
  return (
    (DIVORCE_ASKED.some((run) => containsRun(tokens, run)) || onlyDivorceAndSpouse(text)) &&
    !DIVORCE_DONE_OR_NOTED.some((run) => containsRun(tokens, run)) &&
    !NAMED_WARD_PAPERS.some((run) => containsRun(tokens, run))
  );
}

/**
 * A ward paper asked beside a divorce wish ("Tôi muốn ly hôn nhưng trước tiên cần xin bản sao trích lục kết hôn để nộp
 * tòa, xin ở đâu", "em định ly dị, giờ cần chứng thực bản sao sổ hộ khẩu", "tòa yêu cầu bản sao giấy đăng ký kết hôn mà
 * tôi làm mất bản gốc rồi"): what is requested is the ward's copy, extract or certification, the divorce its purpose.
 * Only the ward's own products and a lost paper count: "muốn ly hôn cần giấy tờ gì", "đã đăng ký kết hôn ở phường, giờ
 * muốn ly hôn thì nộp đơn ở đâu" keep the court's pointer.
 */
const PAPER_FOR_DIVORCE = [
  ...["bản sao", "trích lục", "chứng thực", "sao y", "xác nhận", "cấp lại", "xin lại", "làm lại", "làm mất"],
  ...["bị mất", "mất bản", "mất giấy", "certified copy", "copy of"],
].map(tokenize);
function wardPaperForDivorce(tokens: readonly string[]): boolean {
  // not "đã xin bản sao", nor a spouse gone missing ("chồng bị mất tích", the court's too)
  return PAPER_FOR_DIVORCE.some((run) =>
    startsOf(tokens, run).some((i) => tokens[i - 1] !== "da" && tokens[i + run.length] !== "tich"),
  );
}

/**
 * A divorce told with how long ago it was ("vợ chồng ly hôn được 2 năm, giờ tôi muốn tách hộ khẩu riêng", "ly dị mấy
 * năm nay"): the citizen's status, with the question elsewhere, unless the divorce itself is asked.
 */
const SINCE = new Set(tokenize("được đc dc hơn gần"));
const SPAN = new Set(tokenize("năm tháng years months"));
const SPAN_REACH = 4;
function divorceToldLongAgo(text: string, tokens: readonly string[]): boolean {
  if (divorceAskedFor(text, tokens)) return false;
  return DIVORCE_TERMS.some((run) =>
    startsOf(tokens, run).some((i) => {
      const after = tokens.slice(i + run.length, i + run.length + SPAN_REACH);
      const span = after.findIndex((t) => SPAN.has(t));
      return span > 0 && (SINCE.has(after[0] ?? "") || /^\d+$/.test(after[0] ?? "") || after[0] === "may");
    }),
  );
}
const DIVORCE_TERMS = ["ly hôn", "ly dị"].map(tokenize);

/** The divorce's words, and who the spouse is: "vợ chồng", "người nước ngoài", "chồng người Hàn", "quốc tịch Mỹ". */
const DIVORCE_WORDS = new Set(tokenize("ly hôn dị divorce"));
const SPOUSE = new Set(
  tokenize("vợ chồng ck vk tôi em mình anh chị ấy với nước ngoài ngoại quốc husband wife spouse foreign foreigner"),
);
/** Words naming a nationality follow these ("người Hàn Quốc", "quốc tịch Mỹ"): up to two of them. */
const NATIONALITY_BEFORE = new Set(tokenize("người ng quốc tịch"));
const NATIONALITY_WORDS = 2;
/**
 * Whether the message says nothing but the divorce, who the spouse is and a section ("ly hon voi nguoi nuoc ngoai het bao
 * nhieu tien", "chồng người Hàn ly hôn mất bao lâu"): the divorce itself asked, however the question is put.
 */
function onlyDivorceAndSpouse(text: string): boolean {
  const rest = extractIntent(words(text.slice(0, MAX_QUERY_CHARS))).rest.map((w) => w.token);
  if (!rest.some((t) => DIVORCE_WORDS.has(t))) return false;
  let nationality = 0;
  for (const token of rest) {
    if (nationality > 0) {
      nationality--;
      if (!SPOUSE.has(token) && !DIVORCE_WORDS.has(token)) continue;
    }
    if (NATIONALITY_BEFORE.has(token)) {
      nationality = NATIONALITY_WORDS;
      continue;
    }
    if (DIVORCE_WORDS.has(token) || SPOUSE.has(token) || IDLE.has(token) || FRAME.has(token)) continue;
    return false;
  }
  return true;
}

const INSURER = "bao-hiem-thuong-mai";
const CLAIMED = ["bồi thường", "chi trả", "đền bù", "trả tiền", "claim", "compensation", "pay out"].map(tokenize);
/** A claim asked of an insurer, with no ward paper named for it ("công ty bảo hiểm yêu cầu trích lục khai tử"). */
function insurerClaimed(tokens: readonly string[]): boolean {
  return CLAIMED.some((run) => containsRun(tokens, run)) && !NAMED_WARD_PAPERS.some((run) => containsRun(tokens, run));
}

/**
 * Identity papers lost ("mất hết giấy tờ tùy thân") are the căn cước pointer's only when nothing else is asked: beside
 * a ward paper or procedure ("… giờ cần bản sao giấy khai sinh", "… có đăng ký tạm trú được không") or a question
 * whether something can still be done or what it needs ("… thì làm được không", "… cần giấy gì"), the loss is the
 * case's circumstance (review s14 H2).
 */
const LOST_PAPERS = ["mất giấy tờ tùy thân", "mất giấy tùy thân"].map(tokenize);
const LOSS_BESIDE = [
  ...["xác nhận", "trích lục", "bản sao", "chứng thực", "khai sinh", "khai tử", "kết hôn", "hộ tịch", "tạm trú"],
  ...["thường trú", "cư trú", "tạm vắng", "hộ khẩu", "được không", "được ko", "dc ko", "đc ko", "dc không"],
  ...["đc không", "cần giấy gì", "cần gì", "giấy gì", "cần những gì", "có được"],
].map(tokenize);
function lossIsCircumstance(tokens: readonly string[]): boolean {
  return LOSS_BESIDE.some((run) => containsRun(tokens, run));
}
/** Whether a run said with a gap filled ("mất hết giấy tờ tùy thân") is the term's words with the gap taken out. */
function sameRun(run: readonly string[], term: readonly string[]): boolean {
  return run[0] === term[0] && term.slice(1).every((t, j) => run[run.length - term.length + 1 + j] === t);
}

/**
 * Which words a negator denies ("không có lương hưu", "không hưởng bảo hiểm xã hội"), by the index of the message's
 * words; none when the running text splits into other words than the plain ones (then nothing is taken as denied).
 */
function deniedWords(text: string, tokens: readonly string[]): readonly boolean[] {
  const running = textWords(text.slice(0, MAX_QUERY_CHARS));
  if (running.length !== tokens.length || running.some((w, i) => w.token !== tokens[i])) return [];
  return deniedMask(running);
}

/**
 * A term said only under a denial: "bà em 80 tuổi không có lương hưu, không có bảo hiểm xã hội, xin trợ cấp hằng
 * tháng" tells what she lacks, the social pension the ward pays, not social insurance's pension. A term holding the
 * negator itself ("không đóng bảo hiểm xã hội", the employer's) is its own words.
 */
function deniedRun(tokens: readonly string[], denied: readonly boolean[], run: readonly string[]): boolean {
  const starts = startsOf(tokens, run);
  // The denial reaches the term's first word: the term is one named thing, denied whole ("không hưởng chế độ bảo hiểm
  // xã hội nào", though "xã hội" stands past the denial's reach in words).
  return starts.length > 0 && starts.every((i) => denied[i] === true);
}

/**
 * Post and courier: the carrier's own service (tracking, sending goods), unless what is sent is the ward's own
 * paper, result or dossier, which the ward's records send by post (dịch vụ bưu chính công ích).
 */
const PARCELS = "buu-chinh";
/** The ward's result or the dossier sent to it, besides its papers and procedures (WARD_PAPERS). */
const WARD_SENDS = ["kết quả", "hồ sơ", "result", "results", "copy", "copies"].map(tokenize);
/** Looking up a waybill is the carrier's, whatever the parcel holds ("tra cứu vận đơn bưu kiện gửi giấy khai sinh"). */
const WAYBILL = ["vận đơn", "tra cứu", "track", "tracking"].map(tokenize);

/**
 * Whether each parcels term the message says stands in a clause with the ward's own paper, result or dossier: the thing
 * sent ("trích lục khai sinh gửi chuyển phát quốc tế về Mỹ được không"), not a paper told in another clause ("… ra bưu
 * cục nào để nhận, có cần mang giấy xác nhận cư trú") nor a waybill looked up.
 */
function sendsWardPaper(text: string, tokens: readonly string[], said: readonly (readonly string[])[]): boolean {
  if (WAYBILL.some((run) => containsRun(tokens, run))) return false;
  const clauseFrom = clauseStarts(text, tokens);
  const clauseOf = (from: number) => {
    let end = from;
    while (end < tokens.length && clauseFrom[end] === from) end++;
    return tokens.slice(from, end);
  };
  return said.every((term) =>
    startsOf(tokens, term).every((at) => {
      const clause = clauseOf(clauseFrom[at] ?? 0);
      // not "giấy tờ" (papers in general: "gửi bưu kiện cần giấy tờ gì"), though "extract to me" is the extract
      const paper = WARD_PAPERS.some((run) =>
        startsOf(clause, run).some((i) => !(run.join(" ") === GIAY && clause[i + 1] === PAPERS_IN_GENERAL)),
      );
      return paper || WARD_SENDS.some((run) => containsRun(clause, run));
    }),
  );
}

/** The redirect for foreigners' visas and residence cards (answer.ts has it too). */
const IMMIGRATION = "thi-thuc-nguoi-nuoc-ngoai";
const SOCIAL_INSURANCE = "bao-hiem-xa-hoi";
/** Social insurance's survivor benefit (trợ cấp tuất, mai táng of the insured), and who the ward pays one for instead. */
const SURVIVORS = "tu-tuat-bao-hiem-xa-hoi";
/**
 * Người có công and their allowance. Not a bare "ưu đãi" (any preference: "lãi suất ưu đãi", "ưu đãi thuế"), only its
 * người có công sense: "trợ cấp ưu đãi" (their monthly allowance's name) and "pháp lệnh ưu đãi"; "chế độ ưu đãi người
 * có công" and "ưu đãi … liệt sĩ" are held by the other words.
 */
const MERITORIOUS = [
  "người có công",
  "có công với cách mạng",
  "thương binh",
  "bệnh binh",
  "liệt sĩ",
  "trợ cấp ưu đãi",
  "pháp lệnh ưu đãi",
  "huân chương kháng chiến",
].map(tokenize);
/** Asking to reside ("xin thường trú", "làm tạm trú"); no story of living somewhere ("về quê sinh sống lâu dài"). */
const RESIDE = ["xin thường trú", "xin tạm trú", "làm thường trú", "làm tạm trú", "xin ở lại"].map(tokenize);
/** A Vietnamese abroad (a citizen, whose residence the ward registers), or a child's residence asked. */
const CITIZEN_ABROAD = [
  "việt kiều",
  "kiều bào",
  "quốc tịch việt nam",
  "người việt định cư",
  "người việt nam định cư",
].map(tokenize);
/** Staying asked in a letter's question ("có cách nào cho anh ấy ở lâu dài"), not told in its story. */
const STAY = [
  "ở lâu dài",
  "ở lại lâu dài",
  "ở lại việt nam",
  "ở việt nam lâu dài",
  "stay long term",
  "stay longer",
].map(tokenize);

/** The residence run a message says for a foreigner (none for a Vietnamese abroad or a child). */
function foreignResidence(text: string, tokens: readonly string[]): string[] | undefined {
  const run = residenceAsked(text, tokens);
  // (who stays read after what is asked: most messages ask no residence, and reading who is foreign costs more)
  if (run === undefined || !namesForeigner(text) || CITIZEN_ABROAD.some((said) => containsRun(tokens, said)))
    return undefined;
  return run;
}

/** The residence run a message asks for, whoever for; none when it is a child's or told done (`foreignResidence`). */
function residenceAsked(text: string, tokens: readonly string[]): string[] | undefined {
  for (const run of RESIDE) {
    // "đã làm tạm trú": done, no request
    const at = startsOf(tokens, run).find((i) => tokens[i - 1] !== "da");
    if (at === undefined) continue;
    // "đăng ký thường trú cho con": the child's (a Vietnamese), whoever the father is
    if (tokens.slice(at + run.length, at + run.length + 3).includes("con")) return undefined;
    return [...run];
  }
  const question = tokenize(questionOf(text) ?? "");
  return STAY.find((run) => containsRun(question, run));
}

/** Taking part in social insurance, or its maternity benefit, said anywhere in the message. */
const INSURED = ["đóng bảo hiểm", "bảo hiểm xã hội", "bhxh", "thai sản", "tham gia bảo hiểm", "social insurance"].map(
  tokenize,
);
/** A birth, and a benefit asked for it: "chồng có được tiền gì khi vợ sinh không". */
const BIRTH = ["vợ sinh", "sinh con", "sinh bé", "khi sinh", "vợ đẻ", "birth"].map(tokenize);
const HUSBAND = tokenize("chồng husband");
const BENEFIT = new Set(tokenize("chế độ tiền trợ cấp hưởng nghỉ hỗ trợ allowance benefit benefits claim paid"));
/** What makes the question the ward's: the birth's registration, the child's health-insurance card. */
const REGISTRATION = ["khai sinh", "bảo hiểm y tế", "bhyt", "birth certificate", "register", "registration"].map(
  tokenize,
);

/**
 * A benefit asked for a birth by someone insured ("Tôi đóng bảo hiểm ở công ty… Xin hỏi chồng có được hưởng chế độ
 * gì khi vợ sinh không?"): social insurance's maternity benefit, though the birth was registered at the ward. The
 * birth run said, or undefined.
 */
function maternityClaim(text: string, tokens: readonly string[]): string[] | undefined {
  const question = tokenize(questionOf(text) ?? text.slice(0, MAX_QUERY_CHARS));
  // insured, or the husband asking what he gets ("chồng được hưởng chế độ gì khi vợ sinh")
  if (!INSURED.some((run) => containsRun(tokens, run)) && !HUSBAND.some((t) => question.includes(t))) return undefined;
  if (REGISTRATION.some((run) => containsRun(question, run)) || !question.some((t) => BENEFIT.has(t))) return undefined;
  return BIRTH.find((run) => containsRun(question, run));
}

const VEHICLES = "dang-ky-xe";
/** A change of owner, in the words citizens use for a vehicle's ("sang tên", "đổi chủ", "chuyển quyền sở hữu"). */
const OWNER_CHANGE = ["sang tên", "đổi chủ", "chuyển quyền sở hữu", "change of ownership", "transfer ownership"].map(
  tokenize,
);
const STATUS = new Set(tokenize("chưa đã không"));
const VEHICLE = ["xe máy", "xe ô tô", "ô tô", "xe hơi", "xe", "motorbike", "motorcycle", "car", "scooter"].map(
  tokenize,
);
/**
 * A new vehicle's first registration (its record 1.012575: online, for vehicles made or assembled in the country): the
 * message says the vehicle is new or the registration the first ("mới mua", "mới tinh", "đại lý", "lần đầu", "chưa có
 * biển số", "lắp ráp trong nước"), no change of a registered one not denied ("sang tên", "xe cũ", "mất", "cấp lại",
 * "đổi biển", "xe nhập"; "chứ không phải xe nhập hay xe cũ sang tên" denies them), and no registration told as done
 * ("đã đăng ký xe online, có biển số rồi": another question follows, insurance or inspection).
 */
const NEW_VEHICLE = [
  ...["mới mua", "mua mới", "xe mới", "mới tinh", "đại lý", "lần đầu", "chưa đăng ký lần nào", "chưa có biển"],
  ...["lắp ráp trong nước", "sản xuất trong nước", "toàn trình", "brand new", "new motorbike", "new scooter"],
  ...["new motorcycle", "new car", "first registration", "dealer", "dealership"],
].map(tokenize);
const REGISTERED_CHANGE = [
  ...OWNER_CHANGE,
  ...["xe cũ", "mua lại", "mất", "cấp lại", "đổi biển", "thu hồi", "xe nhập", "nhập khẩu", "used", "second hand"],
].map((run) => (typeof run === "string" ? tokenize(run) : run));
const REGISTERED_DONE = ["đã đăng ký", "đã có biển", "có biển số rồi", "đã được cấp biển", "already registered"].map(
  tokenize,
);
function firstRegistrationOfNew(tokens: readonly string[], denied: readonly boolean[]): boolean {
  if (!NEW_VEHICLE.some((run) => containsRun(tokens, run))) return false;
  if (!VEHICLE.some((run) => containsRun(tokens, run))) return false;
  if (REGISTERED_DONE.some((run) => containsRun(tokens, run))) return false;
  const ruledOut = (at: number) =>
    denied[at] === true || NOT_THIS.some((run) => containsRun(tokens.slice(Math.max(0, at - NOT_THIS_REACH), at), run));
  return !REGISTERED_CHANGE.some((run) => startsOf(tokens, run).some((at) => !ruledOut(at)));
}
/** "chứ không phải xe nhập hay xe cũ sang tên", "not a used one": kinds ruled out a few words before. */
const NOT_THIS = ["không phải", "ko phải", "k phải", "chẳng phải", "not a", "not an", "isn't", "not"].map(tokenize);
const NOT_THIS_REACH = 8;

/**
 * What keeps it the ward's or another thing's: the contract of sale the ward certifies ("chứng thực hợp đồng mua bán xe
 * máy để sang tên"), a signature, land or a house ("sang tên sổ đỏ … xe" is about the land too).
 */
const NOT_VEHICLE_TRANSFER = [
  ...["chứng thực", "hợp đồng", "giấy mua bán", "giấy bán", "chữ ký", "công chứng", "certify", "contract"],
  ...["đất", "nhà", "sổ đỏ", "sổ hồng", "land", "house"],
].map(tokenize);

/**
 * A vehicle's change of owner asked in one sentence ("xe máy mua lại của người quen, giờ sang tên thế nào", "chuyển
 * quyền sở hữu xe ô tô cho con"): the owner-change run, or undefined.
 */
function vehicleTransfer(text: string): string[] | undefined {
  for (const sentence of sentencesOf(text)) {
    const tokens = tokenize(sentence);
    // "xe chưa sang tên", "đã đổi chủ": the vehicle's status told beside another question
    const change = OWNER_CHANGE.find((run) => startsOf(tokens, run).some((i) => !STATUS.has(tokens[i - 1] ?? "")));
    if (!change || !VEHICLE.some((run) => containsRun(tokens, run))) continue;
    if (NOT_VEHICLE_TRANSFER.some((run) => containsRun(tokenize(text.slice(0, MAX_QUERY_CHARS)), run)))
      return undefined;
    return change;
  }
  return undefined;
}

/**
 * A term's runs: "tuyên bố … mất tích" is two runs a few words may stand between ("tuyên bố chồng tôi mất tích"), the
 * way a request names whom it is about inside its own words. Search reads the same term without the gap (its tokens).
 */
const GAP_MARK = "…";
const GAP_WORDS = 3;
interface Piece {
  tokens: string[];
  /** The accent signature of each word as the term writes it. */
  marks: string[];
}
const PIECES = new Map<string, Piece[]>();
function piecesOf(term: string): Piece[] {
  let pieces = PIECES.get(term);
  if (!pieces) {
    pieces = term
      .split(GAP_MARK)
      .map((part) => {
        const found = words(part);
        return { tokens: found.map((w) => w.token), marks: found.map((w) => w.marks) };
      })
      .filter((piece) => piece.tokens.length > 0);
    PIECES.set(term, pieces);
  }
  return pieces;
}

/**
 * Words whose folded form is two common words a pointer's term tells apart: "dược" (pharmacy) / "được" (may), "thuế"
 * (tax) / "thuê" (rent), "thuốc" (medicine) / "thuộc" (belongs), "tới" (to) / "tôi" (I: "tôi nộp ở Cục Lãnh sự" is no
 * "tới … cục lãnh sự"). Only these must carry the term's marks: elsewhere a
 * phone's slip of a mark ("căn cươc", "hộ chiêu", "bảo hiểm xã hôi") still says the term (review s13 H3).
 */
const CONFUSABLE = new Set(tokenize("dược thuế thuốc tới"));
/** Words of the term after a confusable that settle which word it is ("thuế thu nhập cá nhân"; not "thuế nhà đất"). */
const CONFUSABLE_SETTLED = 3;

/**
 * The words of the message that say the term (its gaps filled with what stands there), or undefined. With the marks
 * the citizen typed, a confusable word (CONFUSABLE) typed with accents must carry the term's: "kinh doanh được
 * không" is no "kinh doanh dược" (review s12 H6: a tax debt before a business pause got the pharmacy pointer), "thuê"
 * no "thuế"; a word typed without any fits every spelling ("kinh doanh duoc").
 */
export function findTerm(tokens: readonly string[], term: string, marks?: readonly string[]): string[] | undefined {
  const pieces = piecesOf(term);
  const first = pieces[0];
  if (!first) return undefined;
  for (let i = 0; i + first.tokens.length <= tokens.length; i++) {
    if (!pieceFits(first, tokens, marks, i)) continue;
    let end = i + first.tokens.length;
    for (let p = 1; p < pieces.length; p++) {
      const piece = pieces[p] as Piece;
      let found = -1;
      for (let at = end; at <= end + GAP_WORDS && at + piece.tokens.length <= tokens.length; at++) {
        if (pieceFits(piece, tokens, marks, at)) {
          found = at;
          break;
        }
      }
      if (found < 0) {
        end = -1;
        break;
      }
      end = found + piece.tokens.length;
    }
    if (end >= 0 && !(marks && endsAsAsked(tokens, marks, end))) return tokens.slice(i, end);
  }
  return undefined;
}

/** Whether the message's words from `at` say the piece (`findTerm`; a plain function: it runs for every word read). */
function pieceFits(piece: Piece, tokens: readonly string[], marks: readonly string[] | undefined, at: number): boolean {
  let otherMarks = 0;
  for (let j = 0; j < piece.tokens.length; j++) {
    const t = piece.tokens[j] as string;
    if (tokens[at + j] !== t) return false;
    const typed = marks?.[at + j] ?? "";
    const written = piece.marks[j] ?? "";
    if (typed === "" || written === "" || typed === written) continue;
    // a slip on a confusable that a long term goes on after ("nộp thuê thu nhập cá nhân") still says it
    const goesOn = piece.tokens.length - 1 - j >= CONFUSABLE_SETTLED;
    if (CONFUSABLE.has(t) && !goesOn) return false;
    otherMarks++;
  }
  // Typed with accents, a short piece most of whose words carry other marks is other words: «nhận thờ (cúng)» is no
  // «nhân thọ» (life insurance), though they fold alike; one slip in a piece of three or more is still the term.
  return otherMarks * 2 <= piece.tokens.length || piece.tokens.length > CONFUSABLE_SETTLED;
}

/**
 * Each redirect's terms that the message's words may say, in the redirect's order (undefined for a redirect none of
 * whose terms may be said): a term is said only where each of its words is, so it is looked for only in a message
 * that says its rarest word (`termsByWord`). Sparing the 36 services' 800 terms' scans of every message is most of
 * what reading the redirects costs; which terms are said, and in what order, is what reading them all gives.
 */
export function termsThatMaySay(
  redirects: readonly Redirect[],
  tokens: readonly string[],
): Array<string[] | undefined> {
  const { byWord, termsOf } = termsByWord(redirects);
  const marked = new Set<number>();
  for (const token of tokens) for (const id of byWord.get(token) ?? []) marked.add(id);
  const candidates: Array<string[] | undefined> = new Array(redirects.length);
  if (marked.size === 0) return candidates;
  redirects.forEach((redirect, r) => {
    const ids = termsOf[r] as number[];
    for (let k = 0; k < ids.length; k++) {
      if (!marked.has(ids[k] as number)) continue;
      const terms = candidates[r] ?? [];
      terms.push(redirect.terms[k] as string);
      candidates[r] = terms;
    }
  });
  return candidates;
}

/** Whether the words say some term of some redirect (`withTermSlips`), looking only at the terms they may say. */
function saysSomeTerm(redirects: readonly Redirect[], tokens: readonly string[], marks: readonly string[]): boolean {
  return termsThatMaySay(redirects, tokens).some((terms) => terms?.some((term) => findTerm(tokens, term, marks)));
}

interface TermsByWord {
  /** The terms (by id) under the one word of each that the fewest terms share. */
  byWord: Map<string, number[]>;
  /** Each redirect's terms' ids, in its order (a term without words has none: `findTerm` never finds it). */
  termsOf: number[][];
}
const TERMS_BY_WORD = new WeakMap<readonly Redirect[], TermsByWord>();
function termsByWord(redirects: readonly Redirect[]): TermsByWord {
  let index = TERMS_BY_WORD.get(redirects);
  if (index) return index;
  const wordsOf = redirects.map((redirect) =>
    redirect.terms.map((term) => [...new Set(piecesOf(term).flatMap((piece) => piece.tokens))]),
  );
  const shared = new Map<string, number>();
  for (const terms of wordsOf) for (const said of terms) for (const w of said) shared.set(w, (shared.get(w) ?? 0) + 1);
  const byWord = new Map<string, number[]>();
  let id = 0;
  const termsOf = wordsOf.map((terms) =>
    terms.map((said) => {
      const term = id++;
      // the term's word the fewest terms share, the first of them on a tie
      let rarest: string | undefined;
      for (const w of said) if (rarest === undefined || (shared.get(w) ?? 0) < (shared.get(rarest) ?? 0)) rarest = w;
      if (rarest !== undefined) byWord.set(rarest, [...(byWord.get(rarest) ?? []), term]);
      return term;
    }),
  );
  index = { byWord, termsOf };
  TERMS_BY_WORD.set(redirects, index);
  return index;
}

/**
 * The message as the search reads a phone's typing, for the terms of other agencies' services: its chat spellings
 * («cty», «tnhh», «đk», «ng»: spelling.ts `unchat`, the search's own reading) and a slip of one word of a term (the
 * search's tolerance, index.ts `repair`: a word wrong only beside its neighbour): a term of two words or more whose other
 * words the message says as written, and one word typed by a sound people confuse (ch/tr, d/gi/r/v, s/x, l/n, final
 * c/t, final n/ng/nh: «lãi xuất», «căn cướt», «chả góp»), with the diphthong iê typed as its i as chat writes «bít» for
 * «biết» («hộ chíu»), or one letter off in a word no Vietnamese syllable («drving licence»; a well-formed syllable is
 * no slip by a letter: "đều" is no "để").
 * Undefined when some term is said as typed (the message is read as it is: `matchAsTyped`'s guards set it aside) or
 * the reading says none either; else the text with each word so read written out (a chat spelling by its folded words,
 * a slipped word as the term writes it), so that every reader of the match reads the same words.
 */
export function withTermSlips(redirects: readonly Redirect[], input: string): string | undefined {
  const text = input.normalize("NFC").slice(0, MAX_QUERY_CHARS);
  // where each word stands in the text (as textWords splits it: one word a run of letters)
  const spans = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({
    from: m.index ?? 0,
    to: (m.index ?? 0) + m[0].length,
  }));
  const typed = textWords(text);
  if (typed.length !== spans.length) return undefined;
  const read = unchat(typed);
  const tokens = read.map((w) => w.token);
  const marks = read.map((w) => w.marks);
  const same = (w: Word, t: Word | undefined) => t !== undefined && w.token === t.token && w.marks === t.marks;
  const chatRead = read.length !== typed.length || read.some((w, k) => !same(w, typed[k]));
  const byWord = slipTermsOf(redirects);
  // A slip is read only beside a word of its term said as written, so a message with no chat spelling and no word of
  // any term reads as typed: most messages, and this spares them the sounds and the scan below.
  if (!chatRead && !tokens.some((t) => byWord.has(t))) return undefined;
  const fixes = new Map<number, string>();
  const sounds = tokens.map(confusedSoundsOf);
  const accented = typedWithMarks(typed);
  tokens.forEach((token, k) => {
    for (const { term, j } of byWord.get(token) ?? []) {
      const i = k - j;
      if (i < 0 || i + term.tokens.length > tokens.length) continue;
      let slipped = -1;
      const fits = term.tokens.every((t, n) => {
        const said = tokens[i + n] as string;
        const [m, w] = [marks[i + n] ?? "", term.marks[n] ?? ""];
        // (the term's other words as written: «xé» is no «xe»)
        if (said === t) return !accented || m === w;
        if (
          slipped >= 0 ||
          CONFUSABLE.has(t) ||
          !slipOf(said, m, sounds[i + n] as string, t, w, term.sounds[n] as string, accented)
        )
          return false;
        slipped = n;
        return true;
      });
      if (fits && slipped >= 0 && !fixes.has(i + slipped)) fixes.set(i + slipped, term.written[slipped] as string);
    }
  });
  if (fixes.size === 0 && !chatRead) return undefined;
  if (fixes.size === 0 && !saysSomeTerm(redirects, tokens, marks)) return undefined;
  // (read as typed when some term is said so)
  const asTyped = typed.map((w) => w.token);
  const typedMarks = typed.map((w) => w.marks);
  if (saysSomeTerm(redirects, asTyped, typedMarks)) return undefined;
  // each word read, at the place of the word typed it stands for (a chat phrase's words at its first word's)
  const at = new Map<number, Array<{ w: Word; k: number }>>();
  read.forEach((w, k) => {
    const place = (w as TextWord).at;
    at.set(place, [...(at.get(place) ?? []), { w, k }]);
  });
  // words read as typed keep their text (a chat phrase may give back the words typed: «ở dau» read in «ở đâu»); those a
  // chat spelling stands for are written by their folded words
  let out = "";
  let from = 0;
  for (let k = 0; k < spans.length; ) {
    const here = at.get(k) ?? [];
    const kept = here.length > 0 && here.every(({ w, k: r }, j) => same(w, typed[k + j]) && !fixes.has(r));
    const last = spans[kept ? k + here.length - 1 : k] as { from: number; to: number };
    const said = kept
      ? text.slice((spans[k] as { from: number }).from, last.to)
      : here.map(({ w, k: r }) => fixes.get(r) ?? w.token).join(" ");
    out += text.slice(from, (spans[k] as { from: number }).from) + said;
    from = last.to;
    k += kept ? here.length : 1;
  }
  return out + text.slice(from);
}

/**
 * Whether the folded word `typed` (with the marks typed on it) is a phone's slip of the term's word `word` (written
 * with `written` marks; `withTermSlips`). Read from accents only, in a message typed with them: a sound confused keeps
 * the word's marks («cướt» of «cước», «xuất» of «suất»: «xé rách» is no «xe rác», «sang» no «xăng»), iê typed as i its
 * tone («chíu» of «chiếu»: «tìm» is no «tiêm»); typed bare, «ban lai», «roi», «tim phong» are words of their own. A
 * letter off, in a word no Vietnamese syllable, however typed.
 */
function slipOf(
  typed: string,
  typedMarks: string,
  typedSound: string,
  word: string,
  written: string,
  wordSound: string,
  accented: boolean,
): boolean {
  if (typed.length < 2 || word.length < 2) return false;
  // a sound confused, the word's accents typed as written; iê typed as i, its tone kept and no other mark
  if (typedSound === wordSound) return accented && typedMarks === written;
  if (word.includes("ie") && word.replace("ie", "i") === typed)
    return accented && toneOf(written) !== "" && typedMarks === toneOf(written);
  if (isVietnameseSyllable(typed) || typed.length < 4 || typed[0] !== word[0] || /\d/.test(typed + word)) return false;
  return editDistance(typed, word) === 1;
}

/** The tone mark of a word's accent signature (normalize.ts `Word.marks`), "" for none: the shape marks aside. */
function toneOf(marks: string): string {
  return [...marks].filter((m) => TONES.has(m)).join("");
}
const TONES = new Set(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]);

/** A term read for slips: its folded words, their marks and sounds, and its words as written. */
interface SlipTerm {
  tokens: string[];
  marks: string[];
  sounds: string[];
  written: string[];
}
const SLIP_TERMS = new WeakMap<readonly Redirect[], Map<string, Array<{ term: SlipTerm; j: number }>>>();

/**
 * The terms a slip may be of (two words or more, no gap), by each of their words: a slip is found from a word of the
 * term said as written (each redirects file read once).
 */
function slipTermsOf(redirects: readonly Redirect[]): Map<string, Array<{ term: SlipTerm; j: number }>> {
  let byWord = SLIP_TERMS.get(redirects);
  if (byWord) return byWord;
  byWord = new Map();
  for (const redirect of redirects) {
    for (const text of redirect.terms) {
      if (text.includes(GAP_MARK)) continue;
      const [piece] = piecesOf(text);
      const written = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
      if (!piece || piece.tokens.length < 2 || written.length !== piece.tokens.length) continue;
      const term = { ...piece, sounds: piece.tokens.map(confusedSoundsOf), written };
      piece.tokens.forEach((t, j) => {
        const list = byWord?.get(t) ?? [];
        list.push({ term, j });
        byWord?.set(t, list);
      });
    }
  }
  SLIP_TERMS.set(redirects, byWord);
  return byWord;
}

/**
 * Without accents a term's last word can be the "được" of "… được không?" ("kinh doanh duoc khong" asks whether a
 * business may do something, not about pharmacies): such a word before a question's tail is read as the question.
 */
const FOLDS_AS_ASKING = new Set(tokenize("được"));
const QUESTION_TAIL = new Set(tokenize("không ko k hok hông hong chưa chăng nữa"));
function endsAsAsked(tokens: readonly string[], marks: readonly string[], end: number): boolean {
  const last = tokens[end - 1] ?? "";
  return FOLDS_AS_ASKING.has(last) && (marks[end - 1] ?? "") === "" && QUESTION_TAIL.has(tokens[end] ?? "");
}

/**
 * Where the run stands in the words, each place it starts. The checks below differ only in what they ask of the
 * words around a term (a place word before it, a verb of doing, an article, a paper brought), so they share this.
 */
export function startsOf(tokens: readonly string[], run: readonly string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((t, j) => tokens[i + j] === t)) starts.push(i);
  }
  return starts;
}

/** Whether the term stands somewhere with the word before it (undefined at the start) passing the test. */
function saidAfter(
  tokens: readonly string[],
  term: readonly string[],
  before: (word: string | undefined, at: number) => boolean,
): boolean {
  return startsOf(tokens, term).some((i) => before(tokens[i - 1], i));
}

export function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  return startsOf(tokens, run).length > 0;
}

/**
 * Words a request opens with before its topic: "cho hỏi", "tôi muốn xin", "làm thủ tục"; and the chat's way of
 * calling the office first ("ad ơi cho e hỏi …", "mn ơi", "anh chị ơi"): none of them is what is asked.
 */
const OPENING = new Set(tokenize("cho hỏi muốn xin làm thủ tục về ạ ad admin ơi e mn anh chị"));
/**
 * Who asks, skipped only before a request ("tôi muốn vay vốn", "cho mình hỏi …"): "tôi ly hôn được 3 năm rồi" is a
 * status. A pronoun, no act: it is also who a purpose is for ("… để tôi vay vốn", toldOf), so it stays a list apart
 * from the acts below (ACTS_ASKED).
 */
const ASKER = new Set(tokenize("tôi em mình"));
/** The request word after ASKER: wanting or asking ("muốn", "hỏi"), and "xin", the one act of ACTS_ASKED said there. */
const REQUEST = new Set(tokenize("muốn xin hỏi"));
/**
 * The acts of asking for a paper or a service, the one list the readers of an act share: "xin", "làm", "cấp". Each
 * reader adds the acts of its own object, which differ because the objects do: a paper of a decision is got or
 * received too (ASKED_FOR: "lấy", "nhận"); an agency's service is renewed, changed, withdrawn, opened, closed,
 * registered … (SERVICE_ACTS: "gia hạn", "đổi", "rút", "mở", "chốt", "đăng ký" …), none of which a decision is.
 */
const ACTS_ASKED = ["xin", "làm", "cấp"];

/**
 * Whether the message opens with the term, its topic said first ("vay vốn ngân hàng chính sách cho hộ nghèo thì
 * thủ tục thế nào"): the request itself, though a ward procedure's words follow; a paper or a status in a
 * question about a procedure comes after it ("khai sinh cho con cần cccd của bố mẹ không").
 */
export function opensWith(text: string, term: readonly string[]): boolean {
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  if (opensAt(tokens, term, false)) return true;
  const wardNamed = WARD.some((run) => containsRun(tokens, run));
  // Done at the other agency itself ("hủy hợp đồng công chứng ở văn phòng công chứng"), the ward named nowhere
  // ("… ở phường hay chi cục thuế", "ở phường thay vì ra văn phòng công chứng" weigh the ward's against it).
  if (!wardNamed && saidAfter(tokens, term, (word) => AT.has(word ?? ""))) return true;
  // The agency itself asked to do it ("Can the Vietnamese embassy in Seoul register my father's death?", "register
  // the birth with the Vietnamese consulate"): its service, whatever civil-status words follow.
  // Not when the ward is named too ("we married at the Vietnamese embassy … can the ward give us a copy?").
  if (!wardNamed && AGENCY.some((t) => term.includes(t)) && askedOf(tokens, term)) return true;
  // A letter's question opens with it ("…. Xin hỏi thuận tình ly hôn nộp đơn ở đâu?"), or the citizen says they
  // need or want it ("nay tôi cần phiếu lý lịch tư pháp để …", "tôi muốn rút bảo hiểm xã hội một lần"): the request,
  // though ward words stand in the story around it.
  const clauses = clausesOf(text);
  if (clauses.length < 2) return false;
  if (
    clauses.some(
      (clause) =>
        ((clause.first && opensAt(clause.tokens, term, true)) ||
          requestsAt(clause.tokens, term) ||
          demandedAt(clause.said, term)) &&
        !namesAsHeld(clause.tokens.join(" "), [term]),
    )
  ) {
    return true;
  }
  // A complaint asked about what the term names ("công ty chậm trả lương 3 tháng rồi … tôi khiếu nại ở phường được
  // không"): the grievance is the agency's or the company's to settle, not the ward's first complaint procedure (which
  // is about the ward's own decisions).
  if (complains(tokens) && !namesAsHeld(text, [term]) && !forPurpose(text, term)) return true;
  // The term is most of what the letter's question says ("… Xin hỏi giờ tôi phải làm gì để được chốt sổ bảo hiểm?").
  const question = questionOf(text);
  if (!question) return false;
  // A question that names nothing ("Xin hỏi tôi phải liên hệ ai?", "nộp ở đâu?") asks about the sentence before it.
  const before = vague(question) ? sentenceAsked(text, question, term) : undefined;
  if (before && containsRun(tokenize(before), term) && !namesAsHeld(before, [term]) && !forPurpose(before, term)) {
    return true;
  }
  if (pointedAt(text, question, term)) return true;
  if (!containsRun(tokenize(question), term) || namesAsHeld(question, [term])) return false;
  // "… Xin hỏi tôi mang xe đi kiểm định ở trung tâm nào": where it is done, asked of the term itself
  if (whereAsked(tokenize(question), term)) return true;
  // The letter's question says doing it ("… bảo tôi tự đi làm trợ cấp tuất hàng tháng cho con, xin hỏi nộp ở đâu?"),
  // not as what it is for ("để làm …").
  if (doneAt(tokenize(question), term) && !forPurpose(question, term)) return true;
  const content = contentOf(question);
  const said = term.filter((t) => !IDLE.has(t)).length;
  return content > 0 && said * 2 >= content;
}

/** "… ở đâu", "… ở trung tâm nào", "… tại cơ quan nào": where, asked right after the term. */
const WHERE_AT = new Set(tokenize("ở tại"));
const WHERE = new Set(tokenize("đâu nào"));
const WHERE_REACH = 4;
function whereAsked(tokens: readonly string[], term: readonly string[]): boolean {
  return startsOf(tokens, term).some((i) => {
    const after = tokens.slice(i + term.length, i + term.length + WHERE_REACH);
    return WHERE_AT.has(after[0] ?? "") && after.slice(1).some((t) => WHERE.has(t));
  });
}

/** Asking to complain, or where to: "khiếu nại", "phản ánh", "complain". */
const COMPLAINT = ["khiếu nại", "phản ánh", "complain", "complaint"].map(tokenize);
function complains(tokens: readonly string[]): boolean {
  return COMPLAINT.some((run) => containsRun(tokens, run));
}

/** Verbs of doing a service, right before its name: "đi làm trợ cấp tuất", "xin thẻ tạm trú", "nộp thuế …". */
const DO = new Set(tokenize("làm xin nộp rút gia hạn nhận lĩnh"));

/** English verbs of asking for a service, and whose it is between ("claim my late father's life insurance"). */
const DO_EN = new Set(tokenize("claim renew replace extend apply"));
const WHOSE_EN = new Set(tokenize("my his her our their the a an late s father mother husband wife son daughter for"));
const WHOSE_EN_MOST = 4;

/** Whether a verb of doing stands right before the term (in English, maybe whose it is between). */
function doneAt(tokens: readonly string[], term: readonly string[]): boolean {
  return startsOf(tokens, term).some((i) => {
    if (DO.has(tokens[i - 1] ?? "")) return true;
    let k = i - 1;
    while (k >= 0 && i - k <= WHOSE_EN_MOST && WHOSE_EN.has(tokens[k] as string)) k--;
    return DO_EN.has(tokens[k] ?? "");
  });
}

/**
 * Whether the term is said as a purpose ("… công nhận hộ cận nghèo để được hỗ trợ bảo hiểm y tế") or a wish set aside
 * ("muốn khởi kiện nhưng …").
 */
function forPurpose(sentence: string, term: readonly string[]): boolean {
  const tokens = tokenize(sentence);
  return startsOf(tokens, term).some(
    (i) =>
      tokens.slice(Math.max(0, i - PURPOSE_REACH), i).includes("de") ||
      // "tôi muốn khởi kiện nhưng phải hòa giải trước": set aside by the sentence itself
      tokens.slice(i + term.length).some((t) => BUT.has(t)),
  );
}
const PURPOSE_REACH = 4;

/** Words of a question besides section cues, chat words and its frame. */
function contentOf(sentence: string): number {
  return extractIntent(words(sentence)).rest.filter((w) => !IDLE.has(w.token) && !FRAME.has(w.token)).length;
}

/** A question naming nothing: "Xin hỏi tôi phải liên hệ ai?", "Vậy nộp ở đâu?", "thủ tục thế nào?". */
function vague(question: string): boolean {
  return contentOf(question) <= VAGUE_WORDS;
}
const VAGUE_WORDS = 2;

/**
 * The sentence a question naming nothing asks about: the one just before it, or the one before that when the one
 * just before only tells of something done ("My employer stopped paying my social insurance. I already confirmed my
 * residence at the ward. Who do I complain to?").
 */
function sentenceAsked(text: string, sentence: string, term: readonly string[]): string | undefined {
  const sentences = sentencesOf(text);
  const at = sentences.lastIndexOf(sentence);
  const before = at > 0 ? sentences[at - 1] : undefined;
  if (before && at > 1 && toldDone(before)) return sentences[at - 2];
  // "… họ yêu cầu nộp phiếu lý lịch tư pháp. Cán bộ phường bảo không làm giấy này. Xin hỏi tôi xin ở đâu?": the paper
  // the sentence before points back at
  if (before && at > 1 && pointsBack(tokenize(before), PAPER) && !containsRun(tokenize(before), term)) {
    return sentences[at - 2];
  }
  return before;
}

/** Words for a paper or a thing, which "này" after them points back with: "giấy này", "phiếu này", "cái này". */
const PAPER = new Set(tokenize("giấy phiếu thẻ cái loại"));
/** "này" folded (as "nay", now, folds too: only after a head word it points). */
const THIS = "nay";

/** Whether the sentence points back at a thing by one of the heads ("giấy này", "thuế này"). */
function pointsBack(tokens: readonly string[], heads: ReadonlySet<string>): boolean {
  return tokens.some((t, i) => heads.has(t) && tokens[i + 1] === THIS);
}

/**
 * Whether the letter's question points back at the term by its head word ("… đi nộp thuế thu nhập cá nhân từ việc bán
 * đất. Xin hỏi thuế này là 2% phải không, tôi nộp tờ khai ở đâu?") and a sentence before asks or tells it for itself.
 */
function pointedAt(text: string, question: string, term: readonly string[]): boolean {
  const [head] = term;
  if (!head || term.length < 2 || !pointsBack(tokenize(question), new Set([head]))) return false;
  const sentences = sentencesOf(text);
  const at = sentences.lastIndexOf(question);
  return sentences
    .slice(0, Math.max(0, at))
    .some((s) => containsRun(tokenize(s), term) && !namesAsHeld(s, [term]) && !forPurpose(s, term));
}
/** "đã", "already": a deed done; with no need or wish in the sentence. */
// "was registered", "were issued": a deed told done, in English
const DONE_WORDS = new Set(tokenize("đã already was were"));
function toldDone(sentence: string): boolean {
  const tokens = tokenize(sentence);
  return tokens.some((t) => DONE_WORDS.has(t)) && !tokens.some((t) => NEEDS.has(t));
}

function sentencesOf(text: string): string[] {
  return text
    .slice(0, MAX_QUERY_CHARS)
    .split(/(?<=[.?!\n])/u)
    .filter((s) => tokenize(s).length > 0);
}

/** Words of a question's frame that say nothing of what is asked: "giờ tôi phải làm gì để được …". */
const FRAME = new Set(
  tokenize("giờ nay phải để thì là nào hỏi xin vậy ạ liên hệ ai đâu bây who whom do does should where go"),
);

/** A letter's question: its last sentence that asks ("?" or "hỏi"), when the message has several sentences. */
function questionOf(text: string): string | undefined {
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return undefined;
  return [...sentences].reverse().find((s) => s.includes("?") || tokenize(s).includes("hoi"));
}

function opensAt(tokens: readonly string[], term: readonly string[], question: boolean): boolean {
  let at = 0;
  // The term is tried at each word skipped too: "phải đóng thuế" is a term that opens with an opening word.
  const here = () => term.every((t, j) => tokens[at + j] === t);
  while (
    at < tokens.length &&
    !here() &&
    (OPENING.has(tokens[at] as string) ||
      (question && QUESTION_OPENING.has(tokens[at] as string)) ||
      (ASKER.has(tokens[at] as string) && (REQUEST.has(tokens[at + 1] ?? "") || MODAL.has(tokens[at + 1] ?? ""))) ||
      MODAL.has(tokens[at] as string) ||
      (MODAL.has(tokens[at - 1] ?? "") && JOIN.has(tokens[at] as string)) ||
      registersAt(tokens, at) ||
      howAt(tokens, at) ||
      OPEN_VERBS.has(tokens[at] as string))
  ) {
    at++;
  }
  return at < tokens.length && here();
}
/** Verbs that ask for what follows them at a request's opening: "đổi giấy phép lái xe quốc tế …", "mua bảo hiểm xe …". */
const OPEN_VERBS = new Set(tokenize("đổi cấp lại gia hạn mua mở rút học"));
/** "làm sao", "làm thế nào (để)", "cách", "hướng dẫn": asking how to do what follows. */
function howAt(tokens: readonly string[], at: number): boolean {
  const [before, word] = [tokens[at - 1] ?? "", tokens[at] as string];
  if (word === "cach" || (word === "huong" && tokens[at + 1] === "dan") || (word === "dan" && before === "huong")) {
    return true;
  }
  if (word === "sao") return before === "lam";
  if (word === "the") return before === "lam" && tokens[at + 1] === "nao";
  if (word === "nao") return before === "the" && tokens[at - 2] === "lam";
  return word === "de" && (before === "nao" || before === "sao");
}
/** What one should or must do, after who asks: "em nên mua bảo hiểm y tế …", "tôi phải nộp thuế …". */
const MODAL = new Set(tokenize("nên phải"));
/** "đăng ký", opening a request for what follows ("đăng ký hóa đơn điện tử cho hộ kinh doanh ở đâu"). */
const REGISTER = tokenize("đăng ký");

/** Whether the word at `at` is part of an "đăng ký" there (both its words, so "đang" alone is none). */
function registersAt(tokens: readonly string[], at: number): boolean {
  return [0, 1].some((k) => REGISTER.every((t, j) => tokens[at - k + j] === t));
}

/** Agencies a term may name: the embassy or consulate, asked as the one to do it. */
const AGENCY = tokenize("embassy consulate");
/** Words that make the agency the one asked ("can the …", "with the …", "at the …"), an article between. */
const ASKED_OF = new Set(tokenize("can could does do will would with at to contact"));
const THE = new Set(tokenize("the a"));

function askedOf(tokens: readonly string[], term: readonly string[]): boolean {
  return saidAfter(tokens, term, (word, at) => ASKED_OF.has((THE.has(word ?? "") ? tokens[at - 2] : word) ?? ""));
}

/** Before a place: "ở", "tại", "lên", "đến", "ra"; and the ward's own names. */
const AT = new Set(tokenize("ở tại lên đến"));
const WARD = ["phường", "xã", "ủy ban", "ubnd", "ward", "commune", "một cửa"].map(tokenize);

/** Words a letter's question opens with before its topic ("xin hỏi", "nay"); folded, so none that folds to a topic word. */
const QUESTION_OPENING = new Set(tokenize("hỏi nay"));
/** Who needs or wants something, and the verb: "nay tôi cần", "em muốn", "i need", "i want". */
const NEEDER = new Set(tokenize("tôi em mình chúng nay giờ nên ấy i we child son daughter wife husband"));
/** "get" as English asks it: "where can my child get her vaccinations", "how do I get a work permit". */
const NEEDS = new Set(tokenize("cần muốn nên need want should get"));

/** Whether the clause says the citizen needs or wants the term: "nay cần phiếu lý lịch tư pháp", "I need a …". */
function requestsAt(tokens: readonly string[], term: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    // "tôi cần …", "nay muốn …"; "muốn …" opening a clause too ("…, muốn tham gia bảo hiểm xã hội tự nguyện")
    if (!NEEDS.has(token) || !(NEEDER.has(tokens[i - 1] ?? "") || (i === 0 && WANTS.has(token)))) continue;
    let at = i + 1;
    // The term is tried at each word skipped too: "thẻ tạm trú" folds to "the tam tru", whose first word is an article.
    const here = () => term.every((t, j) => tokens[at + j] === t);
    while (
      at < tokens.length &&
      !here() &&
      (OPENING.has(tokens[at] as string) ||
        ARTICLE.has(tokens[at] as string) ||
        JOIN.has(tokens[at] as string) ||
        LEARN.has(tokens[at] as string) ||
        // "muốn hỏi đổi hoặc cấp lại bằng lái": two ways of doing it
        (OR.has(tokens[at] as string) && JOIN.has(tokens[at - 1] ?? "")) ||
        // "muốn mở cho cháu một tài khoản tiết kiệm": whom it is for, between the verb and the service
        (KIN.has(tokens[at] as string) && tokens[at - 1] === FOR))
    ) {
      at++;
    }
    // "i need a vietnamese criminal record certificate": a nationality before the English term
    if (tokens[at] === "vietnamese" || tokens[at] === "viet") at++;
    // "tôi muốn khởi kiện ra tòa nhưng nghe nói phải hòa giải ở xã trước": a wish the clause sets aside
    if (term.every((t, j) => tokens[at + j] === t) && !tokens.slice(at + term.length).some((t) => BUT.has(t))) {
      return true;
    }
  }
  return false;
}
const BUT = new Set(tokenize("nhưng but"));
const FOR = "cho";
const KIN = new Set(tokenize("con cháu vợ chồng bố mẹ ba má ông bà anh chị em"));
/** Wanting to know or ask about it: "tôi muốn biết lịch tiêm vắc xin", "em muốn hỏi về …", "I want to know about …". */
const LEARN = new Set(tokenize("biết hỏi tìm hiểu know about"));

/**
 * Another party demanding the paper of the citizen ("công ty yêu cầu phiếu lý lịch tư pháp số 1", "trường bắt nộp giấy
 * khám sức khỏe", "the employer requires a police clearance"): the citizen must get it, a request for that agency's
 * service. Not an identity paper, which the citizen holds and a ward procedure may ask for ("yêu cầu căn cước của bố mẹ").
 */
// "want proof that I still hold …": what is to be proved, demanded
const DEMANDED = ["yêu cầu", "requires", "required", "asks for", "asked for", "wants", "proof that"].map(tokenize);
/**
 * Demands whose folded words are other words too ("đòi" folds as "đợi", waiting, and "đổi"; "bắt" as "bật"): typed with
 * accents, only the demand's own accents say it ("nhà em đang đợi phiếu …" waits); typed without, it is a demand only with
 * a party that demands right before ("công ty đòi …", "cong ty bat nop …", "người ta đòi …"), never "nha em dang doi …".
 */
const DEMANDED_BY_PARTY = words("đòi bắt");
/** Who may demand a paper of the citizen, as runs: "nhà" alone is one's family ("nhà em"), "ta" alone "chúng ta". */
const DEMANDING_PARTIES = [
  ...["công ty", "trường", "nhà trường", "bên", "cơ quan", "ngân hàng", "chủ nhà", "sếp", "người ta", "họ"],
  ...["nơi", "xí nghiệp", "nhà tuyển dụng", "đơn vị", "hãng", "trung tâm", "phía"],
].map(tokenize);
const DEMANDING_PARTY_REACH = 3;
/** "đang", "chờ" before an unaccented "doi": "đang đợi", "chờ đợi". */
const WAITING = new Set(tokenize("đang chờ"));
/** Words between the demand and the paper: "yêu cầu phải có …", "bắt nộp …", "requires me to get a …". */
const DEMANDED_BETWEEN = new Set(tokenize("phải có nộp xin làm a an the my me to get submit provide i we still"));
const DEMANDED_BETWEEN_MOST = 3;
const IDENTITY = ["căn cước", "cccd", "cmnd", "chứng minh", "hộ chiếu", "passport", "identity"].map(tokenize);

function demandedAt(said: readonly Word[], term: readonly string[]): boolean {
  if (IDENTITY.some((run) => run.every((t, j) => term[j] === t))) return false;
  const tokens = said.map((w) => w.token);
  return startsOf(tokens, term).some((i) => {
    let end = i;
    while (end > 0 && i - end < DEMANDED_BETWEEN_MOST && DEMANDED_BETWEEN.has(tokens[end - 1] as string)) end--;
    if (DEMANDED.some((run) => run.every((t, j) => tokens[end - run.length + j] === t))) return true;
    const demand = said[end - 1];
    const byParty = DEMANDED_BY_PARTY.find((w) => demand?.token === w.token);
    if (!demand || !byParty || (demand.marks !== "" && demand.marks !== byParty.marks)) return false;
    // "ben em dang doi …", "cho doi": waiting, whoever is before it
    if (demand.marks === "" && WAITING.has(tokens[end - 2] ?? "")) return false;
    const before = tokens.slice(Math.max(0, end - 1 - DEMANDING_PARTY_REACH), end - 1);
    return DEMANDING_PARTIES.some((party) => containsRun(before, party));
  });
}
const ARTICLE = new Set(tokenize("a an the my her his our their to get apply for một"));
const WANTS = new Set(tokenize("muốn nên want should"));
/** Verbs between a need and its object: "muốn tham gia bảo hiểm xã hội", "cần đăng ký …", "want to join …". */
const JOIN = new Set(
  // "đơn": the form the request is made on ("tôi muốn làm đơn phúc khảo bài thi cho con")
  tokenize(
    "tham gia đăng ký thi lấy học mua đổi gia hạn nhận hưởng cấp lại join mời yêu cầu kê khai rút chỉnh sửa mở xây đơn",
  ),
);

interface Clause {
  tokens: string[];
  /** The same words with the accents typed. */
  said: Word[];
  /** The first clause with words of a sentence that asks (a question mark, "hỏi", or the message's last sentence). */
  first: boolean;
}

/** The message's clauses (split at . , ; : ? ! and line breaks), each knowing whether its sentence asks. */
function clausesOf(text: string): Clause[] {
  const sentences = text
    .slice(0, MAX_QUERY_CHARS)
    .split(/(?<=[.?!\n])/u)
    .filter((s) => tokenize(s).length > 0);
  return sentences.flatMap((sentence, k) => {
    const tokens = tokenize(sentence);
    const question = sentence.includes("?") || tokens.includes("hoi") || k === sentences.length - 1;
    const parts = sentence.split(/[,;:]/u).map(words);
    // "Xin hỏi, thuận tình ly hôn …": the opening words may stand alone before a comma
    const opening = parts.findIndex((part) =>
      part.some((w) => !OPENING.has(w.token) && !QUESTION_OPENING.has(w.token)),
    );
    return parts
      .map((part, i) => ({ tokens: part.map((w) => w.token), said: part, first: question && i === opening }))
      .filter((c) => c.tokens.length > 0);
  });
}

/**
 * Words before a paper's name that make it something to bring ("mang bản gốc căn cước", "kèm bản sao hộ chiếu"), as
 * runs: "trình" alone is the "chương trình" of "chương trình tiêm chủng", "theo" the "theo" of "theo quy định".
 */
const BRING = ["mang", "đem", "kèm", "bản gốc", "bản chính", "bản sao", "sao y", "photo", "xuất trình"].map(tokenize);

/**
 * Whether the message names the term as a paper the citizen brings rather than asks for: "có phải
 * mang bản gốc căn cước không" is about the documents of the procedure at hand, not about a căn cước. With the
 * `agency` whose term it is (the redirect matched), a paper that agency issues asked as needed counts too.
 */
export function namesPaperToBring(
  text: string,
  term: readonly string[],
  agency?: Redirect,
  /** The served redirects (other terms may stand between the need and the paper); the bundled ones if not given. */
  redirects?: RedirectTerms,
): boolean {
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  const brought = startsOf(tokens, term).some((i) => {
    const before = tokens.slice(Math.max(0, i - BRING_REACH), i);
    return BRING.some((run) => containsRun(before, run));
  });
  return brought || (agency !== undefined && asksPaperNeeded(text, term, agency, redirects));
}
const BRING_REACH = 3;

/**
 * Agencies whose service is a paper a ward procedure may ask for (data/redirects.json ids): a criminal record, a health
 * certificate, an identity card, a passport, a residence card, a licence, a legalisation, a diploma, a notarised
 * contract. Paying a tax, joining an insurance or a bill asked as needed («có phải đóng bảo hiểm xã hội không») are the
 * agency's own matter: their pointer stays.
 */
const ISSUES_PAPER = new Set([
  ...["ly-lich-tu-phap", "y-te", "can-cuoc", "ho-chieu", "thi-thuc-nguoi-nuoc-ngoai", "giay-phep-lai-xe"],
  ...["hop-phap-hoa-lanh-su", "van-bang-thi-cu", "quoc-tich", "giay-phep-lao-dong", "dang-ky-xe", "cong-chung"],
]);
/**
 * The folded terms of an agency whose service is a paper, read from the redirect as the catalogue holds it now (staff
 * edit data/redirects.json and it reloads: a term they add is a paper's name at once); templates with «…» aside.
 */
function paperTerms(agency: Redirect): ReadonlySet<string> {
  let terms = PAPER_TERMS.get(agency);
  if (!terms) {
    terms = new Set(
      ISSUES_PAPER.has(agency.id) ? agency.terms.filter((t) => !t.includes("…")).map((t) => tokenize(t).join(" ")) : [],
    );
    PAPER_TERMS.set(agency, terms);
  }
  return terms;
}
const PAPER_TERMS = new WeakMap<Redirect, ReadonlySet<string>>();
/** Words that ask whether a thing is needed, folded ("cần", "phải", "bắt buộc", "yêu cầu"; English "need"). */
const NEED_WORDS = words("cần phải buộc cầu need needs");
/** Words that may stand between the need and the paper: handing it in, getting it, bringing it, the paper's head. */
const NEED_GAP = new Set(
  tokenize(
    "có phải cần bắt buộc nộp lại thêm cả cũng mang đem kèm xin lấy đi cái bản giấy phiếu tờ theo một a an the his her my our their to get submit provide show also",
  ),
);
/** Other papers joined to the one asked («cần khám sức khỏe với lý lịch tư pháp hả»). */
const JOINED = new Set(tokenize("với và hoặc hay cùng and or"));
/** Where, how or how long it is got («lý lịch tư pháp số 1 xin ở đâu»): the agency's question. */
const GOT_HOW = [
  ...["ở đâu", "chỗ nào", "nơi nào", "bên nào", "cơ quan nào", "bao lâu", "bao nhiêu", "thế nào", "như nào", "làm sao"],
  ...["mấy ngày", "where", "how"],
].map(tokenize);
/** Whose the paper is, said after it («hộ chiếu của anh ấy có phải nộp không»). */
const OWNER = new Set(tokenize("của anh ấy chị em cô chú ông bà bố mẹ ba má con cháu vợ chồng tôi mình họ người nó"));
/** Words of the agency's own act that open a term («làm hộ chiếu», «cấp lại bằng lái»); getting the paper («xin») is none. */
const ACTS = new Set(tokenize("làm cấp đổi gia thi học mất sang extend"));
/** Words that open a purpose (folded, with their accents where typed): «để», "to", "for", "so". */
const PURPOSE_WORDS = words("để to for so");
/** How many words before the paper the need word may stand. */
const NEED_REACH = 7;

/**
 * A paper another agency issues, asked as needed for the case at hand (OOS s26): «có phải nộp phiếu lý lịch tư pháp
 * không», «cần căn cước của chủ hộ không vậy», «bố mẹ nuôi có phải đi khám sức khỏe không», «cần khám sức khỏe với lý
 * lịch tư pháp hả», "does he need a police clearance?", "is a copy of his passport required?". A need word before the
 * paper with only words of handing in, getting or bringing a paper between (or another paper joined by «với», «và»), and
 * the message ends as a yes/no question (the yes/no word, a particle after it, or "?" in English); where, how or how long
 * it is got («lý lịch tư pháp số 1 xin ở đâu») asks the agency. The need is asked of the record at hand's papers.
 */
function asksPaperNeeded(text: string, term: readonly string[], agency: Redirect, redirects?: RedirectTerms): boolean {
  // a term that says the agency's own act asks for its service («làm hộ chiếu», «gia hạn visa», «thi bằng lái»)
  if (!paperTerms(agency).has(term.join(" ")) || ACTS.has(term[0] as string)) return false;
  const typed = text.slice(0, MAX_QUERY_CHARS).normalize("NFC");
  const said = words(typed);
  const tokens = said.map((w) => w.token);
  if (GOT_HOW.some((run) => containsRun(tokens, run))) return false;
  const accented = typedWithMarks(said);
  // each word with its own accents where the message is typed with them («căn» is no «cần», «ạ» no «à»)
  const isAny = (list: readonly Word[], w: Word | undefined) =>
    w !== undefined && list.some((n) => n.token === w.token && (!accented || n.marks === w.marks));
  const english = !accented && /^\s*(?:do|does|did|is|are|will|would|must|should)\s/i.test(typed);
  const { end, yesNo } = questionEnd(said);
  if (!yesNo && !(english && typed.trimEnd().endsWith("?"))) return false;
  const isNeed = (w: Word | undefined) => isAny(NEED_WORDS, w);
  const terms = redirectTermSpans(tokens, redirects);
  return startsOf(tokens, term).some((at) => {
    const after = said.slice(at + term.length, end - 1);
    // a purpose said after the paper is what it is needed for, not the case ("does my dog need a passport to fly?")
    if (after.some((w) => isAny(PURPOSE_WORDS, w))) return false;
    // "is a copy of his passport required": the need said after the paper, in English
    if (english && after.some((w) => /^(?:required|needed|necessary|mandatory)$/.test(w.token))) return true;
    // «căn cước có cần không», «giấy khám sức khỏe có bắt buộc phải nộp không»: the need said after the paper alone
    if (after.some(isNeed) && after.every((w) => isNeed(w) || NEED_GAP.has(w.token) || OWNER.has(w.token))) return true;
    let joined = false;
    for (let i = at - 1; i >= Math.max(0, at - NEED_REACH); i--) {
      const w = said[i] as Word;
      if (isNeed(w)) return true;
      // the paper joined to another one the need is said of: «cần [giấy khám sức khỏe] với [lý lịch tư pháp] hả»
      if (JOINED.has(w.token)) joined = true;
      else if (!joined && !NEED_GAP.has(w.token) && !terms.some(([from, to]) => from <= i && i < to)) return false;
    }
    return false;
  });
}

/** Words that make what follows a paper to bring ("mang sổ hộ khẩu", "kèm bản sao", "xuất trình căn cước"). */
const BRING_VERBS = new Set(tokenize("mang đem kèm xuất trình photo"));

/** Whether the message speaks of bringing a paper ("có cần mang sổ hộ khẩu không", "phải photo căn cước không"). */
export function bringsPaper(text: string): boolean {
  return tokenize(text.slice(0, MAX_QUERY_CHARS)).some((t) => BRING_VERBS.has(t));
}

/** Certifying (the ward's chứng thực) and the agency set aside for it ("thay vì ra văn phòng công chứng"). */
const CERTIFY_RUNS = ["chứng thực", "certify", "certified", "certifying", "certification", "thay vì", "instead of"].map(
  tokenize,
);
/** How many words after "chứng thực" in its clause the thing certified may stand ("chứng thực chữ ký trên giấy ủy quyền …"). */
const CERTIFY_REACH = 10;
const DONE_BEFORE = new Set(tokenize("đã được"));

/**
 * For each word of the message, whether a certification stands before it in its clause, near enough to make it
 * what is certified ("chứng thực hợp đồng … thay vì ra văn phòng công chứng", "certify a copy of my passport").
 */
function certifiedWords(text: string, tokens: readonly string[]): boolean[] {
  const clauses = text
    .slice(0, MAX_QUERY_CHARS)
    .split(/[.,;:?!\n]/u)
    .map(tokenize);
  // The clauses' words are the message's words, split where its punctuation stands (else one clause).
  const parts = clauses.reduce((n, c) => n + c.length, 0) === tokens.length ? clauses : [[...tokens]];
  const out: boolean[] = [];
  for (const clause of parts) {
    let since = Number.POSITIVE_INFINITY;
    clause.forEach((_, i) => {
      out.push(since <= CERTIFY_REACH);
      since++;
      for (const run of CERTIFY_RUNS) {
        const from = i - run.length + 1;
        // "đã chứng thực ở phường, …": a deed done, not what is asked
        if (run.every((t, j) => clause[from + j] === t) && !DONE_BEFORE.has(clause[from - 1] ?? "")) since = 0;
      }
    });
  }
  return out;
}

/**
 * Words just before a term that make it something the citizen has, needs, lists or is, not the service
 * asked for: "có hộ chiếu", "cần cccd", "số căn cước của chủ hộ", "giấy tờ như căn cước", "đã ly hôn",
 * "trước khi khởi kiện".
 */
// "khớp cccd", "after divorce": a paper compared with, a status the citizen is in; "không có lương hưu", "ko lương hưu",
// "chưa có": one lacked, which is why a ward allowance is asked
const HAD_WORDS = words("có cần số như đã kèm mang dùng bằng và hoặc khớp after không ko chưa");
const HAD = new Set(HAD_WORDS.map((w) => w.token));
const HAD_MARKS = new Map(HAD_WORDS.map((w) => [w.token, w.marks]));
/**
 * Whether the word before the term makes it a paper had or needed (HAD), with the accents the citizen typed: "hồ sơ ly
 * hôn" is the divorce's own dossier (its 'sơ' folds like 'số'), not "số …" (s11 H2: 'nộp hồ sơ ly hôn ở đâu' lost the
 * court's pointer); "ho so" typed without accents is "hồ sơ" too. A dossier a paper is for ("xin giấy độc thân để làm hồ sơ
 * vay ngân hàng") still tells only what the paper is for.
 */
function hadBefore(typed: readonly Word[], at: number): boolean {
  const before = typed[at - 1];
  if (!before || !HAD.has(before.token)) return false;
  // "… để làm hồ sơ vay ngân hàng", "cho hồ sơ vay vốn": the dossier a ward paper is for, no request for the service
  if (before.token === "so" && typed[at - 2]?.token === "ho") {
    return typed.slice(Math.max(0, at - 2 - DOSSIER_FOR_REACH), at - 2).some((w) => DOSSIER_FOR.has(w.token));
  }
  const written = HAD_MARKS.get(before.token) ?? "";
  return before.marks === "" || written === "" || before.marks === written;
}
const DOSSIER_FOR = new Set(tokenize("để cho"));
const DOSSIER_FOR_REACH = 3;
// "không ra văn phòng công chứng", "khỏi lên …": the agency set aside, as "thay vì" does
const HAD_PAIRS = new Set([
  "truoc khi",
  "thay vi",
  "sau khi",
  "khong ra",
  "khoi ra",
  "khong len",
  "khong den",
  "khong qua",
  // "ghi sai năm sinh so với căn cước": the paper a record is compared with
  "so voi",
  "khop voi",
  "dung voi",
  "giong voi",
  "trung voi",
  "khac voi",
  "lech voi",
  // "được công nhận thì có hỗ trợ bảo hiểm y tế": a benefit the status brings
  "ho tro",
  // "hiện còn nợ thuế khoán quý 4": a debt the citizen has, told before the ward request
  "con no",
  "van no",
  "dang no",
]);
const COPY = new Set(tokenize("photo kèm"));
/** "theo hộ chiếu", "theo căn cước": what a record is written after. */
const AFTER_PAPER = "theo";
/** "căn cước ghi Thủy", "hộ chiếu ghi sai": what the paper says, told as evidence. */
const PAPER_SAYS = new Set(tokenize("ghi says shows"));
const HAS = new Set(tokenize("has have had holds"));
const WHOSE = new Set(tokenize("his her my our their a an the"));
/** "thông tin căn cước", "cập nhật căn cước cho hộ kinh doanh": an identity paper's details, carried into a record. */
const DETAILS = new Set(["thong tin", "cap nhat"]);
/** "khi đi vay ngân hàng mới phát hiện …", "… vay ngân hàng thì phát hiện …": what was found out while doing it. */
const FOUND_OUT = ["phát hiện", "mới biết", "found out", "noticed"].map(tokenize);
const FOUND_REACH = 4;
/** "tự dịch giấy khai sinh, căn cước và bằng cấp …": a paper translated. */
const TRANSLATED = "dich";
const TRANSLATED_REACH = 5;
const PURPOSE = "de";
/**
 * Words that say what follows is a purpose, as «để» does (REVIEW s27: «nhằm» went to the pointer): «để (mà)», «nhằm»,
 * «(với/nhằm) mục đích (là)», «phục vụ (cho)»; and before «việc» and the act, «cho», «vào» («dùng cho việc làm thẻ tạm
 * trú», «phục vụ việc xin visa»). Each read with its accents where typed: «nhầm» (a mistake) is no «nhằm».
 */
const PURPOSE_RUNS = ["để", "để mà", "nhằm", "mục đích", "mục đích là", "phục vụ", "phục vụ cho"].map((run) =>
  words(run),
);
const PURPOSE_BEFORE_DEED = ["cho", "vào"].map((run) => words(run));
const DEED = "viec";

/**
 * Where a purpose word said right before `end` starts (the longest run), «việc» between them allowed; -1 if none: «…
 * nhằm | làm visa», «… mục đích là | gia hạn thẻ tạm trú», «… dùng cho việc | làm thẻ tạm trú».
 */
function purposeBefore(said: readonly Word[], end: number): number {
  const deed = said[end - 1]?.token === DEED;
  const to = deed ? end - 1 : end;
  let from = -1;
  for (const run of deed ? [...PURPOSE_RUNS, ...PURPOSE_BEFORE_DEED] : PURPOSE_RUNS) {
    const start = to - run.length;
    const here = run.every((w, j) => {
      const typed = said[start + j];
      return typed?.token === w.token && (typed.marks === "" || typed.marks === w.marks);
    });
    if (start >= 0 && here && (from < 0 || start < from)) from = start;
  }
  return from;
}
/**
 * A ward paper or procedure, named before "để" in its clause, makes what follows "để" what that paper is for ("xin giấy
 * xác nhận độc thân để vay vốn", "đăng ký khai sinh để làm bảo hiểm y tế cho con"). With none named there, what follows
 * "để" is the citizen's own errand, which the pointer answers: "em về quê để làm căn cước", "qua công an để làm hộ
 * chiếu", "xuống huyện để đổi bằng lái", "cần gì để làm hộ chiếu" (review s11 H10: a list of the words before "để" missed
 * every trip it did not name). "giấy tờ" (papers in general) and "hồ sơ" are the errand's own papers, no ward paper.
 */
const WARD_PAPERS = [
  ...["giấy", "xác nhận", "trích lục", "bản sao", "sao y", "chứng thực", "khai sinh", "khai tử", "kết hôn", "độc thân"],
  ...["hôn nhân", "cư trú", "tạm trú", "thường trú", "hộ khẩu", "tạm vắng", "hộ kinh doanh", "giám hộ", "con nuôi"],
  ...["hộ nghèo", "cận nghèo", "khuyết tật", "certificate", "extract", "certified", "confirmation"],
].map(tokenize);
const PAPERS_IN_GENERAL = "to";
const GIAY = "giay";
/**
 * An errand said before "để": a trip ("về quê", "qua công an", "xuống huyện", "đi đâu"), or how it is got ("cần gì để",
 * "làm sao để"). Without one, nor a ward paper, what follows is a wish the clause tells a ward request for ("muốn đứng
 * tên một hộ riêng ngay tại nhà bố mẹ để vay vốn làm ăn" asks to split the household).
 */
const ERRAND = new Set(tokenize("đi về ra lên xuống vào qua sang đến tới ghé chạy đâu gì j sao nào"));
/** "dịch" in other words: "giao dịch", "dịch vụ", "mùa dịch", "phòng/chống dịch", "dịch bệnh". */
const NOT_TRANSLATING_BEFORE = new Set(tokenize("giao mùa phòng chống"));
const NOT_TRANSLATING_AFTER = new Set(tokenize("vụ bệnh covid"));
/** "bản án ly hôn", "quyết định ly hôn", "ghi chú ly hôn", "trích lục ly hôn": a paper (or the ward's note) of it. */
const PAPER_OF = new Set(["ban an", "quyet dinh", "ghi chu", "trich luc"]);
/** "xin quyết định thôi quốc tịch", "làm quyết định nhập quốc tịch", "nhận quyết định …": that paper asked for. */
const ASKED_FOR = new Set([...ACTS_ASKED, "lấy", "nhận"].flatMap(tokenize));
/** "hộ chiếu ghi sai ngày sinh thì làm lại": the paper itself wrong, to be fixed, is asked for. */
const WRONG = "sai";

/**
 * Whether the words around the term tell of it (a paper's content or details, a paper a record follows, what was found
 * out while doing it, a paper translated) rather than ask for it.
 */
function toldOf(
  typed: readonly Word[],
  tokens: readonly string[],
  at: number,
  to: number,
  clauseFrom: readonly number[],
): boolean {
  if (tokens[at - 1] === AFTER_PAPER) return true;
  // "giấy xác nhận độc thân để vay vốn", "… để tôi vay vốn", "… nhằm vay vốn": what a paper is for; not "cần gì để làm
  // hộ chiếu", "làm sao để …", which ask how to get it
  const saidBefore = purposeBefore(typed, at);
  const purposeAt = saidBefore >= 0 ? saidBefore : ASKER.has(tokens[at - 1] ?? "") ? purposeBefore(typed, at - 1) : -1;
  if (purposeAt > 0) {
    const before = tokens.slice(clauseFrom[purposeAt] ?? 0, purposeAt);
    if (wardPaperBefore(before) || !before.some((t) => ERRAND.has(t))) return true;
  }
  // "… ghi vào sổ hộ tịch để sau này cháu đi học, làm căn cước": the purpose goes on after a comma, a verb or two
  // opening the term's clause
  const clause = clauseFrom[at] ?? 0;
  const previous = clause > 0 ? (clauseFrom[clause - 1] ?? 0) : -1;
  if (previous >= 0 && at - clause <= PURPOSE_GOES_ON && tokens.slice(clause, at).every((t) => DO.has(t))) {
    const words = tokens.slice(previous, clause);
    const purpose = words.lastIndexOf(PURPOSE);
    if (purpose > 0 && wardPaperBefore(words.slice(0, purpose))) return true;
  }
  if (PAPER_SAYS.has(tokens[to] ?? "") && tokens[to + 1] !== WRONG) return true;
  if (PAPER_OF.has(`${tokens[at - 2] ?? ""} ${tokens[at - 1] ?? ""}`) && !ASKED_FOR.has(tokens[at - 3] ?? ""))
    return true;
  // "he has his passport", "we have a residence card": a paper held, in English
  if (HAS.has(tokens[at - 1] ?? "") || (HAS.has(tokens[at - 2] ?? "") && WHOSE.has(tokens[at - 1] ?? ""))) return true;
  const identity = IDENTITY.some((run) => run.every((t, j) => tokens[at + j] === t));
  if (identity && DETAILS.has(`${tokens[at - 2] ?? ""} ${tokens[at - 1] ?? ""}`)) return true;
  const after = tokens.slice(to, to + FOUND_REACH);
  if (FOUND_OUT.some((run) => containsRun(after, run))) return true;
  const before = tokens.slice(Math.max(0, at - TRANSLATED_REACH), at);
  return before.some(
    (t, i) =>
      t === TRANSLATED &&
      !NOT_TRANSLATING_BEFORE.has(before[i - 1] ?? tokens[at - before.length - 1] ?? "") &&
      !NOT_TRANSLATING_AFTER.has(before[i + 1] ?? tokens[at] ?? ""),
  );
}
/** How many verbs may open a clause that goes on with a purpose said before its comma ("…, làm căn cước"). */
const PURPOSE_GOES_ON = 2;

/** Whether the paper's treatment is asked after it: "hộ chiếu có phải dịch không", "giấy ủy quyền có cần chứng thực". */
const NEED_AFTER = [tokenize("có phải"), tokenize("có cần"), tokenize("phải"), tokenize("cần")];
const OWNED = "cua";
const OWNER_WORDS = 3;
const NEED_START = new Set(tokenize("có phải cần"));
/** What is done to a paper (not "mang", "nộp": "đăng kiểm cần mang gì" asks what to bring for the service). */
const TREATED = new Set(tokenize("dịch chứng công hợp sao photo translated certified"));
/** "có cần giấy khám sức khỏe, lý lịch tư pháp không": papers listed in one yes/no question of need. */
const NEED_FRAME = new Set(tokenize("cần phải"));
const NEED_FRAME_REACH = 8;
const QUESTION_CLOSE = new Set(tokenize("không ko k chưa"));
const QUESTION_CLOSE_REACH = 2;
/** "… nên không có lương hưu": a cause told, the status the question starts from. */
const SO = "nen";
/** "ở phường … hay phải ra phòng công chứng": the agency weighed as the other way, the ward's way asked first. */
const OR = new Set(tokenize("hay hoặc or"));
const OR_REACH = 3;
/** A health-insurance card with a birth registered (the ward's liên thông bundle holds the child's card). */
const HEALTH_CARD = ["bảo hiểm y tế", "bhyt", "health insurance"].map(tokenize);
const BIRTH_REGISTERED = ["khai sinh", "birth", "newborn", "mới sinh", "vừa sinh"].map(tokenize);

/**
 * Whether the term is set aside by the sentence around it: a paper whose treatment or need is asked ("hộ chiếu có phải
 * dịch không", "có cần giấy khám sức khỏe, lý lịch tư pháp không"), a cause told ("không đóng bảo hiểm xã hội nên không
 * có lương hưu"), the other way weighed against the ward's ("mang lên phường chứng thực, hay phải ra phòng công
 * chứng"), a newborn's health-insurance card beside its birth registration (the liên thông bundle).
 */
function setAside(
  tokens: readonly string[],
  at: number,
  to: number,
  sentenceFrom: readonly number[],
  complaint: boolean,
): boolean {
  // "hộ chiếu của anh ấy có phải dịch không": whose it is may stand between
  const owner =
    tokens[to] === OWNED ? tokens.slice(to + 1, to + 1 + OWNER_WORDS).findIndex((t) => NEED_START.has(t)) : -1;
  const after = tokens.slice(owner >= 0 ? to + 1 + owner : to);
  const need = NEED_AFTER.find((run) => run.every((t, j) => after[j] === t));
  if (need && TREATED.has(after[need.length] ?? "")) return true;
  const sentence = sentenceFrom[at] ?? 0;
  let sentenceEnd = at;
  while (sentenceEnd < tokens.length && sentenceFrom[sentenceEnd] === sentence) sentenceEnd++;
  const closes = tokens
    .slice(to, Math.min(sentenceEnd, to + QUESTION_CLOSE_REACH + 1))
    .some((t) => QUESTION_CLOSE.has(t));
  const frame = tokens.slice(Math.max(sentence, at - NEED_FRAME_REACH), at);
  if (
    closes &&
    frame.some((t) => NEED_FRAME.has(t)) &&
    !frame.some((t) => DO.has(t)) &&
    !DO.has(tokens[at - 1] ?? "")
  ) {
    return true;
  }
  if (!complaint && tokens[to] === SO) return true;
  const near = tokens.slice(Math.max(sentence, at - OR_REACH), at);
  if (near.some((t) => OR.has(t))) {
    const before = tokens.slice(sentence, at - OR_REACH + near.findIndex((t) => OR.has(t)) + 1);
    if (WARD.some((run) => containsRun(before, run))) return true;
  }
  const term = tokens.slice(at, to);
  if (HEALTH_CARD.some((run) => containsRun(term, run))) {
    const words = tokens.slice(sentence, sentenceEnd);
    if (BIRTH_REGISTERED.some((run) => containsRun(words, run))) return true;
  }
  return false;
}

/** Whether the words (a clause's, up to a "để") name a ward paper or procedure; "giấy tờ" alone names none. */
function wardPaperBefore(words: readonly string[]): boolean {
  return WARD_PAPERS.some((run) =>
    startsOf(words, run).some((i) => !(run.length === 1 && words[i + 1] === PAPERS_IN_GENERAL)),
  );
}

/** Where clauses and sentences end. */
const CLAUSE_END = /[.,;:?!\n]/u;
const SENTENCE_END = /[.?!\n]/u;

/** For each word of the message, where its clause (or, split at SENTENCE_END, its sentence) starts. */
function clauseStarts(text: string, tokens: readonly string[], ends: RegExp = CLAUSE_END): number[] {
  const clauses = text.slice(0, MAX_QUERY_CHARS).split(ends).map(tokenize);
  // The clauses' words are the message's words, split where its punctuation stands (else one clause).
  if (clauses.reduce((n, c) => n + c.length, 0) !== tokens.length) return tokens.map(() => 0);
  const out: number[] = [];
  let from = 0;
  for (const clause of clauses) {
    for (const _ of clause) out.push(from);
    from += clause.length;
  }
  return out;
}

/**
 * A paper in a list of papers all held or all saying the same ("trong khi căn cước, học bạ, bằng đại học đều có", "các
 * giấy tờ khác như căn cước, sổ bảo hiểm đều ghi 1963", "passport and ID both say …"): what the other papers show, told
 * beside a ward paper to be corrected or got, no request for the paper itself.
 */
const ALIKE = new Set(tokenize("đều cũng both all"));
const ALIKE_WHAT = new Set(tokenize("có ghi đúng là khớp giống thống nhất say says show have match"));
const ALIKE_REACH = 8;
function heldAlike(tokens: readonly string[], to: number, sentenceFrom: readonly number[]): boolean {
  const sentence = sentenceFrom[to - 1];
  for (let k = to; k < tokens.length && k <= to + ALIKE_REACH && sentenceFrom[k] === sentence; k++) {
    if (ALIKE.has(tokens[k] as string) && ALIKE_WHAT.has(tokens[k + 1] ?? "")) return true;
  }
  return false;
}

/** "rồi" up to this many words after a term's first word makes it done ("ly hôn rồi", "ly dị ở Đài Loan rồi"). */
const DONE_REACH = 5;
const DONE_AFTER = "roi";
/** How far before a term "ủy quyền" makes it what the authorisation is for ("ủy quyền cho người nhà rút …"). */
const AUTHORISED_REACH = 8;
const COPY_PAIRS = new Set(["ban sao", "sao y", "mang theo", "xuat trinh"]);
const COPY_AFTER = new Set(["ban sao", "sao y", "cong chung"]);

/**
 * The agency named as the one asking the citizen for a paper ("bên bảo hiểm xã hội bảo phải có giấy xác nhận thông tin
 * cư trú", "Chi cục thuế yêu cầu hợp đồng tặng cho phải được chứng thực", "Công ty bảo hiểm nhân thọ đòi bản sao trích
 * lục khai tử"): who sent the citizen to the ward, not the service asked. Not when the words after ask what it asks
 * for ("bảo hiểm xã hội yêu cầu những giấy tờ gì để rút một lần"): that is the agency's own procedure.
 */
const DEMANDS = [
  ...["yêu cầu", "đòi", "bảo phải", "bảo là", "bảo rằng", "bảo tôi", "bảo em", "bảo mình", "bảo cần", "nói phải"],
  // "công ty bảo hiểm bắt nộp trích lục khai tử", "bên ngân hàng kêu bổ sung giấy xác nhận độc thân"
  ...["bắt nộp", "bắt phải", "bắt bổ sung", "bắt làm", "bắt xin", "bắt có", "bảo nộp", "kêu nộp", "bảo bổ sung"],
  ...["kêu bổ sung", "kêu làm", "bảo làm"],
  ...["requires", "required", "requests", "requested", "asks for", "asked for", "asked me", "wants a", "wants an"],
  // sending the citizen to the ward for the paper ("bên bảo hiểm hướng dẫn lên phường xin xác nhận cư trú")
  ...["hướng dẫn lên", "hướng dẫn ra", "hướng dẫn về", "bảo lên", "bảo ra", "bảo về", "kêu lên", "kêu ra", "kêu phải"],
  ...["told me to", "sent me to"],
  // "Chi cục thuế hướng dẫn tôi về phường chứng thực …": the same, saying whom it sent (review s11 L2)
  ...["hướng dẫn", "bảo", "kêu", "nói"].flatMap((verb) =>
    ["tôi", "em", "mình", "chúng tôi", "nhà tôi"].flatMap((who) =>
      ["lên", "ra", "về", "đến", "qua", "xuống"].map((to) => `${verb} ${who} ${to}`),
    ),
  ),
].map(tokenize);
/** Words that may stand between the agency and its demand ("bên thuế lại yêu cầu", "vẫn đòi"). */
const DEMAND_BETWEEN = new Set(tokenize("lại cũng thì vẫn"));
/** Words after a demand that ask what is demanded. */
const WHAT = new Set(tokenize("gì j những nào what which"));
const WHAT_REACH = 5;

/**
 * The agency refusing the paper the citizen brought before its demand ("Trung tâm đăng kiểm không nhận bản photo, bảo
 * phải có bản sao chứng thực …"): still the agency asking, the words between are what it refused.
 */
const REFUSES = [
  "không nhận",
  "không chấp nhận",
  "không chịu nhận",
  "won't accept",
  "doesn't accept",
  "did not accept",
].map(tokenize);
const REFUSED_REACH = 4;

function demandsPaper(tokens: readonly string[], end: number): boolean {
  const refused = REFUSES.find((run) => run.every((t, j) => tokens[end + j] === t));
  if (refused) {
    const after = end + refused.length;
    for (let k = after; k <= after + REFUSED_REACH; k++) if (demandsPaper(tokens, k)) return true;
    return false;
  }
  const from = DEMAND_BETWEEN.has(tokens[end] ?? "") ? end + 1 : end;
  const demand = DEMANDS.find((run) => run.every((t, j) => tokens[from + j] === t));
  if (!demand) return false;
  const after = from + demand.length;
  return !tokens.slice(after, after + WHAT_REACH).some((t) => WHAT.has(t));
}

/**
 * Whether every place the message says one of the terms (overlapping terms taken together: "khởi kiện ra
 * tòa"), it names a paper held or needed, or a status.
 */
/**
 * Owed, said right before the term or a word before it ("còn nợ thuế", "nợ tiền điện", "thiếu tiền thuế", "khoản nợ
 * thuế"), with its accents where typed: "nó" is no "nợ". Typed bare, "no" owes only after "còn", "đang", "vẫn", "bị".
 */
const OWED = words("nợ thiếu");
const OWED_BARE_AFTER = new Set(tokenize("còn đang vẫn bị khoản"));
const OWED_BETWEEN = new Set(tokenize("tiền khoản số"));
function owedAt(typed: readonly Word[], at: number): boolean {
  const accented = typed.some((w) => w.marks !== "");
  for (const k of [at - 1, at - 2]) {
    const w = typed[k];
    if (!w || (k === at - 2 && !OWED_BETWEEN.has(typed[at - 1]?.token ?? ""))) continue;
    const owed = OWED.find((o) => o.token === w.token);
    if (!owed) continue;
    if (w.marks === owed.marks) return true;
    if (!accented && w.marks === "" && (w.token !== "no" || OWED_BARE_AFTER.has(typed[k - 1]?.token ?? "")))
      return true;
  }
  return false;
}

/** Paying asked after the debt, in its sentence ("… thì nộp ở đâu", "đóng cho ai", "pay where"). */
const PAID = new Set(tokenize("nộp đóng trả pay"));
function paidAfter(tokens: readonly string[], to: number, sentenceFrom: readonly number[]): boolean {
  const sentence = sentenceFrom[to] ?? 0;
  for (let k = to; k < tokens.length && (sentenceFrom[k] ?? 0) === sentence; k++)
    if (PAID.has(tokens[k] ?? "")) return true;
  return false;
}

/**
 * A supply cut or a line down ("mất nước hai ngày nay rồi", "bị cắt điện từ sáng", "has had no water since this
 * morning"): a state that goes on, never a paper or a status held, however "rồi" or "has had" tells it (session 22).
 */
const OUTAGES = [
  ...["mất nước", "bị mất nước", "mất điện", "cắt điện", "bị cắt điện", "cắt nước", "cúp điện", "cúp nước"],
  ...["mất mạng", "rớt mạng", "mất internet", "mất wifi", "no water", "no power", "no electricity"],
].map(tokenize);
function outageAt(tokens: readonly string[], at: number, to: number): boolean {
  return OUTAGES.some((run) => run.length === to - at && run.every((t, j) => tokens[at + j] === t));
}

/**
 * A paper or service not yet had ("chưa có hộ chiếu", "chưa từng có mã số thuế"), the rest of its sentence a bare
 * request to get one ("…, làm lần đầu ở đâu", "… thì xin thế nào", "…, giờ muốn làm thì cần gì"): a get-verb and a
 * where/how asked, no word of another thing (a lack told as the reason for a ward request names that request: "chưa có
 * lương hưu nên xin trợ cấp ở đâu").
 */
const NOT_YET = new Set(tokenize("chưa"));
const NOT_YET_LEAD = new Set(tokenize("từng hề"));
const HAVE = tokenize("có")[0] as string;
const GET_VERBS = new Set(tokenize("làm xin cấp đăng ký lấy đi"));
const GET_ASKED = [
  "ở đâu",
  "đâu",
  "chỗ nào",
  "thế nào",
  "như thế nào",
  "ntn",
  "ra sao",
  "sao",
  "cần gì",
  "gì",
  "bao lâu",
];
const GET_ASKED_TOKENS = new Set(GET_ASKED.flatMap((run) => tokenize(run)));
const GET_BARE = new Set(
  tokenize(
    "thì giờ bây nay muốn cần phải lần đầu mới cho bé con cháu nó em tôi mình được đc không ko ạ vậy nhỉ ạ ơi với nữa cũng và rồi thủ tục những giấy tờ mất",
  ),
);
/**
 * The citizen puts another agency forward as where to go and asks whether that or another place is right: in the
 * sentence that asks ("?", else the last one), a verb of going or filing and a place word stand just before the term
 * ("làm ở phòng xuất nhập cảnh", "nộp ở Cục Lãnh sự", "mang đến Sở Ngoại vụ") and places are weighed after it ("hay",
 * "or"), with no ward place among them from the verb on ("làm ở phường hay phòng công chứng" may be the ward's own
 * certification; a ward named in the story before is no place weighed).
 */
const GO_OR_FILE = new Set(tokenize("làm nộp đi mang đem gửi xin lên đến ra sang submit apply go take file"));
const PLACE_WORDS = words("ở tại lên đến ra sang at to");
const WEIGHED = new Set(tokenize("hay hoặc or"));
const WARD_PLACES = ["phường", "xã", "ủy ban", "ubnd", "một cửa", "ward", "commune"].map(tokenize);
const PROPOSE_REACH = 3;
function proposesAgency(text: string, said: readonly (readonly string[])[]): boolean {
  const slice = text.slice(0, MAX_QUERY_CHARS);
  const sentences = slice.split(/(?<=[.?!\n])\s*/u).filter((x) => /[\p{L}\p{N}]/u.test(x));
  const asking = sentences.filter((x) => x.includes("?"));
  const sentence = asking.at(-1) ?? sentences.at(-1);
  if (!sentence) return false;
  const typed = words(sentence);
  const tokens = typed.map((w) => w.token);
  const placeAt = (k: number) => {
    const w = typed[k];
    return w !== undefined && PLACE_WORDS.some((p) => p.token === w.token && (w.marks === "" || w.marks === p.marks));
  };
  return said.some((run) =>
    startsOf(tokens, run).some((at) => {
      const from = Math.max(0, at - PROPOSE_REACH);
      const window = tokens.slice(from, at + run.length);
      const goes = window.some((t) => GO_OR_FILE.has(t));
      let placed = false;
      for (let k = from; k < at + run.length; k++) if (placeAt(k)) placed = true;
      // the places weighed, from the verb on: none of them the ward's
      const weighed = tokens.slice(from);
      return (
        goes &&
        placed &&
        tokens.slice(at + run.length).some((t) => WEIGHED.has(t)) &&
        !WARD_PLACES.some((place) => containsRun(weighed, place))
      );
    }),
  );
}

function saysLackedThenAsked(text: string, said: readonly (readonly string[])[]): boolean {
  const typed = words(text.slice(0, MAX_QUERY_CHARS));
  const tokens = typed.map((w) => w.token);
  const sentenceFrom = clauseStarts(text, tokens, SENTENCE_END);
  return said.some((run) =>
    startsOf(tokens, run).some((at) => lackedThenAsked(typed, at, at + run.length, sentenceFrom)),
  );
}
function lackedThenAsked(typed: readonly Word[], at: number, to: number, sentenceFrom: readonly number[]): boolean {
  if (typed[at - 1]?.token !== HAVE) return false;
  let k = at - 2;
  while (k >= 0 && NOT_YET_LEAD.has(typed[k]?.token ?? "")) k--;
  if (!NOT_YET.has(typed[k]?.token ?? "")) return false;
  const sentence = sentenceFrom[at];
  const rest = typed
    .slice(to)
    .filter((_, j) => sentenceFrom[to + j] === sentence)
    .map((w) => w.token);
  if (rest.length === 0) return false;
  const gets = rest.some((t) => GET_VERBS.has(t));
  const asked = GET_ASKED.some((run) => containsRun(rest, tokenize(run)));
  return gets && asked && rest.every((t) => GET_VERBS.has(t) || GET_ASKED_TOKENS.has(t) || GET_BARE.has(t));
}

export function namesAsHeld(text: string, terms: readonly (readonly string[])[]): boolean {
  const typed = words(text.slice(0, MAX_QUERY_CHARS));
  const tokens = typed.map((w) => w.token);
  const spans: Array<[number, number]> = [];
  for (const term of terms) {
    if (term.length > 0) for (const i of startsOf(tokens, term)) spans.push([i, i + term.length]);
  }
  if (spans.length === 0) return false;
  spans.sort((a, b) => a[0] - b[0]);
  let start = -1;
  let end = -1;
  const merged: Array<[number, number]> = [];
  for (const [from, to] of spans) {
    if (from >= end) {
      if (start >= 0) merged.push([start, end]);
      start = from;
    }
    end = Math.max(end, to);
  }
  merged.push([start, end]);
  const certified = certifiedWords(text, tokens);
  const clauseFrom = clauseStarts(text, tokens);
  const sentenceFrom = clauseStarts(text, tokens, SENTENCE_END);
  const complaint = complains(tokens);
  return merged.every(([at, to]) => {
    if (outageAt(tokens, at, to)) return false;
    // "bé nhà tôi chưa có hộ chiếu, làm lần đầu ở đâu": a paper not yet had, then got in a question that names nothing
    // else: the paper is what is asked, not a lack told as the reason for another request
    if (lackedThenAsked(typed, at, to, sentenceFrom)) return false;
    // "còn nợ thuế khoán 3 tháng thì nộp ở đâu", "đang nợ tiền điện, trả ở đâu": a debt to settle, its payment asked in
    // its sentence, no paper held (FOLLOW 10:54); owed as the state of another request ("còn nợ thuế môn bài thì có tạm
    // ngừng kinh doanh được không") stays held
    if (owedAt(typed, at) && paidAfter(tokens, to, sentenceFrom)) return false;
    // "lương hưu xã hội người già": the social pension's everyday name, not social insurance's pension
    if (tokens[to] === "xa" && tokens[to + 1] === "hoi") return true;
    // "chứng thực chữ ký trên đơn xin rút bảo hiểm xã hội", "certify a copy of my passport": what the ward certifies
    if (certified[at]) return true;
    const before = tokens[at - 1] ?? "";
    // "nay tôi cần phiếu lý lịch tư pháp": the citizen needs it, a request, not a paper a procedure needs
    if (before === "can" && NEEDER.has(tokens[at - 2] ?? "")) return false;
    const pair = `${tokens[at - 2] ?? ""} ${before}`;
    // "chứng thực bản sao sổ bảo hiểm xã hội", "photo căn cước": a copy of the paper, made at the ward; "giấy ủy
    // quyền nhận lương hưu thay": what an authorisation (whose signature the ward certifies) is for
    // "căn cước photo", "hộ chiếu bản sao công chứng": a copy named after the paper
    const after = `${tokens[to] ?? ""} ${tokens[to + 1] ?? ""}`;
    const copied = COPY.has(before) || COPY_PAIRS.has(pair) || tokens[to] === "photo" || COPY_AFTER.has(after);
    const authorised = tokens
      .slice(Math.max(0, at - AUTHORISED_REACH), at)
      .join(" ")
      .includes("uy quyen");
    // "ly hôn rồi, giờ muốn cưới …", "em ly dị ở Đài Loan rồi": a status, done; not a grievance complained of
    // ("công ty chậm trả lương 3 tháng rồi, tôi khiếu nại ở đâu"), which goes on
    const done = !complaint && tokens.slice(at + 1, at + 1 + DONE_REACH).includes(DONE_AFTER);
    return (
      hadBefore(typed, at) ||
      HAD_PAIRS.has(pair) ||
      copied ||
      authorised ||
      done ||
      demandsPaper(tokens, to) ||
      toldOf(typed, tokens, at, to, clauseFrom) ||
      setAside(tokens, at, to, sentenceFrom, complaint) ||
      heldAlike(tokens, to, sentenceFrom)
    );
  });
}

/**
 * A ward paper got in the question, another agency's service only beside it (review s15: a ward paper wanted for a
 * bank got the bank's pointer). The message's question — its last clause, from its last "thì" — asks where or how to
 * get something ("xin ở đâu", "làm lại … thế nào", "xin giấy này ở đâu"), and names none of the service's terms; and
 * either it names a ward paper itself ("làm lại giấy kết hôn thế nào", after "mất hết căn cước với giấy đăng ký kết
 * hôn"), or it names nothing and a ward paper said before is what it gets, the service standing there as what the paper
 * is for or who wants it ("cần bản sao giấy đăng ký kết hôn để nộp ngân hàng vay vốn, xin ở đâu", "vay ngân hàng cần
 * giấy xác nhận tình trạng hôn nhân, xin ở đâu", "… ngân hàng đề nghị có giấy xác nhận độc thân thì xin giấy này ở
 * đâu"). A service acted on the paper ("giấy khai sinh cần hợp pháp hóa lãnh sự …, làm ở đâu") is no purpose: its
 * pointer stays.
 */
const GET = ["xin", "làm", "làm lại", "cấp", "cấp lại", "lấy", "get", "apply"].map(tokenize);
const GET_HOW = ["ở đâu", "đâu", "chỗ nào", "thế nào", "như thế nào", "ntn", "ra sao", "cần gì", "where", "how"].map(
  tokenize,
);
const GET_REACH = 6;
/** Before the service: what the paper is for ("để nộp ngân hàng", "nộp cho ngân hàng"). */
const FOR_SERVICE = ["để", "nộp", "cho", "gửi", "for", "to"].map(tokenize);
/** After the service: it wants the paper ("ngân hàng đề nghị có …", "vay ngân hàng cần …", "… yêu cầu"). */
const SERVICE_WANTS = ["cần", "đề nghị", "yêu cầu", "đòi", "bắt", "hỏi", "requires", "wants", "needs", "asks"].map(
  tokenize,
);
/** The citizen wanting the service itself ("tôi cần hợp pháp hóa lãnh sự giấy này"): then it is asked. */
const WANTS_SERVICE = ["cần", "muốn", "phải", "định", "need", "want"].map(tokenize);
const ROLE_REACH = 3;
/** A paper pointed back at ("giấy này", "giấy đó", "cái này"). */
const THIS_PAPER = ["giấy này", "giấy đó", "giấy ấy", "cái này", "cái đó", "nó"].map(tokenize);

function paperAskedBeside(text: string, said: readonly (readonly string[])[]): boolean {
  const all = textWords(text.slice(0, MAX_QUERY_CHARS));
  const last = all.at(-1);
  if (!last) return false;
  const clause = all.filter((w) => w.clause === last.clause).map((w) => w.token);
  const thenAt = clause.lastIndexOf("thi");
  const question = thenAt >= 0 ? clause.slice(thenAt + 1) : clause;
  const gets = GET.some((verb) =>
    startsOf(question, verb).some((at) =>
      GET_HOW.some((how) => startsOf(question.slice(at + verb.length, at + verb.length + GET_REACH), how).length > 0),
    ),
  );
  if (!gets || said.some((term) => containsRun(question, term))) return false;
  const names = (words: readonly string[]) =>
    WARD_PAPERS.some((run) => run.join(" ") !== GIAY && containsRun(words, run)) ||
    containsRun(words, tokenize("giấy kết hôn"));
  if (names(question)) return true;
  // the question names nothing of its own (or points back at the paper): a ward paper before it, wanted by or for the
  // service
  const own = question.filter((t) => !IDLE.has(t) && !GET_HOW.some((h) => h.includes(t)) && !/^\d+$/.test(t));
  if (own.length > 0 && !THIS_PAPER.some((run) => containsRun(question, run))) return false;
  const tokens = all.map((w) => w.token);
  if (!names(tokens)) return false;
  const within = (part: readonly string[], runs: readonly (readonly string[])[]) =>
    runs.some((run) => startsOf(part, run).length > 0);
  return said.every((term) =>
    startsOf(tokens, term).some((at) => {
      const before = tokens.slice(Math.max(0, at - ROLE_REACH), at);
      if (within(tokens.slice(Math.max(0, at - 2), at), WANTS_SERVICE) && !within(before, FOR_SERVICE)) return false;
      return (
        within(before, FOR_SERVICE) ||
        within(tokens.slice(at + term.length, at + term.length + ROLE_REACH + 1), SERVICE_WANTS)
      );
    }),
  );
}

/**
 * Acts a citizen asks another agency to do on its term, said right before it or opening it («làm hộ chiếu», «xin phiếu
 * lý lịch tư pháp», «gia hạn visa», «cấp lại bằng lái», «chốt sổ bảo hiểm xã hội», «quyết toán thuế thu nhập cá nhân»,
 * «mở tài khoản ngân hàng», «đăng ký nhãn hiệu»), with «lại» between («làm lại căn cước»).
 */
const SERVICE_ACTS = [
  ...ACTS_ASKED,
  ...["đổi", "rút", "mở", "chốt", "thi", "học", "gia hạn", "quyết toán", "đăng ký", "sang tên"],
  ...["cập nhật", "apply for", "renew", "extend", "get"],
].map(tokenize);
const AGAIN = new Set(tokenize("lại mới"));
/** Where it is asked, after the term («… thì làm ở đâu», «… thì lên cơ quan nào», «… nộp chỗ nào», "where"). */
const WHERE_ASKED = words("đâu where");
const WHICH_PLACE = ["chỗ nào", "nơi nào", "cơ quan nào", "bên nào", "which office", "which agency"].map(tokenize);

/** Acts of paying, asked after a term of money owed to the agency («thuế … thì nộp ở đâu», «tiền phạt đóng ở đâu»). */
const PAY_ACTS = ["nộp", "đóng", "trả"].map(tokenize);
const MONEY = new Set(tokenize("thuế tiền phí phạt"));
/** «thì» (the question's part follows it); typed bare it is the act «thi» too, never read as one after the term. */
const THEN = "thi";
/** How many words may stand between the act after the term (and «lại») and the place asked («nộp ở đâu»: 1). */
const ACT_TO_WHERE = 2;

/**
 * Whether an act of asking for the agency's service (or, after a term of money, of paying it) is said after the term
 * and before the place asked at `to`, in the question's part (after the last «thì»), close to the place asked: «sổ
 * bảo hiểm xã hội bị thất lạc thì làm lại ở đâu», «visa của chồng sắp hết thì xin gia hạn ở cơ quan nào»; not «hộ
 * chiếu của chồng thì nộp bản sao ở đâu» (a paper brought: no act of the service, no money), «hộ chiếu mới làm xong
 * thì nộp ở đâu» (the act told before «thì»).
 */
function actedAfter(tokens: readonly string[], from: number, to: number, money: boolean): boolean {
  let start = from;
  for (let k = from; k < to; k++) if (tokens[k] === THEN) start = k + 1;
  const acts = money ? [...SERVICE_ACTS, ...PAY_ACTS] : SERVICE_ACTS;
  for (let k = start; k < to; k++) {
    const act = acts.find((a) => a.join(" ") !== THEN && a.every((t, j) => tokens[k + j] === t));
    if (act === undefined) continue;
    let end = k + act.length;
    while (end < to && AGAIN.has(tokens[end] as string)) end++;
    if (end <= to && to - end <= ACT_TO_WHERE) return true;
  }
  return false;
}

/**
 * Whether the message asks the agency of the matched redirect for its own service: one of its terms said after an act
 * of asking for it, or opening with one («con gái tôi cần làm hộ chiếu đi du học thì làm ở đâu», «bạn tôi người Hàn muốn
 * gia hạn thị thực thì xin ở đâu», «sẵn cho hỏi đổi bằng lái xe … ở đâu»), or the act said after the term, right before
 * the place asked (actedAfter: «bằng lái xe máy bị mất thì cấp lại chỗ nào»), then where it is done asked after it, and no
 * yes/no question of a paper needed («hồ sơ có cần mang căn cước không», «có cần làm hộ chiếu không»). After an answer,
 * that is the other agency's service asked (its pointer), not a section of the procedure at hand, unless the record at
 * hand names the act itself (the caller's check). Each word with its own accents where typed («đầu» is no «đâu»).
 */
export function asksAgencyService(text: string, match: RedirectMatch, redirects?: RedirectTerms): boolean {
  const said = words(text.slice(0, MAX_QUERY_CHARS).normalize("NFC"));
  const tokens = said.map((w) => w.token);
  if (questionEnd(said).yesNo || namesPaperToBring(text, match.term, match.redirect, redirects)) return false;
  const whereAt = (from: number) => {
    for (let k = from; k < said.length; k++) {
      const w = said[k] as Word;
      if (WHERE_ASKED.some((n) => n.token === w.token && (w.marks === "" || w.marks === n.marks))) return k;
      if (WHICH_PLACE.some((run) => run.every((t, j) => tokens[k + j] === t))) return k;
    }
    return -1;
  };
  const where = (from: number) => whereAt(from) >= 0;
  return match.said.some((run) =>
    startsOf(tokens, run).some((at) => {
      const opens = SERVICE_ACTS.some((act) => act.every((t, j) => run[j] === t));
      let before = at;
      while (before > 0 && AGAIN.has(tokens[before - 1] as string)) before--;
      const act = SERVICE_ACTS.find((act) => act.every((t, j) => tokens[before - act.length + j] === t));
      // «thuế thu nhập cá nhân … thì nộp ở đâu», «hộ chiếu của con hết hạn thì gia hạn ở đâu»: the act said after the
      // term, in the question's part before the place asked
      if (!opens && act === undefined) {
        // «… công nhận hộ mức sống trung bình để mua bảo hiểm y tế, làm ở đâu»: the term is what the thing asked is
        // for (a purpose word right before it, or a verb or two before it), and the act after it that thing's
        if ([at, at - 1, at - 2].some((k) => purposeBefore(said, k) >= 0)) return false;
        const to = whereAt(at + run.length);
        // «ngân hàng yêu cầu giấy xác nhận độc thân thì xin ở đâu»: a ward paper named beside the term, before the place
        // asked, is what the act after is for
        if (to < 0 || wardPaperBefore([...tokens.slice(0, at), ...tokens.slice(at + run.length, to)])) return false;
        return actedAfter(tokens, at + run.length, to, MONEY.has(run[0] as string));
      }
      // «xin trích lục khai sinh để làm hộ chiếu cho con ở đâu», «… nhằm làm hộ chiếu», «… với mục đích làm hộ chiếu»:
      // the agency's service is what a ward paper asked before the purpose word is for, and the place asked is that
      // paper's (REVIEW s27 on 20cd32c); «về quê để làm hộ chiếu» is not.
      const purposeAt = purposeBefore(said, opens ? at : before - (act?.length ?? 0));
      if (purposeAt >= 0 && wardPaperBefore(tokens.slice(0, purposeAt))) return false;
      return where(at + run.length);
    }),
  );
}
