import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, SECTION_LINE } from "../harness/converse.js";

/**
 * Session 10 (FOLLOW): after an answer, a section asked in the citizen's own words ("khoảng mấy ngày thì xong", "how
 * long until it's approved") that names no other procedure is that section of the procedure at hand, not "không tìm
 * thấy"; a question about something else, or one naming another procedure, is not. Phrasings written for this test.
 */
let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

const chat = () => chatWith(catalogue).say;
// Who must come: the record says it in its conditions, beside its papers or in its steps.
const PRESENCE = /\n(Điều kiện|Giấy tờ cần chuẩn bị|Các bước thực hiện)/;
const SECTION = { ...SECTION_LINE, presence: PRESENCE } as const;

describe("a section asked in one's own words stays on the procedure at hand", () => {
  const cases: [string, string, string, keyof typeof SECTION][] = [
    ["chứng thực di chúc", "2.001019", "khoảng mấy ngày thì xong", "time"],
    ["giấy chứng nhận đủ điều kiện cửa hàng bán LPG chai", "2.001283", "chờ bao lâu mới đc cấp", "time"],
    ["dang ky giam ho cho chau mo coi", "1.004837", "tam may ngay thi xong vay", "time"],
    ["đăng ký kết hôn", "1.000894", "2 đứa có phải có mặt cùng lúc không", "presence"],
    ["chung thuc ban sao giay to", "2.000815", "mất bao nhiêu tiền một trang?", "fee"],
    ["how do I register my baby's birth", "1.001193", "how many days until I receive the certificate", "time"],
    // a purpose clause before the question is no "what I will do" (review s11 H1)
    ["làm giấy khai sinh cho con cần gì", "1.001193", "để em nộp hồ sơ thì mất bao lâu ạ", "time"],
    ["làm giấy khai sinh cho con cần gì", "1.001193", "để tôi đi làm cho cháu thì lệ phí bao nhiêu", "fee"],
    ["đăng ký khai sinh", "1.001193", "de em nop thi mat bao lau a", "time"],
    ["đăng ký kết hôn", "1.000894", "để em hỏi chút, mất bao lâu vậy ạ", "time"],
    // a vocative or the section said in English words around the question (review s11 H2)
    ["chứng thực bản sao", "2.000815", "how long does it take, mate?", "time"],
    ["đăng ký khai sinh", "1.001193", "what are the charges?", "fee"],
    ["đăng ký khai sinh", "1.001193", "how long, madam", "time"],
  ];
  it.each(cases)("%s → %s, then '%s' → its %s", async (first, code, followUp, section) => {
    const say = chat();
    expect(codeOf(await say(first))).toBe(code);
    const replies = await say(followUp);
    expect(codeOf(replies)).toBe(code);
    expect(replies[0]?.text).toMatch(SECTION[section]);
  });

  it("a question about something else is not answered with the procedure at hand", async () => {
    const others: [string, string, string][] = [
      ["chứng thực di chúc", "2.001019", "giá xăng hôm nay bao nhiêu"],
      ["chứng thực di chúc", "2.001019", "mua vé máy bay ở đâu"],
      ["chứng thực di chúc", "2.001019", "what's the price of rice today?"],
      ["chứng thực di chúc", "2.001019", "ok ad để tôi tìm lại giấy tờ"],
      // one noun of another topic, no day, no accents (review HIGH-1, HIGH-1b)
      ["đăng ký kết hôn", "1.000894", "vàng bao nhiêu một chỉ"],
      ["đăng ký kết hôn", "1.000894", "xăng bao nhiêu"],
      ["đăng ký kết hôn", "1.000894", "how much is petrol"],
      ["chung thuc chu ky", "2.000884", "how much is a coffee"],
      ["chung thuc chu ky", "2.000884", "how long does shipping take"],
      ["lam giay khai sinh", "1.001193", "bao lau thi het sot"],
      ["dang ky thuong tru", "1.004222", "lap mang internet mat bao lau"],
      ["đăng ký kết hôn", "1.000894", "cho em hỏi thuê áo dài cưới khoảng bao nhiêu tiền vậy ạ"],
      ["lam giay khai sinh", "1.001193", "em muốn hỏi tiêm vắc xin 6 trong 1 cho bé hết bao nhiêu tiền"],
      ["chung thuc chu ky", "2.000884", "could you tell me how much a taxi to the airport costs these days"],
      // without a day, with or without accents (review HIGH-1c: only 'hôm nay'/'today' stopped these)
      ["chứng thực di chúc", "2.001019", "giá xăng bao nhiêu"],
      ["chứng thực di chúc", "2.001019", "what's the price of rice?"],
      ["chứng thực di chúc", "2.001019", "gia xang bao nhieu"],
      ["đăng ký kết hôn", "1.000894", "bao lâu thì hết covid"],
      // what the citizen will do, with a word of papers in it, asks nothing
      ["dang ky thuong tru", "1.004222", "vâng, để em chuẩn bị"],
      ["chứng thực di chúc", "2.001019", "ok để mình chuẩn bị"],
      // story words of the procedure's câu mẫu asked as the thing paid for or waited for (review s11 H5)
      ["chứng thực bản sao", "2.000815", "học phí đại học bao nhiêu"],
      ["chứng thực bản sao", "2.000815", "thi đại học mất mấy ngày"],
      ["đăng ký khai sinh", "1.001193", "sinh con ở bệnh viện tư hết bao nhiêu tiền"],
    ];
    for (const [first, code, other] of others) {
      const say = chat();
      expect(codeOf(await say(first))).toBe(code);
      const replies = await say(other);
      expect(codeOf(replies), other).toBeUndefined();
      // not found, the off-topic reply or another agency's pointer ('tiêm vắc xin' is the health station's): no
      // section of any procedure
      expect(replies[0]?.text, other).toMatch(/Xin lỗi|Sorry|không làm tại bộ phận một cửa|not handled at the ward/);
    }
  });

  it("another agency's paper said beside the others asks the papers of the one at hand; asked for, it is theirs", async () => {
    const beside: [string, string, string][] = [
      ["xin giấy xác nhận tình trạng hôn nhân", "1.004873", "ngoai cccd ra con phai dem gi nua"],
      [
        "I want to marry my Vietnamese fiancée, I am Australian",
        "2.000806",
        "does she need a health check certificate",
      ],
    ];
    for (const [first, code, paper] of beside) {
      const say = chat();
      expect(codeOf(await say(first))).toBe(code);
      const replies = await say(paper);
      expect(codeOf(replies)).toBe(code);
      expect(replies[0]?.text).toMatch(SECTION_LINE.documents);
    }
    // asked for, the paper is the other agency's (review HIGH-2)
    for (const [asked, pointer] of [
      ["where can she get a health check certificate", /Khám sức khỏe/],
      ["what documents do I need for a criminal record certificate", /lý lịch tư pháp/],
      ["what papers are needed for a residence card", /Thị thực/],
    ] as const) {
      const say = chat();
      expect(codeOf(await say("I want to marry my Vietnamese fiancée, I am Australian"))).toBe("2.000806");
      const replies = await say(asked);
      expect(codeOf(replies), asked).toBeUndefined();
      expect(replies[0]?.text, asked).toMatch(pointer);
    }
  });

  it("a day said beside a section question is when the citizen comes; a question after 'để tôi' is still asked", async () => {
    const say = chat();
    expect(codeOf(await say("lam giay khai sinh"))).toBe("1.001193");
    expect(codeOf(await say("mai em đi nộp thì mất bao lâu"))).toBe("1.001193");
    expect(codeOf(await say("để tôi hỏi thêm là hai vợ chồng có cần có mặt không"))).toBe("1.001193");
  });

  it("a question naming another matter in plain words does not stay on the procedure at hand (review HIGH-5)", async () => {
    for (const other of [
      "bà ngoại 80 tuổi xin trợ cấp thì bao lâu có",
      "ho ngheo xin ho tro tien dien bao lau thi co",
    ]) {
      const say = chat();
      expect(codeOf(await say("lam giay khai sinh"))).toBe("1.001193");
      expect(codeOf(await say(other)), other).not.toBe("1.001193");
    }
  });

  it("a need asked in English stays on the procedure at hand (review LOW-2)", async () => {
    const say = chat();
    expect(codeOf(await say("đăng ký kết hôn"))).toBe("1.000894");
    for (const need of ["do I need to bring witnesses?", "is a photo of us both required?"]) {
      const replies = await say(need);
      expect(codeOf(replies), need).toBe("1.000894");
      expect(replies[0]?.text, need).toMatch(SECTION_LINE.documents);
    }
  });

  it("a section asked of another procedure in everyday words still switches", async () => {
    const say = chat();
    expect(codeOf(await say("đăng ký kết hôn"))).toBe("1.000894");
    expect(codeOf(await say("sinh con rồi thì làm giấy khai sinh cần những gì"))).toBe("1.001193");
  });

  it("a detail after a list settles on the listed procedure that covers it, not on the one it names in passing", async () => {
    const say = chat();
    expect(codeOf(await say("xin hỗ trợ tiền mai táng"))).toBeUndefined();
    // the pension named is the dead man's status: the funeral allowance of a pensioner, listed, not the pension
    expect(codeOf(await say("ông tôi hưởng trợ cấp hưu trí xã hội thì mất rồi"))).toBe("1.014028");
  });
});
