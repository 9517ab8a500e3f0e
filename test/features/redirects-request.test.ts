import { describe, expect, it } from "vitest";
import { matchRedirect, namesAsHeld, opensWith } from "../../src/features/redirects.js";
import { tokenize } from "../../src/search/normalize.js";

/** What a letter asks for, among the ward words of its story (phrasings written for this test). */
describe("a redirect term is the request", () => {
  it.each([
    ["Vợ chồng tôi đăng ký kết hôn ở phường năm 2018. Xin hỏi thuận tình ly hôn nộp ở đâu?", "thuận tình ly hôn"],
    [
      "Hộ khẩu cũ của tôi ở phường đã bị xóa, nay cần phiếu lý lịch tư pháp để nhập quốc tịch. Xin ở đâu?",
      "phiếu lý lịch tư pháp",
    ],
    ["Tôi đã có hộ khẩu ở phường. Tôi muốn rút bảo hiểm xã hội một lần, làm ở đâu?", "rút bảo hiểm xã hội"],
    [
      "My residence was deregistered at the ward. I need a Vietnamese criminal record certificate, where?",
      "criminal record",
    ],
    [
      "Tôi làm thợ xây, năm nay 50 tuổi, muốn tham gia bảo hiểm xã hội tự nguyện. Xin hỏi đóng ở đâu?",
      "bảo hiểm xã hội tự nguyện",
    ],
    [
      "Công ty cũ giải thể, tôi đã có xác nhận cư trú. Xin hỏi giờ tôi phải làm gì để được chốt sổ bảo hiểm?",
      "chốt sổ bảo hiểm",
    ],
    ["hủy hợp đồng công chứng ở văn phòng công chứng", "văn phòng công chứng"],
  ])("%s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(true);
  });

  it.each([
    // a paper the ward's procedure needs, or a status in the story
    ["Tôi đóng bảo hiểm xã hội ở công ty. Xin hỏi làm khai sinh cho con cần gì?", "bảo hiểm xã hội"],
    ["Tôi đã ly hôn. Xin hỏi, giấy xác nhận độc thân xin ở đâu?", "ly hôn"],
    // an item of a list after a comma is no question's opening
    ["nghệ nhân thôi nhận trợ cấp, BHYT", "bhyt"],
    // the other agency weighed against the ward
    ["chứng thực hợp đồng ở phường thay vì ra văn phòng công chứng", "văn phòng công chứng"],
    // a wish set aside by the sentence itself
    ["Nhà tôi tranh chấp lối đi. Tôi muốn khởi kiện nhưng phải hòa giải trước. Xin hỏi đơn nộp ở đâu?", "khởi kiện"],
  ])("not: %s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(false);
  });
});

describe("the term a letter asks for, among those of one service", () => {
  it("is the one its question says", () => {
    const redirects = [
      {
        id: "bhxh",
        topic: "BHXH",
        terms: ["bảo hiểm thất nghiệp", "chốt sổ bảo hiểm"],
        answer: "…",
        sources: [],
        lastChecked: "2026-12-02",
      },
    ];
    const text =
      "Công ty cũ nợ bảo hiểm nên tôi không làm được thủ tục hưởng bảo hiểm thất nghiệp. Xin hỏi giờ tôi phải làm gì để được chốt sổ bảo hiểm?";
    expect(matchRedirect(redirects, text)?.term).toEqual(tokenize("chốt sổ bảo hiểm"));
  });
});

describe("a foreigner asking to reside", () => {
  const redirects = [
    {
      id: "thi-thuc-nguoi-nuoc-ngoai",
      topic: "Thị thực",
      terms: ["visa"],
      answer: "…",
      sources: [],
      lastChecked: "2026-12-02",
    },
  ];
  it("gets the immigration pointer", () => {
    expect(
      matchRedirect(redirects, "chồng tôi người Mỹ muốn xin thường trú ở Việt Nam thì làm ở đâu")?.redirect.id,
    ).toBe("thi-thuc-nguoi-nuoc-ngoai");
  });
  it("asked to stay long, in a letter's question", () => {
    const text =
      "Tôi kết hôn với một anh người Canada, anh ấy ở Việt Nam bằng visa du lịch. Xin hỏi có cách nào cho anh ấy ở lâu dài không?";
    expect(matchRedirect(redirects, text)?.redirect.id).toBe("thi-thuc-nguoi-nuoc-ngoai");
  });
  it.each([
    "Việt kiều Mỹ muốn xin thường trú ở Việt Nam",
    "chồng tôi người Hàn, làm thường trú cho con ở đâu",
    "vợ tôi người Nhật đã làm tạm trú rồi, giờ muốn đăng ký kết hôn",
    "Tôi lấy chồng Đài Loan, nay hai mẹ con về quê sinh sống lâu dài, làm khai sinh cho con",
  ])("not a Vietnamese abroad, a child, a done residence or a story: %s", (text) => {
    expect(matchRedirect(redirects, text)).toBeUndefined();
  });
});

describe("a benefit asked for a birth by someone insured", () => {
  const redirects = [
    { id: "bao-hiem-xa-hoi", topic: "BHXH", terms: ["bhxh"], answer: "…", sources: [], lastChecked: "2026-12-02" },
  ];
  it.each([
    "Vợ em vừa sinh bé, em đã làm khai sinh ở phường. Em đóng bảo hiểm 3 năm. Em hỏi em có được hưởng chế độ gì khi vợ sinh không?",
    "My wife gave birth last week and the ward registered it. I pay social insurance. Can I get an allowance for the birth?",
    "chong dc huong che do gi khi vo sinh ko ad",
  ])("is social insurance's maternity benefit: %s", (text) => {
    expect(matchRedirect(redirects, text)?.redirect.id).toBe("bao-hiem-xa-hoi");
  });
  it.each([
    "Tôi đóng bảo hiểm xã hội ở công ty, vợ vừa sinh con. Xin hỏi làm khai sinh cho con cần gì?",
    "vợ sinh con được hỗ trợ thẻ bảo hiểm y tế cho bé không",
  ])("not the birth's registration or the child's card: %s", (text) => {
    expect(matchRedirect(redirects, text)?.redirect.id ?? "none").not.toBe("bao-hiem-xa-hoi");
  });
});

describe("of the services a letter names, the one it asks for", () => {
  it("a question naming nothing asks about the sentence before it", () => {
    const redirects = [
      {
        id: "ngan-hang",
        topic: "Ngân hàng",
        terms: ["tài khoản ngân hàng"],
        answer: "…",
        sources: [],
        lastChecked: "2026-12-02",
      },
      {
        id: "bao-hiem-xa-hoi",
        topic: "BHXH",
        terms: ["lương hưu"],
        answer: "…",
        sources: [],
        lastChecked: "2026-12-02",
      },
    ];
    const text =
      "Mẹ tôi nghỉ hưu, nhận lương hưu qua tài khoản ngân hàng. Mẹ mới đăng ký thường trú ở phường khác. Tháng này không thấy tiền lương hưu về. Xin hỏi tôi phải liên hệ ai?";
    expect(matchRedirect(redirects, text)?.redirect.id).toBe("bao-hiem-xa-hoi");
  });
  it("not a purpose of the sentence before ('để được hỗ trợ bảo hiểm y tế')", () => {
    const text =
      "Tôi muốn đề nghị xã công nhận hộ cận nghèo để được hỗ trợ bảo hiểm y tế. Xin hỏi thủ tục cần những giấy tờ gì?";
    expect(opensWith(text, tokenize("bảo hiểm y tế"))).toBe(false);
  });
});

describe("a paper held", () => {
  it("a term listed after 'và' with papers held is held too", () => {
    const text = "Anh ấy có hộ chiếu và thẻ tạm trú. Xin hỏi làm giấy khai sinh cho con cần gì?";
    expect(namesAsHeld(text, [tokenize("thẻ tạm trú")])).toBe(true);
  });

  it("a copy of the paper, or what an authorisation is for, is the ward's certification", () => {
    expect(namesAsHeld("chứng thực bản sao sổ bảo hiểm xã hội", [tokenize("sổ bảo hiểm xã hội")])).toBe(true);
    expect(namesAsHeld("chứng thực giấy ủy quyền nhận lương hưu thay", [tokenize("lương hưu")])).toBe(true);
    expect(namesAsHeld("làm sao rút bảo hiểm xã hội một lần", [tokenize("rút bảo hiểm xã hội")])).toBe(false);
  });

  it("what the citizen says they need is asked for, not held", () => {
    expect(namesAsHeld("nay tôi cần phiếu lý lịch tư pháp để đi làm", [tokenize("phiếu lý lịch tư pháp")])).toBe(false);
    expect(namesAsHeld("khai sinh cho con cần cccd của bố mẹ không", [tokenize("cccd")])).toBe(true);
  });
});

/** Mechanisms of the fourth probe (test/search/oos-probe4.tsv); phrasings written for this test. */
describe("a request said with the person it is about inside it", () => {
  const court = {
    id: "court",
    topic: "Tòa án",
    terms: ["tuyên bố … mất tích", "khởi kiện"],
    answer: "…",
    sources: [],
    lastChecked: "2026-12-02",
  };
  it("a term with a gap takes the words that fill it", () => {
    const text = "Bố tôi đi biệt tích 4 năm. Tôi muốn yêu cầu tuyên bố bố tôi mất tích thì nộp đơn ở đâu?";
    const match = matchRedirect([court], text);
    expect(match?.term).toEqual(tokenize("tuyên bố bố tôi mất tích"));
    expect(opensWith(text, match?.term ?? [])).toBe(true);
  });
  it("but not words too far apart", () => {
    expect(matchRedirect([court], "tuyên bố của ông chủ tịch phường về việc người dân mất tích")).toBeUndefined();
  });
});

describe("what the ward certifies", () => {
  it.each([
    ["chứng thực chữ ký trên đơn xin rút bảo hiểm xã hội một lần", "rút bảo hiểm xã hội"],
    ["I need to certify a copy of my passport at the ward office", "passport"],
    ["muốn chứng thực hợp đồng chuyển nhượng ở phường thay vì ra văn phòng công chứng", "văn phòng công chứng"],
    ["giấy ủy quyền cho em gái tôi đi nhận lương hưu thay", "lương hưu"],
  ])("is held: %s", (text, term) => {
    expect(namesAsHeld(text, [tokenize(term)])).toBe(true);
  });
  it.each([
    // a certification done is the story, the request comes after it in its clause
    ["văn bản đã chứng thực ở phường giờ tôi muốn khởi kiện", "khởi kiện"],
    // another clause
    ["Tôi muốn chứng thực bản sao. Sau đó tôi muốn khởi kiện", "khởi kiện"],
  ])("not: %s", (text, term) => {
    expect(namesAsHeld(text, [tokenize(term)])).toBe(false);
  });
});

describe("what one should do, and a question after a deed done", () => {
  it.each([
    ["Em là sinh viên, nên mua bảo hiểm y tế theo trường hay ở phường?", "bảo hiểm y tế"],
    ["Em ở trọ có đăng ký tạm trú. Em phải đóng thuế cho thu nhập bán hàng online không?", "đóng thuế"],
    // a wish with its verb before the service ("muốn mở sổ tiết kiệm")
    ["Con tôi đã có giấy khai sinh. Tôi muốn mở sổ tiết kiệm cho con thì cần gì?", "sổ tiết kiệm"],
    [
      "My employer stopped paying my social insurance. I already registered my residence at the ward. Where do I go?",
      "social insurance",
    ],
    // an English question naming nothing ("who do I complain to") asks about the sentence before the deed done
    [
      "My employer stopped paying my social insurance. I already confirmed my residence at the ward. Who do I complain to?",
      "social insurance",
    ],
  ])("%s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(true);
  });
});

/** Session 9: letters whose request hides behind a folded article, a verb, a pointer back or the agency asked. */
describe("a letter's request, however it is said", () => {
  it.each([
    // "thẻ" folds to "the", an English article the need's words skip
    [
      "Chồng tôi là người Hàn Quốc. Visa của anh sắp hết hạn, tôi muốn xin thẻ tạm trú dài hạn cho chồng. Xin hỏi nộp ở công an phường được không?",
      "thẻ tạm trú",
    ],
    // the question says doing it
    [
      "Chồng tôi mất vì tai nạn lao động, tôi đã làm khai tử ở phường. Giờ công ty bảo tôi tự đi làm trợ cấp tuất cho con, xin hỏi nộp hồ sơ ở đâu?",
      "trợ cấp tuất",
    ],
    // the question points back at it by its head word
    [
      "Tôi bán đất cho người cùng xóm, bên mua giục tôi đi nộp thuế thu nhập cá nhân. Xin hỏi thuế này tính bao nhiêu, tờ khai nộp ở đâu?",
      "thuế thu nhập cá nhân",
    ],
    // a sentence between points back at the paper ("giấy này")
    [
      "Tôi thường trú ở phường. Công ty yêu cầu tôi nộp phiếu lý lịch tư pháp số 1. Cán bộ phường bảo không làm giấy này. Xin hỏi tôi xin ở đâu?",
      "phiếu lý lịch tư pháp",
    ],
    // the agency asked to do it
    ["Can the Vietnamese embassy in Seoul register my father's death? He died in Korea.", "vietnamese embassy"],
    ["We live in Japan and want to register our son's birth with the Vietnamese consulate.", "vietnamese consulate"],
  ])("%s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(true);
  });

  it.each([
    // what the ward's paper is for
    ["Tôi thường trú ở phường. Xin hỏi để làm hộ chiếu cho con thì cần bản sao giấy khai sinh không?", "hộ chiếu"],
    // "nay" opening a sentence is no pointer
    ["Tôi có thẻ căn cước. Nay tôi muốn đăng ký kết hôn, xin hỏi cần gì?", "thẻ căn cước"],
    // the embassy only where it was done, the ward asked
    [
      "We married at the Vietnamese embassy in Tokyo and now live in Hanoi. Can the ward give us a copy?",
      "vietnamese embassy",
    ],
  ])("not: %s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(false);
  });
});

describe("of two services a message names as strongly, the longer term", () => {
  const redirects = [
    { id: "bhxh", topic: "BHXH", terms: ["đóng bảo hiểm xã hội"], answer: "…", sources: [], lastChecked: "2026-12-02" },
    {
      id: "lao-dong",
      topic: "Lao động",
      terms: ["không đóng bảo hiểm xã hội"],
      answer: "…",
      sources: [],
      lastChecked: "2026-12-02",
    },
  ];
  it("the employer's failure, not the insurance itself", () => {
    expect(
      matchRedirect(redirects, "công ty không đóng bảo hiểm xã hội cho tôi thì khiếu nại ở đâu")?.redirect.id,
    ).toBe("lao-dong");
  });
});

describe("social insurance's survivor benefit", () => {
  const redirects = [
    {
      id: "tu-tuat-bao-hiem-xa-hoi",
      topic: "Tử tuất",
      terms: ["tiền tuất", "trợ cấp tuất"],
      answer: "…",
      sources: [],
      lastChecked: "2026-12-02",
    },
  ];
  it("for a pensioner's family", () => {
    expect(matchRedirect(redirects, "bố tôi hưởng lương hưu vừa mất, nhận tiền tuất ở đâu")?.redirect.id).toBe(
      "tu-tuat-bao-hiem-xa-hoi",
    );
  });
  it.each([
    "ông em là thương binh đang hưởng trợ cấp vừa mất, nhà xin tiền mai táng và tiền tuất thì làm sao",
    "mẹ liệt sĩ mất, gia đình được trợ cấp tuất không",
  ])("not a người có công's family, whose allowance the ward settles: %s", (text) => {
    expect(matchRedirect(redirects, text)).toBeUndefined();
  });
});

describe("a paper compared with, a status done", () => {
  it.each([
    ["Giấy khuyết tật của mẹ tôi ghi sai năm sinh so với căn cước, muốn đổi lại thì làm ở đâu?", "căn cước"],
    ["sửa tên trên khai sinh cho khớp cccd thì làm sao", "cccd"],
    ["Ly hôn rồi, giờ muốn cưới người ở tỉnh khác thì xin giấy xác nhận độc thân ở đâu?", "ly hôn"],
    ["em ly dị ở Đài Loan rồi, về Việt Nam làm giấy độc thân cần gì", "ly dị"],
    ["changing my child's surname to the mother's after divorce, is it allowed?", "divorce"],
    // a pension lacked, the social pension's everyday name, a benefit a status brings
    ["bố tôi 77 tuổi ko lương hưu, nhận tiền hàng tháng cho người cao tuổi ở đâu", "lương hưu"],
    ["lương hưu xã hội người già 75", "lương hưu"],
    ["nghe nói được công nhận thì có hỗ trợ bảo hiểm y tế, xin ở đâu?", "bảo hiểm y tế"],
  ])("%s", (text, term) => {
    expect(namesAsHeld(text, [tokenize(term)])).toBe(true);
  });
  it.each([
    ["tôi muốn ly hôn, chồng tôi cũng đồng ý rồi, nộp đơn ở đâu", "ly hôn"],
    ["làm căn cước cho con 10 tuổi ở đâu", "căn cước"],
  ])("not: %s", (text, term) => {
    expect(namesAsHeld(text, [tokenize(term)])).toBe(false);
  });
});
