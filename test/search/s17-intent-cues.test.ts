import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";

/** The section a message asks, as the rules read it, and the words they leave to search. */
const read = (text: string) => extractIntent(textWords(text));
const intentOf = (text: string) => read(text).intent;
const left = (text: string) => read(text).rest.map((w) => w.token);

/**
 * Session 17's families, each beside a counter-case that keeps its section: an English case supposed ("what if …",
 * "what happens if/after …"), a third party's signature needed, how long a paper stays valid counted in months, the
 * office's own days to act, a witness or interpreter needed, going home first, an English question about doing it at
 * the ward, "dk gồm những gì" typed in chat, a bound before "bao nhiêu".
 */
describe("section cues that generalise (session 17)", () => {
  it.each([
    // a case supposed in English: something not done, missing or out of turn is the conditions; a state of the case
    // asks the procedure for it as a whole; what happens after applying is the steps
    ["what if the father is away working abroad?", "conditions"],
    ["what if my fiancée can't come to Vietnam?", "conditions"],
    ["what if I start building before it's issued?", "conditions"],
    ["what happens if we report it late?", "conditions"],
    ["what happens if we're late?", "conditions"],
    ["what if my wife is Korean", "general"],
    ["what happens after we submit?", "steps"],
    ["what happens after I submit the application for the business household?", "steps"],
    ["what happens next?", "steps"],
    ["what is the fee", "fee"],
    // a third party's signature or stamp needed is a paper
    ["do I need the hospital's signature?", "documents"],
    ["do we need the landlord's stamp on the form?", "documents"],
    ["Do I have to sign in front of the officer?", "conditions"],
    // how long a paper stays valid, counted in months or years, is among the conditions (as "bao lâu" is)
    ["giấy này dùng được mấy tháng", "conditions"],
    ["giấy xác nhận độc thân có hiệu lực mấy tháng vậy", "conditions"],
    ["xin giấy xác nhận độc thân mất mấy ngày", "time"],
    // the office's own act is what the days are asked of: its processing time
    ["Xin hỏi theo quy định thì phường phải hòa giải xong trong thời hạn bao lâu kể từ ngày nhận đơn?", "time"],
    ["kể từ khi nhận đơn thì phường có trách nhiệm xem xét, xử lý đơn trong bao nhiêu ngày?", "time"],
    ["đơn phản ánh của tôi sẽ được phường xử lý trong thời hạn bao lâu?", "time"],
    ["báo tin trẻ bị bạo hành thì chính quyền phải can thiệp trong bao lâu", "time"],
    ["tổ chức lễ hội ở xã phải thông báo trước bao nhiêu ngày", "conditions"],
    ["cần gửi giấy tờ gì lên UBND phường để được công nhận tổ trưởng và có thời hạn gửi không", "documents"],
    // a witness or an interpreter needed is a condition of the act; brought along, among what one brings
    ["lập di chúc ở phường có cần ng làm chứng k, bố e ko biết chữ", "conditions"],
    ["có bắt buộc mang theo người phiên dịch không", "conditions"],
    ["có phải mang theo người làm chứng không", "documents"],
    ["nhận cha cho con có cần xét nghiệm ADN không", "documents"],
    // going home first is a step asked to come first, not where it is done
    ["có cần về quê cắt khẩu trước ko ạ", "conditions"],
    ["tôi có phải về quê làm gì trước không, các bước ra sao?", "steps"],
    ["xin giấy độc thân ở nơi tạm trú được không hay phải về quê", "place"],
    ["tôi đang ở quê thì làm bằng cách nào", "steps"],
    // doing it at the ward, asked short in English, is where (as "ở phường được không"); at home, from the ward, or
    // something else asked about the act stays the conditions
    ["Can we register his birth at the ward?", "place"],
    ["We're all Vietnamese. Can we do this at the ward?", "place"],
    ["Can the commune register our baby's birth at our home?", "conditions"],
    ["Can she get the monthly social pension from the ward?", "conditions"],
    ["can we do the birth and paternity together at the ward?", "conditions"],
    // "dk" typed in chat before "gồm những gì" is điều kiện; after the dossier's noun, the papers
    ["dk gom nhung gi", "conditions"],
    ["xin giấy phép bán rượu thì đk gồm những gì vậy", "conditions"],
    ["hồ sơ đk gồm những gì", "documents"],
    ["hs dk gom nhung gi", "documents"],
    // a bound before "bao nhiêu" after a measure is a threshold
    ["thu nhập dưới bao nhiêu thì được", "conditions"],
    ["phí tối thiểu bao nhiêu", "fee"],
    // the office's word typed with other accents is another word: leaving the army, living far
    ["ra quân 2 năm rồi còn xin tiền học nghề được nữa ko", "conditions"],
    ["nhà em ở xa, làm online được không", "online"],
    ["sao y ở phường được không", "place"],
    // someone gone nobody knows where asks no place; the office sent to the home is the mobile registration
    ["vắng mặt hơn 12 tháng không rõ ở đâu thì có bị xóa thường trú không", "conditions"],
    ["Ủy ban có đến tận nơi làm khai tử lưu động không?", "conditions"],
    ["làm khai tử lưu động ở đâu", "place"],
    // the channels it is done through, as the portals ask; "Cách thức thực hiện …" alone is the steps
    ["Thủ tục tạm ngừng kinh doanh thực hiện qua những kênh nào (TP Hải Phòng)?", "online"],
    ["Thủ tục đăng ký khai tử được thực hiện qua những cách thức nào?", "online"],
    ["Cách thức thực hiện thủ tục thông báo lưu trú tại Công an phường Sơn Trà?", "steps"],
    // the right office, a minimum income, in English
    ["Is the ward the right place to certify a land sale contract?", "place"],
    ["What's the minimum income to be recognised as a near-poor household?", "conditions"],
    // words of a procedure's own name ask nothing; a section asked beside them still does
    ["cấp đổi giấy chứng nhận đủ điều kiện về an ninh, trật tự", "general"],
    ["giấy chứng nhận đủ điều kiện bán lẻ LPG chai", "general"],
    ["xin giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai cần điều kiện gì", "conditions"],
    ["Điều kiện cấp giấy chứng nhận đủ điều kiện về an ninh trật tự", "conditions"],
    ["tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn của hộ kinh doanh", "general"],
    // a step left undone, what then ("… mà chưa … thì sao"); never done at all is another record's case
    ["bị mất giấy mà chưa báo công an thì sao", "conditions"],
    ["nếu ba mẹ chưa đăng ký kết hôn thì sao", "conditions"],
    ["ong em chua tung duoc khai tu thi sao", "general"],
    // "dk" typed in chat for điều kiện inside the message
    ["em 24t, chồng 27t thì đủ đk tách chưa", "conditions"],
    ["dk gi moi dc ho tro z ad", "conditions"],
    ["đăng ký gì mới được bán rượu", "general"],
    // what others need, how many sets of the dossier
    ["What do we need to make it official now?", "documents"],
    ["Số lượng hồ sơ thủ tục cấp giấy phép bán lẻ thuốc lá là mấy bộ?", "documents"],
    ["can I get it on the same day?", "time"],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it.each([
    // the frames name nothing: a follow-up that says only them leaves nothing to search
    ["what happens if we report it late?", []],
    ["what happens after we submit?", []],
    ["what happens next?", []],
    ["dk gom nhung gi", []],
    ["what do we need?", []],
    // the case supposed stays content (it may name a look-alike)
    ["what if my wife is Korean", ["my", "wife", "is", "korean"]],
  ])("%s leaves %j", (text, words) => {
    expect(left(text)).toEqual(words);
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

describe("the rules alone on labelled messages (session 17 floors)", () => {
  // measured on the session's files: probe 1 (tuned on) 56 → 58 of 60, probe 2 (never tuned on, measured once after
  // the change) 35 → 37 of 40, the tuning part's in-scope lines 6,819 → 6,843 of 6,949
  it("reads the probes' sections", () => {
    expect(rulesRight("test/search/s17-intent-probe1.tsv").right).toBeGreaterThanOrEqual(58);
    expect(rulesRight("test/search/s17-intent-probe2.tsv").right).toBeGreaterThanOrEqual(37);
  });
  // a whole-tuning loop (about 7,000 messages through the rules): 120 s hang guard, no wall-clock budget. The
  // eighteenth session split in F12 and T12 (647 more in-scope lines, never tuned on by the cues, T12's written to be
  // hard): the rules read 0.9831 of the part's sections, so the floor moved from 0.984 to 0.982. The twentieth session
  // split in F14 and T14 (T14 written to be hard: household-business changes and adoption in everyday words, papers
  // «mất rồi», letters whose background tells another event): 0.9813, so 0.981. The twenty-first session split in the
  // fresh set F15 (unseen until then; 367 more lines here): 0.9807, so 0.980.
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
