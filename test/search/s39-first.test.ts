/**
 * Session 39 (FIRST): a citizen's first message through the whole assistant, where the start of the session (e5fc38b)
 * answered the certification of a paper the message says is certified already, listed a few of a small matter's
 * records only, or answered a building permit's first issue for a permit said held. Own phrasings (no tuning line),
 * written after the readings were designed on the tuning conversations' first turns; each case failed on e5fc38b but
 * the guard that a certification asked stays the certification.
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

/** Chứng thực giao dịch liên quan đến tài sản …: the certification of a contract itself. */
const CERTIFY_DEED = "2.001035";
/** Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch. */
const AMEND_DEED = "2.000913";
/** Sửa lỗi sai sót trong hợp đồng, giao dịch. */
const FIX_DEED = "2.000927";
/** Cấp bản sao có chứng thực từ bản chính giao dịch đã được chứng thực. */
const COPY_DEED = "2.000942";
/** The funeral supports: social protection, social pension, emergency aid, a person of merit, the liên thông of a death. */
const FUNERAL = ["1.001731", "1.014028", "2.000744", "1.010824", "2.002913"];
/** Cấp giấy phép xây dựng: the permit's first issue. */
const BUILDING_PERMIT = "1.013225";
/** The building permit's changes: its amendment, extension and re-issue. */
const BUILDING_PERMIT_CHANGES = ["1.013226", "1.013227", "1.013228"];

async function offered(text: string): Promise<{ code: string | undefined; listed: (string | undefined)[] }> {
  const replies = await chatWith(catalogue).say(text);
  return {
    code: codeOf(replies),
    listed: replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code),
  };
}

describe("a paper said certified already asks what is done with it, not its certification", () => {
  it.each([
    ["hợp đồng chuyển nhượng đất đã chứng thực ở xã, giờ hai bên muốn hủy", AMEND_DEED],
    ["hop dong chuyen nhuong dat da chung thuc o phuong, gio muon bo sung them nguoi nhan", AMEND_DEED],
  ])("%s → %s", async (text, code) => {
    expect((await firstReply(catalogue, text)).code).toBe(code);
  });

  it("a change the words do not settle: the records for a certified paper to choose from", async () => {
    const { code, listed } = await offered("hợp đồng mua bán nhà đã chứng thực ở xã, nay có chỗ cần chỉnh sửa");
    expect(code).toBeUndefined();
    expect(listed).toEqual(expect.arrayContaining([AMEND_DEED, FIX_DEED, COPY_DEED]));
    expect(listed).not.toContain(CERTIFY_DEED);
  });

  it("a certification asked, nothing certified yet, is still the certification", async () => {
    expect((await firstReply(catalogue, "cho hỏi chứng thực hợp đồng mua bán đất ở phường cần giấy tờ gì")).code).toBe(
      CERTIFY_DEED,
    );
  });
});

describe("a first question's list of one small matter is offered whole", () => {
  it.each([
    "bà nội em vừa mất, cho hỏi thủ tục xin tiền hỗ trợ mai táng",
    "nhà có người mất, muốn hỏi tiền mai táng phí ở phường",
  ])("%s → every funeral support to choose from", async (text) => {
    const { code, listed } = await offered(text);
    expect(code).toBeUndefined();
    expect(listed).toEqual(expect.arrayContaining(FUNERAL));
  });
});

describe("a licence said held by how people say it asks for one of its changes", () => {
  it.each([
    "giấy phép xây dựng của nhà em đã cấp từ 2023, giờ phải làm thủ tục gì tiếp với nó",
    "em có giấy phép xây dựng nhà ở rồi, giờ cần làm thủ tục với giấy phép này",
  ])("%s → the permit's changes to choose from", async (text) => {
    const { code, listed } = await offered(text);
    expect(code).toBeUndefined();
    expect(listed).toEqual(expect.arrayContaining(BUILDING_PERMIT_CHANGES));
    expect(listed).not.toContain(BUILDING_PERMIT);
  });
});
