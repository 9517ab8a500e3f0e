import { codeKey } from "./code.js";
import { fold } from "./records.js";

/**
 * What dossiers, reports and the staff console need to know about the wards (phường, xã) one
 * deployment serves. WARDS' ward directory (src/wards) provides it; without one, or with a single
 * ward, everything works as a single-ward install: a dossier, rating or question without a ward
 * belongs to that one ward.
 */
export interface WardMap {
  /** The wards served, in display order; none or one: a single-ward install. */
  list(): readonly WardInfo[];
  /** The ward whose one-stop section has this receiving-unit code (dots, spaces and case ignored). */
  byUnit(unit: string): string | undefined;
  /** The ward an import's office column names: a ward id, a ward's name, or an office id only one ward has. */
  byOffice(office: string): string | undefined;
}

export interface WardInfo {
  id: string;
  name: string;
}

/** Today's install: no ward configured. */
export const SINGLE_WARD: WardMap = { list: () => [], byUnit: () => undefined, byOffice: () => undefined };

export interface WardEntry extends WardInfo {
  /** Receiving-unit codes, as printed in dossier codes (`000.31.20.H49`). */
  units: readonly string[];
  /** Ids of the ward's offices (the import's office column may name one). */
  offices?: readonly string[];
}

/** A WardMap over plain entries (tests, and the adapter of WARDS' directory). */
export function wardMapOf(entries: readonly WardEntry[]): WardMap {
  const list = entries.map(({ id, name }) => ({ id, name }));
  const units = new Map<string, string>();
  for (const w of entries) for (const u of w.units) units.set(codeKey(u), w.id);
  const names = new Map<string, string>();
  for (const w of entries) {
    names.set(nameKey(w.id), w.id);
    names.set(nameKey(w.name), w.id);
  }
  // An office id several wards use ("ubnd" in each) names none of them.
  const offices = new Map<string, string | null>();
  for (const w of entries) {
    for (const o of w.offices ?? []) offices.set(o, offices.has(o) && offices.get(o) !== w.id ? null : w.id);
  }
  return {
    list: () => list,
    byUnit: (unit) => units.get(codeKey(unit)),
    byOffice: (office) => names.get(nameKey(office)) ?? offices.get(office.trim()) ?? undefined,
  };
}

/** Case, diacritics (and đ), "phường"/"xã" words and spacing ignored: "P. Bến Nghé" ~ "phuong ben nghe". */
function nameKey(text: string): string {
  return fold(text).replace(/^(?:ubnd |uy ban nhan dan )?(?:phuong|xa|dac khu|p|x) /, "");
}

/** The receiving-unit part of a dossier code or key: `000.31.20.H49-251103-0012` → `000.31.20.H49`. */
export function unitOf(code: string): string {
  return /^(.*?)-\d{6}-\d+$/.exec(code.trim())?.[1] ?? "";
}

/** How a dossier's ward was found, for the import's warnings. */
export interface WardFinding {
  ward?: string;
  /** Why staff should look at it (Vietnamese | English); absent when all is clear. */
  warning?: string;
}

/**
 * The ward of an imported dossier: the ward of its code's receiving unit, else the ward its
 * office column names. With two wards or more, a code whose unit no ward has is warned about
 * (the row is still stored, without a ward: the province administrator sees it).
 */
export function findWard(wards: WardMap, code: string, office?: string): WardFinding {
  if (wards.list().length === 0) return {};
  const unit = unitOf(code);
  const byUnit = wards.byUnit(unit);
  const byOffice = office ? wards.byOffice(office) : undefined;
  const nameOf = (id: string) => wardName(wards, id);
  if (byUnit && byOffice && byUnit !== byOffice) {
    return {
      ward: byUnit,
      warning:
        `mã đơn vị «${unit}» thuộc ${nameOf(byUnit)} nhưng nơi trả kết quả «${office}» thuộc ${nameOf(byOffice)}; hồ sơ được gắn với ${nameOf(byUnit)} | ` +
        `the code's unit and the office column name different wards; the unit's ward is used`,
    };
  }
  const ward = byUnit ?? byOffice;
  if (ward || wards.list().length === 1) return ward ? { ward } : {};
  return {
    warning:
      `mã đơn vị «${unit}» của mã hồ sơ không thuộc phường, xã nào đã khai báo${office ? `, nơi trả kết quả «${office}» cũng vậy` : ""}; ` +
      `hồ sơ vẫn được nhập nhưng chưa gắn phường, xã (chỉ quản trị tỉnh thấy) | ` +
      `the code's unit belongs to no known ward; imported without a ward`,
  };
}

/** "Phường Bến Nghé", or the id when the ward is not (or no longer) listed. */
export function wardName(wards: WardMap, id: string): string {
  return wards.list().find((w) => w.id === id)?.name ?? id;
}

/**
 * The ward a stored dossier (or a rating, keyed by its dossier) belongs to: its own, else the
 * ward of its code's unit (data imported before wards, or moved in from a ward's files).
 */
export function wardOfDossier(wards: WardMap, item: { key: string; ward?: string }): string | undefined {
  return item.ward ?? wards.byUnit(unitOf(item.key));
}

/**
 * Whether something of `ward` (undefined: not known) is in a ward's view. In a single-ward install
 * what has no ward is that ward's; with several, only the province administrator sees it.
 */
export function inWard(wards: WardMap, ward: string | undefined, view: string): boolean {
  return ward === undefined ? wards.list().length <= 1 : ward === view;
}
