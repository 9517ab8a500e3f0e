import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse as converseOn, type Turn } from "../harness/converse.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const intentOf = (text: string) => extractIntent(textWords(text)).intent;

/**
 * Session 14's families, each beside a counter-case that must keep its section: a penalty is the conditions
 * (eval/README), the days a thing takes said with "mất", the hometown of the story, a stay of "a few" days, "đk gì"
 * inside a chat question, two offices to choose between, a sum asked whether paid, the office's hours in words
 * and in English, what one must meet to be granted it.
 */
describe("section cues that generalise (session 14)", () => {
  it.each([
    // a penalty, and the amount asked in its clause, is the conditions; "lệ phí" named beside it stays the fee
    ["khai sinh muộn bị phạt bao nhiêu tiền", "conditions"],
    ["không đăng ký tạm trú thì bị phạt bao nhiêu", "conditions"],
    ["mức phạt bán thuốc lá không có giấy phép là bao nhiêu", "conditions"],
    ["how much is the fine for late birth registration", "conditions"],
    ["lệ phí bao nhiêu, trễ thì có bị phạt không", "fee"],
    ["em bị phạt rồi, giờ làm lại hết bao nhiêu tiền", "fee"],
    ["xin giấy xây nhà cho đàng hoàng để khỏi bị phạt", "general"],
    ["thôi, tôi muốn khiếu nại quyết định xử phạt mà phường ra cho tôi", "general"],
    // how long it takes, said with "mất", is the office's time even beside a late filing; how late, a deadline
    ["làm khai sinh muộn mất mấy ngày", "time"],
    ["khai tử quá hạn thì mất bao lâu", "time"],
    ["trễ mấy ngày có bị phạt không", "conditions"],
    ["thời hạn đăng ký khai tử là bao nhiêu ngày", "conditions"],
    // the days until an allowance is paid are the wait; how long one receives it, a condition
    ["xin hỗ trợ bao lâu thì có tiền", "time"],
    ["được hỗ trợ trong bao lâu", "conditions"],
    // the hometown told in the story or as where an act is done; asked as where to go, the place
    ["đi làm ở Bình Dương cả năm có phải báo tạm vắng ở quê ko ad", "conditions"],
    ["bộ đội xuất ngũ về quê có được hỗ trợ tiền học nghề ko", "conditions"],
    ["xin chuyển trường cho con từ Bình Dương về quê Nghệ An", "general"],
    ["có phải về quê làm không", "place"],
    ["có phải làm ở quê không", "place"],
    ["nộp ở quê được không", "place"],
    // "mấy" after a stay is "a few", the story, when the question follows; the days asked, the wait
    ["nhà tôi có khách dưới quê lên ngủ lại mấy hôm, có phải báo lưu trú không", "conditions"],
    ["chờ mấy ngày, rồi lên lấy", "time"],
    // "đk gì" typed inside the question asks the conditions, as at its end
    ["mở cửa hàng bán rượu vang mang về cần những đk gì để được cấp giấy phép bán lẻ", "conditions"],
    ["muốn làm hòa giải viên ở thôn thì cần đk gì, ai bầu", "conditions"],
    ["cần đăng ký gì", "general"],
    // which of two offices, after sending or doing: the place; no act, nothing asked of it
    ["Thông báo tổ chức lễ hội gửi cho UBND phường hay phải gửi lên Sở Văn hóa?", "place"],
    ["đk hộ cận nghèo thì nộp đơn ở ủy ban xã hay thôn", "place"],
    // a sum asked whether paid is the fee; who must be there, a condition
    ["bố dượng xin con riêng của vợ làm con nuôi có mất 400 nghìn không", "fee"],
    ["có mất 50k ko", "fee"],
    ["có mặt 2 người không", "conditions"],
    // whether it is allowed so, not a request; what may go with the application, the papers
    ["em dịch luôn bảng điểm cho bạn cùng phòng rồi xin chứng thực chữ ký thì được không", "conditions"],
    ["xin bản sao được không", "general"],
    ["em có ghi âm thì nộp kèm đơn được ko", "documents"],
    // where, in Central speech, after an act ("chợ mở" is no question of it)
    ["tách hộ nộp chỗ mô", "place"],
    ["chợ mở cửa không", "conditions"],
    // the office's hours, in words and in English; a business opened or closed is none of them
    ["giờ làm việc của phường", "place"],
    ["giờ hành chính là mấy giờ", "place"],
    ["when does the ward office close", "place"],
    ["what days is the ward open", "place"],
    ["is the ward open today", "place"],
    ["how long does it take if the ward is closed on saturday", "time"],
    ["how many days before opening do I have to notify the ward?", "conditions"],
    ["We are closing our community library, how do we notify the commune?", "steps"],
    // what one must meet or have before it is granted
    ["xin giấy phép bán rượu thì phải đáp ứng những gì", "conditions"],
    ["phải có gì mới được cấp", "conditions"],
    ["cần có gì", "documents"],
    // "cách" before a place or a number is how far, the story; before an act, the way
    ["chỗ mới vẫn nằm trong phường mình, cách chỗ cũ hai con hẻm", "general"],
    ["nhà tôi cách phường 5 km, có làm lưu động được không", "conditions"],
    ["cách nộp hồ sơ", "steps"],
    // how someone else does it, in English
    ["my brother's tạm trú in Hanoi runs out next week, how can he extend it", "steps"],
    ["how should my mother apply", "steps"],
    // whether the procedure differs, typed without "có"; not this but that, another way asked
    ["nếu nhờ cộng tác viên dịch của phường dịch luôn thì thủ tục khác ko", "general"],
    ["nếu không làm con nuôi mà chỉ nhận chăm sóc bé mồ côi ở xóm bên thì sao", "general"],
    ["nếu không đến hòa giải thì sao", "conditions"],
    // money received at the post office is the story; the result received there, the delivery
    [
      "Tôi cần chứng thực chữ ký trên giấy ủy quyền cho em trai đi nhận hộ tiền trợ cấp của tôi ở bưu điện, làm ở phường được không?",
      "place",
    ],
    ["nhận kết quả ở bưu điện được không", "online"],
  ])("«%s» asks %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

/**
 * test/search/s14-intent-probe1.tsv: session 14's first batch (48 messages: two sections at once, conditions or
 * papers, place or steps, chat and regional spellings of section words, English, office hours, penalties), written
 * from the records before the session's changes: 43 read right by the rules before, 48 after (tuned on).
 */
const s14probe1 = parseLabelledQueries(readFileSync(new URL("./s14-intent-probe1.tsv", import.meta.url), "utf8"));

describe("session 14's probe batch, read by the rules", () => {
  it("reads at least 47 of the 48 sections", () => {
    expect(s14probe1.length).toBe(48);
    const right = s14probe1.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(47);
  });
});

/**
 * test/search/s14-intent-probe2.tsv: session 14's check batch (39 messages over 33 procedures, in the same families
 * and voices), written after the session's changes and never tuned on: 34 read right by the rules at the session's
 * start, 38 at its end (left: 'bị xử phạt thế nào', read as the steps).
 */
const s14check = parseLabelledQueries(readFileSync(new URL("./s14-intent-probe2.tsv", import.meta.url), "utf8"));

describe("session 14's check batch (never tuned on), read by the rules", () => {
  it("reads at least 37 of the 39 sections", () => {
    expect(s14check.length).toBe(39);
    const right = s14check.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(37);
  });
});

const TEMPORARY = "1.004194";
const SPLIT = "1.010038";
const converse = async (turns: readonly Turn[]) => converseOn(await bundledCatalogue(), turns);

describe("the sections read in session 14, after an answer", () => {
  it.each([
    ["đăng ký tạm trú", TEMPORARY, "không đăng ký thì bị phạt bao nhiêu", "conditions"],
    ["tách hộ", SPLIT, "mất nhiu ngày", "time"],
  ] as const)(
    "after «%s» (%s) «%s» shows %s",
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
