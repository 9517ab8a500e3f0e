import type { LiveCatalogue } from "../catalogue/live.js";
import { errorSummary, type Logger } from "../logger.js";
import { ExamplesFileEditor } from "../staff/examples-file.js";
import { ExamplesSync } from "../staff/examples-sync.js";
import type { Pool } from "../storage/postgres/database.js";

/** The catalogue's câu mẫu (examples.json) as the service edits them: one editor, and with DATABASE_URL their sync. */
export interface ServiceExamples {
  /** The one writer of examples.json in this process: the console's labels and other replicas' go through it. */
  file: ExamplesFileEditor;
  /** With DATABASE_URL: every replica applies the câu mẫu any replica's console changes (src/staff/examples-sync.ts). */
  sync?: ExamplesSync;
}

export interface ExamplesDeps {
  catalogue: LiveCatalogue;
  database?: Pool;
  logger: Logger;
  now: () => number;
  fsync: boolean;
  /** This replica's name (src/replicas). */
  replica?: string;
}

/**
 * Opens the câu mẫu's editor, and with a database their sync, on every replica — whether it serves the staff console
 * or only the bot (STAFF_CONSOLE=off): each listens for changes made elsewhere; the console, where it runs, announces
 * its own. A sync that cannot open leaves the replica serving its own file, with a warning.
 */
export async function openExamples(deps: ExamplesDeps): Promise<ServiceExamples> {
  const { catalogue, database, logger } = deps;
  const file = new ExamplesFileEditor(catalogue.dataDir, deps.fsync);
  if (!database) return { file };
  const sync = await ExamplesSync.open(database, {
    file,
    reload: () => catalogue.reload(),
    served: () => catalogue.current().catalogue.examples ?? [],
    knownCodes: () => labelCodes(catalogue),
    logger,
    now: deps.now,
    origin: deps.replica ?? "?",
    fsync: deps.fsync,
  }).catch((err: unknown) => {
    logger.warn({ err: errorSummary(err) }, "câu mẫu: changes made on other replicas will not be applied here");
    return undefined;
  });
  return { file, sync };
}

/** Every procedure a label may name, as the console offers them: the shared catalogue's and the overlays'. */
function labelCodes(catalogue: LiveCatalogue): Set<string> {
  const { procedures, province } = catalogue.current().catalogue;
  const codes = new Set(procedures.map((p) => p.code));
  for (const p of province?.provinceOverlay.procedures ?? []) codes.add(p.code);
  for (const overlay of province?.wardOverlays.values() ?? []) for (const p of overlay.procedures) codes.add(p.code);
  return codes;
}
