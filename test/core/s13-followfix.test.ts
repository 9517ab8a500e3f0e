import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, converse } from "../harness/converse.js";

/**
 * Session 13 review H5, H8, M3 (FOLLOW-FIX): a story told before a section question is the case of the procedure at
 * hand only when the question asks in the procedure's own terms (nộp, hồ sơ, giấy, được cấp…), the story names what
 * the procedure is about before a bare cue ("bé sinh …, mất bao lâu"), or tells a size ("60m2"). A story of another
 * thing with a bare question ("hết bao nhiêu tiền", "sửa ở đâu", "làm gì tiếp") asks that thing: none of the sections.
 */
let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("a story of another thing, then a bare question, after an answer", () => {
  it.each([
    ["đăng ký kết hôn", "1.000894", "nhà gái đòi sính lễ nhiều quá, hết bao nhiêu tiền"],
    ["đăng ký kết hôn", "1.000894", "bọn em định đi chụp ảnh cưới ở Đà Lạt, mất bao lâu"],
    ["chứng thực bản sao", "2.000815", "máy in nhà em bị kẹt giấy từ hôm qua, sửa ở đâu"],
    ["chuyển trường cho con", "2.002854", "con em bị cận thị nặng, cắt kính ở đâu"],
    ["chuyển trường cho con", "2.002854", "con em học kém môn toán lắm, học thêm ở đâu"],
    ["đăng ký tạm trú", "1.004194", "điều hòa phòng trọ em bị chảy nước, sửa ở đâu"],
    ["hỗ trợ mai táng phí", "1.001731", "nhà em muốn làm mộ cho bà bằng đá, làm ở đâu"],
    // H8: what the story buys is the thing priced
    ["đăng ký kết hôn", "1.000894", "đám cưới 30 mâm ở quê, hết bao nhiêu tiền"],
    ["đăng ký kết hôn", "1.000894", "em định mời ca sĩ hát đám cưới, hết bao nhiêu"],
    ["đăng ký khai tử", "1.000656", "nhà em muốn thuê dàn kèn đám ma, hết bao nhiêu tiền"],
    ["cấp giấy phép xây dựng", "1.013225", "em định làm mái tôn chống nóng cho nhà, hết bao nhiêu"],
    ["birth registration", "1.001193", "his mother is sick, what should she take"],
    ["đăng ký khai sinh", "1.001193", "đặt tên con kiểu gì hay"],
    // M3: what next, asked of someone else or another event
    ["đăng ký kết hôn", "1.000894", "bên nhà trai làm gì tiếp"],
    ["đăng ký kết hôn", "1.000894", "bước đầu tiên khi yêu là gì"],
    ["đăng ký kết hôn", "1.000894", "nhà gái chuẩn bị sính lễ xong thì làm gì tiếp"],
    ["đăng ký hộ kinh doanh", "1.001612", "khai trương xong làm gì tiếp"],
  ] as const)("%s / %s: none", async (first, code, next) => {
    await converse(catalogue, [
      [first, code],
      [next, undefined],
    ]);
  });
});

describe("the case of the procedure told before its question stays on it", () => {
  it.each([
    ["chứng thực bản sao", "2.000815", "em ở Gò Vấp thì nộp ở đâu", "place"],
    ["chứng thực bản sao", "2.000815", "nhà em ở Phú Nhuận, nộp chỗ nào", "place"],
    ["đăng ký hộ kinh doanh", "1.001612", "em bán bún bò ở đầu hẻm thì cần giấy gì", "documents"],
    ["xin giấy phép xây dựng nhà ở", "1.013225", "nhà 3 tầng 45m2, sát vách nhà hàng xóm, hồ sơ gồm gì", "documents"],
    ["xin giấy phép xây dựng nhà ở", "1.013225", "nha em 2 tang, 60m2, het bao nhieu tien", "fee"],
    ["đăng ký khai sinh", "1.001193", "bé sinh ở bệnh viện Hùng Vương lúc 3h sáng, mất bao lâu", "time"],
    ["đăng ký kết hôn", "1.000894", "nộp hồ sơ xong làm gì tiếp", "steps"],
    ["đăng ký hộ kinh doanh", "1.001612", "làm kiểu gì", "steps"],
    ["birth registration", "1.001193", "how long does it take", "time"],
  ] as const)("%s / %s", async (first, code, next, section) => {
    await converse(catalogue, [
      [first, code],
      [next, code, section],
    ]);
  });
});

// The second batch, written after the fix and measured once, never tuned on: 10/16 at the fix's parent, 13/16 with it.
// Left: a honeymoon told unaccented ('vo chong em muon di trang mat o Phu Quoc, het bao nhieu' → the fee), 'my wife
// just gave birth, what should she eat' (→ the procedure), a plot's size as '5x20m' with 'het bao lau' (→ none).
const BATCH_2: readonly (readonly [string, string, string, string | undefined])[] = [
  ["đăng ký kết hôn", "1.000894", "bọn em muốn thuê xe hoa đi rước dâu, hết bao nhiêu tiền", undefined],
  ["đăng ký khai sinh", "1.001193", "bé nhà em bị sốt mấy hôm nay, khám ở đâu", undefined],
  ["đăng ký tạm trú", "1.004194", "phòng trọ em bị mất điện từ sáng, gọi thợ ở đâu", undefined],
  ["đăng ký hộ kinh doanh", "1.001612", "quán em muốn làm bảng hiệu đèn led, làm ở đâu", undefined],
  ["chứng thực bản sao", "2.000815", "điện thoại em bị vỡ màn hình hôm qua, thay ở đâu", undefined],
  ["đăng ký khai tử", "1.000656", "gia đình em muốn đặt vòng hoa viếng, đặt ở đâu", undefined],
  ["cấp giấy phép xây dựng", "1.013225", "em muốn mua gạch ống về xây tường rào, mua ở đâu", undefined],
  ["đăng ký kết hôn", "1.000894", "vo chong em muon di trang mat o Phu Quoc, het bao nhieu", undefined],
  ["đăng ký khai sinh", "1.001193", "my wife just gave birth, what should she eat", undefined],
  ["đăng ký hộ kinh doanh", "1.001612", "mua máy pha cà phê xong thì làm gì tiếp", undefined],
  ["đăng ký hộ kinh doanh", "1.001612", "em bán tạp hóa nhỏ trong hẻm, có cần nộp lệ phí không", "1.001612"],
  ["đăng ký tạm trú", "1.004194", "em ở trọ chung với 2 đứa bạn ở quận 7, cần mang giấy tờ gì", "1.004194"],
  ["đăng ký khai sinh", "1.001193", "bé nhà em sinh non ở bệnh viện Từ Dũ tuần trước, nộp ở đâu", "1.001193"],
  ["xin giấy phép xây dựng nhà ở", "1.013225", "đất em 5x20m ở trong hẻm xe hơi, het bao lau", "1.013225"],
  ["đăng ký kết hôn", "1.000894", "vợ sắp cưới của em ở tận Cà Mau, hồ sơ gồm những gì", "1.000894"],
  ["đăng ký khai tử", "1.000656", "ba em mất ở nhà hôm qua lúc nửa đêm, thì nộp giấy ở đâu", "1.000656"],
];

describe("the second batch", () => {
  it("keeps at least 13 of its 16 turns right", async () => {
    let right = 0;
    for (const [first, code, next, want] of BATCH_2) {
      const { say } = chatWith(catalogue);
      expect(codeOf(await say(first)), first).toBe(code);
      if (codeOf(await say(next)) === want) right++;
    }
    console.log(`second batch: ${right}/${BATCH_2.length}`);
    expect(right).toBeGreaterThanOrEqual(13);
  });
});
