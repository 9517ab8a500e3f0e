import type { RejectedRow } from "../records.js";
import { findWard, type WardMap, wardName, wardOfDossier } from "../wards.js";
import type { ImportPreview, PreviewRow } from "./preview.js";

export interface WardScope {
  wards: WardMap;
  /** The ward of the staff member importing. */
  ward: string;
  /** The stored dossier with this key, if any: a dossier another ward holds is not theirs to change. */
  stored?(key: string): Promise<{ key: string; ward?: string } | undefined>;
}

/**
 * A preview as one ward's staff may store it: rows of another ward (by their code's unit, their
 * office column, or the dossier already stored) become rejected rows with the reason; rows whose
 * ward is not known are taken as the importing ward's, with a warning saying so.
 */
export async function limitToWard(preview: ImportPreview, scope: WardScope): Promise<ImportPreview> {
  const { wards, ward } = scope;
  const own = wardName(wards, ward);
  const several = wards.list().length > 1;
  const rejected: RejectedRow[] = [...preview.rejected];
  const kept: PreviewRow[] = [];
  for (const row of [...preview.accepted, ...preview.warned]) {
    const stored = await scope.stored?.(row.key);
    const storedWard = stored ? wardOfDossier(wards, stored) : undefined;
    const other = row.ward && row.ward !== ward ? row.ward : storedWard && storedWard !== ward ? storedWard : undefined;
    if (other) {
      rejected.push({
        at: row.at,
        code: row.code,
        reason:
          `ward: hồ sơ thuộc ${wardName(wards, other)}; tài khoản của bạn chỉ nhập được hồ sơ của ${own} | ` +
          `the dossier belongs to another ward; this account imports its own ward's dossiers only`,
      });
      continue;
    }
    if (!row.ward && several) {
      const unknown = findWard(wards, row.code, row.office).warning;
      const warnings = row.warnings.filter((w) => w !== unknown);
      warnings.push(
        `mã đơn vị của mã hồ sơ không thuộc phường, xã nào đã khai báo; hồ sơ được gắn với ${own} (phường, xã của tài khoản) | ` +
          `the code's unit belongs to no known ward; the dossier is given this account's ward`,
      );
      kept.push({ ...row, ward, warnings });
      continue;
    }
    kept.push(row);
  }
  const order = (r: RejectedRow) => ("line" in r.at ? r.at.line : r.at.record);
  return {
    ...preview,
    accepted: kept.filter((r) => r.warnings.length === 0),
    warned: kept.filter((r) => r.warnings.length > 0),
    rejected: rejected.sort((a, b) => order(a) - order(b)),
  };
}
