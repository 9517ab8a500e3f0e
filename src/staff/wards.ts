import { SINGLE_WARD, type WardInfo, type WardMap } from "../dossiers/wards.js";
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

/**
 * The wards of the catalogue in `catalogueDir` (data/province, data/wards), for the staff
 * commands; a single ward (none listed) when the catalogue has none or cannot be read.
 */
export async function loadWardMap(catalogueDir: string): Promise<WardMap> {
  const [{ loadCatalogue }, { wardDirectory }] = await Promise.all([
    import("../catalogue/load.js"),
    import("../wards/directory.js"),
  ]);
  const loaded = await loadCatalogue(catalogueDir);
  return loaded.ok ? wardMapOf(wardDirectory(loaded.catalogue)) : SINGLE_WARD;
}

/** The ward a staff command's `--phuong` names: its id, or its name when only one ward has it. */
export function wardOfOption(wards: WardMap, typed: string): WardInfo | undefined {
  const id = typed.trim().toLowerCase();
  const listed = wards.list();
  return listed.find((w) => w.id === id) ?? listed.find((w) => w.id === wards.byOffice(typed));
}

/** "ben-nghe (Phường Bến Nghé), tan-dinh (…)": what staff may type, for error messages. */
export function wardChoices(wards: WardMap): string {
  return wards
    .list()
    .map((w) => `${w.id} (${w.name})`)
    .join(", ");
}
