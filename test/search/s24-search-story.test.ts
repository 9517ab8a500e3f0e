import { describe, expect, it } from "vitest";
import { words } from "../../src/search/normalize.js";
import { unchat } from "../../src/search/spelling.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile, topCodes } from "../harness/served-search.js";

// Session 24 (SEARCH). Messages written here from the classes of the tuning part's misses (even-numbered items only),
// not from eval/.
const { served, search } = servedSearchOfFile();

describe("another agency's service asked as a step or a paper of the ward's procedure (tuning's largest refusal class)", () => {
  // test/search/s24-search-probe1.tsv: 10 in scope (the other agency's service a requirement asked of the ward's
  // procedure: «có phải quyết toán thuế trước không», «có cần giấy khám sức khỏe», «đang hưởng … bhxh», «Do I need a …»)
  // and 6 of that agency's own services asked with the same modals. Before: top-1 7, top-3 7; none answered or offered.
  it("batch 1 holds", () => {
    expectSearchFloors(served(), "test/search/s24-search-probe1.tsv", { top1: 10, top3: 10, answered: 0, offered: 0 });
  });

  // test/search/s24-search-probe2.tsv: 6 out of scope where the other agency's service comes after the ward's procedure
  // is done («kết hôn xong rồi thì có phải làm lại căn cước», «After registering our marriage, do we need …»), and 4 in
  // scope. Main before: 2 answered and 1 offered (readings of their own, not this one's): no more.
  it("batch 2 (after the ward's procedure: that agency's own) holds", () => {
    expectSearchFloors(served(), "test/search/s24-search-probe2.tsv", { top1: 4, top3: 4, answered: 2, offered: 1 });
  });

  it("reads the step only beside the ward procedure's name, before or around it", () => {
    // The ward's procedure named, the tax settlement a step asked of it: answered.
    expect(
      topCodes(search(), "làm chấm dứt hoạt động hộ kinh doanh thì có bắt buộc quyết toán thuế trước không"),
    ).toContain("1.001266");
    // The same modal with no ward procedure named asks for the tax office's own service.
    expect(firstCode(search(), "có phải quyết toán thuế trước khi nghỉ việc không")).toBe("none");
    // Told, not asked ("I need to apply for …"): that agency's service.
    expect(
      firstCode(
        search(),
        "We registered our marriage at the ward. Now I need to apply for a temporary residence card for my husband.",
      ),
    ).toBe("none");
  });
});

describe("a ward record whose title a letter's question says whole is among the candidates (never-recalled letters)", () => {
  // test/search/s24-search-probe3.tsv: 8 letters of my own, a birth or a death told with residence and hospital words,
  // whose question names the plain record («làm giấy khai sinh cho bé thì nộp ở …», «làm giấy chứng tử ở đâu»). Before:
  // top-1 6, top-3 7 (the plain record crowded out of the postings' best 30 by look-alikes sharing the story).
  it("batch 3 holds", () => {
    expectSearchFloors(served(), "test/search/s24-search-probe3.tsv", { top1: 8, top3: 8, answered: 0, offered: 0 });
  });
});

describe("the dialect words that are words of their own are read so only where they point", () => {
  const read = (text: string) =>
    unchat(words(text).map((w, at) => ({ ...w, clause: 0, at })))
      .map((w) => w.token)
      .join(" ");
  it("reads them as dialect where they point, and as written beside what they make a word with", () => {
    const readings: Record<string, string> = {
      "phường ni làm khai sinh ở mô": "phuong nay lam khai sinh o dau",
      "tui muốn làm khai sinh": "toi muon lam khai sinh",
      "bả mất rồi": "ba ay mat roi",
      "phường ni có làm không": "phuong nay co lam khong",
      "ni cô ở chùa muốn đăng ký tạm trú": "ni co o chua muon dang ki tam tru",
      "đăng ký tạm trú cho tăng ni": "dang ki tam tru cho tang ni",
      "tạm trú cho ni cô ở chùa": "tam tru cho ni co o chua",
      "mất tui xách có căn cước": "mat tui xach co can cuoc",
      "nhà bị bả chuột": "nha bi ba chuot",
    };
    for (const [text, reading] of Object.entries(readings)) expect(read(text), text).toBe(reading);
  });
});
