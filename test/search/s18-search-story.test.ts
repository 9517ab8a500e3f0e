import { describe, expect, it } from "vitest";
import { asksSomething, readsEnglish, tellsOnly } from "../../src/search/ranker.js";
import { firstCode, servedSearchOfFile, topCodes } from "../harness/served-search.js";

// Session 18 (SEARCH): the rescue (a list where the rules find nothing) is offered to a request said as a bare name but
// not to a bare statement its writer tells of themselves, from a lower probability; a time word before a lost paper is
// no death; "cùng xã/phường" is the within-one-xã record's; a redirect's word typed without accents that opens a longer
// name the catalogue has is that name's ("thue nha": a rented house, no tax).
const { search } = servedSearchOfFile();

const codes = (q: string) => topCodes(search(), q);

describe("what asks, what names a request, what only tells", () => {
  it("a bare statement of its writer's asks nothing and only tells", () => {
    for (const q of [
      "con em học lớp 3",
      "tên bố em là Hùng",
      "mẹ tôi năm nay 78 tuổi",
      "hôm qua em đi làm về muộn",
      "my son is in grade 3",
      "con gái em năm nay vào lớp 1",
    ])
      expect(tellsOnly(q), q).toBe(true);
  });

  it("a request said as a bare name, or one done for someone, is no statement", () => {
    for (const q of [
      "đăng ký mái ấm dưới 10 người",
      "hỗ trợ sửa nhà hư hỏng nặng sau bão",
      "khai tạm vắng cho con đi học xa",
      "xác nhận diện tích bình quân nhà ở",
      "đăng ký tạm trú cho em",
      "change my son's name on his birth certificate",
      "register my permanent address",
    ]) {
      expect(asksSomething(q), q).toBe(false);
      expect(tellsOnly(q), q).toBe(false);
    }
  });

  it("a question asked in any clause, past who is addressed, asks", () => {
    for (const q of [
      "con em học lớp 3, muốn chuyển trường",
      "làm giấy khs cho bé ở ubnd phường đúng hạn có mất phí ko ạ, bố mẹ đều ng vn",
      "thông tin trên vneid bị sai ngày sinh, sửa lại thì có tốn phí ko mn",
      "tạm thời cách ly trẻ em khỏi người bạo hành thì ai quyết định",
      "tiền mai táng lãnh ở mô",
      "chứng thực chữ ký người dịch mất bao nhiu tiền",
      "I'd like to get the monthly allowance for my son",
      "giấy phép xây dựng hết hạn rồi à",
    ])
      expect(asksSomething(q), q).toBe(true);
  });

  it.each(["con em học lớp 3", "tên bố em là Hùng", "mẹ tôi năm nay 78 tuổi", "con em học lớp 4 trường Kim Đồng"])(
    "%s → nothing",
    (q) => {
      expect(search().search(q).decision).toBe("none");
    },
  );

  it.each([["tạm nghỉ bán quán cà phê 3 tháng", "1.001570"]])(
    "%s (the rules find nothing) → a list holding %s",
    (q, code) => {
      expect(codes(q)).toContain(code);
    },
  );
});

describe("an English message is read as English when its words say so", () => {
  it("plain-letter English with one asking word or mostly English words", () => {
    for (const q of [
      "how much to fix my wrong birth date on the birth certificate",
      "register a death",
      "criminal record certificate Vietnam",
    ])
      expect(readsEnglish(q), q).toBe(true);
    for (const q of ["dki ks online ntn", "lam giay khai sinh cho con", "abc xyz"])
      expect(readsEnglish(q), q).toBe(false);
  });

  it("fixing a wrong birth date in English is no foreign element", () => {
    expect(firstCode(search(), "how much to fix my wrong birth date on the birth certificate")).toBe("1.004859");
  });
});

describe("'đã/vừa/mới mất' before a paper lost is no death", () => {
  it.each([
    ["mẹ tôi đã mất giấy khai sinh, giờ làm lại thế nào", "1.004884"],
    ["chồng tôi đã mất giấy chứng nhận đăng ký hộ kinh doanh, xin cấp lại", "2.000575"],
  ])("%s → %s, no death record listed", (q, code) => {
    const got = codes(q);
    expect(got[0]).toBe(code);
    for (const death of ["1.000656", "1.005461", "2.000497", "1.000419"]) expect(got).not.toContain(death);
  });

  it("while a death told so is still the death's", () => {
    expect(firstCode(search(), "mẹ tôi đã mất ở bệnh viện, làm giấy chứng tử ở đâu")).toBe("1.000656");
  });
});

describe("the same xã or another, and a certified lease cancelled", () => {
  it("a religious group moving within the same xã/phường is 1.012584", () => {
    expect(
      firstCode(
        search(),
        "nhóm sinh hoạt tôn giáo của chúng tôi muốn chuyển sang nhà khác trong cùng xã, làm thủ tục gì",
      ),
    ).toBe("1.012584");
    expect(firstCode(search(), "nhom tin lanh doi cho sinh hoat sang nha khac cung phuong thi lam sao")).toBe(
      "1.012584",
    );
  });

  it("cancelling a certified lease typed without accents is the amendment/cancellation record 2.000913", () => {
    expect(firstCode(search(), "hop dong thue nha da chung thuc o phuong, gio hai ben muon huy hop dong")).toBe(
      "2.000913",
    );
  });

  it("while paying a house-and-land tax is still the tax office's", () => {
    expect(search().search("dong thue nha dat o dau").decision).toBe("none");
  });
});
