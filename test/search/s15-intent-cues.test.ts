import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords, words } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse as converseOn, type Turn } from "../harness/converse.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const intentOf = (text: string) => extractIntent(textWords(text)).intent;

/**
 * Session 15's families, each beside a counter-case that must keep its section: a penalty asked with its amount or
 * its "how" (the conditions, eval/README), a limit the rules set ("tối đa bao lâu") against the office's wait, which
 * office in Central speech, a need stated after the question, "đk gì" said alone after an answer.
 */
describe("section cues that generalise (session 15)", () => {
  it.each([
    // a penalty, its amount asked after it in its clause or how it is, is the conditions; "lệ phí" stays the fee
    ["phạt xây nhà không phép bao nhiêu", "conditions"],
    ["be 3 tuoi chua khai sinh, gio lam thi phat bn", "conditions"],
    ["nếu xây trước rồi xin sau thì bị phạt thế nào", "conditions"],
    ["xây sai phép bị xử phạt ra sao", "conditions"],
    ["xây nhà không xin phép thì bị xử lý thế nào", "conditions"],
    ["xây lấn thì phạt sao", "conditions"],
    ["hồ sơ được xử lý thế nào", "steps"],
    ["lệ phí bao nhiêu, trễ thì có bị phạt không", "fee"],
    ["em bị phạt rồi, giờ làm lại hết bao nhiêu tiền", "fee"],
    ["thôi, tôi muốn khiếu nại quyết định xử phạt mà phường ra cho tôi", "general"],
    ["phát sinh thêm bao nhiêu tiền", "fee"],
    // how long at most the rules allow is a condition; the office's wait at most, the time
    ["nghỉ tối đa được bao lâu", "conditions"],
    ["được nghỉ tối đa bao lâu", "conditions"],
    ["tạm trú tối đa mấy năm", "conditions"],
    ["how long can i pause my business", "conditions"],
    ["mất tối đa bao lâu", "time"],
    ["chờ tối đa bao lâu", "time"],
    ["giải quyết tối đa bao nhiêu ngày", "time"],
    ["tối đa bao lâu thì có kết quả", "time"],
    // which office, in Central speech, after going or being there; "xã mở hội" is no question
    ["đăng ký tạm trú ở phường mô rứa", "place"],
    ["lên xã mô làm", "place"],
    ["báo xã mở hội làng", "general"],
    // a need stated after the question is the errand; asked, it is the papers
    ["What time does the ward office open on Saturday? I need a copy certified from the original.", "place"],
    ["Where is the office? Do I need a copy?", "documents"],
    // "đk gì" said alone asks the conditions; "đăng ký gì" spelled out asks which registration
    ["đk gì", "conditions"],
    ["cần đăng ký gì", "general"],
    // when, in Southern and Central speech; when one must, a deadline; when to hand it in, the rules' time
    ["chừng nào lấy được", "time"],
    ["khi mô có", "time"],
    ["chừng nào phải khai tử", "conditions"],
    ["rứa răng lâu mới biết được công nhận hay không", "time"],
    ["mỗi năm xét mấy lần, bao giờ thì nộp", "conditions"],
    ["nộp hôm nay thì khi nào nhận", "time"],
    // the office late is its time, not the citizen's deadline
    ["xã trả lời trong bao lâu, quá hạn không trả lời thì sao", "time"],
    ["quá hạn không đăng ký thì sao", "conditions"],
    ["quá hạn không trả lời thì làm gì", "conditions"],
    // at most how many days until it is done is the office's wait (review s15 M1)
    ["tối đa bao nhiêu ngày thì xong", "time"],
    ["tối đa bao lâu là được cấp", "time"],
    // money and place in Central speech and chat
    ["có tốn chi không", "fee"],
    ["tốn nhiêu", "fee"],
    ["nộp mô rứa", "place"],
    // a life lived or ended at the hometown is the story; an act done there, the place
    [
      "ông mất năm 1998 ở quê, xã nói sổ hộ tịch năm đó bị lũ cuốn mất rồi, ông là người Việt sống ở quê cả đời",
      "general",
    ],
    ["làm khai sinh ở quê được không", "place"],
    ["bà mất ở quê, làm khai tử ở quê hay ở thành phố", "place"],
    // "cho" typed as such is no "chỗ"
    ["hai anh em lại muốn hủy hợp đồng tặng cho đó luôn thì chứng thực việc hủy thế nào", "steps"],
    ["nhân tiện làm chung chỗ đó luôn được không", "place"],
    // whether a section differs is that section; whether the procedure does, the whole
    ["à quên, bạn trai em là người Hàn Quốc, đang làm kỹ sư ở Bình Dương, vậy giấy tờ có khác ko", "documents"],
    ["thủ tục có khác không", "general"],
    // a threshold of votes said with "được"; an allowance's amount stays the whole
    // money the story names, before a question of another section; money asked stays the fee
    ["con tôi được ông bà cho 5 triệu tiền mừng, giờ làm khai sinh ở đâu", "place"],
    ["vừa bán nhà được 2 tỷ tiền mặt thì chuyển hộ khẩu cần gì", "documents"],
    ["em tốn mấy trăm nghìn tiền xe về quê mà cán bộ bảo thiếu giấy, vậy giấy tờ khai tử gồm những gì", "documents"],
    ["mất tiền không, nộp ở đâu", "fee"],
    ["tiền thì nộp ở đâu", "fee"],
    // English one-liners after an answer: time is no money, one word names its section, late is a deadline
    ["how much time?", "time"],
    ["what about time?", "time"],
    ["place?", "place"],
    ["and the address?", "place"],
    ["hours?", "place"],
    ["change my address", "general"],
    ["fine", "general"],
    ["any fine?", "conditions"],
    ["how late can i register?", "conditions"],
    ["what if i'm late?", "conditions"],
    ["how much?", "fee"],
    // a price compared is the fee; a paper lacked, in English, the papers (a job lacked is none)
    ["is it cheaper online", "fee"],
    ["what if I don't have a birth certificate", "documents"],
    ["I don't have a job, can I get support?", "general"],
    ["bầu tổ trưởng tổ hòa giải thì phải được bao nhiêu phiếu", "conditions"],
    ["mỗi tháng được bao nhiêu", "general"],
  ])("«%s» asks %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it("reads «đk gì» alone as the conditions with nothing left to search, also from words without places", () => {
    for (const read of [extractIntent(textWords("đk gì")), extractIntent(words("đk gì"))]) {
      expect(read.intent).toBe("conditions");
      expect(read.rest.map((w) => w.token).filter((t) => t !== "gi")).toEqual([]);
    }
    // a procedure named before it keeps "đăng ký" for the search
    expect(extractIntent(words("xin hộ nghèo thì dk gì")).rest.map((w) => w.token)).toContain("ngheo");
  });
});

/**
 * test/search/s15-intent-probe1.tsv: session 15's first batch (55 messages: letters whose story names other sections'
 * words — a hometown, a date, money — before the question at the end, two sections at once, chat, regional and
 * English), written from the records and eval/README before the session's changes: 51 read right by the rules before.
 */
const s15probe1 = parseLabelledQueries(readFileSync(new URL("./s15-intent-probe1.tsv", import.meta.url), "utf8"));

describe("session 15's probe batch, read by the rules", () => {
  it("reads at least 55 of the 55 sections", () => {
    expect(s15probe1.length).toBe(55);
    const right = s15probe1.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(55);
  });
});

/**
 * test/search/s15-intent-probe2.tsv: session 15's check batch (36 messages over 25 procedures: regional and chat
 * spellings, letters whose story names money, dates and hometowns before the question, two sections at once,
 * English), written after the first fixes and never tuned on: 36 read right by the rules at the session's start and
 * at its end.
 */
const s15check = parseLabelledQueries(readFileSync(new URL("./s15-intent-probe2.tsv", import.meta.url), "utf8"));

describe("session 15's check batch (never tuned on), read by the rules", () => {
  it("reads at least 35 of the 36 sections", () => {
    expect(s15check.length).toBe(36);
    const right = s15check.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(35);
  });
});

const converse = async (turns: readonly Turn[]) => converseOn(await bundledCatalogue(), turns);

/**
 * Through the assistant: the office late asked alone after a complaint or a denunciation stays on it (review s15 H3:
 * 24c78de had made it the time with nothing else asked, and the turn fell to the not-found reply); the wait at most,
 * the time (review s15 M1); a fine after the building permit, the conditions (review s14 L2).
 */
describe("the sections read in session 15, after an answer", () => {
  it.each([
    ["khiếu nại quyết định của ubnd phường", "2.002409", "quá hạn không trả lời thì làm gì", undefined],
    ["tố cáo cán bộ phường", "2.002396", "quá hạn không giải quyết thì làm gì", undefined],
    ["đăng ký tạm trú", "1.004194", "tối đa bao nhiêu ngày thì xong", "time"],
    // (the permit's record states no conditions: the reply says so before its steps, which converse's section line
    // for the conditions does not read; eval's harness counts it as the conditions)
    ["xin giấy phép xây dựng nhà ở", "1.013225", "xây không phép thì bị phạt bao nhiêu", undefined],
    ["xin giấy phép xây dựng nhà ở", "1.013225", "chừng nào lấy được giấy phép", "time"],
    ["đăng ký kết hôn", "1.000894", "how much time?", "time"],
  ] as const)(
    "after «%s» (%s) «%s» stays, showing %s",
    async (first, code, then, section) => {
      await converse([
        [first, code],
        [then, code, section],
      ]);
    },
    // the first conversation loads the whole catalogue: slow under load
    180_000,
  );
});
