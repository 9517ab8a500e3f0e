import type { LookupGuard } from "./lockouts.js";
import type { Hasher } from "./privacy.js";
import type { DossierRepository } from "./repository.js";
import type { Dossier } from "./schema.js";

export type LookupOutcome =
  | { kind: "found"; dossier: Dossier }
  /** Unknown code and wrong digits alike: nothing tells them apart. */
  | { kind: "mismatch"; remaining: number }
  | { kind: "chat-locked"; until: number }
  | { kind: "dossier-locked" };

export interface LookupDeps {
  dossiers: DossierRepository;
  guard: LookupGuard;
  hasher: Hasher;
}

// Compared against when the code is unknown, so both paths do the same work.
const NO_HASH = "-".repeat(22);

/**
 * A lookup proven by the last 4 digits of the phone on the slip. `keys` are the readings of
 * what was typed, the first being the one shown back; every reading is tried, whether it
 * exists or not, so the reply never depends on which codes exist. A failure counts once.
 */
export async function lookupDossier(
  deps: LookupDeps,
  chatKey: string,
  keys: readonly string[],
  last4: string,
  now: number,
): Promise<LookupOutcome> {
  for (const key of keys) {
    const verdict = await deps.guard.check(chatKey, key, now);
    if (verdict.kind !== "open") return verdict;
  }
  let found: Dossier | undefined;
  for (const key of keys) {
    const dossier = await deps.dossiers.get(key);
    const matches = deps.hasher.same(deps.hasher.phone(key, last4), dossier?.phoneHash ?? NO_HASH);
    if (dossier && matches) found ??= dossier;
  }
  if (found) return { kind: "found", dossier: found };
  const { remaining, lockedUntil } = await deps.guard.fail(chatKey, keys[0] ?? "", now);
  return lockedUntil ? { kind: "chat-locked", until: lockedUntil } : { kind: "mismatch", remaining };
}
