import type { Catalogue } from "../catalogue/load.js";
import type { Translator } from "../core/i18n.js";
import { codeKey } from "../dossiers/code.js";
import { describeDossier } from "../dossiers/render.js";
import type { Dossier } from "../dossiers/schema.js";
import { inWard, SINGLE_WARD, type WardMap, wardName, wardOfDossier } from "../dossiers/wards.js";
import type { CounterLookup } from "./deps.js";

export interface CounterLookupDeps {
  dossiers: { get(key: string): Promise<Dossier | undefined> };
  catalogue(): Catalogue;
  translator: Translator;
  now(): number;
  timeZone: string;
  /** The wards served; default a single ward. */
  wards?: WardMap;
}

/**
 * The counter's lookup: staff are signed in and the citizen stands in front of them, so no phone
 * digits are asked; the answer is the chat's own text (masked name, no phone), in Vietnamese.
 */
export function counterLookup(deps: CounterLookupDeps): CounterLookup {
  return {
    async describe(code, ward) {
      const key = codeKey(code);
      if (key === "") return undefined;
      const dossier = await deps.dossiers.get(key);
      if (!dossier) return undefined;
      const wards = deps.wards ?? SINGLE_WARD;
      const holder = wardOfDossier(wards, dossier);
      if (ward !== undefined && !inWard(wards, holder, ward)) {
        return { otherWard: holder ? wardName(wards, holder) : "chưa gắn phường, xã nào" };
      }
      return describeDossier(deps.translator.translate("vi"), deps.catalogue(), dossier, deps.now(), deps.timeZone);
    },
  };
}
