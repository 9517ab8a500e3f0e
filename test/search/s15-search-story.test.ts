import { describe, expect, it } from "vitest";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile } from "../harness/served-search.js";

// Session 15 (SEARCH): a paper no record has, asked by its name, is not the record the story names; the age the social
// pension starts at names it.
const { served, search } = servedSearchOfFile();

describe("a food-safety certificate is no ward record (review s14: it got a list)", () => {
  it.each([
    "cấp lại giấy chứng nhận an toàn thực phẩm bị mất",
    "em mở quán bún, cần giấy vệ sinh an toàn thực phẩm thì xin ở phường được không",
    "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm làm ở đâu",
    "cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm cho hộ kinh doanh",
    "Tôi mở một bếp ăn nhỏ nấu cơm văn phòng, đã đăng ký hộ kinh doanh. Nay khách hàng yêu cầu có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm, tôi xin ở đâu?",
  ])("%s → none", (q) => {
    expect(search().search(q).decision).toBe("none");
  });

  it.each([["mở quán phở thì đăng ký hộ kinh doanh ở đâu", "1.001612"]])(
    "while opening the eatery itself is still the household business: %s → %s",
    (q, code) => {
      expect(firstCode(search(), q)).toBe(code);
    },
  );
  // A regression that flipped with each retrain, no code changed: «mở quán ăn cần giấy phép gì» led with the
  // tobacco licence from the thirtieth session's split to the thirty-second's (tuning câu mẫu of shops asking which
  // «giấy phép» they need weigh for the licences whose names say it), the household business again after the
  // thirty-second's, and the tobacco licence again after the thirty-third's (the rules score the household business
  // above it; the re-ranker moved it). Kept as `it.fails` until then; the thirty-fifth session's retrain (F29, T34)
  // answers the household business again, so it is back among the cases that must hold: a retrain that loses it
  // again fails here.
  it("while opening the eatery itself is still the household business: mở quán ăn cần giấy phép gì → 1.001612", () => {
    expect(firstCode(search(), "mở quán ăn cần giấy phép gì")).toBe("1.001612");
  });
});

describe("the age the social pension starts at names it", () => {
  it.each([
    [
      "Ông em năm nay 77 tuổi, không có lương hưu. Nghe nói người từ 75 tuổi được nhà nước cho tiền hàng tháng, làm hồ sơ ở đâu ạ?",
      "1.014027",
    ],
    ["người trên 75 tuổi không có lương hưu được nhận tiền gì", "1.014027"],
  ])("%s → %s", (q, code) => {
    expect(firstCode(search(), q)).toBe(code);
  });
});

describe("another agency that asked for a ward paper is the occasion, not the request (OOS's request)", () => {
  it("a vaccination that asked for the birth certificate: the registration is answered", () => {
    expect(
      firstCode(
        search(),
        "Con em sinh ở bệnh viện tỉnh được 3 tuần, đi tiêm phòng thì bị hỏi giấy khai sinh, giờ làm khai sinh cần gì",
      ),
    ).toBe("1.001193");
  });

  it("while the vaccination asked alone stays none", () => {
    expect(search().search("đi tiêm phòng cho bé ở đâu").decision).toBe("none");
  });
});

describe("own probe batches (served search: rules, câu mẫu, re-ranker, scope gate)", () => {
  // test/search/s15-search-probe1.tsv, written before measuring, half letters with a story: 76 in scope, 15 out. At
  // e4b4718 top-1 72, top-3 75, answered 1, offered 0; after 914095a 73/76/0/0; with the scope gate 73/75/0/0 (the gate
  // holds back a wrong answer whose right record was second: an 'đổi họ' letter). The floor holds either way.
  it("batch 1 (tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s15-search-probe1.tsv", { top1: 73, top3: 75, answered: 0, offered: 0 });
  });

  // test/search/s15-search-probe2.tsv, written after the fixes, never tuned on: 54 in scope, 12 out. After 914095a
  // top-1 52, top-3 53, answered 1, offered 2; with the scope gate 52/53/1/1 (the floor holds either way).
  it("batch 2 (never tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s15-search-probe2.tsv", { top1: 52, top3: 53, answered: 1, offered: 2 });
  });
});
