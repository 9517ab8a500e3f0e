/**
 * Session 38 (FIRST): a citizen's first message answered with its procedure where the assistant gave a "which one?"
 * list (or another procedure) though the message settles it; a family of twins the message says nothing to tell apart
 * stays a list. Own phrasings (no tuning line), written after the readings were designed on the tuning conversations'
 * first turns; each "answered" case failed on the session's start (80ef59d).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, firstReply } from "../harness/converse.js";

let catalogue: LiveCatalogue;
// A hang guard, not a budget: loading the catalogue takes seconds calm and far longer on the shared machine under load.
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 120_000);

const BIRTH = "1.001193";
const MOBILE_BIRTH = "1.003583";
const MOBILE_DEATH = "1.000419";
const DEATH = "1.000656";
const HOUSEHOLD_SPLIT = "1.010038";
/** Đính chính Giấy chứng nhận đã cấp: a land certificate printed wrong. */
const LAND_CERTIFICATE_FIX = "1.012796";
/** Đăng ký nhận cha, mẹ, con: the child's birth is registered already. */
const PATERNITY = "1.001022";
const BUILDING_PERMIT = "1.013225";
/** The building permit's changes: its amendment, extension and re-issue. */
const BUILDING_PERMIT_CHANGES = ["1.013226", "1.013227", "1.013228"];

describe("a list whose lead the message names by an alias said whole is answered (list judge: leadable)", () => {
  it.each([
    ["ba chồng em mới mất ở nhà, em đi làm giấy chứng tử cho ba ở phường cần những gì", DEATH],
    [
      "tôi bị tai biến nằm một chỗ, vợ mới sinh, nhờ cán bộ phường xuống tận nhà làm khai sinh cho con được không",
      MOBILE_BIRTH,
    ],
    ["bà ngoại tôi mất ở nhà, ông ngoại liệt giường, nhờ cán bộ xã đến nhà làm khai tử được không", MOBILE_DEATH],
  ])("%s → %s", async (text, code) => {
    expect((await firstReply(catalogue, text)).code).toBe(code);
  });
});

describe("a list a detail of the case settles, as the listed records' notes and câu mẫu read it, is answered", () => {
  it.each([
    ["con út nhà tôi lấy chồng rồi, vợ chồng nó muốn tách thành hộ riêng nhưng vẫn ở trong nhà tôi", HOUSEHOLD_SPLIT],
    ["giấy chứng nhận quyền sử dụng đất nhà tôi in sai năm sinh của bố, muốn sửa lại cho đúng", LAND_CERTIFICATE_FIX],
    [
      "giấy khai sinh của cháu để trống tên cha, nay cha cháu muốn làm thủ tục nhận con, cả nhà là người Việt",
      PATERNITY,
    ],
  ])("%s → %s", async (text, code) => {
    expect((await firstReply(catalogue, text)).code).toBe(code);
  });
});

describe("a Vietnamese abroad for a time: the foreign twin search lists stands for the plain birth registration", () => {
  it.each([
    // search lists the foreign twin and a vocational training only: the training was answered
    "vợ mình đi lao động Hàn Quốc được hai năm, mình ở nhà mới sinh thêm bé trai, giờ làm khai sinh cho bé ở đâu",
  ])("%s → the plain birth registration", async (text) => {
    expect((await firstReply(catalogue, text)).code).toBe(BIRTH);
  });
  // The re-ranker retrained on the thirty-eighth session's split lists the plain one first, the twin second and a
  // vocational training third; with the twin set aside the training stood too near to answer, so a list was offered
  // (it.fails until session 39). Session 39 (FIRST): search's own plain first whose foreign twin it listed beside it
  // stands ahead of an unrelated record listed after them (answer.ts withoutForeignElement).
  it("chồng đi lao động Hàn Quốc 2 năm, em mới sinh bé ở nhà, làm khai sinh cho bé cần giấy gì → the plain birth registration", async () => {
    expect(
      (
        await firstReply(
          catalogue,
          "chồng đi lao động Hàn Quốc 2 năm, em mới sinh bé ở nhà, làm khai sinh cho bé cần giấy gì",
        )
      ).code,
    ).toBe(BIRTH);
  });
});

describe("a licence held already asks for one of its changes, not its issue", () => {
  it("a building permit granted last year: its changes to choose from", async () => {
    const replies = await chatWith(catalogue).say(
      "giấy phép xây dựng nhà tôi được cấp năm 2024 rồi, giờ có việc cần làm thủ tục",
    );
    expect(codeOf(replies)).toBeUndefined();
    const offered = replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(offered).toEqual(expect.arrayContaining(BUILDING_PERMIT_CHANGES));
    expect(offered).not.toContain(BUILDING_PERMIT);
  });

  it("another paper held (the land's certificate) leaves the permit's first issue asked", async () => {
    expect((await firstReply(catalogue, "xin giấy phép xây nhà 2 tầng trên đất đã có sổ đỏ")).code).toBe(
      BUILDING_PERMIT,
    );
  });
});

describe("a family of twins the message tells nothing of stays a list", () => {
  it.each(["hỏi về tiền hỗ trợ mai táng", "nhà có người mất, xin hỗ trợ tiền mai táng ở phường"])(
    "%s → a list",
    async (text) => {
      const reply = await firstReply(catalogue, text);
      expect(reply.code).toBeUndefined();
      expect(reply.choices).toBeGreaterThanOrEqual(3);
    },
  );
});
