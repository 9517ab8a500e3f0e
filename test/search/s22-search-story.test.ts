import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Analyzer } from "../../src/search/analyzer.js";
import type { SynonymsFile } from "../../src/search/records.js";
import { changedTrades, tradeChanges } from "../../src/search/span.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile, topCodes } from "../harness/served-search.js";

// Session 22 (SEARCH). Messages written here from the records and the reviewer's classes of failure, not from eval/.
const { served, search } = servedSearchOfFile();

const analyzer = new Analyzer(JSON.parse(readFileSync("data/synonyms.json", "utf8")) as SynonymsFile);
/** The reading with the household business's change put in (as the search's repair does). */
const reads = (q: string) => analyzer.query(q, { repair: (w) => tradeChanges(w) }).words.map((w) => w.token);
const changes = (q: string) => changedTrades(analyzer.query(q).said).size;

/** Changes of a household business told in everyday words: capital, line, place, owner, the shop's name. */
const CHANGED = [
  "tiệm tạp hóa của tôi muốn tăng vốn lên 300 triệu",
  "tui đổi từ bán cà phê qua bán cơm thì báo phường sao",
  "quán nhậu nhà tui dời qua đường bên kia thì làm giấy gì",
  "chuyển quán ăn sang số nhà khác",
  "giảm vốn hộ kinh doanh xuống còn 20 triệu",
  "quán cơm nhà em muốn đổi lại tên quán",
];
/** No trade, a firm, a move of residence or of a religious group, a lost licence, a shop never opened. */
const NOT_CHANGED = [
  "công ty tôi muốn tăng vốn điều lệ",
  "tôi muốn chuyển hộ khẩu về nhà vợ",
  "đổi tên cho con gái",
  "chuyển địa điểm sinh hoạt tôn giáo sang xã khác",
  "quán của tôi bị mất giấy phép kinh doanh",
  "tôi đổi ý không mở quán nữa",
];

describe("a household business's change told in everyday words is the change of its registration (REVIEW s22 class 5)", () => {
  it.each(CHANGED)("reads the change in «%s»", (q) => {
    expect(changes(q)).toBeGreaterThan(0);
    expect(reads(q)).toEqual(expect.arrayContaining(["thay", "doi", "hokinhdoanh"]));
  });

  it.each(NOT_CHANGED)("reads no change in «%s»", (q) => {
    expect(changes(q)).toBe(0);
  });

  it("the served search answers the change record", () => {
    expect(CHANGED.slice(1, 3).map((q) => firstCode(search(), q))).toEqual(["2.000720", "2.000720"]);
  });
  // The scope gate retrained on the thirty-seventh session's split vetoed it (two words said as often in and out of
  // scope, «vốn» and «triệu», counted as other words). The thirty-eighth session's retrain on F32/T37 answered it again,
  // and the lexicon's other share (scope.ts OTHER_SHARE) keeps such words from counting as other.
  it("the served search answers a grocery's capital raised", () => {
    expect(firstCode(search(), CHANGED[0] as string)).toBe("2.000720");
  });
});

describe("another agency weighed against the ward is no request for its service (tuning's refusals)", () => {
  it("the ward's record answers «ở phường hay (phải ra) văn phòng công chứng» and «chứ không ra …»", () => {
    expect(
      firstCode(search(), "công chứng bản sao bằng đại học ở phường được không hay phải đến văn phòng công chứng"),
    ).toBe("2.000815");
    expect(
      topCodes(
        search(),
        "bà tôi muốn lập di chúc, ra phường chứng thực chứ không ra văn phòng công chứng thì được không",
      ),
    ).toContain("2.001019");
  });

  it("while the other agency's own service stays refused", () => {
    const own = [
      "làm hộ chiếu ở phường được không hay phải lên phòng xuất nhập cảnh",
      "đổi bằng lái xe ở phường hay lên sở giao thông",
    ];
    expect(own.map((q) => firstCode(search(), q))).toEqual(["none", "none"]);
  });
});

describe("a slip beside the word that shows it (REVIEW s22 class 2)", () => {
  it("a chat spelling that is a word of its own is read back where its neighbour shows a slip («kết hông»)", () => {
    expect(firstCode(search(), "đăng ký kết hông cần gì")).toBe("1.000894");
    expect(firstCode(search(), "xin giấy xác nhận tình trạng hông nhân ở phường")).toBe("1.004873");
    // …and stays «không» elsewhere.
    expect(firstCode(search(), "làm giấy khai sinh cho con được hông")).toBe("1.001193");
  });

  it("a word typed bare beside one typed with the phrase's accents is that phrase's («kết hun»)", () => {
    expect(topCodes(search(), "đăng ký kết hun cần mang giấy chi")[0]).toBe("1.000894");
  });
});

describe("own probe batch (served search: rules, câu mẫu, re-ranker, scope gate)", () => {
  // test/search/s22-search-probe1.tsv, written this session from the reviewer's five classes and the tuning part's
  // refusals (tuned on): 59 in scope, 4 out of scope. At main's 21d8359 top-1 43, top-3 45; after this session's
  // household-business changes, alternatives to the ward and slips beside their neighbour top-1 56, top-3 58 (57 while
  // the gate of the thirty-seventh session vetoed the grocery's capital, above; 58 again since the thirty-eighth).
  it("batch 1 (tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s22-search-probe1.tsv", { top1: 56, top3: 58, answered: 0, offered: 0 });
  });
});
