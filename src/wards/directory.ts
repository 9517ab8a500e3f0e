import type { Catalogue, ProvinceData } from "../catalogue/load.js";
import type { Office } from "../catalogue/schema.js";
import { fold } from "../search/normalize.js";
import { baseCatalogue } from "./bases.js";

/** One ward (phường, xã, đặc khu) of the province, with the offices citizens of it go to. */
export interface Ward {
  /** Slug used in the Telegram deep link `?start=<id>` (a-z, 0-9, -; at most 64). */
  id: string;
  /** Accented, as shown: "Phường Tân Định". */
  name: string;
  aliases: readonly string[];
  /** Receiving unit codes of its dossiers (`000.31.20.H49`), as written in the ward's file. */
  unitCodes: readonly string[];
  /** Shared offices (offices.json), then the province's, then the ward's own, by office id. */
  offices: ReadonlyMap<string, Office>;
  defaultOffice: Office;
}

/**
 * The wards one deployment serves. On a single-ward install (no data/province) it is empty:
 * `list()` is [], every lookup finds nothing, and `multi` is false, so nothing asks for a ward.
 */
export interface WardDirectory {
  readonly province?: { id: string; name: string };
  /** More than one ward: citizens pick theirs. */
  readonly multi: boolean;
  /** Every ward, in the order of their names. */
  list(): readonly Ward[];
  byId(id: string): Ward | undefined;
  /** The ward issuing dossier codes under this receiving unit ("000.31.20.H49"; dots, spaces and case ignored). */
  byUnitCode(unit: string): Ward | undefined;
  /** The ward of a whole dossier code ("000.31.20.H49-251103-0012", as citizens type it). */
  byDossierCode(code: string): Ward | undefined;
  /** The wards a typed name means ("phuong tan dinh", "P. Tân Định", "xã Tân Phú"): [] for none, several when ambiguous. */
  find(typedName: string): Ward[];
  /**
   * The wards named, with their kind word, inside a longer message ("tôi ở phường Tân Phú muốn
   * làm khai sinh"); a name that only says where from or where to ("từ phường 5") is left out.
   */
  mentioned(text: string): WardMention[];
}

export interface WardMention {
  ward: Ward;
  /** Introduced as where the citizen is ("ở", "thuộc", "sống ở" just before the name). */
  said: boolean;
}

export const EMPTY_WARD_DIRECTORY: WardDirectory = {
  multi: false,
  list: () => [],
  byId: () => undefined,
  byUnitCode: () => undefined,
  byDossierCode: () => undefined,
  find: () => [],
  mentioned: () => [],
};

/** One directory per loaded catalogue (it is rebuilt on each reload, never edited in place). */
const built = new WeakMap<Catalogue, WardDirectory>();

/** The wards of a loaded catalogue; empty when it has no province data. */
export function wardDirectory(catalogue: Catalogue): WardDirectory {
  catalogue = baseCatalogue(catalogue);
  let directory = built.get(catalogue);
  if (!directory) {
    directory = catalogue.province ? buildDirectory(catalogue, catalogue.province) : EMPTY_WARD_DIRECTORY;
    built.set(catalogue, directory);
  }
  return directory;
}

/** The key a unit code is compared by: NFKC, no dots or spaces, upper case. */
export function unitKey(unit: string): string {
  return unit.normalize("NFKC").replace(/[.\s]/g, "").toUpperCase();
}

// Words naming the kind of unit, dropped before names are compared: "phường 5" = "5", "xã Tân Phú" = "tân phú".
const KIND_WORDS = /^(phuong|xa|thi tran|dac khu|p|x|tt)\b\.?\s*/;

// How citizens answer "which ward?": "tôi ở phường 5", "em thuộc xã Tân Phú ạ". Only these words around a name are dropped.
const SAYING = /^((toi|em|minh|chau|nha toi|nha em)\s+)?(o|song o|thuoc|dang o)\s+/;
const POLITE_END = /(\s+(a|nhe|nha|oi|ah|ha))+$/;

/** A ward name as compared: folded, punctuation to spaces, "05" = "5". */
export function nameKey(text: string): string {
  const key = fold(text.normalize("NFC"))
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b0+(\d)/g, "$1")
    .trim();
  // "P. 5", "P5", "X. Tân Phú", "TT Mẫu" are written short for phường, xã, thị trấn.
  return key.replace(/^(p|x|tt)\s*(?=\d|\s)\s*/, (_, kind: string) => `${SHORT_KINDS[kind]} `);
}

const SHORT_KINDS: Record<string, string> = { p: "phuong", x: "xa", tt: "thi tran" };

// A name inside a message counts only with its kind word: "tân phú" alone may be a street or a person.
const WITH_KIND = /^(phuong|xa|thi tran|dac khu) /;
// Words before a name that make it the citizen's own ward, or another place (a move, a transfer).
const SAID_BEFORE = /(^| )(o|thuoc|song o|dang o|tai)$/;
const ELSEWHERE_BEFORE = /(^| )(tu|sang|den|ve|qua|khac)$/;

/** The wards whose names (with kind word) stand as whole words in the message; the longest name wins an overlap. */
function mentionsIn(text: string, byName: ReadonlyMap<string, Ward[]>): WardMention[] {
  // "P5", "p. 5" in a sentence are Phường 5, as when typed alone.
  const key = ` ${nameKey(text).replace(/(^| )(p|x|tt) ?(?=\d+( |$))/g, (_, lead: string, kind: string) => `${lead}${SHORT_KINDS[kind]} `)} `;
  const spans: { start: number; end: number; wards: Ward[] }[] = [];
  for (const [name, wards] of byName) {
    if (!WITH_KIND.test(name)) continue;
    for (let at = key.indexOf(` ${name} `); at >= 0; at = key.indexOf(` ${name} `, at + 1)) {
      spans.push({ start: at + 1, end: at + 1 + name.length, wards });
    }
  }
  const longest = spans.filter(
    (s) => !spans.some((o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start),
  );
  const found = new Map<string, WardMention>();
  for (const span of longest) {
    const before = key.slice(0, span.start).trim();
    if (ELSEWHERE_BEFORE.test(before)) continue;
    for (const ward of span.wards) {
      const said = SAID_BEFORE.test(before) || (found.get(ward.id)?.said ?? false);
      found.set(ward.id, { ward, said });
    }
  }
  return [...found.values()];
}

function buildDirectory(catalogue: Catalogue, data: ProvinceData): WardDirectory {
  const shared = new Map<string, Office>(catalogue.offices);
  for (const office of data.province.offices) shared.set(office.id, office);
  const wards: Ward[] = data.wards.map((w) => {
    const offices = new Map(shared);
    for (const office of w.offices) offices.set(office.id, office);
    // The loader refused a ward whose default office is unknown; the fallback only keeps types honest.
    const defaultOffice = offices.get(w.defaultOffice) ?? catalogue.defaultOffice;
    return { id: w.id, name: w.name, aliases: w.aliases, unitCodes: w.unitCodes, offices, defaultOffice };
  });
  // "Phường 5" before "Phường 10".
  wards.sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true }));
  const byId = new Map(wards.map((w) => [w.id, w]));
  const byUnit = new Map<string, Ward>();
  for (const w of wards) for (const unit of w.unitCodes) byUnit.set(unitKey(unit), w);
  // Each name and alias, whole ("phuong tan dinh") and without its kind word ("tan dinh").
  const byName = new Map<string, Ward[]>();
  const add = (key: string, w: Ward) => {
    if (!key) return;
    const list = byName.get(key) ?? [];
    if (!list.includes(w)) list.push(w);
    byName.set(key, list);
  };
  for (const w of wards) {
    for (const name of [w.name, ...w.aliases]) {
      const key = nameKey(name);
      add(key, w);
      const bare = key.replace(KIND_WORDS, "");
      // "5" alone is no ward name (a number typed picks a listed choice); "Tân Phú" is.
      if (/[a-z]/.test(bare)) add(bare, w);
    }
  }
  const byUnitCode = (unit: string) => byUnit.get(unitKey(unit));
  return {
    province: { id: data.province.id, name: data.province.name },
    multi: wards.length > 1,
    list: () => wards,
    byId: (id) => byId.get(id.trim().toLowerCase()),
    byUnitCode,
    byDossierCode: (code) => {
      // The unit is what comes before "-yymmdd-seq".
      const match = /^(.*?)\s*[-‐-―−]\s*\d{6}\s*[-‐-―−]\s*\d+\s*$/.exec(code.trim());
      return match?.[1] ? byUnitCode(match[1]) : undefined;
    },
    find: (typedName) => {
      const key = nameKey(typedName).replace(SAYING, "").replace(POLITE_END, "").trim();
      if (!key) return [];
      // The exact name first ("xã tân phú" is the xã, not a phường of the same name); then without the kind word.
      return byName.get(key) ?? byName.get(key.replace(KIND_WORDS, "")) ?? [];
    },
    mentioned: (text) => mentionsIn(text, byName),
  };
}
