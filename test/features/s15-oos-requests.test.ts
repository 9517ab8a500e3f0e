import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { askedPart, asksEverydayBeyondWard } from "../../src/features/small-talk.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, firstReply } from "../harness/converse.js";

/**
 * Session 15 (OOS): letters whose story is full of ward papers but whose question is everyday life, a ward paper asked
 * beside a divorce wish, food-safety certificates, personal questions put to the bot. Messages written for this test
 * (not the probe batches' own, test/features/s15-oos-probe*.tsv), through the real assistant.
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

const reply = (text: string) => firstReply(catalogue, text);
const OFF_TOPIC = /chỉ trả lời về thủ tục hành chính/;
const IDENTITY = /trợ lý tự động/;

describe("a letter full of ward papers whose question is everyday life gets no ward procedure", () => {
  it.each([
    "Nhà em đã làm giấy khai sinh cho cháu ở phường tuần rồi, giờ cháu bị ho với sổ mũi mấy hôm, cho em hỏi nên đưa đi bệnh viện nào",
    "Chúng tôi đăng ký kết hôn ở UBND phường rồi, giờ muốn hỏi mọi người nấu món gì cho mâm cỗ cưới ở quê",
    "tôi có hộ khẩu thường trú ở đây lâu rồi, giờ muốn hỏi con gái tôi 3 tuổi vào trường mầm non nào gần nhà",
    "Mẹ tôi mới mất, phường đã cấp trích lục khai tử, giờ tôi buồn quá không ngủ được, cho tôi hỏi làm sao vượt qua",
  ])("%s → off-topic, no procedure", async (text) => {
    const answer = await reply(text);
    expect(answer.code, answer.text).toBeUndefined();
    expect(answer.choices, answer.text).toBe(0);
    expect(answer.text).toMatch(OFF_TOPIC);
  });

  it("a jab's schedule asked after the story gets the health pointer, no procedure (s18: was off-topic)", async () => {
    // Session 18: another agency's service asked is left to its pointer (s11's «Giờ tôi muốn biết lịch tiêm vắc xin
    // cho cháu ở đâu?» expects it; the off-topic reply here was the same rule without the pointer).
    const answer = await reply("em tam tru o phuong 2 nam roi, gio muon hoi lich tiem phong cho be 6 thang o dau");
    expect(answer.code, answer.text).toBeUndefined();
    expect(answer.choices, answer.text).toBe(0);
    expect(answer.text).toMatch(/tiêm chủng/);
  });

  it.each([
    // the ward's paper is what the question asks, though everyday words stand in the story
    ["bệnh viện đã cấp giấy báo tử cho bố tôi, giờ đăng ký khai tử ở phường cần mang gì", "1.000656"],
    ["ngân hàng đòi giấy xác nhận tình trạng hôn nhân để vay mua nhà, giờ xin ở phường thế nào", "1.004873"],
  ])("%s → stays %s", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });

  it("a service told in the story is no request when the question names a ward procedure", async () => {
    // the health pointer took it before; search finds no procedure for the whole letter yet (asked of SEARCH)
    const answer = await reply(
      "Con em sinh ở bệnh viện tỉnh được 3 tuần, đi tiêm phòng thì bị hỏi giấy khai sinh, giờ làm khai sinh cần gì",
    );
    expect(answer.text).not.toMatch(/tiêm chủng: việc này không làm/);
  });

  it("reads the question after the story's first turn, and no time asked as a turn", () => {
    expect(askedPart("Tôi đã đăng ký tạm trú ở phường, giờ cho tôi hỏi chợ nào bán rẻ")?.map((w) => w.token)).toEqual(
      "cho toi hoi cho nao ban re".split(" "),
    );
    expect(askedPart("phường làm việc đến mấy giờ vậy")).toBeUndefined();
    expect(asksEverydayBeyondWard("Bé đã có giấy khai sinh, giờ bé sốt cao thì cho uống thuốc gì")).toBe(true);
    expect(asksEverydayBeyondWard("Bé sinh ở bệnh viện, giờ làm giấy khai sinh ở đâu")).toBe(false);
    // "tiem" typed without accents is a shop too ("ko mo tiem nua"): only a jab said whole counts
    expect(asksEverydayBeyondWard("e nop hs dk ho kinh doanh r, gio ko mo tiem nua thi rut hs the nao")).toBe(false);
  });
});

describe("a food-safety certificate asked alone gets no licence and no list", () => {
  it.each(["xin giấy chứng nhận đủ điều kiện vệ sinh an toàn thực phẩm cho tiệm bánh", "quan com can giay attp ko"])(
    "%s",
    async (text) => {
      const answer = await reply(text);
      expect(answer.code, answer.text).toBeUndefined();
      expect(answer.choices, answer.text).toBe(0);
    },
  );
});

describe("a ward paper asked beside a divorce wish is the ward's, not the court's pointer", () => {
  it.each([
    "tôi định ly hôn, cần chứng thực bản sao giấy khai sinh của con để nộp tòa thì làm ở đâu",
    "sắp ra tòa ly dị mà bị mất giấy đăng ký kết hôn, xin bản sao ở đâu",
  ])("%s → no divorce pointer", async (text) => {
    expect((await reply(text)).text).not.toMatch(/Ly hôn: việc này không làm/);
  });

  it.each(["muốn ly hôn thì nộp đơn ở đâu", "tôi muốn ly dị chồng, cần giấy tờ gì"])(
    "%s → the divorce pointer still",
    async (text) => {
      const answer = await reply(text);
      expect(answer.code).toBeUndefined();
      expect(answer.text).toMatch(/Ly hôn/);
    },
  );
});

describe("a personal question put to the bot gets the identity reply, after an answer too (asked by FOLLOW)", () => {
  it.each(["bạn có người yêu chưa", "bot năm nay mấy tuổi", "ad ăn cơm chưa", "how old are you", "do you like music"])(
    "after 'đăng ký khai sinh', %s → no procedure",
    async (text) => {
      const { say } = chatWith(catalogue);
      expect(codeOf(await say("đăng ký khai sinh"))).toBe("1.001193");
      const replies = await say(text);
      expect(codeOf(replies)).toBeUndefined();
      expect(replies[0]?.text).toMatch(IDENTITY);
    },
  );

  it.each([
    ["bạn ơi đăng ký kết hôn cần gì", "1.000894"],
    ["em bao nhiêu tuổi thì được đăng ký kết hôn", "1.000894"],
  ])("%s keeps its procedure", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });
});

describe("in-scope letters whose question holds an everyday-looking word stay the ward's (review s15 H1)", () => {
  it.each([
    [
      "Tôi sống ở đây 20 năm nay, sổ đỏ đầy đủ, giờ nhà hàng xóm xây lấn sang đất nhà tôi nửa mét thì nhờ phường giải quyết thế nào",
      "1.012812",
    ],
    [
      "Con trai tôi học lớp 5 ở Hà Nội, cả nhà chuyển vào Sài Gòn sinh sống, giờ muốn xin cho cháu vào trường tiểu học gần nhà mới thì làm sao",
      "2.002854",
    ],
    [
      "Tôi nộp hồ sơ xin cấp sổ đỏ lần đầu từ 3 tháng trước mà chưa có kết quả, giờ sốt ruột quá không biết phải chờ bao lâu nữa",
      "1.013978",
    ],
    [
      "Bà nội tôi 85 tuổi không còn ai chăm, các con đều mất, giờ muốn gửi bà vào trung tâm nào của nhà nước nuôi dưỡng",
      "2.000286",
    ],
    [
      "Con gái tôi 10 tuổi đã có giấy khai sinh, giờ muốn đổi tên con cho giống tên bà nội thì có được không",
      "1.004859",
    ],
    [
      "Gia đình tôi nấu rượu thủ công bán đã lâu, giấy phép cũ bị mất, giờ cho hỏi nấu rượu bán thì làm lại thế nào",
      "1.001279",
    ],
  ])("%s → %s", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });

  it.each([
    "Ruộng nhà tôi trũng, cấy lúa năm nào cũng mất mùa, giờ muốn chuyển sang trồng giống bưởi da xanh thì có cần báo xã không",
    "Em bán hàng online mấy năm nay, giờ muốn mở thêm quán ăn bán món Huế ở đầu ngõ thì có phải ra phường làm gì không",
  ])("%s → no off-topic reply (search's to answer)", async (text) => {
    expect((await reply(text)).text).not.toMatch(OFF_TOPIC);
  });
});
