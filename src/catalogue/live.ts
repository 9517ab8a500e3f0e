import { type FSWatcher, watch } from "chokidar";
import { MAX_CHARS as SCRUBBED_MAX, scrubQuestion } from "../questions/scrub.js";
import { ExampleIndex, ExampleSearch, exactKey, type LabelledExample } from "../search/examples.js";
import type { ProcedureSearch } from "../search/index.js";
import { cleanText } from "../search/normalize.js";
import type { SynonymsFile } from "../search/records.js";
import { type Example, isStaffExample } from "./examples.js";
import { type Catalogue, loadCatalogue } from "./load.js";
import { formatReport, type Problem } from "./problems.js";
import { ReadingsOnce } from "./readings.js";
import type { Procedure } from "./schema.js";

/** A catalogue with its search index, swapped as one piece so a reader never sees half of a reload. */
export interface CatalogueSnapshot {
  catalogue: Catalogue;
  search: ProcedureSearch<Procedure>;
  /**
   * What the câu mẫu say of the look-alikes (readings.ts), learned once for this catalogue version when a chat first
   * needs it, in steps off the event loop; ward views hold their catalogue's. Absent, look-alikes are told apart by the
   * records' fields only.
   */
  readings?: ReadingsOnce;
}

export interface CatalogueEvents {
  reloaded?: (snapshot: CatalogueSnapshot, warnings: Problem[]) => void;
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
  private watching: Promise<void> = Promise.resolve();
  private reloading = Promise.resolve();

  private constructor(
    readonly dataDir: string,
    first: CatalogueSnapshot,
    private warningList: Problem[],
    private readonly events: CatalogueEvents,
  ) {
    this.snapshot = first;
  }

  /**
   * Loads the catalogue; throws with the full report when it is invalid, since there is nothing to fall back to.
   * `search: "when first used"` is for tools that read the records only (the dossier import checks codes): the index
   * (câu mẫu, re-ranker: seconds) is built if and when a search is asked. The bot builds it at once, so a catalogue
   * whose index cannot be built never starts serving.
   */
  static async open(
    dataDir: string,
    events: CatalogueEvents = {},
    options: { search?: "now" | "when first used" } = {},
  ): Promise<LiveCatalogue> {
    const result = await loadCatalogue(dataDir);
    if (!result.ok) throw new CatalogueError(result.problems);
    const first = options.search === "when first used" ? indexWhenUsed(result.catalogue) : index(result.catalogue);
    return new LiveCatalogue(dataDir, first, result.warnings, events);
  }

  /** What the serving catalogue was accepted with but staff should still fix (sample office data…). */
  warnings(): readonly Problem[] {
    return this.warningList;
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
      this.warningList = result.warnings;
      this.events.reloaded?.(this.snapshot, result.warnings);
      return true;
    });
    this.reloading = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Watches the data directory; editors write in bursts, so changes are debounced. Resolves once
   * the watch is in place. Node's own recursive fs.watch follows a file's inode: after a save by
   * rename (sed -i, git checkout, editors saving atomically) it stopped seeing later in-place saves
   * of that file. chokidar re-arms on every rename, so every save is picked up.
   */
  watch(debounceMs = 300): Promise<void> {
    if (this.watcher) return this.watching;
    const watcher = watch(this.dataDir, { ignoreInitial: true, ignored: (p) => /(^|[/\\])\.[^/\\]/.test(p) });
    this.watcher = watcher;
    watcher.on("all", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), debounceMs);
    });
    this.watching = new Promise((resolve) => watcher.once("ready", () => resolve()));
    return this.watching;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }
}

export class CatalogueError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatReport(problems));
    this.name = "CatalogueError";
  }
}

/**
 * The search over a catalogue, built alike everywhere (the live catalogue, a ward's view, the
 * search CLI): the redirects let it hold back a confident answer for what other agencies do, and
 * the labelled examples (câu mẫu, examples.json) answer a question staff labelled as they labelled it.
 */
export function indexCatalogue(catalogue: Catalogue): ProcedureSearch<Procedure> {
  return new ExampleSearch(
    catalogue.procedures,
    catalogue.synonyms,
    servedExamples(catalogue.examples),
    catalogue.redirects,
    {
      key: labelKey,
    },
  );
}

/** What the served search answers a text from the câu mẫu: the label's code (or `none`) and section. */
export interface ServedLabel {
  code: string;
  intent?: string;
}

/**
 * Which câu mẫu the served search answers a text from, decided as the search decides it (its own ExampleIndex,
 * the same key `labelKey`, staff's labels over the others, examples of the same words that disagree answering
 * nothing, a text typed without accents meeting an example that folds alike, one typed with other accents not):
 * for the staff console's "Đã gán". `known`: the codes some view of the catalogue serves (a ward's own procedure
 * is answered in that ward). Only the examples' words are read: cheap enough to build per catalogue.
 */
export function servedLabels(
  examples: readonly Example[],
  synonyms: SynonymsFile,
  known: ReadonlySet<string>,
): (text: string) => ServedLabel | undefined {
  const index = new ExampleIndex(servedExamples(examples), synonyms, known, { nearest: false, key: labelKey });
  return (text) => {
    const { exact, exactIntent } = index.nearest(text);
    return exact === undefined ? undefined : { code: exact, ...(exactIntent ? { intent: exactIntent } : {}) };
  };
}

/** The catalogue's examples as the search takes them: staff's labels override what others say of the same words. */
export function servedExamples(examples: readonly Example[]): LabelledExample[] {
  return examples.map((e) => (isStaffExample(e) ? { ...e, overrides: true } : e));
}

/**
 * Staff label questions as the console shows them, numbers, phones and dossier codes scrubbed ("cấp sổ hộ nghèo
 * năm [số]"): a message is compared so too, so "… năm 2027" is that question. Past what the scrubbing keeps
 * (300 characters), a letter is compared whole, lest two letters alike in their first 300 characters meet.
 */
export function labelKey(text: string): string {
  let key = labelKeys.get(text);
  if (key === undefined) {
    key = exactKey(cleanText(text).length > SCRUBBED_MAX ? text : scrubQuestion(text));
    if (keyedExamples.has(text)) {
      if (labelKeys.size >= KEPT_LABEL_KEYS) labelKeys.clear();
      labelKeys.set(text, key);
    }
  }
  return key;
}

/**
 * Each index built (every reload, each ward's view) keys all the câu mẫu again, and scrubbing is most of it: a text's
 * key depends on the text alone, so it is kept, for at most this many texts (then started afresh).
 */
const KEPT_LABEL_KEYS = 50_000;
const labelKeys = new Map<string, string>();
/**
 * Only câu mẫu texts are kept: a citizen's message is keyed afresh at each search and never held in memory (it may
 * carry a phone number or a name). The set follows the catalogues indexed here (each reload adds its câu mẫu) and is
 * started afresh past the same bound as the keys.
 */
const keyedExamples = new Set<string>();

/** Whether labelKey holds this text's key in memory (for the test that no citizen's message is held). */
export function labelKeyKept(text: string): boolean {
  return labelKeys.has(text);
}

function keepKeysOf(examples: readonly Example[]): void {
  if (keyedExamples.size + examples.length > KEPT_LABEL_KEYS) {
    keyedExamples.clear();
    labelKeys.clear();
  }
  for (const example of examples) keyedExamples.add(example.text);
}

function index(catalogue: Catalogue): CatalogueSnapshot {
  keepKeysOf(catalogue.examples);
  return {
    catalogue,
    search: indexCatalogue(catalogue),
    readings: new ReadingsOnce(catalogue.synonyms, catalogue.examples),
  };
}

/** A snapshot whose search is built on its first use (LiveCatalogue.open's `search: "when first used"`). */
function indexWhenUsed(catalogue: Catalogue): CatalogueSnapshot {
  let search: ProcedureSearch<Procedure> | undefined;
  return {
    catalogue,
    get search() {
      if (!search) {
        keepKeysOf(catalogue.examples);
        search = indexCatalogue(catalogue);
      }
      return search;
    },
    readings: new ReadingsOnce(catalogue.synonyms, catalogue.examples),
  };
}
