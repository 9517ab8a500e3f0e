import { beforeAll, describe, expect, it } from "vitest";
import type { ProcedureSearch } from "../../src/search/index.js";
import { type ServedSearch, servedSearch } from "../harness/served-search.js";

// Session 20 (SEARCH). Messages written here from the records and the failures seen, not from eval/.
let served: ServedSearch;
let search: ProcedureSearch;
beforeAll(async () => {
  served = await servedSearch();
  search = served.search;
}, 400_000);

const codes = (q: string) => {
  const o = search.search(q);
  return o.decision === "none" ? [] : o.hits.slice(0, 3).map((h) => h.procedure.code);
};

describe("a word kept beside a repaired one is read as typed", () => {
  it("a bare word in a message typed with accents, or beside a word typed with them, is no slip of a phrase", () => {
    // "tan tầm" (the end of the working day) is no "tàn tật": the records of a disability certificate were read into
    // it, and the re-ranker then put a social-protection record first.
    for (const q of ["mấy giờ thì tan tầm", "tan tầm", "giờ tan tầm ở đây đông lắm"]) expect(codes(q), q).toEqual([]);
  });

  it("while slips typed without accents, or with the accents of the phrase, are still put right", () => {
    for (const [q, code] of [
      ["dang ky tam chu cho nguoi thue nha", "1.004194"],
      ["đăng ký tạm chú cho người thuê nhà", "1.004194"],
      ["thủ tục đăng ký kết hôm", "1.000894"],
    ] as const)
      expect(codes(q)[0], q).toBe(code);
  });
});

describe("another agency's paper whose number is written is a detail of the paper at hand", () => {
  it("a household-business certificate with a wrong ID number is its correction", () => {
    expect(codes("giấy chứng nhận hộ kinh doanh ghi sai số căn cước của tôi, hiệu đính thế nào")[0]).toBe("1.014034");
  });
});

describe("a foreign-element twin is not put before the rules' answer when nothing foreign is told", () => {
  it("an English birth in Hanoi is the plain birth registration", () => {
    expect(codes("Our daughter was born last week in Hanoi. Is there a fee for the birth registration?")[0]).toBe(
      "1.001193",
    );
  });

  it("while a foreign spouse told in everyday words keeps the twin", () => {
    for (const q of ["đk kết hôn vs chồng hàn thì cần giấy tờ j", "đăng ký kết hôn với chồng người Việt định cư ở Mỹ"])
      expect(codes(q)[0], q).toBe("2.000806");
  });
});
