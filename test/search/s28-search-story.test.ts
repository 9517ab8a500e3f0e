import { describe, expect, it } from "vitest";
import { asksTheAssistant } from "../../src/search/ranker.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { servedSearchOfFile } from "../harness/served-search.js";

// Session 28 (SEARCH). Probe batches written before any change was measured on them (test/search/s28-search-probe*.tsv),
// not from eval/.
const { served } = servedSearchOfFile();

describe("a message asking what the assistant itself can do gets no rescue list", () => {
  it("reads the assistant as the doer, not a call, a request for guidance, a friend or a board", () => {
    for (const text of [
      "bạn dịch được tiếng Hàn không",
      "bot có làm thơ được không",
      "ad biết câu đố nào không",
      "can you speak Korean",
    ])
      expect(asksTheAssistant(text), text).toBe(true);
    for (const text of [
      "bạn ơi cho mình hỏi đăng ký tạm trú",
      "bạn chỉ giúp mình cách làm khai sinh",
      "bạn trai tôi người Hàn, muốn làm khai sinh cho con",
      "Ban quản lý đình làng đăng ký hoạt động tín ngưỡng",
      "ban sao giay ket hon xin o dau",
      "can you tell me how to register a death",
      "chứng thực bản dịch tiếng Hàn",
    ])
      expect(asksTheAssistant(text), text).toBe(false);
  });
});

describe("session 28's probe batches hold", () => {
  it("batch 1 (twins told by a nationality, in English, in shorthand) holds", () => {
    // test/search/s28-search-probe1.tsv: 16 in scope. With the rescue's hold on questions of the assistant (no change
    // to twins landed): top-1 14, top-3 15 («em với bạn gái người Thái Lan …» gets the plain marriage first, «tôi quốc
    // tịch Canada, muốn nhận đứa con ruột …» the foreign guardianship).
    expectSearchFloors(served(), "test/search/s28-search-probe1.tsv", { top1: 14, top3: 15, answered: 0, offered: 0 });
  });

  it("batch 2 (questions of the assistant's own abilities; requests addressed to it) holds", () => {
    // test/search/s28-search-probe2.tsv: 4 in scope, 10 out. With the hold: top-1 4, top-3 4, out of scope answered 1
    // («bạn dịch giúp mình đoạn này sang tiếng Trung được không»: the rules answer the translator's record; the hold
    // is the rescue's only), offered 0.
    expectSearchFloors(served(), "test/search/s28-search-probe2.tsv", { top1: 4, top3: 4, answered: 1, offered: 0 });
  });
});
