import { type CatalogueSnapshot, indexCatalogue } from "../catalogue/live.js";
import type { Catalogue, ProvinceData } from "../catalogue/load.js";
import type { OverlayFile, Procedure, ProcedureChange } from "../catalogue/schema.js";
import type { ProcedureSearch, SearchOutcome } from "../search/index.js";
import { rememberBase } from "./bases.js";
import { type Ward, wardDirectory } from "./directory.js";

/**
 * What a citizen of one ward is answered from: the shared catalogue, then the province's overlay,
 * then the ward's, with the ward's offices. Views are built on first use and kept with the loaded
 * catalogue (a reload starts afresh). Views share the search index below them unless their
 * overlay adds procedures (see indexFor), so a province of 160 wards builds an index only for
 * the wards with procedures of their own.
 */
const views = new WeakMap<Catalogue, Map<string, CatalogueSnapshot>>();

const PROVINCE_VIEW = "";

/**
 * The snapshot a citizen of `wardId` is answered from. No province data (single-ward install):
 * the snapshot itself. No ward or an unknown one: the province's view (its overlay, shared
 * offices), or the only ward's when the province has one.
 */
export function wardView(snapshot: CatalogueSnapshot, wardId?: string): CatalogueSnapshot {
  const base = snapshot.catalogue;
  if (!base.province) return snapshot;
  const directory = wardDirectory(base);
  // A province of one ward answers from that ward, picked or not.
  const ward = wardId ? directory.byId(wardId) : directory.list().length === 1 ? directory.list()[0] : undefined;
  return ward ? cached(snapshot, ward.id, () => build(snapshot, ward)) : provinceView(snapshot);
}

/** The catalogue with the province's overlay and offices: what a citizen who picked no ward is answered from. */
function provinceView(snapshot: CatalogueSnapshot): CatalogueSnapshot {
  return cached(snapshot, PROVINCE_VIEW, () => {
    const base = snapshot.catalogue;
    const data = base.province as ProvinceData;
    const procedures = applyOverlay(base.procedures, data.provinceOverlay);
    const offices = new Map(base.offices);
    for (const office of data.province.offices) offices.set(office.id, office);
    const catalogue = { ...base, procedures, offices };
    return make(snapshot, catalogue, indexFor(snapshot.search, data.provinceOverlay, catalogue));
  });
}

function build(snapshot: CatalogueSnapshot, ward: Ward): CatalogueSnapshot {
  const province = provinceView(snapshot);
  const overlay = (snapshot.catalogue.province as ProvinceData).wardOverlays.get(ward.id);
  const below = province.catalogue.procedures;
  const procedures = overlay ? applyOverlay(below, overlay) : below;
  const catalogue = {
    ...snapshot.catalogue,
    procedures,
    offices: new Map(ward.offices),
    defaultOffice: ward.defaultOffice,
  };
  return make(snapshot, catalogue, overlay ? indexFor(province.search, overlay, catalogue) : province.search);
}

/**
 * The search index of a view. An overlay's changes touch nothing the index reads (name, aliases,
 * field, level), so the index below serves, its hits turned into this view's records; only an
 * overlay adding procedures needs an index of its own (built in about half a second on the
 * bundled catalogue, 2 MB).
 */
function indexFor(
  below: ProcedureSearch<Procedure>,
  overlay: OverlayFile,
  catalogue: Catalogue,
): ProcedureSearch<Procedure> {
  // Built as the live catalogue's is (with its synonyms and redirects).
  if (overlay.procedures.length > 0) return indexCatalogue(catalogue);
  if (overlay.changes.length === 0) return below;
  const byCode = new Map(catalogue.procedures.map((p) => [p.code, p]));
  const remap = (outcome: SearchOutcome<Procedure>): SearchOutcome<Procedure> => ({
    ...outcome,
    hits: outcome.hits.map((h) => ({ ...h, procedure: byCode.get(h.procedure.code) ?? h.procedure })),
  });
  // The index's state is read through the prototype; only what it returns is this view's.
  const view = Object.create(below) as ProcedureSearch<Procedure>;
  view.search = (text, limit) => remap(below.search(text, limit));
  view.searchUncached = (text, limit) => remap(below.searchUncached(text, limit));
  return view;
}

function cached(snapshot: CatalogueSnapshot, key: string, create: () => CatalogueSnapshot): CatalogueSnapshot {
  let cache = views.get(snapshot.catalogue);
  if (!cache) {
    cache = new Map();
    views.set(snapshot.catalogue, cache);
  }
  let view = cache.get(key);
  if (!view) {
    view = create();
    cache.set(key, view);
  }
  return view;
}

function make(
  snapshot: CatalogueSnapshot,
  catalogue: Catalogue,
  search: ProcedureSearch<Procedure>,
): CatalogueSnapshot {
  rememberBase(catalogue, snapshot.catalogue);
  // the câu mẫu readings are the catalogue's (its synonyms and câu mẫu), whatever the overlays change
  return { catalogue, search, ...(snapshot.readings ? { readings: snapshot.readings } : {}) };
}

/** The procedures with an overlay applied; the same array when it changes nothing. */
export function applyOverlay(procedures: readonly Procedure[], overlay: OverlayFile): Procedure[] {
  if (overlay.changes.length === 0 && overlay.procedures.length === 0) return procedures as Procedure[];
  const changes = new Map(overlay.changes.map((c) => [c.code, c]));
  const changed = procedures.map((p) => {
    const change = changes.get(p.code);
    return change ? applyChange(p, change) : p;
  });
  return [...changed, ...overlay.procedures].sort((a, b) => a.code.localeCompare(b.code));
}

/** One procedure as it is here: the channels' fee, time and note replaced, local notes and sources added. */
export function applyChange(p: Procedure, change: ProcedureChange): Procedure {
  const channels = p.channels.map((c) => {
    const own = change.channels.find((x) => x.kind === c.kind);
    if (!own) return c;
    return { ...c, fee: own.fee ?? c.fee, time: own.time ?? c.time, note: own.note ?? c.note };
  });
  const localNotes = [...(p.localNotes ?? []), ...change.notes];
  return {
    ...p,
    channels,
    office: change.office ?? p.office,
    ...(localNotes.length > 0 ? { localNotes } : {}),
    unconfirmed: [...p.unconfirmed, ...change.unconfirmed],
    sources: [...p.sources, ...change.sources],
    // The answer's "checked on" date is that of its oldest fact.
    lastChecked: [change.lastChecked, p.lastChecked].sort()[0] ?? p.lastChecked,
  };
}
