/**
 * Session 26 (FOLLOW): probe batches written before any change was measured on them (own phrasings, not variants of
 * tuning misses).
 * - Batch 1 (13 conversations, md5 8102c84e at writing): a time or a fee asked after an answer in the case's words
 *   («nộp xong thì bao lâu công an gọi lên lấy kết quả» after a household split, «xin xac nhan cu tru co mat phi khong»),
 *   then an off-topic time or price in the case's words («thợ xây nhà 3 tầng làm mất khoảng bao lâu» after a building
 *   permit, «bé mới sinh bao lâu thì được tắm» after a birth registration), which is no procedure. On main b7edaca:
 *   11/13 follow-ups, 6/9 off-topic turns held.
 * - Batch 2 (11 conversations, md5 651f5465 at writing): whether another agency's paper that the record at hand lists
 *   is needed («người đứng tên có cần phiếu lý lịch tư pháp không» after a security certificate, «is her passport
 *   required?» after a foreign-element birth), then the paper's own service asked for («làm lý lịch tư pháp ở đâu»),
 *   which is the other agency's pointer. On main b7edaca: 7/11 follow-ups, 4/4 pointers held.
 * Floors at those figures: a regression fails; what is left is listed in /work/coord/s26/FOLLOW.md. The thirty-eighth
 * session's split (F32, T37, TC37; no code changed: the split's commit alone reads 5/9) moved one off-topic turn of
 * batch 1 onto the procedure, so its off-topic floor is 5.
 */
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

describeProbeBatches(catalogue, [
  ["test/core/s26-follow-probe1.jsonl", 11 / 13, 5],
  ["test/core/s26-follow-probe2.jsonl", 7 / 11, 4],
]);
