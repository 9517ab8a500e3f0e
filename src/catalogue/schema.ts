import { z } from "zod";

/** Calendar date written as YYYY-MM-DD and actually existing (2025-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "ngày phải có dạng YYYY-MM-DD | date must be YYYY-MM-DD", abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { message: "ngày không tồn tại | no such date" },
  );

const Text = z.string().trim().min(1, { message: "không được để trống | must not be empty" });

/** Official code from the national database (e.g. 1.001193); a province may append a suffix (1.001193.H49). */
export const ProcedureCode = z.string().regex(/^\d\.\d{6}(\.[A-Za-z0-9]+)?$/, {
  message: "mã thủ tục phải có dạng 1.001193 | procedure code must look like 1.001193",
});

export const Fee = z.strictObject({
  /**
   * Amount in VND for the common case; 0 when free or exempt; null when the province sets
   * it (HĐND cấp tỉnh) and the ward has not entered its figure — then `text` says so.
   */
  amountVnd: z.number().int().nonnegative({ message: "lệ phí không được âm | fee must not be negative" }).nullable(),
  /** Exact wording shown to citizens, including per-page rates and exemptions. */
  text: Text,
});

export const ProcessingTime = z.strictObject({
  /**
   * Working days for the common case; 0 means the same day; null when no law fixes it or it is
   * unconfirmed (then `text` says so), since 0 would read as "the same day".
   */
  workingDays: z.number().nonnegative({ message: "thời hạn không được âm | time must not be negative" }).nullable(),
  text: Text,
});

export const Channel = z.strictObject({
  kind: z.enum(["in_person", "online", "post"]),
  time: ProcessingTime,
  fee: Fee,
  note: Text.optional(),
});

export const Document = z.strictObject({
  name: Text,
  originals: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  /** Form or declaration template (mẫu tờ khai), if any. */
  form: Text.optional(),
  /** The case (trường hợp) this document applies to; absent = every case. */
  case: Text.optional(),
});

/**
 * Where a record's facts come from. A primary source is the law text itself or an official
 * publication of the procedure (the national portal, a ministry's or province's decision); a
 * secondary one is a copy, a summary or an article. Reviewers re-check against these.
 */
export const Source = z.strictObject({
  /** What the document or page is: "Nghị định 120/2025/NĐ-CP", "Cổng DVCQG – thủ tục 1.001193". */
  title: Text,
  kind: z.enum(["primary", "secondary"]),
  /** Who issued or published it: "Chính phủ", "Bộ Tư pháp", "UBND TP Hải Phòng". */
  issuer: Text.optional(),
  /** Date issued or published, when known. */
  date: IsoDate.optional(),
  /** Where it is published when public. */
  url: z.url({ message: "đường dẫn không hợp lệ | invalid URL" }).optional(),
  /** Which facts it supports, e.g. "lệ phí; thời hạn", "Điều 5 khoản 2: không phải ký sổ". */
  supports: Text.optional(),
});

/**
 * One text of the legal basis. Written as a plain string, or as an object when its dates are
 * known: a basis that expires (NĐ 120/2025 on 01/3/2027) makes the record due for review.
 */
export const LegalBasisItem = z
  .union([
    Text,
    z.strictObject({
      text: Text,
      effective: IsoDate.optional(),
      expires: IsoDate.optional(),
    }),
  ])
  .transform((item) => (typeof item === "string" ? { text: item } : item));

export const Procedure = z.strictObject({
  code: ProcedureCode,
  name: Text,
  /** Other names citizens use; also searched. */
  aliases: z.array(Text).default([]),
  field: Text,
  level: Text,
  agency: Text,
  /** Id of the office in offices.json where the dossier is submitted. */
  office: Text,
  applicants: Text,
  channels: z.array(Channel).min(1, { message: "cần ít nhất một cách thực hiện | at least one channel is required" }),
  documents: z
    .array(Document)
    .min(1, { message: "danh sách giấy tờ không được rỗng | document list must not be empty" }),
  steps: z.array(Text).min(1, { message: "cần ít nhất một bước | at least one step is required" }),
  conditions: z.array(Text).default([]),
  result: Text,
  legalBasis: z.array(LegalBasisItem).min(1, { message: "cần căn cứ pháp lý | legal basis is required" }),
  /**
   * A condition citizens must read before choosing this procedure (e.g. đăng ký lại khai sinh:
   * if the register still holds the birth, ask for a copy of the extract instead). Shown with every answer.
   */
  checkFirst: Text.optional(),
  /** Details no source could confirm, said plainly (the answer text says so too); reviewers start here. */
  unconfirmed: z.array(Text).default([]),
  sources: z.array(Source).min(1, {
    message: "cần ghi ít nhất một nguồn (văn bản, trang công bố) của thông tin | at least one source is required",
  }),
  onlineUrl: z.url({ message: "đường dẫn không hợp lệ | invalid URL" }).optional(),
  lastChecked: IsoDate,
});

export const Office = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: "mã cơ quan chỉ gồm a-z, 0-9, - | office id: a-z, 0-9, -" }),
  name: Text,
  address: Text,
  hours: Text,
  phone: Text,
  email: z.email().optional(),
});

export const OfficesFile = z.strictObject({
  /** The office whose contact is given when nothing matches. */
  defaultOffice: Text,
  offices: z.array(Office).min(1),
});

export const SynonymGroup = z.strictObject({
  /** Short concept both the catalogue and the queries are mapped to. */
  concept: Text,
  terms: z.array(Text).min(1),
});

export const SynonymsFile = z.strictObject({
  groups: z.array(SynonymGroup),
  /** Chat filler ignored in queries (folded match, whole words). */
  filler: z.array(Text).default([]),
});

/**
 * A common request the ward does not handle (hộ chiếu, giấy phép lái xe, thuế…): the bot points
 * to who does instead of offering a look-alike procedure. Staff keep these in redirects.json.
 */
export const Redirect = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: "mã chỉ gồm a-z, 0-9, - | id: a-z, 0-9, -" }),
  topic: Text,
  /** What citizens type for it ("làm hộ chiếu", "passport", "bằng lái"); matched like aliases. */
  terms: z.array(Text).min(1, { message: "cần ít nhất một từ | at least one term is required" }),
  /** Who handles it and how, in a sentence or two. */
  answer: Text,
  url: z.url({ message: "đường dẫn không hợp lệ | invalid URL" }).optional(),
  sources: z.array(Source).min(1, { message: "cần ghi nguồn | at least one source is required" }),
  lastChecked: IsoDate,
});

export const RedirectsFile = z.strictObject({
  redirects: z.array(Redirect),
});

export type Procedure = z.infer<typeof Procedure>;
export type Redirect = z.infer<typeof Redirect>;
export type Source = z.infer<typeof Source>;
export type LegalBasisItem = z.infer<typeof LegalBasisItem>;
export type Channel = z.infer<typeof Channel>;
export type Document = z.infer<typeof Document>;
export type Office = z.infer<typeof Office>;
export type OfficesFile = z.infer<typeof OfficesFile>;
export type SynonymGroup = z.infer<typeof SynonymGroup>;
export type SynonymsFile = z.infer<typeof SynonymsFile>;
export type ChannelKind = Channel["kind"];
