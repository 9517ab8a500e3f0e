import { describe, expect, it } from "vitest";
import { servedSearchOfFile, topCodes } from "../harness/served-search.js";

// Session 20 (SEARCH). Messages written here from the records and the failures seen, not from eval/.
const { search } = servedSearchOfFile();

const codes = (q: string) => topCodes(search(), q);

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
