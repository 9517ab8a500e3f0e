import { type FSWatcher, watch } from "node:fs";
import { ProcedureSearch } from "../search/index.js";
import { type Catalogue, loadCatalogue } from "./load.js";
import { formatReport, type Problem } from "./problems.js";

/** A catalogue with its search index, swapped as one piece so a reader never sees half of a reload. */
export interface CatalogueSnapshot {
  catalogue: Catalogue;
  search: ProcedureSearch;
}

export interface CatalogueEvents {
  reloaded?: (snapshot: CatalogueSnapshot) => void;
  rejected?: (problems: Problem[], report: string) => void;
}

/**
 * Serves the last good catalogue. When a data file changes it reloads; an invalid
 * change is refused with the validation report and the previous catalogue keeps serving.
 */
export class LiveCatalogue {
  private snapshot: CatalogueSnapshot;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private reloading = Promise.resolve();

  private constructor(
    readonly dataDir: string,
    first: CatalogueSnapshot,
    private readonly events: CatalogueEvents,
  ) {
    this.snapshot = first;
  }

  /** Loads the catalogue; throws with the full report when it is invalid, since there is nothing to fall back to. */
  static async open(dataDir: string, events: CatalogueEvents = {}): Promise<LiveCatalogue> {
    const result = await loadCatalogue(dataDir);
    if (!result.ok) throw new CatalogueError(result.problems);
    return new LiveCatalogue(dataDir, index(result.catalogue), events);
  }

  current(): CatalogueSnapshot {
    return this.snapshot;
  }

  /** Reloads now; resolves to whether a new catalogue is serving. Reloads never overlap. */
  reload(): Promise<boolean> {
    const run = this.reloading.then(async () => {
      const result = await loadCatalogue(this.dataDir);
      if (!result.ok) {
        this.events.rejected?.(result.problems, formatReport(result.problems));
        return false;
      }
      if (result.catalogue.version === this.snapshot.catalogue.version) return false;
      this.snapshot = index(result.catalogue);
      this.events.reloaded?.(this.snapshot);
      return true;
    });
    this.reloading = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Watches the data directory; editors write in bursts, so changes are debounced. */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    this.watcher = watch(this.dataDir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), debounceMs);
    });
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}

export class CatalogueError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatReport(problems));
    this.name = "CatalogueError";
  }
}

function index(catalogue: Catalogue): CatalogueSnapshot {
  return { catalogue, search: new ProcedureSearch(catalogue.procedures, catalogue.synonyms) };
}
