/**
 * What the search reads of the catalogue, as plain shapes: search is a library over procedure
 * records and knows no schema of the catalogue's (whose records have these fields and more), so
 * the catalogue can build its index without a folder cycle.
 */

/** The fields of a procedure record the index reads. */
export interface SearchableProcedure {
  /** The official code (1.001193): what an answer and the evaluation name. */
  readonly code: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly field: string;
  /** Who handles it ("Cấp xã", "Cấp tỉnh"…): a ward/commune record counts as this office's. */
  readonly level: string;
  /**
   * Who may apply, in the record's words ("… mà cả Sổ hộ tịch và bản chính … đều bị mất"): the situation a
   * letter's story tells, read to choose between close look-alikes (never to find candidates).
   */
  readonly applicants?: string;
  /** Conditions in the record's words: read, as `applicants`, only to choose between close look-alikes. */
  readonly conditions?: readonly string[];
  /**
   * What to check before choosing it, in the record's words: a sentence that names another record by its code ("Nếu
   * con đã có giấy khai sinh, chỉ làm … (2.000779)") tells the situation that record is for, not this one.
   */
  readonly checkFirst?: string;
  /** What the citizen gets ("Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con"). */
  readonly result?: string;
}

/** Synonym groups (a concept and the terms people use for it) and the chat filler ignored in queries. */
export interface SynonymsFile {
  readonly groups: readonly { readonly concept: string; readonly terms: readonly string[] }[];
  readonly filler: readonly string[];
}

/** A request other agencies handle: only the terms citizens type for it matter to the search. */
export interface RedirectTerms {
  readonly terms: readonly string[];
}
