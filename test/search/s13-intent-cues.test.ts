import { describe, expect, it } from "vitest";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse as converseOn, type Turn } from "../harness/converse.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const intentOf = (text: string) => extractIntent(textWords(text)).intent;

/**
 * Session 13's families (review s12's open items, follow-ups that carry the case), each beside a counter-case that
 * must keep its section.
 */
describe("section cues that generalise (session 13)", () => {
  it.each([
    // Africa typed without accents is no "phí" (review s11 M3); the fee typed so still is
    ["vo em nguoi chau phi dang ky ket hon can gi", "documents"],
    ["vo toi nguoi nam phi, dang ky ket hon o phuong can nhung giay to gi", "documents"],
    ["chong em la nguoi chau phi, lam khai sinh cho con o dau", "place"],
    ["co phai dong phi ko", "fee"],
    ["moi nam phi", "fee"],
    ["Xin hỏi tôi có phải đóng phí khi nộp yêu cầu bồi thường không?", "fee"],
    // when one may marry or adopt is a condition (review s12 L1); when a paper or the result is given, the wait
    ["khi nào mới được lấy chồng", "conditions"],
    ["em 17 tuổi, khi nào mới được lấy vợ ạ", "conditions"],
    ["bao giờ mới được nhận con nuôi", "conditions"],
    ["bao giờ mới được cấp giấy", "time"],
    ["khi nào mới được lấy giấy", "time"],
    ["khi nào mới được nhận kết quả", "time"],
    // "mấy h" is mấy giờ in chat; the hour of collecting is the wait (review s11 L5)
    ["mấy h lấy dc", "time"],
    ["xac nhan tinh trang hon nhan nop sang thi may h lay dc", "time"],
    ["mấy giờ lên lấy", "time"],
    // "phải làm giấy gì": the papers once the procedure is wished for or at hand; which procedure after a story
    ["phải làm giấy gì", "documents"],
    ["muốn công nhận hộ cận nghèo thì phải làm giấy gì", "documents"],
    ["Bố tôi vừa mất hôm qua ở bệnh viện, gia đình phải đi làm giấy gì ở phường?", "general"],
    ["tôi không muốn nhận phần của mình mà để anh trai hưởng, phải làm giấy gì ở phường?", "general"],
    ["xin giấy gì", "general"],
    // an office in a clause told before the question is where the story is; asked in the question, where to go
    ["em thuê phòng trọ ở quận 7, chủ nhà ko chịu ký thì có đk được ko", "conditions"],
    ["có thể xin giấy xác nhận cư trú tại công an phường không", "place"],
    ["làm ở phường, được không", "place"],
    // whether a step comes first, wherever it is done; an office asked in a clause before still asks the place
    ["thì phải xin xác nhận diện tích ở phường trước đúng không", "conditions"],
    ["chúng tôi phải đến UBND xã nơi ai cư trú, và có cần xin giấy độc thân trước không?", "place"],
    ["có phải về phường cũ không", "place"],
    // how to write a form is what the form says, the papers; how to hand it in, the steps
    ["tôi phải viết đơn ra sao, có phải gửi kèm bản sao sổ đỏ không", "documents"],
    ["tờ khai điền như thế nào", "documents"],
    ["nộp đơn như thế nào", "steps"],
    // a diploma, a medical record or a paper counted, to bring or hand in: the papers; paying in cash is no paper
    ["vậy tôi có phải mang bằng ngoại ngữ chứng minh mình biết tiếng không", "documents"],
    ["bệnh án cũ ở viện nhi có cần nộp ko", "documents"],
    ["chỉ cần một văn bản đăng ký thôi hả", "documents"],
    ["có phải chụp ảnh thẻ không", "documents"],
    ["có phải ký tên không", "conditions"],
    ["chỉ cần một người đi thôi hả", "conditions"],
    // whether the procedure differs in one's case asks it whole
    ["nếu cháu mang quốc tịch Hàn theo mẹ thì thủ tục có khác không", "general"],
    ["phí có khác không", "fee"],
    // whether one still goes in person after sending online is the online section; where to go after it, the place
    ["nếu tôi nộp qua cổng dịch vụ công thì có phải lên công an nữa không", "online"],
    ["đã nộp online nhưng bị trả lại, giờ nộp trực tiếp ở đâu", "place"],
    ["đk online xong thì ra phường nào bấm biển", "place"],
    // the same office as the thing before; living in one place is the story
    ["nhân tiện em có tờ cam kết cần chứng thực chữ ký, làm chung chỗ đó luôn được không", "place"],
    ["hai vợ chồng ở chung chỗ thuê có đăng ký tạm trú chung được không", "conditions"],
    // the reception's weekday is its time (eval/README: general|time); a weekday of nothing asks nothing
    ["lịch tiếp dân của chủ tịch phường là thứ mấy ad", "time"],
    ["hôm nay thứ mấy", "general"],
    ["phường làm việc thứ mấy", "place"],
    // late by some days is a deadline missed; the office late is its time
    ["gia hạn tạm trú trễ mấy ngày có bị phạt không", "conditions"],
    ["khai sinh muộn bao lâu thì bị phạt", "conditions"],
    ["hồ sơ bị trả chậm mấy ngày rồi", "time"],
    // "how" alone at the end asks how, by the channel said before it
    ["also I need to register his death online, how", "steps"],
    // the office's days and hours are printed with the office; another place's are none of the ward's
    ["chiều thứ 7 có làm không", "place"],
    ["sáng chủ nhật có nhận hồ sơ ko", "place"],
    ["có làm ngoài giờ không", "place"],
    ["is the office open on saturday", "place"],
    ["saturday open?", "place"],
    ["is the ward open saturday morning", "place"],
    ["timeline?", "time"],
    ["chợ có mở cửa chủ nhật không", "conditions"],
    ["ngân hàng thứ 7 có làm việc không", "conditions"],
    // the next or first step; which side does it; the phone as the channel; the photo's size; a price asked
    ["xong rồi làm gì tiếp", "steps"],
    ["bước đầu tiên là gì", "steps"],
    ["bên nào làm vậy ad", "place"],
    ["làm trên đt được ko ad", "online"],
    ["ảnh mấy x mấy", "documents"],
    [
      "Tôi cần dịch giấy khai sinh sang tiếng Anh có xác nhận để nộp đại sứ quán, phường có người dịch sẵn không?",
      "general",
    ],
    ["xin hỏi trường hợp này có làm được không, có ảnh hưởng gì không", "conditions"],
    ["giá sao vậy", "fee"],
    ["hợp đồng bị đánh máy sai, giá cả không đổi, sửa lỗi đó thế nào", "steps"],
    // papers one holds, asked whether enough
    ["giấy chứng sinh của bệnh viện là đủ chưa", "documents"],
    ["is my old passport enough", "documents"],
    ["đủ tuổi chưa", "conditions"],
    ["what do I have to fill in", "documents"],
    // what happens when something is not done or missed: the conditions; a wish or a name asks the whole
    ["hòa giải tranh chấp đất ở xã mà bên kia ko chịu đến thì sao ad", "conditions"],
    ["hộ nghèo năm nào cũng xét lại hả ad, lỡ đợt rồi thì sao", "conditions"],
    ["thế nếu muốn nghỉ hẳn không kinh doanh nữa thì sao", "general"],
    ["còn kết hôn thì sao", "general"],
    ["ko có giấy tờ gốc thì sao", "documents"],
    // Central speech: where ("ở mô"), the wait complained of; "làm răng" is "làm sao", the whole (eval/README)
    ["làm ở mô rứa", "place"],
    ["răng mà lâu rứa", "general"],
    ["sao lâu thế", "general"],
    ["nghe nói lâu lắm hả chị", "time"],
    ["nhà em ở đây lâu lắm rồi", "general"],
    ["làm răng", "general"],
    // the same day is the wait; what a paper must be, the papers
    ["is it done the same day", "time"],
    ["does the translation need to be certified", "documents"],
    ["can I register temporary residence without the landlord", "conditions"],
    // a sum told in the story is no fee when another section is asked after it
    ["em mới chuyển về đây được 2 tháng, tiền nhà 3 triệu, đăng ký tạm trú ở đâu", "place"],
    ["phí 50 nghìn phải không", "fee"],
    ["hết tiền 50 nghìn à", "fee"],
  ])("«%s» asks %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

const MARRIAGE = "1.000894";
const ADOPTION = "2.001263";
const converse = async (turns: readonly Turn[]) => converseOn(await bundledCatalogue(), turns);

describe("the sections read in session 13, after an answer", () => {
  it.each([
    ["đăng ký kết hôn", MARRIAGE, "khi nào mới được lấy chồng", "conditions"],
    ["đăng ký việc nuôi con nuôi", ADOPTION, "bao giờ mới được nhận con nuôi", "conditions"],
    ["đăng ký kết hôn", MARRIAGE, "nộp hồ sơ rồi bao giờ mới được cấp giấy", "time"],
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
