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
 * Session 11's families of phrasings the rules missed on the tuning part's newest lines (T5, F5), each beside a
 * counter-case that must keep its section.
 */
describe("section cues that generalise (session 11)", () => {
  it.each([
    // "gia hạn" is an extension, not a limit: how long it takes is the office's time; a limit before expiry stays one
    ["gia hạn tạm trú bao lâu thì xong", "time"],
    ["gia han tam tru bao lau thi xong", "time"],
    ["hạn nộp bao nhiêu ngày", "conditions"],
    ["tạm trú hết hạn bao lâu rồi thì phải gia hạn", "conditions"],
    // how many copies or sets, whatever the verb before and with or without accents; a price per copy is a fee
    ["nộp bao nhiêu bản hồ sơ", "documents"],
    ["dang ky khai sinh can nop bao nhieu ban", "documents"],
    ["nộp bao nhiêu bộ hồ sơ", "documents"],
    ["chứng thực bao nhiêu một bản", "fee"],
    // "có cách nào … không": whether it can be done at all; "làm cách nào" asks how
    ["Xin hỏi chúng tôi có cách nào làm lại giấy kết hôn không?", "general"],
    ["co cach nao lay lai giay khai sinh ko", "general"],
    ["làm cách nào để lấy lại giấy khai sinh", "steps"],
    // a time of day to meet is a deadline; the office's hours are printed with the office (place), the result ready
    // is the processing time ("sau 15 giờ …"); a time of day of anything else asks no section (review H3)
    ["nếu khách đến sau 23 giờ thì tôi phải báo trước mấy giờ hôm sau", "conditions"],
    ["bộ phận một cửa làm việc mấy giờ", "place"],
    ["phường làm việc mấy giờ", "place"],
    ["phuong lam viec den may gio", "place"],
    ["mấy giờ mở cửa", "place"],
    ["thứ bảy mấy giờ mở cửa ạ", "place"],
    ["What are the opening hours of the ward office?", "place"],
    ["mấy giờ lên lấy kết quả", "time"],
    ["mấy giờ rồi", "general"],
    ["trận đấu tối nay mấy giờ", "general"],
    ["mấy giờ thì tan tầm", "general"],
    ["mấy giờ chợ mở cửa", "general"],
    ["ngân hàng làm việc đến mấy giờ", "general"],
    ["what time is it", "general"],
    // done ("xong", "rồi") or supposed ("nếu") before "thì": the channel or money is the case, the question follows
    ["xe máy mới mua đk online xong thì ra cs phường nào bấm biển", "place"],
    ["đóng phí xong thì nhận giấy ở đâu", "place"],
    ["nếu gửi qua bưu điện mà quá hạn xã không trả lời thì có được coi là đồng ý không", "conditions"],
    ["nếu làm online thì có mất phí không", "fee"],
    ["khai sinh online ntn", "online"],
    // the account's level asked beside the channel, however the channel is named
    ["làm liên thông khai sinh cho bé, cần VNeID mức mấy?", "conditions"],
    ["khai tử online trên dvc thì cần tk định danh mức mấy", "conditions"],
    // the steps named beside a channel are the steps of doing it there
    ["các bước làm khai sinh online", "steps"],
    ["qui trinh dang ky xe online", "steps"],
    // an alternative duty ("hay phải hẹn") is no legal deadline of the days asked
    ["Chứng thực di chúc ở phường thì làm trong ngày được không hay phải hẹn?", "time"],
    ["chết bao nhiêu ngày thì phải đi khai tử", "conditions"],
    // "trong thời gian …" (during) is the story; "trong thời gian bao lâu" asks
    ["Trong thời gian quán bị đóng, tôi mất 60 triệu. Tôi có quyền yêu cầu bồi thường không?", "conditions"],
    ["phường giải quyết trong thời gian bao lâu", "time"],
    // a form named, then where to send it: the place
    ["nhà nước có hỗ trợ không và phải làm tờ khai nộp ở đâu?", "place"],
    ["tờ khai lấy ở đâu", "documents"],
    // a need asked with the office where it is done: whether it is needed; where to go stays the place
    ["Tôi viết giấy ủy quyền cho con, có cần ra phường chứng thực chữ ký không?", "conditions"],
    ["huỷ hợp đồng đã chứng thực ở phường thì có phải tất cả các bên cùng ký không", "conditions"],
    ["tôi có phải làm thủ tục đăng ký ở ủy ban để làm người giám hộ cho em không", "conditions"],
    ["làm văn bản chia di sản ở phường có bắt buộc cả ba anh em phải có mặt không", "conditions"],
    ["em có được mang cả hai bản dịch ra phường chứng thực chữ ký của mình không", "conditions"],
    ["có phải về xã cũ ko", "place"],
    ["có được làm lại ở xã đang ở không", "place"],
    ["có thể xin giấy xác nhận cư trú tại công an phường không", "place"],
    // papers said by other nouns; "làm đơn gì" asks which procedure
    ["thư viện cộng đồng muốn đóng cửa thì phải gửi thông báo gì", "documents"],
    ["hồ sơ tham vấn gồm những tài liệu gì", "documents"],
    ["hàng xóm lấn đất, muốn nhờ phường giải quyết thì làm đơn gì", "general"],
    // which benefits one gets is the whole; whether one may have them a condition; money to pay a fee
    ["ông ngoại là bệnh binh mới mất, nhà được lĩnh tiền gì không", "general"],
    ["bố tôi mất tuần trước, người thân có được hưởng trợ cấp gì không", "conditions"],
    ["có phải đóng tiền gì ko", "fee"],
    // how long before a day ("trước ngày …", "trước khi …") is a deadline; "… thì bao lâu" after it the wait
    ["có phải báo phường không, nếu có thì phải báo trước ngày mở cửa bao lâu?", "conditions"],
    ["trước khi khai trương bao lâu thì phải báo", "conditions"],
    ["nộp trước ngày 15 thì bao lâu có kết quả", "time"],
    // the day is when the paper is needed; asking for it or getting it after is the wait (review M2)
    ["trước khi cưới xin giấy độc thân bao lâu thì có", "time"],
    ["trước khi cưới xin giấy này bao lâu thì có", "time"],
    ["truoc khi cuoi xin giay doc than bao lau thi co", "time"],
    ["trước khi nộp hồ sơ kết hôn xin giấy độc thân bao lâu thì xong", "time"],
    // chat and talk: "fí", "kiểu gì"; one office or another by its department; being charged
    ["xác nhận thân nhân liệt sĩ có mất fí ko vậy", "fee"],
    ["lập clb cầu lông thì xin công nhận kiểu gì", "steps"],
    ["nop ho so o xa hay phong lao dong", "place"],
    ["Can I get it reissued? Will I be charged?", "fee"],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

/**
 * test/search/s11-intent-probe1.tsv: 72 messages written from the records before any change of session 11 (every
 * section; no accents, chat, English, letters whose story names money, days or places, two sections asked). The
 * served search read 68 of them right before (0.944), 71 after.
 * test/search/s11-intent-probe2.tsv: 62 messages written after the change and never tuned on (other procedures and
 * phrasings of the same sections and styles). The served search read 53 of them right before the change, 59 after.
 */
const batches = [
  { file: "./s11-intent-probe1.tsv", least: 70, most: 0.03 },
  { file: "./s11-intent-probe2.tsv", least: 60, most: 0.07 },
].map((b) => ({ ...b, probe: parseLabelledQueries(readFileSync(new URL(b.file, import.meta.url), "utf8")) }));

describe("the section asked, on session 11's own probes", () => {
  it.each(batches)(
    "is read right in $file but for at most its share of misses",
    async ({ probe, least, most }) => {
      const { search } = (await bundledCatalogue()).current();
      const wrong = probe
        .map((q) => ({ q, got: search.search(q.query).intent }))
        .filter(({ q, got }) => !q.intents.includes(got))
        .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
      expect(probe.length).toBeGreaterThan(least);
      expect(wrong.length / probe.length, wrong.join("\n")).toBeLessThanOrEqual(most);
    },
    180_000,
  );
});

const converse = async (turns: readonly Turn[]) => converseOn(await bundledCatalogue(), turns);

const MARRIAGE = "1.000894";
const SIGNATURE = "2.000884";
const SINGLE = "1.004873";

describe("a time of day and 'trước khi …' after an answer (review H3, M2)", () => {
  it.each([
    ["đăng ký kết hôn", MARRIAGE, "mấy giờ rồi"],
    ["đăng ký kết hôn", MARRIAGE, "trận đấu tối nay mấy giờ"],
    ["chứng thực chữ ký", SIGNATURE, "mấy giờ thì tan tầm"],
  ])(
    "after «%s» «%s» is no section of it: «%s»",
    async (first, code, then) => {
      await converse([
        [first, code],
        [then, undefined],
      ]);
    },
    60_000,
  );

  it("the office's hours show the office, the result's hour the processing time", async () => {
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["phường làm việc mấy giờ", MARRIAGE, "place"],
      ["mấy giờ lên lấy kết quả", MARRIAGE, "time"],
    ]);
  }, 60_000);

  it("'trước khi cưới xin giấy … bao lâu thì có' asks the wait, first or after an answer", async () => {
    await converse([["trước khi cưới xin giấy độc thân bao lâu thì có", SINGLE, "time"]]);
    await converse([
      ["xác nhận tình trạng hôn nhân", SINGLE],
      ["trước khi cưới xin giấy này bao lâu thì có", SINGLE, "time"],
    ]);
  }, 60_000);
});
