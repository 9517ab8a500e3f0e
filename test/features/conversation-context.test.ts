import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Reply } from "../../src/core/types.js";
import { CONTEXT_TTL_MS } from "../../src/features/answer-context.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, converse as converseOn, SECTION_LINE, type Turn } from "../harness/converse.js";

/**
 * Multi-turn conversations written for these tests (not taken from eval/), run through the real
 * assistant on the bundled catalogue: each turn says which procedure the reply is about and which
 * section it shows.
 */
let catalogue: LiveCatalogue;
// A hang guard, not a budget: loading the catalogue takes seconds calm and far longer on the shared machine under load.
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 120_000);

const chat = () => chatWith(catalogue, "telegram:42");
const converse = (turns: readonly Turn[]) => converseOn(catalogue, turns);

const MARRIAGE = "1.000894";
const BIRTH = "1.001193";
const TEMPORARY_RESIDENCE = "1.004194";
const BIRTH_ASKED = "khai sinh cho con";
/** A lost paper named without the change it needs (a first issue, a re-registration, a copy of the extract). */
const LOST_PAPER = "mất giấy chứng nhận kết hôn";

describe("section follow-ups answer the procedure the chat is on", () => {
  it("in chat spellings without accents", async () => {
    await converse([
      ["dang ky ket hon", MARRIAGE],
      ["bn tien", MARRIAGE, "fee"],
      ["mat bao lau", MARRIAGE, "time"],
      ["o dau z", MARRIAGE, "place"],
      ["can j", MARRIAGE, "documents"],
      ["nop online dc ko", MARRIAGE, "online"],
      ["dieu kien gi", MARRIAGE, "conditions"],
    ]);
  });

  it("a fee or a time said back to be confirmed asks that section; a move on over a list answers its first (s29)", async () => {
    await converse([
      ["xin giấy phép bán thuốc lá", "2.000181"],
      // "còn …" leaves the licence at hand: search's list leads with the liquor licence, answered
      ["còn muốn bán thêm rượu thì xin giấy gì", "2.000620"],
      ["lệ phí 40 nghìn hả", "2.000620", "fee"],
    ]);
    await converse([
      [BIRTH_ASKED, BIRTH],
      ["còn giấy khai sinh của vợ tôi bị sai tên đệm, sửa thế nào", "1.004859"],
    ]);
    await converse([
      ["đính chính sổ đỏ bị sai", "1.012796"],
      ["còn mảnh đất của ông chưa có sổ bao giờ, giờ muốn làm", "1.013978"],
      ["mất 30 ngày à", "1.013978", "time"],
      ["le phi neu nop qua mang", "1.013978", "fee"],
    ]);
    // another procedure's name said as the record at hand's fee says it (by kind of applicant) stays; asked for, moves
    await converse([
      ["xin giấy phép bán lẻ rượu", "2.000620"],
      ["phí với hộ kinh doanh thì mức nào", "2.000620", "fee"],
      ["còn đăng ký thành lập hộ kinh doanh thì lệ phí bao nhiêu", "1.001612", "fee"],
    ]);
    // a renewal whose note says its papers are "như cấp mới (…)" (a likeness) is not sent to the new issue by it
    await converse([
      ["giấy phép bán thuốc lá sắp hết hạn, xin cấp lại", "2.000150"],
      ["nộp trước khi hết hạn mấy ngày", "2.000150"],
    ]);
    // a price asked by the words of the record at hand's own alias ("nhập khẩu") is its fee, no goods' price
    await converse([
      ["nhập hộ khẩu cho con về nhà ông bà", "1.004222"],
      ["lệ phí nhập khẩu bao nhiêu", "1.004222", "fee"],
      ["nhap khau mat phi ko", "1.004222", "fee"],
    ]);
    // typed with accents, "thẩm định" is no "gia đình" of the household business's names: the run is "hộ kinh doanh"
    await converse([
      ["giấy phép bán thuốc lá cho tạp hóa", "2.000181"],
      ["hộ kinh doanh thì phí thẩm định mức nào", "2.000181", "fee"],
      ["còn đăng ký hộ kinh doanh thì lệ phí bao nhiêu", "1.001612", "fee"],
    ]);
  });

  it("in English", async () => {
    await converse([
      ["how do I register a birth", BIRTH, "steps"],
      ["how much is it", BIRTH, "fee"],
      ["where do I submit it", BIRTH, "place"],
      ["can I apply online", BIRTH, "online"],
      ["who can apply", BIRTH, "conditions"],
    ]);
  });

  it("in English with everyday words the câu mẫu never say, the follow-up judge sure of it; off-topic English is not", async () => {
    await converse([
      ["chứng thực chữ ký giấy ủy quyền", "2.000884"],
      // "tremble", "thumbprint": words no first message says, that the scope gate reads as another matter
      ["my father's hands tremble and he cannot write his name, can he use a thumbprint instead?", "2.000884"],
      ["is the weather in Hanoi nice in March?", undefined],
      ["chứng thực chữ ký giấy ủy quyền", "2.000884"],
      ["where can I buy a cheap motorbike?", undefined],
    ]);
  });

  it("with polite words, motion words and the abbreviation hs", async () => {
    await converse([
      ["xac nhan tinh trang hon nhan", "1.004873"],
      ["can mang gi theo", "1.004873", "documents"],
      ["lau ko ad", "1.004873", "time"],
      ["hs gồm những gì", "1.004873", "documents"],
      ["ai được đi xin", "1.004873", "conditions"],
      ["làm như nào", "1.004873", "steps"],
    ]);
  });

  it("a short question about a paper or a person, naming no procedure whole, stays on the procedure", async () => {
    await converse([
      ["đăng ký khai tử", "1.000656"],
      ["có cần mang sổ hộ khẩu không", "1.000656", "documents"],
      ["ủy quyền cho người khác đi được không", "1.000656", "conditions"],
      ["đăng ký qua mạng được ko", "1.000656", "online"],
    ]);
    await converse([
      ["tách hộ", "1.010038"],
      ["phải có giấy chứng sinh không", "1.010038"],
    ]);
  });

  it("after a long letter that tells a story first", async () => {
    await converse([
      [
        "Tôi là công nhân, quê ở Nghệ An, mới chuyển vào Bình Dương làm việc và thuê phòng trọ gần khu công nghiệp " +
          "được hai tháng. Chủ trọ nhắc tôi phải đăng ký tạm trú. Xin hỏi thủ tục này làm thế nào?",
        TEMPORARY_RESIDENCE,
        "steps",
      ],
      ["lệ phí bao nhiêu", TEMPORARY_RESIDENCE, "fee"],
      ["bao lâu thì xong", TEMPORARY_RESIDENCE, "time"],
    ]);
  });
});

describe("follow-ups said as on a phone, in words the records use", () => {
  it("a pointer at the allowance, the period of an amount, a return after 'thôi', a break, leaving a post", async () => {
    // "khoản hỗ trợ đó" is the allowance at hand, not the vocational-training one the words find.
    await converse([
      ["hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng", "2.002820"],
      ["con tôi phải chuẩn bị giấy tờ gì để xin khoản hỗ trợ đó", "2.002820"],
    ]);
    // How much a year, on an allowance: the procedure as a whole (its amounts), not "not found".
    await converse([
      ["trợ cấp hưu trí xã hội", "1.014027"],
      ["mỗi năm được bao nhiêu", "1.014027"],
    ]);
    // "thôi quay lại …": back to the earlier topic; "thôi" is no ending of it (no re-issue either).
    await converse([
      ["đăng ký thành lập hộ kinh doanh", "1.001612"],
      ["khai tử cho bố", "1.000656"],
      ["thôi quay lại hộ kinh doanh, mất mấy ngày", "1.001612", "time"],
    ]);
    // The note of a suspension sends "nghỉ hẳn" to the closing, "…, không phải tạm ngừng": a break said next is the
    // suspension itself (what a note says the case is not is no word of its case), ending for good the closing.
    await converse([
      ["tạm ngừng kinh doanh hộ kinh doanh", "1.001570"],
      ["tạm nghỉ thì sao", "1.001570"],
      ["giờ tôi muốn đóng hẳn luôn", "1.001266"],
    ]);
    // "xin nghỉ không làm … nữa" on a mediator's recognition: leaving the post ("thôi làm hòa giải viên").
    await converse([
      ["công nhận hòa giải viên", "1.002211"],
      ["còn bác tôi già yếu muốn xin nghỉ không làm hòa giải viên nữa thì sao", "2.000930"],
    ]);
  });
});

describe("naming another procedure switches", () => {
  it("'còn … thì sao' switches, and the next follow-up is about the new one", async () => {
    await converse([
      ["đăng ký tạm trú", TEMPORARY_RESIDENCE],
      ["lệ phí", TEMPORARY_RESIDENCE, "fee"],
      ["còn tạm vắng thì sao", "1.003677"],
      ["mất mấy ngày", "1.003677", "time"],
      ["còn kết hôn thì mất mấy ngày", MARRIAGE, "time"],
    ]);
  });

  it("a refinement of the current procedure that names none by itself goes to its variant", async () => {
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["nếu vợ là người Nhật thì sao", "2.000806"],
      ["cần giấy tờ gì", "2.000806", "documents"],
    ]);
    await converse([
      ["xin giấy phép xây dựng nhà ở", "1.013225"],
      ["bị mất giấy phép thì xin lại thế nào", "1.013228", "steps"],
      ["bao lâu có", "1.013228", "time"],
    ]);
  });

  it("a purpose that asks a section of another procedure switches; a bare purpose stays on the paper", async () => {
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["để làm giấy khai sinh cho con thì cần giấy tờ gì", BIRTH, "documents"],
    ]);
    await converse([
      ["xin xác nhận tình trạng hôn nhân", "1.004873"],
      ["để kết hôn với người nước ngoài", "1.004873"],
    ]);
  });

  it("a message that is no refinement is not answered with the current procedure", async () => {
    const { say } = chat();
    expect(codeOf(await say("đăng ký khai sinh"))).toBe(BIRTH);
    // chit-chat gets the small-talk pointer, a stranger's words the not-found reply: never the birth registration
    for (const text of ["giá vàng hôm nay thế nào", "con mèo nhà hàng xóm thế nào"]) {
      const replies = await say(text);
      expect(codeOf(replies), text).toBeUndefined();
    }
  });
});

describe("what the chat keeps and forgets", () => {
  it("a not-found reply keeps the procedure and its choices; small talk and a redirect keep the procedure", async () => {
    const { say } = chat();
    const [answer] = await say("chứng thực di chúc");
    const [notFound] = await say("xyzxyz qwe");
    expect(notFound?.text).toMatch(/chưa tìm thấy/);
    expect(notFound?.choices?.slice(0, answer?.choices?.length)).toEqual(answer?.choices);
    expect(codeOf(await say("lệ phí?"))).toBe("2.001019");
    expect(codeOf(await say("cảm ơn nhé"))).toBeUndefined();
    const place = await say("thế nộp ở đâu");
    expect(codeOf(place)).toBe("2.001019");
    expect(place[0]?.text).toMatch(SECTION_LINE.place);
    expect(codeOf(await say("làm hộ chiếu ở đâu"))).toBeUndefined();
    expect(codeOf(await say("mất mấy ngày"))).toBe("2.001019");
  });

  it("marks alone ('???', '…') are no detail of the procedure at hand: not found, the procedure kept", async () => {
    // The re-ranker may put a look-alike first on "giấy phép xây dựng ???" (the permit's re-issue): read as a detail,
    // the marks moved the chat there.
    for (const marks of ["???", "…", "?!"]) {
      const { say } = chat();
      expect(codeOf(await say("giấy phép xây dựng"))).toBe("1.013225");
      const [notFound] = await say(marks);
      expect(notFound?.text, marks).toMatch(/chưa tìm thấy/);
      expect(codeOf(await say("bao lâu")), marks).toBe("1.013225");
    }
  });

  it("ends after the quiet period and after /start", async () => {
    const { say, clock } = chat();
    expect(codeOf(await say("làm sổ đỏ lần đầu"))).toBe("1.013978");
    clock.now += CONTEXT_TTL_MS + 1;
    expect(codeOf(await say("mất bao lâu"))).toBeUndefined();
    expect(codeOf(await say("trích lục khai sinh"))).toBe("2.000635");
    await say("/start");
    expect(codeOf(await say("phí bao nhiêu"))).toBeUndefined();
  });
});

describe("requests the police register, not the ward", () => {
  it("changing a plate or a lost registration paper gets the pointer; a new motorbike online is the catalogue's", async () => {
    const { say } = chat();
    for (const text of ["đổi biển số xe", "mất cà vẹt xe làm lại ở đâu", "sang tên xe máy cho con"]) {
      const [reply] = await say(text);
      expect(codeOf(reply ? [reply] : []), text).toBeUndefined();
      expect(reply?.text, text).toMatch(/Đăng ký xe, biển số xe/);
    }
    expect(codeOf(await say("làm cà vẹt xe máy mới"))).toBe("1.012575");
  });
});

describe("who a service belongs to", () => {
  it("a request that opens with another agency's service is theirs, though a ward procedure's words follow", async () => {
    const { say } = chat();
    const loan = await say("vay vốn ngân hàng chính sách dành cho hộ cận nghèo cần những gì");
    expect(codeOf(loan)).toBeUndefined();
    expect(loan[0]?.text).toMatch(/Ngân hàng/);
    // the service named after the ward's request is what the paper is for
    expect(codeOf(await say("xin xác nhận hộ nghèo để vay vốn ngân hàng"))).toBe("1.011606");
  });

  it("a company's officer asking gets the business registration office, not a household business", async () => {
    const { say } = chat();
    const replies = await say("giám đốc công ty muốn tạm ngừng kinh doanh");
    expect(codeOf(replies)).toBeUndefined();
    expect(replies[0]?.text).toMatch(/Đăng ký doanh nghiệp/);
  });
});

describe("an answer to a name several procedures share offers the others", () => {
  it("'giám hộ' answers the registration and offers its end; picking it by number moves the chat there", async () => {
    const { say } = chat();
    const [answer] = await say("giám hộ");
    expect(codeOf(answer ? [answer] : [])).toBe("1.004837");
    const choices = answer?.choices ?? [];
    const ending = choices.findIndex((c) => readProcedureChoice(c.id)?.code === "1.004845");
    expect(ending).toBeGreaterThanOrEqual(0);
    expect(choices[ending]?.label).toContain("chấm dứt giám hộ");
    expect(codeOf(await say(String(ending + 1)))).toBe("1.004845");
    const fee = await say("phí bao nhiêu");
    expect(codeOf(fee)).toBe("1.004845");
    expect(fee[0]?.text).toMatch(SECTION_LINE.fee);
  });

  it("an answer offers every variant of its thing in one order whichever was answered; a number picks one", async () => {
    // In the order offered: the thing first, then its changes (re-issue, extension, amendment).
    for (const family of [
      ["1.013225", "1.013228", "1.013227", "1.013226"],
      ["2.000181", "2.000150", "2.000162"],
    ]) {
      for (const code of family) {
        const { say } = chat();
        const name = catalogue.current().catalogue.procedures.find((p) => p.code === code)?.name ?? "";
        const [answer] = await say(name);
        expect(codeOf(answer ? [answer] : [])).toBe(code);
        const offered = (answer?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code ?? "");
        const others = family.filter((c) => c !== code);
        expect(offered.filter((c) => others.includes(c))).toEqual(others);
        const last = others.at(-1) as string;
        expect(codeOf(await say(String(offered.indexOf(last) + 1)))).toBe(last);
      }
    }
  });

  it("a change or a loss said after a licence, as a correction or a detail, moves to the variant that makes it", async () => {
    await converse([
      ["xin giấy phép bán lẻ rượu", "2.000620"],
      ["cấp lại chứ không phải cấp mới", "2.001240"],
      ["mất mấy ngày", "2.001240", "time"],
    ]);
    await converse([
      ["giấy phép bán thuốc lá cho tạp hóa", "2.000181"],
      ["không phải, tôi có giấy rồi mà bị mất", "2.000150"],
    ]);
    await converse([
      ["giấy phép xây nhà", "1.013225"],
      ["bị cháy mất bản chính rồi", "1.013228"],
      ["có tốn phí không", "1.013228", "fee"],
    ]);
  });

  it("a return to an earlier topic goes back to the procedure the chat was on, not to search's first one", async () => {
    await converse([
      ["đăng ký khai sinh kết hợp nhận cha, mẹ, con", "1.000689"],
      ["còn đăng ký kết hôn thì cần giấy tờ gì", MARRIAGE, "documents"],
      ["quay lại vụ khai sinh cho bé, bao lâu có", "1.000689", "time"],
    ]);
  });

  it("a first issue said on a change of the thing goes to the thing; 'miễn phí hả' asks the fee", async () => {
    await converse([
      ["đổi giấy chứng nhận an ninh trật tự đã hết hạn", "3.000244"],
      ["chưa có giấy bao giờ, muốn xin mới cho nhà nghỉ thì nộp ở đâu", "3.000243", "place"],
      ["miễn phí hả", "3.000243", "fee"],
    ]);
  });

  it("saying the case has no foreign element moves a foreign-element answer to its plain twin", async () => {
    await converse([
      ["đăng ký giám hộ có yếu tố nước ngoài", "1.001669"],
      ["mọi người trong nhà đều quốc tịch Việt Nam", "1.004837"],
      ["lệ phí", "1.004837", "fee"],
    ]);
  });

  it("whether a step comes first, or a status held ('thuộc hộ nghèo'), asks the conditions of the one at hand", async () => {
    await converse([
      ["đăng ký thường trú", "1.004222"],
      ["có phải xóa tạm trú ở chỗ cũ trước không", "1.004222", "conditions"],
    ]);
    await converse([
      ["trợ cấp hưu trí xã hội", "1.014027"],
      ["bà tôi 78 tuổi, thuộc hộ nghèo thì có được hưởng không", "1.014027", "conditions"],
    ]);
  });

  it("a detail that says a change settles a list on the listed one whose names say it", async () => {
    await converse([
      ["hợp đồng đã chứng thực ở phường giờ muốn chỉnh lại", undefined],
      ["chỉ bị ghi sai số nhà thôi", "2.000927"],
      ["lệ phí", "2.000927", "fee"],
    ]);
  });

  it("a procedure offered is picked in words too ('cái thứ hai', 'chọn cái đầu tiên'), not by a date", async () => {
    const { say } = chat();
    const [list] = await say("chứng thực");
    const second = readProcedureChoice(list?.choices?.[1]?.id ?? "")?.code;
    expect(second).toBeDefined();
    expect(codeOf(await say("cái thứ hai"))).toBe(second);
    const other = chat();
    const [answer] = await other.say("đăng ký kết hôn");
    expect(codeOf(answer ? [answer] : [])).toBe(MARRIAGE);
    expect(codeOf(await other.say("thứ hai tuần sau có làm không"))).toBeUndefined();
  });

  it("a specific request offers no related procedures", async () => {
    const { say } = chat();
    const [answer] = await say("đăng ký kết hôn có yếu tố nước ngoài mất bao lâu");
    // The record's own note cites the plain marriage (1.000894) and the record of one abroad (2.002189): offered as
    // the alternatives staff wrote, apart from what search relates.
    const cited = ["1.000894", "2.002189"];
    const offered = (answer?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(offered).toEqual(expect.arrayContaining(cited));
    const others = (answer?.choices ?? []).filter((c) => {
      const code = readProcedureChoice(c.id)?.code;
      return code !== undefined && code !== "2.000806" && !cited.includes(code);
    });
    // Only variants that hold every word asked: the re-registration with a foreign element, nothing else.
    expect(others.every((c) => /kết hôn có yếu tố nước ngoài/i.test(c.label))).toBe(true);
  });
});

describe("answers that fit a phone", () => {
  it("a long section comes in parts with 'Xem tiếp' first; a list of one is the answer itself", async () => {
    const { say } = chat();
    await say("đăng ký thành lập hộ kinh doanh");
    const [documents] = await say("cần giấy tờ gì");
    expect(documents?.text).toMatch(/\(1\/\d\)/);
    expect(documents?.text.length).toBeLessThanOrEqual(1000);
    expect(documents?.choices?.[0]?.label).toBe("Xem tiếp");
    const [fee] = await chat().say("phi chung thuc ban sao bao nhieu");
    expect(codeOf(fee ? [fee] : [])).toBe("2.000815");
    expect(fee?.text).toMatch(SECTION_LINE.fee);
  });
});

describe("a 'which one?' between a procedure and its foreign-element twin is settled by the message", () => {
  /** The procedure codes a reply offers as choices. */
  const offered = (replies: readonly Reply[]) =>
    replies.flatMap((r) => r.choices ?? []).flatMap((c) => readProcedureChoice(c.id)?.code ?? []);

  it("naming nothing foreign answers the plain one and keeps the twin one tap away", async () => {
    const { say } = chat();
    const replies = await say("đổi tên cho con gái trên giấy khai sinh");
    expect(codeOf(replies)).toBe("1.004859");
    expect(offered(replies)).toContain("2.000748");
  });

  it("naming a foreigner answers the twin, also when search was sure of the plain one", async () => {
    const { say } = chat();
    expect(codeOf(await say("I'd like to register our marriage, my fiancée is a Vietnamese citizen"))).toBe("2.000806");
    const other = chat();
    expect(codeOf(await other.say("tôi là người Việt Nam muốn đăng ký kết hôn"))).toBe(MARRIAGE);
  });
});

describe("a 'which one?' list holds the alternatives its candidates' notes point to", () => {
  it("a lost birth certificate lists the copy of the extract beside the re-registration", async () => {
    const { say } = chat();
    const replies = await say("bị thất lạc giấy khai sinh");
    const listed = replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(codeOf(replies)).toBeUndefined();
    expect(listed).toEqual(expect.arrayContaining(["1.004884", "2.000635"]));
  });
});

describe("an answer offers the alternatives its own note points to", () => {
  it("a re-registration of a death offers the copy of the extract and the first registration; a pick moves there", async () => {
    const { say } = chat();
    const replies = await say("đăng ký lại khai tử cho ông ngoại");
    expect(codeOf(replies)).toBe("1.005461");
    const offered = replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(offered).toEqual(expect.arrayContaining(["2.000635", "1.000656"]));
    const picked = await say(String(offered.indexOf("2.000635") + 1));
    expect(codeOf(picked)).toBe("2.000635");
    const fee = await say("le phi bao nhieu");
    expect(codeOf(fee)).toBe("2.000635");
    expect(fee[0]?.text).toMatch(SECTION_LINE.fee);
  });
});

describe("follow-ups with chat letters, English pronouns and office names stay on the procedure", () => {
  it("keeps the procedure", async () => {
    await converse([
      ["đăng ký tạm trú", TEMPORARY_RESIDENCE],
      ["nộp chỗ nào v", TEMPORARY_RESIDENCE, "place"],
      ["mất bn lâu", TEMPORARY_RESIDENCE, "time"],
      ["which papers are needed for it", TEMPORARY_RESIDENCE, "documents"],
      ["phải ra công an hay làm trên mạng", TEMPORARY_RESIDENCE, "online"],
    ]);
  });
});

describe("small talk and other agencies' services get a short reply, never a procedure", () => {
  it("who the bot is, and chit-chat it has nothing to say about", async () => {
    const { say } = chat();
    const identity = await say("cho hỏi bạn là ai vậy");
    expect(codeOf(identity)).toBeUndefined();
    expect(identity[0]?.text).toMatch(/trợ lý tự động/);
    for (const text of ["hôm nay trời có mưa không ad", "xem giúp tỷ giá đô la"]) {
      const replies = await say(text);
      expect(codeOf(replies), text).toBeUndefined();
      expect(replies[0]?.text, text).toMatch(/chỉ trả lời về thủ tục hành chính/);
    }
    // "có được không" on its own stays a question, not agreement
    expect((await say("có được không"))[0]?.text).not.toMatch(/cứ gõ nhé/);
  });

  it.each([
    ["muốn thành lập công ty tnhh thì nộp hồ sơ ở đâu", /Phòng Đăng ký kinh doanh/],
    ["tra cứu mã số thuế cá nhân của tôi", /cơ quan thuế/],
    ["xe bị phạt nguội thì đóng tiền ở đâu", /Cảnh sát giao thông/],
    ["đưa ô tô đi đăng kiểm cần mang gì", /đăng kiểm/],
    ["muốn kiện đòi nợ người quen thì làm sao", /Tòa án/],
    ["hóa đơn tiền nước tháng này cao bất thường", /cấp nước/],
  ])("%s → the pointer", async (text, pointer) => {
    const { say } = chat();
    const replies = await say(text);
    expect(codeOf(replies)).toBeUndefined();
    expect(replies[0]?.text).toMatch(pointer);
  });

  it("a ward procedure whose words fold like a redirect's is still answered ('thuê' is not 'thuế')", async () => {
    const { say } = chat();
    expect(codeOf(await say("đăng ký hộ kinh doanh có cần hợp đồng thuê mặt bằng không"))).toBe("1.001612");
  });
});

describe("another agency's paper or a status named in a question about a ward procedure is no request for it", () => {
  it.each([
    ["làm giấy khai sinh cho bé có cần căn cước của cả bố và mẹ không", BIRTH],
    ["tôi ly hôn được 3 năm rồi, giờ xin giấy xác nhận tình trạng hôn nhân ở đâu", "1.004873"],
  ])("%s → %s", async (text, code) => {
    const { say } = chat();
    expect(codeOf(await say(text))).toBe(code);
  });

  it("on a marriage, the divorce asked next is the court's", async () => {
    const { say } = chat();
    expect(codeOf(await say("đăng ký kết hôn"))).toBe(MARRIAGE);
    const replies = await say("còn ly hôn thì nộp ở đâu");
    expect(codeOf(replies)).toBeUndefined();
    expect(replies[0]?.text).toMatch(/^ℹ️ /);
  });
});

describe("a refinement naming a foreigner, and a return to an earlier topic", () => {
  it("'and if my wife is Japanese' on a marriage goes to its foreign-element twin", async () => {
    await converse([
      ["how can we register our marriage", MARRIAGE],
      ["what if my wife is Japanese", "2.000806"],
      ["how long does it take", "2.000806", "time"],
    ]);
  });

  it("'quay lại chuyện …' returns to the topic; its 'lại' asks no re-registration", async () => {
    await converse([
      ["đăng ký khai tử cho ông", "1.000656"],
      ["làm hộ chiếu ở đâu", undefined],
      ["quay lại chuyện khai tử, mất mấy ngày", "1.000656", "time"],
    ]);
  });
});

describe("a section asked after a 'which one?' list", () => {
  it("a short one (fee, time) is shown for each listed procedure, a line each, and a pick opens it in full", async () => {
    const { say } = chat();
    // A lost paper whose name fits the first issue, its re-registration and the copy of its extract alike: a list
    // under the list judge too (ranker.ts `LEAD`; until session 31 «mất giấy khai sinh», which the judge now answers
    // with the re-registration, test/core/s12-follow.test.ts).
    const list = await say(LOST_PAPER);
    expect(codeOf(list)).toBeUndefined();
    const codes = (list[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(codes).toContain("2.000635");
    const fees = await say("lệ phí bao nhiêu");
    const text = fees[0]?.text ?? "";
    expect(text).toMatch(/^Lệ phí:\n1\. /);
    // every listed procedure by name and code, with its fee as the record writes it
    for (const code of codes) expect(text).toContain(`(mã ${code}): `);
    expect(text).toContain("8.000 đồng/bản sao trích lục");
    expect((fees[0]?.choices ?? []).map((c) => readProcedureChoice(c.id))).toEqual(
      codes.map((code) => expect.objectContaining({ code, section: "fee" })),
    );
    // the list is still what the chat is on: the time next is compared too, then a number picks
    expect((await say("mất bao lâu"))[0]?.text).toMatch(/^Thời gian giải quyết:\n1\. /);
    const at = codes.indexOf("2.000635") + 1;
    const picked = await say(String(at));
    expect(codeOf(picked)).toBe("2.000635");
    expect(picked[0]?.text).toMatch(SECTION_LINE.time);
  });

  it("a long one (documents) asks which again, each choice now opening it", async () => {
    const { say } = chat();
    const list = await say(LOST_PAPER);
    const codes = (list[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    const again = await say("cần giấy tờ gì");
    expect(again[0]?.text).toMatch(/^Giấy tờ – /);
    expect((again[0]?.choices ?? []).map((c) => readProcedureChoice(c.id))).toEqual(
      codes.map((code) => expect.objectContaining({ code, section: "documents" })),
    );
  });
});

describe("a thing and the changes to it (issue, re-issue, amendment, extension)", () => {
  it("a message that names no change is the thing itself, the changes one tap away", async () => {
    const { say } = chat();
    const replies = await say("xin giấy phép xây dựng");
    expect(codeOf(replies)).toBe("1.013225");
    const offered = (replies[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(offered).toEqual(expect.arrayContaining(["1.013226", "1.013227", "1.013228"]));
    expect(codeOf(await say("mất mấy ngày"))).toBe("1.013225");
  });

  it.each([
    ["cấp lại giấy phép bán lẻ thuốc lá", "2.000150"],
    ["đổi tên người đại diện trên giấy phép bán lẻ rượu", "2.000615"],
    ["cấp đổi giấy xác nhận khuyết tật", "1.001653"],
    // "sửa lại" is an amendment
    ["muốn sửa lại giấy phép bán lẻ rượu", "2.000615"],
    ["tôi muốn sửa lại bản di chúc cũ", "2.000913"],
  ])("a change named picks the one whose name holds it: %s → %s", async (text, code) => {
    const { say } = chat();
    expect(codeOf(await say(text))).toBe(code);
  });

  it("a change said without naming which (lost, added) settles nothing", async () => {
    const { say } = chat();
    expect(codeOf(await say(LOST_PAPER))).toBeUndefined();
  });
});

describe("the amount of an allowance asked next", () => {
  it("is the allowance itself, not a fee and not 'not found'", async () => {
    const { say } = chat();
    const first = await say("trợ cấp mai táng cho người có công");
    const code = codeOf(first);
    expect(code).toBeDefined();
    const replies = await say("mỗi tháng được bao nhiêu tiền vậy");
    expect(codeOf(replies)).toBe(code);
    // the summary ("Nơi nộp: …, Thời gian: …, Lệ phí: …"), not the fee section
    expect(replies[0]?.text).toMatch(/\nNơi nộp: /);
  });
});

describe("another agency's paper held or a status is no request for its service", () => {
  it.each([
    ["vợ tôi có hộ chiếu Hàn Quốc, đăng ký kết hôn cần gì", "2.000806"],
    ["tôi đã ly hôn, muốn tách hộ khẩu ra ở riêng", "1.010038"],
  ])("%s → %s", async (text, code) => {
    const { say } = chat();
    expect(codeOf(await say(text))).toBe(code);
  });

  it("a request for the service itself still gets the pointer", async () => {
    const { say } = chat();
    expect((await say("làm hộ chiếu cần gì"))[0]?.text).toMatch(/^ℹ️ Hộ chiếu/);
  });
});

describe("a sentence that settles a case, read against the records' own notes", () => {
  it("after a re-registration whose note sends a kept register to the copy of the extract", async () => {
    await converse([
      ["bị mất giấy đăng ký kết hôn bản chính", "1.004746"],
      ["xã vẫn còn giữ sổ hộ tịch", "2.000635"],
      ["lệ phí thế nào", "2.000635", "fee"],
    ]);
  });

  it("after a 'which one?' list", async () => {
    const { say } = chat();
    expect(codeOf(await say(LOST_PAPER))).toBeUndefined();
    expect(codeOf(await say("ở xã vẫn lưu sổ"))).toBe("2.000635");
  });
});

describe("a follow-up about who goes or for whom", () => {
  it("stays on the procedure and asks its conditions", async () => {
    await converse([
      ["how do I register a death", "1.000656"],
      ["can my daughter do it for me", "1.000656", "conditions"],
    ]);
    await converse([
      ["register a birth", BIRTH],
      ["can the grandmother do it", BIRTH, "conditions"],
      ["do both parents have to come", BIRTH, "conditions"],
      ["cô chú làm hộ được không", BIRTH, "conditions"],
    ]);
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["cả hai vợ chồng đều phải có mặt à", MARRIAGE, "conditions"],
    ]);
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["hai đứa có phải cùng đến không", MARRIAGE, "conditions"],
    ]);
    await converse([
      ["dang ky ket hon", MARRIAGE],
      ["2 vo chong deu phai co mat a", MARRIAGE, "conditions"],
    ]);
  });
});

describe("a parent only away abroad for work is no foreign element", () => {
  it("answers the plain birth registration", async () => {
    const { say } = chat();
    // search hesitates between the two; the conversation settles it for the plain one
    const replies = await say("vợ đi làm bên Nhật chưa về, tôi đi khai sinh cho con được không");
    expect(codeOf(replies)).toBe(BIRTH);
  });
});

describe("a paper to bring, asked on a procedure", () => {
  it("is that procedure's documents even when the paper is another procedure's result", async () => {
    await converse([
      ["xóa đăng ký thường trú cho người đã mất", "1.003197"],
      ["có cần mang giấy chứng tử không", "1.003197", "documents"],
    ]);
  });

  it("a procedure asked with what to bring is still that procedure", async () => {
    await converse([
      ["xóa đăng ký thường trú cho người đã mất", "1.003197"],
      ["còn làm giấy chứng tử thì cần mang gì", "1.000656", "documents"],
    ]);
  });
});

describe("a message that points at the paper or procedure at hand", () => {
  it("stays on it ('giấy này', 'cái đó')", async () => {
    await converse([
      ["xin xác nhận tình trạng hôn nhân", "1.004873"],
      ["giấy này có giá trị bao lâu", "1.004873"],
    ]);
  });
});

describe("a weak 'which one?' list (nothing of a title said)", () => {
  it("is not answered with a section beside each procedure", async () => {
    const { say } = chat();
    const replies = await say("giấy này có giá trị bao lâu");
    expect(replies[0]?.text).not.toMatch(/\(mã /);
  });
});

describe("chat spellings that look like small talk", () => {
  it("'tam vang' (tạm vắng typed without accents) is the procedure, not an 'ok'", async () => {
    await converse([["tam vang", "1.003677"]]);
  });
});

describe("a person or place described with words of another record", () => {
  it("asks about the procedure at hand", async () => {
    await converse([
      ["nhận con nuôi", "2.001263"],
      ["người độc thân có được nhận không", "2.001263", "conditions"],
    ]);
    await converse([
      ["xin giấy xác nhận tình trạng hôn nhân", "1.004873"],
      ["xin ở phường nơi tạm trú được không", "1.004873", "place"],
    ]);
  });

  it("a procedure named beside the description still switches", async () => {
    await converse([
      ["nhận con nuôi", "2.001263"],
      ["còn người thuê trọ thì đăng ký tạm trú cần gì", "1.004194", "documents"],
    ]);
  });
});

describe("follow-ups that name an office, its hours, an amount or a status", () => {
  it("office hours are the place section; two offices named ask where", async () => {
    await converse([
      ["cấp bản sao trích lục kết hôn", "2.000635"],
      ["mấy giờ phường làm việc", "2.000635", "place"],
    ]);
    await converse([
      ["sổ đỏ lần đầu", "1.013978"],
      ["nộp ở ubnd phường hay văn phòng đăng ký đất đai", "1.013978", "place"],
    ]);
  });

  it("an amount asked ('mấy nghìn') is the fee; a status with 'chưa' is no request for it", async () => {
    await converse([
      ["chứng thực chữ ký", "2.000884"],
      ["phí mấy nghìn", "2.000884", "fee"],
    ]);
    await converse([
      ["đăng ký khai sinh cho con", BIRTH],
      ["ba mẹ chưa đăng ký kết hôn thì có làm được không", BIRTH, "conditions"],
    ]);
  });
});

describe("a section asked after thanks, laughter or an interjection", () => {
  it("is still a follow-up", async () => {
    await converse([
      ["đăng ký kết hôn", MARRIAGE],
      ["thanks, and how long?", MARRIAGE, "time"],
      ["hihi vậy online dc ko", MARRIAGE, "online"],
      ["à quên, giấy tờ cần gì nhỉ", MARRIAGE, "documents"],
    ]);
  });
});

describe("a pick in words with a section ('cái thứ ba phí bao nhiêu')", () => {
  it("opens that section of the procedure picked", async () => {
    const { say } = chat();
    // papers of civil status lost, which ones unsaid: a list whatever the list judge finds (ranker.ts `leadable`)
    const list = await say("giấy tờ hộ tịch bị mất");
    const codes = (list[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    const at = codes.indexOf("2.000635");
    expect(at).toBeGreaterThanOrEqual(0);
    const words = ["đầu tiên", "thứ hai", "thứ ba", "thứ tư", "thứ năm"][at];
    const replies = await say(`cái ${words} phí bao nhiêu`);
    expect(codeOf(replies)).toBe("2.000635");
    expect(replies[0]?.text).toMatch(SECTION_LINE.fee);
    expect(codeOf(await say("so 1 mat bao lau"))).toBeDefined();
  });
});

describe("a short what-if on the procedure at hand", () => {
  it("asks its conditions", async () => {
    await converse([
      ["đăng ký tạm trú", TEMPORARY_RESIDENCE],
      ["chủ nhà không ký thì sao", TEMPORARY_RESIDENCE, "conditions"],
      ["k có hợp đồng thuê nhà thì sao", TEMPORARY_RESIDENCE, "conditions"],
      ["còn đăng ký thường trú thì sao", "1.004222"],
    ]);
  });

  it("the other party pointed at ('bà ta', 'ông ấy') is no word the record must hold", async () => {
    await converse([
      ["hòa giải tranh chấp đất đai với hàng xóm", "1.012812"],
      ["bà ta không chịu ký biên bản thì sao", "1.012812", "conditions"],
    ]);
  });

  it("whether a thing the record's papers name is needed, naming nothing search finds, asks its papers", async () => {
    await converse([
      ["thủ tục nhận con cho bố", "1.001022"],
      ["phải có kết quả ADN không", "1.001022", "documents"],
    ]);
    await converse([
      ["đăng ký tạm trú", TEMPORARY_RESIDENCE],
      ["có cần giấy khám sức khỏe không", undefined],
    ]);
  });

  it("not when it is about something else ('giá vàng hôm nay thì sao')", async () => {
    await converse([
      ["đăng ký tạm trú", TEMPORARY_RESIDENCE],
      ["giá vàng hôm nay thì sao", undefined],
      ["con mèo nhà tôi thì sao", undefined],
      ["người ta bảo giá vàng sắp tăng thì sao", undefined],
    ]);
  });

  it("a foreigner asked about on a residence procedure gets the immigration pointer; another procedure named is that one", async () => {
    const { say } = chat();
    await say("đăng ký tạm trú");
    expect((await say("người nước ngoài thì sao"))[0]?.text).toMatch(/xuất nhập cảnh/);
    await say("đăng ký tạm trú");
    expect(codeOf(await say("đăng ký kết hôn với người Hàn Quốc cần gì"))).toBe("2.000806");
  });
});

describe("whether something is needed, on a procedure", () => {
  it("is answered from the section where the record speaks of it", async () => {
    await converse([
      ["chứng thực di chúc", "2.001019"],
      // the will's record lists witnesses among its conditions, the draft among its papers
      ["có cần người làm chứng không", "2.001019", "conditions"],
      ["có cần dự thảo di chúc không", "2.001019", "documents"],
    ]);
  });
});

describe("moving on to another topic in words", () => {
  it("'chuyển sang hỏi về …' names nothing itself; 'chuyển sang đất ở' stays a land-use change", async () => {
    await converse([
      ["đăng ký khai sinh", BIRTH],
      ["chuyển sang hỏi về tạm trú", TEMPORARY_RESIDENCE],
      ["chuyen qua hoi ve ket hon", MARRIAGE],
    ]);
  });
});

describe("a move on to another matter search names, told with its case", () => {
  it("«còn …» with a person's description and another procedure's name is that procedure, not the one at hand", async () => {
    await converse([
      ["gia hạn tạm trú", "1.002755"],
      [
        "còn em họ tôi mới chuyển đến ở cùng phòng, chưa đăng ký tạm trú bao giờ thì cần giấy tờ gì",
        TEMPORARY_RESIDENCE,
        "documents",
      ],
    ]);
  });
});

describe("another matter named by a procedure's frame after an answer", () => {
  // Since the thirtieth session's split (TC29's conversations in the follow-up judge's training) a question about a
  // procedure the catalogue lacks, asked right after an answer («thủ tục cấp phép nuôi chim yến lấy tổ thế nào» after
  // a birth registration), was read as the steps of the procedure at hand instead of the not-found reply: a frame
  // ("thủ tục …", "giấy phép …") naming what the one at hand's name does not say asks of that matter.
  it("«thủ tục … thế nào» of another matter is not read as the steps of the one at hand; «thủ tục thế nào» is", async () => {
    await converse([
      [BIRTH_ASKED, BIRTH],
      ["thủ tục cấp phép nuôi chim yến lấy tổ thế nào", undefined],
      [BIRTH_ASKED, BIRTH],
      ["thủ tục xin phép nuôi ong lấy mật cần giấy tờ gì", undefined],
      [BIRTH_ASKED, BIRTH],
      ["thủ tục thế nào", BIRTH, "steps"],
      ["thủ tục này mất bao lâu", BIRTH, "time"],
    ]);
  });
});
