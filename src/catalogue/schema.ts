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
  /**
   * Notes of the province or ward ("Nhận hồ sơ cả sáng Thứ Bảy"), shown with the answer. A ward's view
   * fills it from the overlays (data/province/overlay.json, data/wards/<id>.overlay.json); rarely written here.
   */
  localNotes: z.array(Text).optional(),
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
  /** A map link citizens can open (Google Maps, OpenStreetMap…). */
  mapUrl: z.url({ message: "đường dẫn không hợp lệ | invalid URL" }).optional(),
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

// ---- A province with many wards (data/province/, data/wards/): see docs/wards.md ----

/**
 * A ward's id is what a Telegram deep link carries (`?start=<id>`: at most 64 of A-Z a-z 0-9 _ -);
 * we keep a-z, 0-9, - and at most 60, so a button picking the ward ("w:s:<id>") fits 64 bytes too.
 */
export const WardId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, {
  message: "mã phường chỉ gồm a-z, 0-9, dấu - và dài tối đa 60 ký tự | ward id: a-z, 0-9, -, at most 60 characters",
});

/**
 * The receiving unit part of a dossier code (`000.31.20.H49` in `000.31.20.H49-251103-0012`):
 * letters, digits and dots, at least one digit.
 */
export const UnitCode = z
  .string()
  .trim()
  .regex(/^(?=.*\d)[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, {
    message: "mã đơn vị tiếp nhận phải có dạng 000.31.20.H49 | unit code must look like 000.31.20.H49",
  });

/** data/province/province.json: the province the deployment serves, and offices its wards share. */
export const ProvinceFile = z.strictObject({
  id: WardId,
  name: Text,
  /** Offices of the province its wards send citizens to (a land registry branch…); a ward's own offices win. */
  offices: z.array(Office).default([]),
  /** Sample data shipped to show the layout; the bot warns until it is replaced. */
  sample: z.boolean().default(false),
});

/** data/wards/<id>.json: one ward (phường, xã, đặc khu) of the province. */
export const WardFile = z.strictObject({
  id: WardId,
  /** Accented, as citizens see it: "Phường Tân Định", "Xã Tân Phú". */
  name: Text,
  /** Other names citizens type ("P. Tân Định", its name before the 2025 merger). */
  aliases: z.array(Text).default([]),
  /** Receiving unit codes the ward's one-stop section issues dossier codes under. */
  unitCodes: z.array(UnitCode).default([]),
  /** Office whose contact is given when nothing matches (id in `offices` or the province's or offices.json). */
  defaultOffice: Text,
  /** Same shape as data/offices.json; an office here replaces the shared office of the same id for this ward. */
  offices: z.array(Office).default([]),
  sample: z.boolean().default(false),
});

/** What an overlay changes in one channel (in_person, online, post) of a procedure. */
export const ChannelChange = z.strictObject({
  kind: z.enum(["in_person", "online", "post"]),
  fee: Fee.optional(),
  time: ProcessingTime.optional(),
  note: Text.optional(),
});

/** One shared procedure as it differs here; every change carries its source. */
export const ProcedureChange = z.strictObject({
  code: z.string().trim().min(1, { message: "cần mã thủ tục | procedure code is required" }),
  channels: z.array(ChannelChange).default([]),
  /** Local notes shown with the answer ("Nhận hồ sơ cả sáng Thứ Bảy"). */
  notes: z.array(Text).default([]),
  /** Office id for this procedure here, when it is not the shared one. */
  office: Text.optional(),
  /** Details of this change no source confirms yet; shown as unconfirmed. */
  unconfirmed: z.array(Text).default([]),
  sources: z.array(Source).min(1, {
    message: "cần ghi ít nhất một nguồn cho thay đổi này (nghị quyết HĐND, quyết định công bố…) | a source is required",
  }),
  lastChecked: IsoDate,
});

/** data/province/overlay.json and data/wards/<id>.overlay.json: what differs from the shared catalogue. */
export const OverlayFile = z.strictObject({
  changes: z.array(ProcedureChange).default([]),
  /** Procedures only this province or ward has, written like a catalogue record. */
  procedures: z.array(Procedure).default([]),
  sample: z.boolean().default(false),
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

export type ProvinceFile = z.infer<typeof ProvinceFile>;
export type WardFile = z.infer<typeof WardFile>;
export type ChannelChange = z.infer<typeof ChannelChange>;
export type ProcedureChange = z.infer<typeof ProcedureChange>;
export type OverlayFile = z.infer<typeof OverlayFile>;
