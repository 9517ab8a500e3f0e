import { beforeAll, describe, expect, it } from "vitest";
import type { ProcedureSearch } from "../../src/search/index.js";
import { firstCode, servedSearch } from "../harness/served-search.js";

// Session 12 (SEARCH): what the served search reads of an agency in the story, of 'tên bố' and of English vocatives.
let search: ProcedureSearch;
beforeAll(async () => {
  search = (await servedSearch()).search;
}, 120_000);

const first = (q: string) => firstCode(search, q);

describe("an agency that demands a ward paper is no request for that agency (s11 requests 04:05, 04:23)", () => {
  it.each([
    [
      "Ngân hàng yêu cầu giấy xác nhận tình trạng hôn nhân để tôi vay vốn mua nhà. Xin hỏi xin giấy này ở phường cần mang những gì?",
      "1.004873",
    ],
    [
      "The Korean embassy asked me for a certificate of marital status from my ward before my wedding in Korea. How long does the ward take to issue it?",
      "1.004873",
    ],
    ["ben thue bao phai co giay xac nhan cu tru moi duoc giam tru gia canh cho me, xin giay do o dau", "1.010041"],
    ["bên bảo hiểm xã hội hướng dẫn lên phường xin giấy xác nhận thông tin cư trú, cần mang gì", "1.010041"],
    ["bên ngân hàng kêu phải có giấy xác nhận độc thân mới cho vay, xin ở đâu", "1.004873"],
    [
      "Tòa án yêu cầu nộp bản sao trích lục kết hôn để giải quyết việc ly hôn, tôi xin bản sao trích lục kết hôn ở đâu",
      "2.000635",
    ],
  ])("%s → %s", (q, code) => {
    expect(first(q)).toBe(code);
  });

  it.each([
    "ngân hàng yêu cầu sao kê tài khoản 6 tháng, em in sao kê ở đâu",
    "bên thuế bảo phải nộp tờ khai quyết toán thuế mới được hoàn thuế, nộp tờ khai ở đâu",
    "The embassy asked me for a police clearance certificate, where do I apply for it?",
    "ngan hang bao lau thi giai ngan khoan vay",
    "bảo hiểm xã hội yêu cầu gì khi rút một lần",
    "dang kiem xe may co bat buoc chua",
    "dang ky mua bao hiem xe may bat buoc o dau",
    "con gái tôi có giấy khai sinh, hộ khẩu ở phường; mở tài khoản cho con chưa đủ 18 tuổi thì ngân hàng đòi những giấy gì",
  ])("the agency's own service stays unanswered: %s", (q) => {
    expect(search.search(q).decision).not.toBe("answer");
  });
});

describe("the father's name said as 'tên bố' (review s11 H9)", () => {
  it("is no paternity case unless the father is to be named on the certificate", () => {
    expect(first("tên bố em là Hùng")).toBe("none");
    expect(first("tên bố em trong giấy khai sinh bị viết sai chính tả, sửa ở đâu ạ")).toBe("1.004859");
    expect(first("làm khai sinh có tên bố khi bố mẹ chưa đăng ký kết hôn")).toBe("1.000689");
  });
});

describe("an English word is not respelt as Vietnamese (review s11 M5)", () => {
  it("'mate' is no 'mất'", () => {
    expect(search.search("mate").decision).toBe("none");
    expect(search.search("cheers mate").decision).toBe("none");
    expect(search.search("how long does it take, mate?").decision).toBe("none");
  });
});
