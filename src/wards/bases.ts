import type { Catalogue } from "../catalogue/load.js";

/** A ward's view of the catalogue → the loaded catalogue it was made from, so what is built per load is built once. */
const bases = new WeakMap<Catalogue, Catalogue>();

export function rememberBase(view: Catalogue, base: Catalogue): void {
  bases.set(view, base);
}

/** The loaded catalogue a view was made from (the catalogue itself when it is not a view). */
export function baseCatalogue(catalogue: Catalogue): Catalogue {
  return bases.get(catalogue) ?? catalogue;
}
