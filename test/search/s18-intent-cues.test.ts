import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";

/** The section a message asks, as the rules read it, and the words they leave to search. */
const read = (text: string) => extractIntent(textWords(text));
const intentOf = (text: string) => read(text).intent;
const left = (text: string) => read(text).rest.map((w) => w.token);

/**
 * Session 18's families, each beside a counter-case that keeps its section: a duty to be done at an office ("có phải
 * lên phường báo không": whether, not where), a yes/no offered with its other answer after "hay", a paper asked
 * inside a yes/no of needing ("có cần xin giấy gì trước không"), a book kept at the office, a threshold the rules set
 * (income, age gap, level, how many people) beside an allowance's amount, how to begin said alone, English cases
 * supposed that last or come late, a third party's stamp, someone acting for one.
 */
describe("section cues that generalise (session 18)", () => {
  it.each([
    // an act to be done at the office after going there: whether it must be done; going there alone asks where
    ["tạm nghỉ bán 3 tháng vì về quê sinh con có phải báo phường ko", "conditions"],
    ["tạm nghỉ bán hàng 2 tháng thì có phải lên phường báo không", "conditions"],
    ["đi làm ăn xa 3 tháng có cần ra công an phường khai báo không", "conditions"],
    ["có cần về xã cũ cắt khẩu trước rồi mới nhập khẩu ở đây không", "conditions"],
    ["có phải lên phường nộp không", "conditions"],
    ["mất cả bản chính lẫn sổ gốc thì đk lại khai sinh có phải về xã cũ ko ad", "place"],
    ["có phải về quê làm không", "place"],
    ["lên thổ cư giờ có phải lên huyện nữa ko hay xã làm luôn", "place"],
    // a yes/no offered with its other answer: the yes/no is the question
    ["có cần đưa bà lên phường để khám đánh giá không, hay cán bộ xuống nhà?", "conditions"],
    ["sửa nhà cấp 4 có cần lên phường xin giấy phép xây dựng không hay tự sửa luôn", "conditions"],
    [
      "Tháng tới tôi phải về quê chăm mẹ ốm. Vậy tôi có cần lên phường làm thủ tục tạm ngừng kinh doanh không hay cứ nghỉ là được?",
      "conditions",
    ],
    ["gia han tam tru tren vneid duoc khong hay phai ra cong an phuong", "online"],
    ["xin giấy độc thân ở nơi tạm trú được không hay phải về quê", "place"],
    // "gì" inside a yes/no of needing is "any": whether a paper must be got; "xin giấy gì" alone asks which
    ["Có cần về quê xin giấy gì trước không hay làm luôn ở đây?", "conditions"],
    ["bố tôi vừa mất, phải làm giấy gì", "general"],
    // a book kept at the office is no place asked
    ["xin cấp bản sao giấy khai sinh từ sổ gốc lưu ở phường được không", "general"],
    ["làm khai sinh ở phường được không", "place"],
    // a threshold the rules set; the most one receives is the allowance's amount (the whole)
    ["thu nhập bình quân dưới bao nhiêu thì được công nhận hộ cận nghèo", "conditions"],
    ["thu nhập phải bao nhiêu mới được nhận", "conditions"],
    ["thu nhập thế nào mới được công nhận cận nghèo", "conditions"],
    ["cần cách nhau bao nhiêu tuổi", "conditions"],
    ["khuyết tật mức nào thì được trợ cấp hàng tháng", "conditions"],
    ["cơ sở trợ giúp xã hội nhận tối đa bao nhiêu người thì đăng ký ở xã", "conditions"],
    ["how many residents can a small social care facility have and still register with the commune", "conditions"],
    ["nhà bị sập do bão được hỗ trợ làm nhà tối đa bao nhiêu", "general"],
    ["cửa hàng nào thì được bán rượu", "general"],
    ["khai báo thu nhập như thế nào", "steps"],
    ["giấy phép bán rượu mất bao nhiêu tiền", "fee"],
    // how to begin, said alone after an answer, is the first step; after a story it asks the whole
    ["bắt đầu từ đâu ad", "steps"],
    ["where do I start if I want to register a household business?", "steps"],
    ["Con tôi 4 tuổi bị tự kỷ nặng, muốn xin giấy xác nhận khuyết tật lần đầu thì bắt đầu từ đâu?", "general"],
    // an app asked for is the channel
    ["Vậy em báo bằng cách nào, có app hay phải lên tận nơi ạ?", "online"],
    // English cases supposed: nobody, a state that lasts, something later; a paper inside the case is the case
    ["what happens if nobody reports the death within 15 days?", "conditions"],
    ["what if my fiancé is still married on paper?", "conditions"],
    ["what if the child's mother comes back later?", "conditions"],
    ["what if my landlord still refuses to sign the temporary residence form?", "conditions"],
    ["what if my wife is Korean", "general"],
    ["what if I lost the form, what papers do I need?", "documents"],
    // a third party's stamp, however long the name; a consent or a licence needed stays the conditions
    ["do we need the village head's stamp on the mediation request?", "documents"],
    ["Do we need a security and order certificate from the ward police before we open?", "conditions"],
    // someone acting for one, and a vocative after the yes/no
    ["em ở xa, ủy quyền cho mẹ đi xin hộ được không", "conditions"],
    ["chủ trọ đăng ký giúp cả dãy được không anh", "conditions"],
    ["xin bản sao được không", "general"],
    // one cannot, then "thì làm sao"; something missing asks which procedure
    ["tui 78 tuổi mắt kém, đọc không được thì làm sao", "conditions"],
    ["nay phát sinh thêm lễ cầu an tháng 7, chưa có trong văn bản đăng ký đầu năm thì làm sao", "general"],
    ["muốn khai sinh thì làm sao", "general"],
    // no longer doing it is another matter (its own record): the whole; something not done stays the conditions
    ["còn nếu em nghỉ luôn ko mở lại nữa thì sao", "general"],
    ["hàng xóm ko chịu đến buổi hòa giải thì sao", "conditions"],
    // the paper one wants, told, picks the record; asked, it is the papers
    ["không phải, em chỉ cần bản sao thôi, sổ gốc vẫn còn", "general"],
    ["chỉ cần bản sao thôi à", "documents"],
    // the reception's calendar asked how it goes: its days (the office's own hours are the place)
    ["muốn gặp chủ tịch phường phản ánh, lịch tiếp dân thế nào", "time"],
    ["lịch làm việc của phường ra sao", "place"],
    ["đặt lịch như thế nào", "steps"],
    // two ways offered, one allowed or required: the conditions; which office, the place; which procedures, the whole
    ["có cần xin phép hay chỉ cần báo xã là được", "conditions"],
    ["hai vợ chồng phải cùng lên hay chồng đi một mình đc", "conditions"],
    ["vậy chứng thực chữ ký được hay phải làm hợp đồng ủy quyền", "conditions"],
    ["Xin hỏi tôi phải về Bình Dương xin hay xin ở phường nơi tạm trú tại Hà Nội được ạ?", "place"],
    ["Phải làm hai thủ tục riêng hay gộp lại được?", "general"],
    // a yes/no asked with "chứ", a wait or an amount told to be confirmed
    ["em xin để đi kết hôn với anh người Nhật thì vẫn xin ở phường mình đc chứ", "place"],
    ["3 ngày là có hả", "time"],
    ["nộp online mất 10 nghìn đúng ko", "fee"],
    ["nộp online mất 10 nghìn", "online"],
    // which form is needed is among the papers; after a story, which procedure
    ["cần làm đơn gì", "documents"],
    ["Nhà bên cạnh xây tường lấn sang đất tôi, muốn nhờ phường đứng ra giải quyết thì làm đơn gì?", "general"],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it("keeps the words of a phrase read in context as content", () => {
    // "bắt đầu từ đâu" reads the steps without cutting "bắt đầu" (the search's words are as before)
    expect(left("bắt đầu từ đâu ad")).toContain("bat");
    expect(left("Vậy em báo bằng cách nào, có app hay phải lên tận nơi ạ?")).toContain("app");
  });
});

/** In-scope lines of a labelled file read right by the rules alone (a line with two sections: either). */
function rulesRight(file: string): { right: number; lines: number } {
  const [head, ...rows] = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = (head ?? "").split("\t");
  const [query, expected, intent] = ["query", "expected", "intent"].map((c) => header.indexOf(c));
  const lines = rows.map((r) => r.split("\t")).filter((c) => !["none", "-"].includes(c[expected as number] ?? "-"));
  const right = lines.filter((c) =>
    (c[intent as number] || "general").split("|").includes(intentOf(c[query as number] ?? "")),
  ).length;
  return { right, lines: lines.length };
}

/** Follow-up turns (after the first, expecting a procedure) of a conversations file whose section the rules read right. */
function turnsRight(file: string): number {
  let right = 0;
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const turns = (JSON.parse(line) as { turns: { text?: string; expected: string; intent: string }[] }).turns;
    turns.forEach((t, i) => {
      if (i > 0 && t.text && t.expected !== "none" && t.intent.split("|").includes(intentOf(t.text))) right++;
    });
  }
  return right;
}

describe("the rules alone on labelled messages (session 18 floors)", () => {
  // measured on the session's files (HEAD 377c2ec → this change): probe 1 (tuned on) 41 → 57 of 60, its follow-up
  // turns 42 → 50 of 50; probe 2 (written after the fixes, never tuned on, measured once) 19 → 38 of 40, its follow-up
  // turns 19 → 36 of 40; the tuning part's in-scope lines 7,505 → 7,510 of 7,634, its follow-up turns 2,099 → 2,115
  // of 2,148
  it("reads the probes' sections", () => {
    expect(rulesRight("test/search/s18-intent-probe1.tsv").right).toBeGreaterThanOrEqual(57);
    expect(turnsRight("test/search/s18-intent-probe1.jsonl")).toBeGreaterThanOrEqual(50);
    expect(rulesRight("test/search/s18-intent-probe2.tsv").right).toBeGreaterThanOrEqual(38);
    expect(turnsRight("test/search/s18-intent-probe2.jsonl")).toBeGreaterThanOrEqual(36);
  });
  it("reads the tuning conversations' follow-up turns", { timeout: 120_000 }, () => {
    expect(turnsRight("eval/conversations-tuning.jsonl")).toBeGreaterThanOrEqual(2115);
  });
  // a whole-tuning loop (about 7,400 messages through the rules): 120 s hang guard, no wall-clock budget. The
  // nineteenth session split in the fresh set F13 (383 more lines here, unseen until then): 0.9837 → 0.9831; then
  // the training set T13 (264 more lines here, written to be hard: letters that tell a story, «ở đâu nhanh nhất», the
  // ward beside a notary): 0.9829, so the floor moved to 0.982. The twentieth session split in F14 and T14 (written to be
  // hard like T13, above all everyday words for household-business changes, adoption and lost papers): 0.9813, so 0.981.
  // The twenty-first session split in the fresh set F15 (unseen until then; 367 more lines here): 0.9807, so 0.980.
  it("reads the tuning part's sections", { timeout: 120_000 }, () => {
    const { right, lines } = rulesRight("eval/tuning.tsv");
    // The twenty-second session split in F16 and T15 (unseen until then; 705 more lines here): 9,317 of 9,509 = 0.9798,
    // so 0.979. The twenty-fourth session split in F18, T19 (unseen until then; T19 written to be hard: letters with
    // background and filler, English): 10,151 of 10,377 = 0.9782 with no code changed, so 0.978. The twenty-fifth
    // session split in F19 and T24 (unseen until then; T24 written to be hard: letters with background and filler,
    // English): 10,704 of 10,957 = 0.9769 with no code changed (the 580 new lines read 0.953), so 0.976. The
    // twenty-sixth session split in F20 and T25 (unseen until then; T25 written to be hard: letters that name the
    // procedure only by the situation, English): 11,324 of 11,625 = 0.9741 with no code changed (the 668 new lines
    // read 0.928), so 0.974. The twenty-seventh session split in F21 and T26 (unseen until then; T26 written to be
    // hard: English in everyday words, letters): 11,978 of 12,314 = 0.9727 with no code changed (the 689 new lines
    // read 0.949), so 0.972. The twenty-eighth session split in F22 and T27 (unseen until then; 709 more lines):
    // 12,654 of 13,023 = 0.9717 with no code changed, so 0.971. The twenty-ninth session split in F23 and T28 (unseen
    // until then; 767 more lines, which read 0.937): 13,373 of 13,790 = 0.9698 with no code changed, so 0.969. The
    // thirtieth session split in F24 and T29 (unseen until then; 872 more lines, which read 0.955): 14,206 of 14,662 =
    // 0.9689 with no code changed, so 0.968. The thirty-first session split in F25 and T30 (unseen until then; 882 more
    // lines, which read 0.944): 15,039 of 15,544 = 0.9675 with no code changed, so 0.967. The thirty-second session
    // split in F26 and T31 (unseen until then; 882 more lines, which read 0.954): 15,880 of 16,426 = 0.9668 with no
    // code changed, so 0.966. The thirty-fifth session split in F29 and T34 (unseen until then; 870 more lines):
    // 18,396 of 19,044 = 0.9660 with no code changed, so 0.965. The thirty-seventh session split in F31 and T36
    // (unseen until then; 1,009 more tuning lines): 20,041 of 20,779 = 0.9645 with no code changed, so 0.964. The
    // thirty-eighth session split in F32 and T37 (unseen until then; 1,059 more tuning lines): 20,886 of 21,683 =
    // 0.9632 with no code changed, so 0.963.
    expect(right / lines).toBeGreaterThanOrEqual(0.963);
  });
});
