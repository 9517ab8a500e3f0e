import { type TextWord, words } from "./normalize.js";

/**
 * The ward's own paper sent by post or courier (review s12 H5): "trích lục khai sinh gửi chuyển phát quốc tế về Mỹ được
 * không", "kết quả có gửi bưu kiện quốc tế được không" ask how the ward's result reaches the citizen, which its records
 * tell; the carrier's own service ("gửi bưu phẩm đi Mỹ mất bao lâu", "tra cứu mã vận đơn") is the carrier's.
 * features/redirects.ts (sendsWardPaper) reads the same for the pointer; these are the search's folded words.
 */

const fold = (text: string): string[] => words(text).map((w) => w.token);

/** Words that say a carrier (a parcels redirect term begins with one). */
const CARRIERS = ["chuyển phát", "bưu", "courier", "parcel", "parcels", "express", "post", "postal", "dhl", "ems"].map(
  fold,
);

/** The ward's papers and procedures that may be what is sent (not "giấy tờ": papers in general). */
const WARD_PAPERS = [
  ...["giấy", "xác nhận", "trích lục", "bản sao", "sao y", "chứng thực", "khai sinh", "khai tử", "kết hôn", "độc thân"],
  ...["hôn nhân", "cư trú", "tạm trú", "thường trú", "hộ khẩu", "tạm vắng", "hộ kinh doanh", "giám hộ", "con nuôi"],
  ...["hộ nghèo", "cận nghèo", "khuyết tật", "certificate", "extract", "certified", "confirmation"],
  ...["kết quả", "hồ sơ", "result", "results", "copy", "copies"],
].map(fold);
const PAPERS_IN_GENERAL = fold("giấy tờ");

/** Looking up a waybill is the carrier's, whatever the parcel holds ("tra cứu vận đơn bưu kiện gửi giấy khai sinh"). */
const WAYBILL = ["vận đơn", "tra cứu", "track", "tracking"].map(fold);

const runAt = (said: readonly TextWord[], k: number, run: readonly string[]) =>
  run.every((t, j) => said[k + j]?.token === t);

/** Whether the redirect run (folded tokens) says a carrier. */
export function isCarrier(run: readonly string[]): boolean {
  return CARRIERS.some((c) => c.every((t, j) => run[j] === t));
}

/**
 * Whether the carrier said at `k` stands in a clause that names the ward's own paper or result as what is sent, in a
 * message that looks up no waybill.
 */
export function sendsWardPaper(said: readonly TextWord[], k: number): boolean {
  if (said.some((_, i) => WAYBILL.some((run) => runAt(said, i, run)))) return false;
  const clause = (said[k] as TextWord).clause;
  return said.some(
    (w, i) =>
      w.clause === clause && WARD_PAPERS.some((run) => runAt(said, i, run)) && !runAt(said, i, PAPERS_IN_GENERAL),
  );
}
