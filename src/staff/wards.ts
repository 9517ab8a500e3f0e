import type { WardMap } from "../dossiers/wards.js";
import type { WardDirectory } from "../wards/directory.js";

/**
 * The dossiers' and reports' view of WARDS' ward directory (src/wards/directory.ts). An office
 * column names a ward by its id or name (one match only), or by an office that only that ward
 * lists on its own (shared offices such as offices.json's are in every ward: they name none).
 */
export function wardMapOf(directory: WardDirectory | (() => WardDirectory)): WardMap {
  const current = typeof directory === "function" ? directory : () => directory;
  return {
    list: () => current().list(),
    byUnit: (unit) => current().byUnitCode(unit)?.id,
    byOffice(office) {
      const d = current();
      const byId = d.byId(office);
      if (byId) return byId.id;
      const named = d.find(office);
      if (named.length === 1) return named[0]?.id;
      const holders = d.list().filter((w) => w.offices.has(office.trim()));
      return holders.length === 1 ? holders[0]?.id : undefined;
    },
  };
}
