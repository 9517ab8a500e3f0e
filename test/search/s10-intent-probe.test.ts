import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const intentOf = (text: string) => extractIntent(textWords(text)).intent;

/**
 * Session 10's families of phrasings the cues missed on unseen text (the fresh lines m6663… of eval/tuning.tsv
 * showed them), each with a counter-case that must keep its section.
 */
describe("section cues that generalise (session 10)", () => {
  it.each([
    // money received is no fee; money named in its unit is
    ["có được hỗ trợ kinh phí nuôi dưỡng hàng tháng không", "conditions"],
    ["công chứng bằng tốt nghiệp mấy nghìn một trang", "fee"],
    ["chứng thực hợp đồng tốn bao nhiêu đồng", "fee"],
    ["trich luc ban sao gia nhieu", "fee"],
    // money paid or days waited before are the story of a letter that asks something after them
    [
      "năm ngoái em đã đóng 200 nghìn phí chứng thực, giờ muốn sửa hợp đồng thì phải mang những giấy tờ gì",
      "documents",
    ],
    ["đã đóng tiền thẩm định rồi, giờ có thể theo dõi hồ sơ trên mạng không", "online"],
    ["em đã đóng phí rồi mà chưa nhận được biên lai", "fee"],
    // a number to meet is a condition; a number of copies the papers
    ["thành lập câu lạc bộ thể thao có cần bao nhiêu thành viên không", "conditions"],
    ["chứng thực cần bao nhiêu bản sao", "documents"],
    ["chứng thực mỗi trang bao nhiêu", "fee"],
    // the day it is ready, said in everyday words
    ["nộp hôm nay thì hôm nào lấy được", "time"],
    ["làm giấy xác nhận cư trú mấy bữa", "time"],
    // days after a birth before one must register: a legal deadline, not an allowance's amount
    ["sinh con được bao nhiêu ngày thì phải đi đăng ký khai sinh", "conditions"],
    ["trợ cấp được bao nhiêu một tháng", "general"],
    // how long an allowance lasts is one of its conditions; how long the office takes is time
    ["thanh niên xuất ngũ học nghề thì được hỗ trợ trong bao lâu", "conditions"],
    ["xin hỗ trợ mai táng mất bao lâu", "time"],
    // a deadline the office must meet is its processing time; the citizen's is a condition
    ["tố cáo cán bộ xã thì bao lâu phải có kết quả giải quyết", "time"],
    ["phường phải xử lý, phân loại đơn trong thời hạn bao lâu", "time"],
    ["lễ hội của xã phải thông báo trước bao nhiêu ngày", "conditions"],
    ["chết bao nhiêu ngày thì phải đi khai tử", "conditions"],
    // "bằng cách" (by), "cách đây" (ago) ask no steps; "bằng cách nào" does
    ["tôi muốn nhường phần thừa kế bằng cách từ chối nhận di sản, tôi phải làm gì", "general"],
    ["cách đây 2 năm tôi đã đăng ký tạm trú, giờ gia hạn ở đâu", "place"],
    ["báo lưu trú bằng cách nào", "steps"],
    // what the dossier holds, asked as "hồ sơ … thế nào"; how to send it is the steps
    ["hồ sơ điều chỉnh giấy phép xây dựng thế nào", "documents"],
    ["nộp hồ sơ điều chỉnh giấy phép xây dựng thế nào", "steps"],
    // whom one turns to is where it is handled
    ["gửi đơn phản ánh lên phường thì ai xử lý", "place"],
    ["who do I complain to", "place"],
    ["who can apply for this allowance", "conditions"],
    // an address written on a paper is no place asked when something else is
    ["tôi phải làm gì để giấy phép ghi đúng địa chỉ mới", "general"],
    ["cho xin địa chỉ bộ phận một cửa", "place"],
    // a paper needed, then "làm sao": how to get it, the procedure as a whole
    ["cần giấy xác nhận diện tích để đăng ký thường trú vào nhà thuê, làm sao ad", "general"],
    ["cần giấy tờ gì, làm sao", "documents"],
    // whether one may ask for it ("có xin … được không"), not a request for the service
    ["38 tuổi chưa vợ thì có xin con nuôi được ko", "conditions"],
    ["xin bản sao hợp đồng đã chứng thực được không", "general"],
    // a short statement after the question is the story's last detail
    ["Can I change my son's first name on his birth certificate? He's 7, Vietnamese.", "conditions"],
    ["Con tôi có được nhập hộ khẩu vào nhà ông bà không? Cháu 3 tuổi.", "conditions"],
    // chat: "dk gì" at the end asks the conditions
    ["ket hon luu dong dk gi", "conditions"],
    ["xin ho ngheo thi dk gi vay ad", "conditions"],
    ["dk tam tru can giay to gi", "documents"],
    // the app as the channel
    ["can I notify my guest's stay through the app", "online"],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

/**
 * test/search/s10-intent-probe.tsv: 75 messages written from the records before any change of session 10 (every
 * section; no accents, chat, typos, English, letters whose story names money or days, two sections asked). The served
 * search read 69 of them right before (0.920), 74 after.
 */
const probe = parseLabelledQueries(readFileSync(new URL("./s10-intent-probe.tsv", import.meta.url), "utf8"));
/**
 * test/search/s10-intent-check.tsv: 61 messages written after the change and never tuned on (the same sections and
 * styles, other procedures and phrasings). The rules read 56 of them right before the change, 58 after (served: 58).
 */
const check = parseLabelledQueries(readFileSync(new URL("./s10-intent-check.tsv", import.meta.url), "utf8"));

describe("the section asked, on session 10's own probes", () => {
  it("is read right in at least 97% of the first batch", async () => {
    const { search } = (await bundledCatalogue()).current();
    const wrong = probe
      .map((q) => ({ q, got: search.search(q.query).intent }))
      .filter(({ q, got }) => !q.intents.includes(got))
      .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
    expect(probe.length).toBeGreaterThan(70);
    expect(wrong.length / probe.length, wrong.join("\n")).toBeLessThanOrEqual(0.03);
  }, 180_000);

  it("is read right in at least 93% of the second batch, never tuned on", async () => {
    const { search } = (await bundledCatalogue()).current();
    const wrong = check
      .map((q) => ({ q, got: search.search(q.query).intent }))
      .filter(({ q, got }) => !q.intents.includes(got))
      .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
    expect(check.length).toBeGreaterThan(55);
    expect(wrong.length / check.length, wrong.join("\n")).toBeLessThanOrEqual(0.07);
  }, 180_000);
});
