import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { conversations, playConversations } from "../harness/eval-conversations.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const read = (text: string) => extractIntent(textWords(text));
const intentOf = (text: string) => read(text).intent;

/**
 * Session 16's families, each beside a counter-case that keeps its section: English agreement before a follow-up,
 * penalties and lateness in English, a threshold counted in people, what the office judges by, "… được chưa", who
 * may, the time limit to complain, the review's schedule, money lacked in the story, an English paper named after a
 * need, the wait before one gets it, a paper that will do, the steps named before "hồ sơ thế nào".
 */
describe("section cues that generalise (session 16)", () => {
  it.each([
    // English agreement or thanks before the question names nothing
    ["ok cool, any fine if I'm late?", "conditions"],
    ["ok great, who is eligible?", "conditions"],
    ["cool, what do I need to bring?", "documents"],
    ["got it. and how long?", "time"],
    ["fine, where do I go?", "place"],
    ["fine", "general"],
    ["thanks", "general"],
    // a penalty or lateness in English is the conditions (eval/README), never the fee
    ["is there a fine if we register after 60 days?", "conditions"],
    ["any penalty if I'm a few days late?", "conditions"],
    ["will I be fined?", "conditions"],
    ["what if we miss the deadline?", "conditions"],
    ["how much is the fee?", "fee"],
    // a threshold in people, members or votes
    ["cần mấy thành viên", "conditions"],
    ["cần ít nhất bao nhiêu người", "conditions"],
    ["muốn lập câu lạc bộ cầu lông ở khu phố được công nhận thì cần ít nhất mấy thành viên", "conditions"],
    ["cần mấy bản", "documents"],
    ["hồ sơ mấy bộ", "documents"],
    // what the office judges by, over the "thế nào" of the steps
    ["tiêu chí thế nào", "conditions"],
    ["tiêu chuẩn ra sao", "conditions"],
    ["trình tự thế nào", "steps"],
    // "… được chưa" asks whether one may yet
    ["con trai em 25 tuổi có vợ rồi thì tách được chưa", "conditions"],
    ["làm xong chưa", "general"],
    // who may, with words between
    ["ai thì được hỗ trợ", "conditions"],
    ["ai trong nhà đứng tên nộp được, cần tài khoản gì", "conditions"],
    ["nhà không còn ai trông được", "general"],
    ["nộp cho ai", "place"],
    // the time limit to complain, the review's schedule: the rules' time, not the office's wait
    ["thời hiệu khiếu nại là bao lâu", "conditions"],
    ["mỗi năm xét lúc nào", "conditions"],
    ["nộp lúc nào cũng được hay phải đợi đợt rà soát", "conditions"],
    ["khi nào có kết quả", "time"],
    // money lacked or borrowed is the story
    ["giấy vẫn còn, chỉ là sắp hết 12 tháng mà tôi chưa khởi công được vì thiếu tiền", "general"],
    ["mất xèng ko ad", "fee"],
    // an English paper named a few words after a need; a permit needed stays a condition
    ["do I need my landlord's paper?", "documents"],
    ["do I need a letter from my employer?", "documents"],
    ["do we need a permit to open a shop", "conditions"],
    ["do I need my wife to come", "conditions"],
    // the wait until one gets it; a deadline before which one applies
    ["roughly how long before she starts getting it?", "time"],
    ["how long before the deadline must I apply?", "conditions"],
    // a paper that will do is the papers
    ["nhà còn giữ được bản photo giấy chứng tử thì có dùng được ko", "documents"],
    ["em có dùng được không", "conditions"],
    // the steps named before how the dossier is sent
    ["Nghe nói người cao tuổi có trợ cấp hưu trí xã hội, xin hỏi các bước nộp hồ sơ thế nào ạ?", "steps"],
    ["trình tự làm hồ sơ như thế nào", "steps"],
    ["hồ sơ thế nào", "documents"],
    // who must, in English; whether one may stay unnamed
    ["who has to declare?", "conditions"],
    ["who needs to do this?", "conditions"],
    ["có được giấu tên không", "conditions"],
    // what the conditions hold is the conditions (the noun decides, not "gồm"); a dossier's stays the papers
    ["Điều kiện cấp giấy phép bán lẻ rượu tại xã Đức Hòa (Tây Ninh) gồm những gì?", "conditions"],
    ["Hồ sơ cấp đổi giấy chứng nhận đủ điều kiện an ninh trật tự tại phường Lê Chân gồm những gì?", "documents"],
    // a thing left undone for long is the story
    ["có bị phạt vì để lâu không, hồ sơ gồm gì", "documents"],
    // not doing it, or late by some days, supposed
    ["hmm, what if I don't register at all?", "conditions"],
    ["what if I don't have a birth certificate", "documents"],
    ["quá 60 ngày mới đi khai thì sao", "conditions"],
    ["trễ 5 ngày có sao không", "conditions"],
    ["nộp quá 5 ngày mà chưa có kết quả thì sao", "time"],
    ["con tôi đã quá 5 tuổi", "general"],
    // one paper or another will do: the papers
    ["photo công chứng được không hay phải bản chính", "documents"],
    ["bản gốc hay bản sao", "documents"],
    ["giấy khai sinh mất rồi, làm lại hay xin bản sao", "general"],
    // the act after "who must" is the procedure at hand's; who decides is the authority
    ["ai duyệt", "place"],
    ["ai có quyền nộp", "conditions"],
    // dear or cheap is the fee ("đất không" typed without accents is land); quick is the time; a limit, the conditions
    ["có mắc không", "fee"],
    ["có đắt lắm không", "fee"],
    ["is it expensive?", "fee"],
    ["đất không có sổ thì sao", "conditions"],
    ["is it quick?", "time"],
    ["any age limit?", "conditions"],
    ["is there an income limit?", "conditions"],
    // what more is needed, the documents asked after "how about", a paper that must be certified or translated
    ["anything else I need?", "documents"],
    ["how about the documents?", "documents"],
    ["bản sao có cần chứng thực không", "documents"],
    ["Tôi viết giấy ủy quyền cho con trai nhận hộ lương hưu, có cần ra phường chứng thực chữ ký không?", "conditions"],
    // in person asked as the other channel; who must come in person is a condition
    ["ra công an phường làm trực tiếp được hông", "online"],
    ["do I have to come in person to register my marriage", "conditions"],
    ["nộp trực tiếp hồ sơ đăng ký khai sinh ở đâu", "place"],
  ])("«%s» asks %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it("leaves nothing to search in a section asked alone after an answer", () => {
    for (const text of ["ok cool, any fine if I'm late?", "alright, is there a fine if we register after 60 days?"]) {
      expect(read(text).rest.map((w) => w.token)).toEqual(expect.not.arrayContaining(["cool", "alright", "late"]));
    }
    expect(read("cần mấy thành viên").rest.map((w) => w.token)).toEqual(["can"]);
    for (const text of ["who has to declare?", "who needs to do this?", "có được giữ bí mật danh tính không"]) {
      expect(
        read(text)
          .rest.map((w) => w.token)
          .filter((t) => t !== "khong"),
      ).toEqual([]);
    }
    // a great-grandparent is no agreement said
    expect(read("great grandmother death").rest.map((w) => w.token)).toContain("great");
  });
});

/**
 * test/search/s16-intent-probe1.tsv: session 16's first batch (52 messages: letters whose story names money, ages and
 * dates before the question, two sections at once, chat, English), written from the records and eval/README before
 * the session's changes: 50 read right by the rules before, 52 after.
 */
const s16probe1 = parseLabelledQueries(readFileSync(new URL("./s16-intent-probe1.tsv", import.meta.url), "utf8"));

describe("session 16's probe batch, read by the rules", () => {
  it("reads at least 52 of the 52 sections", () => {
    expect(s16probe1.length).toBe(52);
    const right = s16probe1.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(52);
  });
});

/**
 * test/search/s16-intent-probe1.jsonl: 30 conversations, 66 follow-up turns (English follow-ups after agreement,
 * conditions in everyday words, thresholds, money in slang), written before the session's changes. At b6afc0f: 48
 * turns on the right procedure, 46 with the right section.
 */
describe("session 16's probe conversations, through the assistant", () => {
  it("keeps the procedure and shows the section asked", async () => {
    const score = await playConversations(
      conversations("test/search/s16-intent-probe1.jsonl"),
      await bundledCatalogue(),
    );
    if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
    expect(score.followUps).toBe(66);
    expect(score.followUpsRight).toBeGreaterThanOrEqual(55);
    expect(score.sectionsRight).toBeGreaterThanOrEqual(54);
  }, 240_000); // the whole catalogue loads first: slow under load
});

/**
 * test/search/s16-intent-probe2.tsv: session 16's check batch (38 messages over 35 procedures: letters whose story
 * names money, ages and dates, two sections at once, portal, chat, English), written after the first commit and never
 * tuned on: 35 read right by the rules at the session's start (b6afc0f), 37 at its end.
 */
const s16check = parseLabelledQueries(readFileSync(new URL("./s16-intent-probe2.tsv", import.meta.url), "utf8"));

describe("session 16's check batch (never tuned on), read by the rules", () => {
  it("reads at least 37 of the 38 sections", () => {
    expect(s16check.length).toBe(38);
    const right = s16check.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(37);
  });
});

/**
 * test/search/s16-intent-probe2.jsonl: 25 conversations, 51 follow-up turns, never tuned on. Measured once on one
 * snapshot of the shared tree without and with this session's intent rules: 38 → 45 turns on the right procedure,
 * 36 → 43 with the right section. Floors a little under, the rest of the tree moving too.
 */
describe("session 16's check conversations (never tuned on), through the assistant", () => {
  it("keeps the procedure and shows the section asked", async () => {
    const score = await playConversations(
      conversations("test/search/s16-intent-probe2.jsonl"),
      await bundledCatalogue(),
    );
    if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
    expect(score.followUps).toBe(51);
    expect(score.followUpsRight).toBeGreaterThanOrEqual(43);
    expect(score.sectionsRight).toBeGreaterThanOrEqual(41);
  }, 240_000); // the whole catalogue loads first: slow under load
});
