import { describe, expect, it } from "vitest";
import { firstCode, servedSearchOfFile, topCodes } from "../harness/served-search.js";

// Session 36 (letters helper): a foreign country said only as where a Vietnamese works, studies or stays for a time
// («đi lao động Nhật Bản», «du học Úc») is no foreign element (index.ts `abroadOnly`, read by ranker.ts `foreignFirst`);
// a foreigner, a Vietnamese settled abroad or a birth abroad is (Luật Hộ tịch; the foreign-element records' applicants).
// Written for this change, not from eval/.
const { search } = servedSearchOfFile();
const PLAIN_BIRTH = "1.001193";
const FOREIGN_BIRTH = "2.000528";

describe("a Vietnamese abroad for a time is no foreign element", () => {
  // The rules still count «Hàn Quốc» toward the twin's «nước ngoài» (a word of its name), so with a longer story around
  // it the twin scored first and the re-ranker kept it there (it.fails until session 39); now the re-ranker's order puts
  // the plain twin first where every foreign word is a place a Vietnamese is at (ranker.ts `abroadPlainFirst`).
  it("vợ mình đi lao động Hàn Quốc được hai năm, mình ở nhà mới sinh thêm bé trai, … → the plain one", () => {
    expect(
      firstCode(
        search(),
        "vợ mình đi lao động Hàn Quốc được hai năm, mình ở nhà mới sinh thêm bé trai, giờ làm khai sinh cho bé ở đâu",
      ),
    ).toBe(PLAIN_BIRTH);
  });

  it.each([
    "anh nhà em đang du học Úc, bé nhà em sinh ở bệnh viện huyện tuần trước, em đi làm giấy khai sinh một mình được không",
    "ck e di xkld dai loan, e sinh be dc 2 tuan, lam khai sinh can gi",
  ])("%s → the plain birth registration", (q) => {
    expect(firstCode(search(), q)).toBe(PLAIN_BIRTH);
  });
});

describe("a foreign party or a birth abroad still is", () => {
  it.each([
    "chồng em là người Hàn Quốc, bé mới sinh ở Đà Nẵng, làm giấy khai sinh cho bé cần gì",
    "bé nhà em sinh ở Nhật Bản, chưa làm khai sinh bên đó, nay cả nhà về quê thì đăng ký khai sinh cho bé thế nào",
    "bố cháu định cư ở Mỹ, mẹ cháu ở Việt Nam, cháu mới sinh, làm khai sinh cho cháu ở phường cần giấy tờ gì",
  ])("%s → the foreign birth registration among the first three", (q) => {
    expect(topCodes(search(), q).slice(0, 3)).toContain(FOREIGN_BIRTH);
  });
});
